"""The error workbook shows numbers as the user typed them: 3, not 3.0; serial dates 46306; an
intact NIK as text, so Excel does not show 5,30201E+15 (acceptance A01, A04). Users correct the
error file and import it again, so it must read back to the same values."""

import datetime as dt
import re
import zipfile

import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table, write_error_file

from .files import HEADER, row, write_xlsx

TODAY = dt.date(2026, 12, 5)
# 46117 is 04/04/2026 and 46306 is 10/10/2026 as Excel serials
SERIALS = {"Tgl_Lahir": 46117, "Tanggal_Pengukuran": 46306, "Usia_Saat_Ukur": ""}


def _workbook(tmp_path):
    rows = [
        row(No=1.0, NIK=5302014504268591, Nama="Lidia", JK="P", Berat=5.6, Tinggi=60.9, **SERIALS),
        row(No=2.0, NIK=5302014504268590.0, Nama="Rut", JK="P", Berat=6.0, **SERIALS),
        row(No=3.0, NIK="5302011805248643", Nama="Yosua", JK="X", Berat=6.5, **SERIALS),
    ]
    return read_table(write_xlsx(tmp_path / "serial.xlsx", rows))


def _cell(sheet, r, header):
    return sheet.cell(row=r, column=HEADER.index(header) + 1).value


def test_it_writes_integral_numbers_as_integers_and_a_whole_nik_as_text(tmp_path):
    raw = _workbook(tmp_path)
    write_error_file(raw, parse_rows(raw, today=TODAY).issues, tmp_path / "galat.xlsx")

    xml = zipfile.ZipFile(tmp_path / "galat.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert re.findall(r"<v>(\d+\.0)</v>", xml) == []
    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx").active
    assert [_cell(sheet, r, "No") for r in (2, 3, 4)] == [1, 2, 3]
    assert [type(_cell(sheet, r, "No")) for r in (2, 3, 4)] == [int] * 3
    assert _cell(sheet, 2, "Tgl Lahir") == 46117 and _cell(sheet, 2, "Tanggal Pengukuran") == 46306
    assert _cell(sheet, 2, "NIK") == "5302014504268591"
    # a NIK that may have been cut stays a number: imported again, it is flagged again
    assert _cell(sheet, 3, "NIK") == 5302014504268590
    assert _cell(sheet, 2, "Berat") == 5.6 and _cell(sheet, 3, "Berat") == 6
    kolom = [c.value for c in sheet[1]].index("Baris Asal") + 1
    assert [sheet.cell(row=r, column=kolom).value for r in (2, 3, 4)] == [2, 3, 4]


def test_it_reads_the_corrected_error_file_back_to_the_same_values(tmp_path):
    raw = _workbook(tmp_path)
    parsed = parse_rows(raw, today=TODAY)
    write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx")
    book = openpyxl.load_workbook(tmp_path / "galat.xlsx")
    book.active.cell(row=4, column=HEADER.index("JK") + 1, value="L")
    book.save(tmp_path / "diperbaiki.xlsx")

    again = parse_rows(read_table(tmp_path / "diperbaiki.xlsx"), today=TODAY)

    same = ["nik", "name", "birth_date", "measurement_date", "weight_kg", "lenhei_cm"]
    assert again.data.select(same).equals(parsed.data.select(same))
    assert again.data["nik"].to_list() == ["5302014504268591", None, "5302011805248643"]
    assert again.data["sex"].to_list() == [2, 2, 1]
    assert [(i.row, i.code) for i in again.issues] == [(3, "nik_mangled")]
