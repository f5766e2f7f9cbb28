import pytest

from konvergensi.measurements.eppgbm import ImportFileError, read_table

from .files import write_csv, write_xlsx

NOT_A_SPREADSHEET = "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
EMPTY = "Berkas kosong: tidak ada data yang bisa dibaca."
NO_HEADER = (
    "Berkas ini bukan ekspor e-PPGBM: baris judul kolom (Nama, JK, Tgl Lahir, ...) "
    "tidak ditemukan di 15 baris pertama."
)


def _error(source, filename="x"):
    with pytest.raises(ImportFileError) as info:
        read_table(source, filename=filename)
    return str(info.value)


def test_it_rejects_a_png():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    assert _error(png, "foto.xlsx") == NOT_A_SPREADSHEET


def test_it_rejects_random_bytes():
    assert _error(bytes(range(256)) * 8, "acak.csv") == NOT_A_SPREADSHEET


def test_it_rejects_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr("hello.txt", "halo")
    assert _error(tmp_path / "a.zip") == NOT_A_SPREADSHEET


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
