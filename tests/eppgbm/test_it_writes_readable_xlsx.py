import datetime as dt

import openpyxl

from konvergensi.documents.xlsx_stream import write_xlsx
from konvergensi.measurements.eppgbm import read_table


def test_it_writes_strings_numbers_dates_and_gaps_that_excel_readers_agree_on(tmp_path):
    rows = [
        ["DATA PENGUKURAN"],
        [],
        ["Nama", "JK", "Tgl Lahir", "Berat", "Catatan"],
        ["Budi & <Ani>", "L", dt.date(2023, 1, 5), 11.5, None],
        ["  spasi  ", "", dt.datetime(2023, 1, 5, 13, 30), 7, True],
    ]
    path = tmp_path / "t.xlsx"

    write_xlsx(str(path), rows, sheet_name="Data", bold_rows=[2])

    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Data"
    assert sheet["A3"].font.b and not sheet["A4"].font.b
    assert [[c.value for c in r] for r in sheet.iter_rows(min_row=3)] == [
        ["Nama", "JK", "Tgl Lahir", "Berat", "Catatan"],
        ["Budi & <Ani>", "L", dt.datetime(2023, 1, 5), 11.5, None],
        ["  spasi  ", None, dt.datetime(2023, 1, 5, 13, 30), 7, True],
    ]
    assert sheet["C4"].number_format == "dd/mm/yyyy"


def test_it_reads_back_what_it_wrote(tmp_path):
    header = ["Nama", "JK", "Tgl Lahir", "Tanggal Pengukuran", "Berat", "Kec", "Desa/Kel"]
    rows = [header, ["Budi", "L", dt.date(2023, 1, 5), dt.date(2025, 2, 5), 11.5, "K", "D"]]
    write_xlsx(str(tmp_path / "r.xlsx"), rows)

    raw = read_table(tmp_path / "r.xlsx")

    assert raw.row_values(0) == ["Budi", "L", dt.date(2023, 1, 5), dt.date(2025, 2, 5), 11.5,
                                 "K", "D"]  # fmt: skip
