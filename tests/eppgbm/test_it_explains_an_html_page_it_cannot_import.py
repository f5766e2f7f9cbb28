import pytest

from konvergensi.measurements.eppgbm import ImportFileError, read_table

HTML_PAGE = (
    "Berkas ini halaman web (HTML), bukan spreadsheet: buka di Excel lalu simpan sebagai "
    ".xlsx, atau unduh ulang ekspornya."
)


def _error(page: str, filename="ekspor.xls") -> str:
    with pytest.raises(ImportFileError) as info:
        read_table(page.encode(), filename=filename)
    return str(info.value)


def test_it_says_a_page_without_a_table_is_a_web_page():
    # what an expired session sends instead of the export: the login page
    login = (
        "<!DOCTYPE html>\n<html lang='id'><head><title>e-PPGBM</title></head><body>"
        "<form method='post'><input name='username'><input type='password'></form></body></html>"
    )
    assert _error(login) == HTML_PAGE
    assert _error(login, "ekspor.csv") == HTML_PAGE


def test_it_says_a_page_of_empty_tables_is_a_web_page():
    assert _error("<html><body><table><tr><td>&nbsp;</td><td></td></tr></table>") == HTML_PAGE


def test_it_lists_the_missing_columns_of_a_page_with_other_tables():
    page = (
        "<html><body><table><tr><th>Nama</th><th>JK</th><th>Catatan</th></tr>"
        "<tr><td>Ani</td><td>P</td><td>-</td></tr></table></body></html>"
    )
    assert _error(page) == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan di 15 baris pertama: "
        "Tgl Lahir, Tanggal Pengukuran, Berat atau Tinggi, Kec, Desa/Kel."
    )


def test_it_says_a_header_without_rows_has_no_data():
    page = "<table><tr><th>Nama<th>JK<th>Tgl Lahir<th>Tanggal Pengukuran<th>Berat<th>Kec<th>Desa"
    assert _error(page) == "Berkas tidak berisi data: tidak ada baris di bawah judul kolom."
