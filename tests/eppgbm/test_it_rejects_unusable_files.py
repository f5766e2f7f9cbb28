import pytest

from konvergensi.measurements.eppgbm import ImportFileError, read_table

from .files import write_csv, write_xlsx

NOT_A_SPREADSHEET = "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
EMPTY = "Berkas kosong: tidak ada data yang bisa dibaca."
NO_HEADER = (
    "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan di 15 baris pertama: Nama, "
    "JK, Tgl Lahir, Tanggal Pengukuran, Berat atau Tinggi, Kec, Desa/Kel."
)


def _error(source, filename="x"):
    with pytest.raises(ImportFileError) as info:
        read_table(source, filename=filename)
    return str(info.value)


def test_it_rejects_a_png():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    assert _error(png, "foto.xlsx") == _not_a_spreadsheet("gambar")


def test_it_rejects_random_bytes():
    assert _error(bytes(range(256)) * 8, "acak.csv") == NOT_A_SPREADSHEET


def test_it_rejects_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr("hello.txt", "halo")
    assert _error(tmp_path / "a.zip") == _not_a_spreadsheet("arsip zip")


def _not_a_spreadsheet(kind: str) -> str:
    return (
        f"Berkas ini bukan spreadsheet (xlsx, xls, ods atau csv), melainkan {kind}. Unggah "
        "ekspor e-PPGBM yang disimpan sebagai Excel atau csv."
    )


def test_it_says_a_pdf_renamed_xlsx_is_a_pdf():
    pdf = b"%PDF-1.3\n%\x93\x8c\x8b\x9e ReportLab Generated PDF document\n1 0 obj\n<<>>\nendobj\n"
    assert _error(pdf, "laporan.xlsx") == _not_a_spreadsheet("dokumen PDF")


def test_it_says_a_word_document_is_a_word_document(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "surat.xlsx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    assert _error(tmp_path / "surat.xlsx") == _not_a_spreadsheet("dokumen Word")


def test_it_says_a_jpeg_is_a_picture():
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4
    assert _error(jpeg, "foto.xlsx") == _not_a_spreadsheet("gambar")


def test_it_lists_only_the_required_columns_a_sheet_lacks(tmp_path):
    # two e-PPGBM columns are too few for a header row; the message still names only the others
    path = write_csv(tmp_path / "lain.csv", [["Ani", "P", "x"]], header=["Nama", "JK", "Catatan"])
    assert _error(path) == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan di 15 baris pertama: "
        "Tgl Lahir, Tanggal Pengukuran, Berat atau Tinggi, Kec, Desa/Kel."
    )


def test_it_rejects_empty_files(tmp_path):
    assert _error(b"") == EMPTY
    assert _error(b"\r\n  \r\n") == EMPTY
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "kosong.xlsx")
    assert _error(tmp_path / "kosong.xlsx") == EMPTY


def test_it_rejects_a_file_without_an_eppgbm_header(tmp_path):
    path = write_csv(tmp_path / "lain.csv", [["1", "2"]], header=["Produk", "Harga"])
    assert _error(path) == NO_HEADER


def test_it_rejects_a_header_without_data_rows(tmp_path):
    path = write_xlsx(tmp_path / "judul.xlsx", [], titles=[["DATA PENGUKURAN"]])
    assert _error(path) == "Berkas tidak berisi data: tidak ada baris di bawah judul kolom."
