import datetime as dt

from konvergensi.measurements.eppgbm import read_table

from .files import row, write_xlsx


def test_it_reads_a_date_and_a_year_in_the_title_rows_as_excel_shows_them(tmp_path):
    titles = [["Tanggal unduh:", dt.datetime(2025, 2, 5)], ["Tahun", 2025.0]]

    raw = read_table(write_xlsx(tmp_path / "ekspor.xlsx", [row()], titles=titles))

    assert raw.title_rows == (("Tanggal unduh:", "05/02/2025"), ("Tahun", "2025"))
