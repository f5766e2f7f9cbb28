# ruff: noqa: E501
"""Fill konvergensi/locale/en/LC_MESSAGES/django.po with the English UI strings below.

Run after `manage.py makemessages -l en ...` (see README in this folder), then
`manage.py compilemessages`. Entries already translated are kept; a key ending in "…" matches
a msgid by its beginning (for long paragraphs)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / "django.po"

EN = {
    "Bappeda": "Bappeda",
    "Puskesmas": "Puskesmas",
    "Kecamatan": "Kecamatan",
    "puskesmas": "puskesmas",
    "posyandu": "posyandu",
    "Posyandu": "Posyandu",
    "Bahasa Indonesia": "Bahasa Indonesia",
    "English": "English",
    "Instansi dan peran": "Institution and role",
    "Jenis OPD": "OPD type",
    "Kabupaten untuk Bappeda/OPD/pimpinan, kecamatan, atau desa.": "Kabupaten for Bappeda/OPD/leadership, kecamatan, or desa.",
    "Hanya untuk instansi jenis puskesmas.": "Only for puskesmas institutions.",
    "Jenis OPD wajib diisi untuk OPD.": "An OPD needs its OPD type.",
    "Pilih puskesmas yang diwakili.": "Choose the puskesmas it represents.",
    "Wilayah wajib diisi.": "The region is required.",
    "Instansi jenis ini harus berada di tingkat %(level)s.": "An institution of this kind must be at the %(level)s level.",
    "Kata sandi": "Password",
    "Ulangi kata sandi": "Repeat password",
    "Nama depan": "First name",
    "Nama belakang": "Last name",
    "Kedua kata sandi tidak sama.": "The two passwords differ.",
    "Organisasi Perangkat Daerah (OPD)": "Local government agency (OPD)",
    "Desa/Kelurahan (KPM)": "Village (KPM)",
    "Bupati/Walikota": "Regent/Mayor",
    "Pemerintah Provinsi": "Provincial government",
    "nama": "name",
    "jenis": "kind",
    "jenis OPD": "OPD type",
    "urusan": "affairs",
    "wilayah": "region",
    "instansi": "institution",
    "Admin kabupaten/kota": "District admin",
    "Operator (entri data)": "Operator (data entry)",
    "Pembaca": "Reader",
    "peran": "role",
    "pengguna": "user",
    "Instansi": "Institutions",
    "Pengaturan": "Settings",
    "Instansi baru": "New institution",
    "Simpan": "Save",
    "Riwayat perubahan": "Change history",
    "Tambah instansi": "Add institution",
    "Nama": "Name",
    "Jenis": "Kind",
    "Wilayah": "Region",
    "Pengguna": "Users",
    "Belum ada instansi.": "No institutions yet.",
    "Tambah pengguna": "Add user",
    "Nama pengguna": "Username",
    "Peran": "Role",
    "Aktif": "Active",
    "ya": "yes",
    "tidak": "no",
    "Belum ada pengguna.": "No users yet.",
    "Pengguna baru": "New user",
    "Akun dikunci sementara": "Account temporarily locked",
    "Terlalu banyak percobaan masuk…": "Too many failed login attempts (%(limit)s). For security, logging in to this account from this device is locked for a while.",
    "Coba lagi setelah %(minutes)s menit.": "Try again in %(minutes)s minutes.",
    "Jika Anda lupa kata sandi, hubungi admin Bappeda kabupaten/kota Anda.": "If you forgot your password, contact your district's Bappeda admin.",
    "Masuk": "Log in",
    "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil.": "Wrong username or password. Mind upper and lower case.",
    "Lupa kata sandi? Hubungi admin Bappeda kabupaten/kota Anda.": "Forgot your password? Contact your district's Bappeda admin.",
    "Data publik": "Public data",
    "Tentang": "About",
    "Instansi disimpan.": "Institution saved.",
    "Pengguna disimpan.": "User saved.",
    "Dasbor": "Dashboard",
    "Data": "Data",
    "dibuat": "created",
    "diubah": "changed",
    "dihapus": "deleted",
    "Menunggu": "Queued",
    "Berjalan": "Running",
    "Selesai": "Done",
    "Gagal": "Failed",
    "id tugas": "task id",
    "status": "status",
    "jumlah": "total",
    "selesai": "done",
    "pesan": "message",
    "hasil": "result",
    "tugas latar belakang": "background job",
    "Kemajuan tugas": "Job progress",
    "Tentang dan lisensi": "About and licences",
    "Tentang Konvergensi": "About Konvergensi",
    "Konvergensi adalah sistem…": "Konvergensi runs the 8 convergence actions for accelerating stunting reduction in a district, following the Guideline for Integrated Stunting Reduction Interventions in Districts/Cities.",
    "Perangkat lunak ini berlisensi AGPL-3.0-or-later.": "This software is licensed AGPL-3.0-or-later.",
    "Data wilayah": "Region data",
    "Kode dan nama wilayah…": "Region codes and names (Kepmendagri) come from idn-area-data and are available under the Open Database License (ODbL) 1.0.",
    "Sumber dan lisensi data wilayah": "Source and licence of the region data",
    "Standar pertumbuhan": "Growth standards",
    "Z-skor dihitung…": "Z-scores use the WHO Child Growth Standards (2006) for children 0–5 years and the WHO Growth Reference (2007) for 5–18 years; categories follow Permenkes No. 2/2020 on child anthropometric standards.",
    "Pustaka JavaScript dan CSS": "JavaScript and CSS libraries",
    "Waktu": "Time",
    "Oleh": "By",
    "Perubahan": "Changes",
    "sistem": "system",
    "Akun Anda belum terhubung…": "Your account is not linked to an institution in a district yet. Contact the Bappeda admin.",
    "8 Aksi Konvergensi": "8 Convergence Actions",
    "hari ini": "today",
    "Tahun": "Year",
    "Tampilkan": "Show",
    "Yang perlu dikerjakan": "To do",
    "Aksi": "Action",
    "Terlambat": "Late",
    "Bulan ini": "This month",
    "Tidak ada aksi yang jatuh tempo bulan ini.": "No action is due this month.",
    "Kemajuan 8 aksi": "Progress of the 8 actions",
    "Keseluruhan": "Overall",
    "Kemajuan keseluruhan": "Overall progress",
    "Kemajuan": "Progress",
    "Tugas": "Job",
    "Tugas latar belakang": "Background job",
    "Kembali": "Back",
    "Data publik percepatan penurunan stunting": "Public data on stunting reduction",
    "Halaman ini akan memuat…": "This page will show the measurement results and analyses the district publishes (Action 7: measurement and publication of stunting data): stunting prevalence per kecamatan and desa, service coverage, and publication documents.",
    "Belum ada data yang dipublikasikan.": "No data has been published yet.",
    "Data pribadi anak (nama, NIK) tidak pernah dipublikasikan.": "Children's personal data (names, NIK) is never published.",
    "Masuk untuk petugas": "Staff login",
    "Judul dokumen": "Document title",
    "Berkas": "File",
    "Jenis berkas tidak diizinkan. Gunakan PDF, DOCX, XLSX, PPTX, JPG atau PNG.": "File type not allowed. Use PDF, DOCX, XLSX, PPTX, JPG or PNG.",
    "Ukuran berkas melebihi batas 20 MB.": "The file is larger than 20 MB.",
    "Isi berkas tidak sesuai dengan jenisnya (%(ext)s).": "The file's content does not match its type (%(ext)s).",
    "Belum mulai": "Not started",
    "Sedang berjalan": "In progress",
    "tahun": "year",
    "aksi": "action",
    "catatan": "notes",
    "kemajuan aksi": "action progress",
    "judul": "title",
    "berkas": "file",
    "dokumen bukti": "evidence document",
    "Aksi Konvergensi": "Convergence action",
    "Jadwal": "Schedule",
    "Penanggung jawab": "Responsible",
    "Pendukung": "Supporting",
    "Status": "Status",
    "Kegiatan": "Activities",
    "Keluaran": "Outputs",
    "Fitur aksi ini": "This action's features",
    "Fitur khusus aksi ini belum tersedia.": "This action's own features are not available yet.",
    "Status dan catatan": "Status and notes",
    "Catatan": "Notes",
    "Belum ada catatan.": "No notes yet.",
    "Dokumen bukti": "Evidence documents",
    "Belum ada dokumen bukti.": "No evidence documents yet.",
    "PDF, DOCX, XLSX, PPTX, JPG atau PNG; paling besar 20 MB.": "PDF, DOCX, XLSX, PPTX, JPG or PNG; at most 20 MB.",
    "Unggah": "Upload",
    "Status aksi disimpan.": "Action status saved.",
    "Status tidak valid.": "Invalid status.",
    "Dokumen bukti diunggah.": "Evidence uploaded.",
    "Berkas XLSX atau CSV": "XLSX or CSV file",
    "Gunakan berkas XLSX atau CSV dari templat.": "Use an XLSX or CSV file from the template.",
    "Tingkat wilayah": "Region level",
    "Berkas GeoJSON": "GeoJSON file",
    "Sumber data": "Data source",
    "Gunakan berkas .geojson atau .json.": "Use a .geojson or .json file.",
    "Ukuran berkas melebihi batas 50 MB.": "The file is larger than 50 MB.",
    "Provinsi": "Province",
    "Kabupaten/Kota": "District/City",
    "Desa/Kelurahan": "Village",
    "kode Kemendagri": "Kemendagri code",
    "tingkat": "level",
    "geometri GeoJSON": "GeoJSON geometry",
    "sumber": "source",
    "batas wilayah": "boundary",
    "kode puskesmas": "puskesmas code",
    "desa wilayah kerja": "desa served",
    "Baris %(row)s, kolom %(column)s: %(message)s": "Row %(row)s, column %(column)s: %(message)s",
    "Berkas tidak dapat dibaca sebagai lembar kerja.": "The file cannot be read as a spreadsheet.",
    "Jenis berkas tidak didukung. Gunakan XLSX atau CSV.": "Unsupported file type. Use XLSX or CSV.",
    "Berkas kosong.": "The file is empty.",
    "Kolom wajib tidak ada: %(columns)s.": "Required columns missing: %(columns)s.",
    "kode puskesmas kosong": "puskesmas code is empty",
    "kode %(code)s ganda (sudah ada di baris %(row)s)": "code %(code)s is duplicated (already in row %(row)s)",
    "kode %(code)s sudah dipakai puskesmas di luar kabupaten ini": "code %(code)s is used by a puskesmas outside this district",
    "nama puskesmas kosong": "puskesmas name is empty",
    "kode kecamatan kosong": "kecamatan code is empty",
    "kecamatan %(code)s di luar kabupaten ini": "kecamatan %(code)s is outside this district",
    "kode kecamatan %(code)s tidak dikenal": "unknown kecamatan code %(code)s",
    "desa %(code)s di luar kabupaten ini": "desa %(code)s is outside this district",
    "kode desa %(code)s tidak dikenal": "unknown desa code %(code)s",
    "desa %(code)s sudah masuk wilayah kerja puskesmas %(other)s": "desa %(code)s is already served by puskesmas %(other)s",
    "nama posyandu kosong": "posyandu name is empty",
    "kode desa kosong": "desa code is empty",
    "posyandu %(name)s di desa %(code)s ganda (baris %(row)s)": "posyandu %(name)s in desa %(code)s is duplicated (row %(row)s)",
    "kode puskesmas %(code)s tidak dikenal di kabupaten ini": "unknown puskesmas code %(code)s in this district",
    "puskesmas %(code)s tidak melayani desa %(desa)s": "puskesmas %(code)s does not serve desa %(desa)s",
    "petunjuk": "instructions",
    "Isi satu baris per %(kind)s; hapus baris contoh.": "One row per %(kind)s; delete the example row.",
    "Kode wilayah memakai kode Kemendagri bertitik, mis. 53.02.01.2001.": "Region codes are dotted Kemendagri codes, e.g. 53.02.01.2001.",
    "kode_desa_wilayah_kerja: kode desa dipisah titik koma (;).": "kode_desa_wilayah_kerja: desa codes separated by semicolons (;).",
    "kode_puskesmas boleh kosong; jika diisi, puskesmas harus melayani desa.": "kode_puskesmas may be empty; if given, the puskesmas must serve the desa.",
    "Berkas bukan JSON yang sah: %(error)s": "The file is not valid JSON: %(error)s",
    "GeoJSON harus berupa FeatureCollection.": "The GeoJSON must be a FeatureCollection.",
    "FeatureCollection tidak berisi fitur.": "The FeatureCollection has no features.",
    "Fitur ke-%(n)s: tidak ada properti kode (code/kode).": "Feature %(n)s: no code property (code/kode).",
    "Fitur ke-%(n)s (%(code)s): geometri harus Polygon atau MultiPolygon.": "Feature %(n)s (%(code)s): geometry must be Polygon or MultiPolygon.",
    "Memeriksa %(n)s baris": "Checking %(n)s rows",
    "%(n)s baris bermasalah; tidak ada yang disimpan.": "%(n)s rows have problems; nothing was saved.",
    "Menyimpan": "Saving",
    "%(created)s baru, %(updated)s diperbarui, %(unchanged)s tidak berubah": "%(created)s new, %(updated)s updated, %(unchanged)s unchanged",
    "Impor gagal: %(error)s": "Import failed: %(error)s",
    "Batas wilayah": "Boundaries",
    "Batas wilayah (GeoJSON)": "Boundaries (GeoJSON)",
    "Opsional. Unggah FeatureCollection…": "Optional. Upload a FeatureCollection per level; each feature needs a code (or kode) property with the Kemendagri code and a Polygon/MultiPolygon geometry. Boundaries are used for maps.",
    "Tidak ada yang disimpan:": "Nothing was saved:",
    "Kode tanpa wilayah yang cocok (dilewati):": "Codes without a matching region (skipped):",
    "Data wilayah dan fasilitas": "Regions and facilities",
    "kecamatan": "kecamatan",
    "desa/kelurahan": "desa/kelurahan",
    "Impor puskesmas": "Import puskesmas",
    "Impor posyandu": "Import posyandu",
    "Kode": "Code",
    "Belum ada data wilayah. Jalankan manage.py load_regions.": "No region data yet. Run manage.py load_regions.",
    "Impor": "Import",
    "Unduh templat": "Download the template",
    "kolom": "columns",
    "Isi satu baris per fasilitas, lalu unggah sebagai XLSX atau CSV.": "Fill one row per facility, then upload it as XLSX or CSV.",
    "Periksa pratinjau…": "Check the preview, then confirm. All rows are saved together, or none.",
    "Baris": "Row",
    "Kolom": "Column",
    "Alasan": "Reason",
    "Pratinjau": "Preview",
    "baru": "new",
    "diperbarui": "updated",
    "tidak berubah": "unchanged",
    "Konfirmasi dan simpan": "Confirm and save",
    "Unggah dan periksa": "Upload and check",
    "Desa": "Desa",
    "Belum ada posyandu.": "No posyandu yet.",
    "Desa wilayah kerja": "Desa served",
    "Belum ada puskesmas.": "No puskesmas yet.",
    "Kode Kemendagri": "Kemendagri code",
    "Dilayani oleh": "Served by",
    "Belum ada puskesmas yang melayani desa ini.": "No puskesmas serves this desa yet.",
    "Sesi impor tidak ditemukan; unggah ulang berkasnya.": "Import session not found; upload the file again.",
    "%(n)s batas wilayah disimpan.": "%(n)s boundaries saved.",
    "Langsung ke isi": "Skip to content",
    "Menu": "Menu",
    "Bahasa": "Language",
    "Keluar": "Log out",
    "Data wilayah: Kepmendagri via idn-area-data (ODbL 1.0)": "Region data: Kepmendagri via idn-area-data (ODbL 1.0)",
    "Tentang &amp; lisensi": "About &amp; licences",
}
PLURALS = {
    "%(n)s kesalahan ditemukan; tidak ada yang disimpan.": (
        "%(n)s error found; nothing was saved.",
        "%(n)s errors found; nothing was saved.",
    ),
}


def _unquote(lines: list[str]) -> str:
    pattern = re.compile(r'^(?:msgid(?:_plural)? |msgstr(?:\[\d\])? )?"(.*)"$')
    matches = (pattern.match(line) for line in lines)
    return "".join(m.group(1) for m in matches if m).replace('\\"', '"')


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _lookup(msgid: str) -> str | None:
    if msgid in EN:
        return EN[msgid]
    for key, value in EN.items():
        if key.endswith("…") and msgid.startswith(key[:-1]):
            return value
    return None


def main() -> int:
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing = []
    out = []
    for block in blocks:
        lines = block.split("\n")
        ids = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        if not ids:
            out.append(block)
            continue
        start = ids[0]
        end = next(i for i, line in enumerate(lines) if line.startswith(("msgid_plural", "msgstr")))
        msgid = _unquote(lines[start:end])
        if msgid == "":
            out.append(block)
            continue
        head = [line for line in lines[:start] if line != "#, fuzzy"]
        body = lines[start:end]
        if any(line.startswith("msgid_plural") for line in lines):
            p = next(i for i, line in enumerate(lines) if line.startswith("msgid_plural"))
            s0 = next(i for i, line in enumerate(lines) if line.startswith("msgstr[0]"))
            one, many = PLURALS.get(msgid, ("", ""))
            if not one:
                missing.append(msgid)
            out.append(
                "\n".join(
                    head
                    + body
                    + lines[p:s0]
                    + [f"msgstr[0] {_quote(one)}", f"msgstr[1] {_quote(many)}"]
                )
            )
            continue
        existing = _unquote(
            lines[next(i for i, line in enumerate(lines) if line.startswith("msgstr")) :]
        )
        value = _lookup(msgid) or existing
        if not value:
            missing.append(msgid)
        out.append("\n".join(head + body + [f"msgstr {_quote(value)}"]))
    PO.write_text("\n\n".join(out), encoding="utf-8")
    for m in missing:
        print("untranslated:", m[:70], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
