import datetime as dt

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv, write_xlsx


def test_it_parses_the_date_formats_of_csv_exports(tmp_path):
    birth = ["05/01/2023", "05-01-2023", "2023-01-05", "5 Januari 2023", "44931", "05.01.2023"]
    path = write_csv(tmp_path / "tgl.csv", [row(Tgl_Lahir=b) for b in birth])

    d = parse_rows(read_table(path), today=TODAY).data

    assert d["birth_date"].to_list() == [dt.date(2023, 1, 5)] * len(birth)


def test_it_parses_date_cells_serials_and_text_in_xlsx(tmp_path):
    cells = [dt.date(2023, 1, 5), dt.datetime(2023, 1, 5, 0, 0), 44931, "05/01/2023"]
    path = write_xlsx(tmp_path / "tgl.xlsx", [row(Tgl_Lahir=c) for c in cells])

    d = parse_rows(read_table(path), today=TODAY).data

    assert d["birth_date"].to_list() == [dt.date(2023, 1, 5)] * len(cells)
