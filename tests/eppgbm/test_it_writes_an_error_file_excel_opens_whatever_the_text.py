import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table, write_error_file

from .files import TODAY, row, write_xlsx


def test_it_writes_a_vertical_tab_back_as_excel_wrote_it(tmp_path):
    # Excel stores a vertical tab (pasted from Word) as "_x000B_"; calamine reads the character
    raw = read_table(write_xlsx(tmp_path / "in.xlsx", [row(Nama="Budi_x000B_Santoso", NIK="12")]))
    assert raw.row_values(0)[2] == "Budi\x0bSantoso"

    write_error_file(raw, parse_rows(raw, today=TODAY).issues, tmp_path / "galat.xlsx")

    openpyxl.load_workbook(tmp_path / "galat.xlsx")  # well-formed, so Excel opens it
    assert read_table(tmp_path / "galat.xlsx").row_values(0)[2] == "Budi\x0bSantoso"
