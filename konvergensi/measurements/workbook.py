"""The Konvergensi input workbook for posyandu that enter measurements directly.

Sheet "Data" has the headers exactly as the e-PPGBM reader accepts them (so the filled workbook
is imported like any export); "Petunjuk" explains each column in Indonesian; "Daftar Desa" lists
the desa of the user's scope with their Kemendagri codes.
"""

from __future__ import annotations

from konvergensi.documents import xlsx

from .eppgbm_headers import field_for_header

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("NIK", "16 angka, ketik sebagai teks (diawali tanda petik ' bila perlu). Boleh kosong.", 20),
    ("Nama", "Nama lengkap anak. Wajib.", 24),
    ("JK", "L (laki-laki) atau P (perempuan). Wajib.", 6),
    ("Tgl Lahir", "Tanggal lahir, format hh/bb/tttt (contoh 05/01/2024). Wajib.", 12),
    ("Nama Ortu", "Nama ibu (atau orang tua). Dipakai mencocokkan anak tanpa NIK.", 22),
    ("Kec", "Nama kecamatan, seperti di lembar Daftar Desa.", 18),
    ("Desa/Kel", "Nama desa/kelurahan, seperti di lembar Daftar Desa.", 18),
    ("Kode Desa", "Kode Kemendagri desa (contoh 53.02.01.2001); bila diisi nama boleh kosong.", 15),
    ("Posyandu", "Nama posyandu.", 16),
    ("RT", "", 5),
    ("RW", "", 5),
    ("Alamat", "", 24),
    ("Tanggal Pengukuran", "Tanggal penimbangan/pengukuran, hh/bb/tttt. Wajib.", 12),
    ("Berat", "Berat badan dalam kg, desimal dengan koma (contoh 9,5).", 8),
    ("Tinggi", "Panjang/tinggi badan dalam cm (contoh 75,2).", 8),
    ("Cara Ukur", "Terlentang (panjang badan) atau Berdiri (tinggi badan).", 11),
    ("LiLA", "Lingkar lengan atas dalam cm. Boleh kosong.", 7),
    ("Lingkar Kepala", "Lingkar kepala dalam cm. Boleh kosong.", 9),
    ("Edema", "Ya atau Tidak. Kosong berarti tidak.", 7),
)
assert all(field_for_header(h) for h, _, _ in COLUMNS), "every header must be an e-PPGBM header"

TEXT = {"NIK", "Kode Desa"}  # Excel would drop the digits of a number this long
CHOICES = {"JK": ("L", "P"), "Cara Ukur": ("Terlentang", "Berdiri"), "Edema": ("Ya", "Tidak")}

INSTRUCTIONS = (
    "Petunjuk pengisian templat pengukuran balita Konvergensi",
    "",
    "1. Isi satu baris untuk setiap pengukuran satu anak pada satu tanggal, di lembar 'Data'.",
    "2. Jangan mengubah, menghapus atau memindahkan baris judul kolom.",
    "3. Tanggal ditulis hh/bb/tttt; angka desimal memakai koma.",
    "4. Desa dikenali dari Kode Desa, atau dari nama desa di dalam kecamatannya "
    "(lihat lembar 'Daftar Desa').",
    "5. Anak dikenali dari NIK; tanpa NIK dari nama, tanggal lahir dan nama ibu.",
    "6. Unggah berkas di menu Data > Impor pengukuran. Pratinjau menunjukkan setiap baris "
    "yang bermasalah sebelum data disimpan.",
    "7. Mengunggah ulang berkas yang sama tidak membuat data ganda.",
    "",
    "Kolom:",
)


def build_template(desa: list[tuple[str, str, str]]) -> bytes:
    """The workbook for ``desa`` = [(kecamatan name, desa name, code)], as xlsx bytes."""
    data = [
        xlsx.Column(header, xlsx.TEXT if header in TEXT else None, width, CHOICES.get(header, ()))
        for header, _, width in COLUMNS
    ]
    instructions = [[line] for line in INSTRUCTIONS[2:]] + [[h, note] for h, note, _ in COLUMNS]
    places = (
        xlsx.Column("Kec", width=24),
        xlsx.Column("Desa/Kel", width=24),
        xlsx.Column("Kode Desa", xlsx.TEXT, width=16),
    )
    return xlsx.workbook_bytes(
        [
            xlsx.Sheet("Data", data, [], input_rows=xlsx.INPUT_ROWS),
            xlsx.Sheet(
                "Petunjuk", (), instructions, header_lines=INSTRUCTIONS[:1], widths=(22, 90)
            ),
            xlsx.Sheet("Daftar Desa", places, desa),
        ]
    )
