import datetime as dt

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row, write_xlsx


def test_it_reads_xlsx_with_title_rows_and_keeps_spreadsheet_row_numbers(tmp_path):
    titles = [["DATA PENGUKURAN BULAN FEBRUARI 2025"], ["Kabupaten: Kupang"], []]
    cells = row(
        Tgl_Lahir=dt.date(2023, 1, 5), Tanggal_Pengukuran=dt.datetime(2025, 2, 5), Berat=11.5
    )
    path = write_xlsx(
        tmp_path / "ekspor.xlsx",
        [cells, [None] * len(HEADER), row(Nama="Ani", NIK="")],
        titles=titles,
    )

    raw = read_table(path)

    assert raw.format == "xlsx"
    assert raw.header_row == 4
    assert raw.rows.tolist() == [5, 7]  # the blank row 6 is skipped, not renumbered
    assert raw.title_rows == (("DATA PENGUKURAN BULAN FEBRUARI 2025",), ("Kabupaten: Kupang",))
    assert raw.label("birth_date") == "Tgl Lahir"
    parsed = parse_rows(raw, today=TODAY)
    d = parsed.data
    assert d["birth_date"].to_list() == [dt.date(2023, 1, 5)] * 2
    assert d["measurement_date"].to_list() == [dt.date(2025, 2, 5)] * 2
    assert d["weight_kg"].to_list() == [11.5, 11.5]
    assert d["age_days"].to_list() == [762, 762]
    assert parsed.issues == []


def test_it_reads_the_sheet_that_has_the_header(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Petunjuk pengisian"])
    data = wb.create_sheet("Data")
    data.append(HEADER)
    data.append(row())
    wb.save(tmp_path / "dua-sheet.xlsx")

    raw = read_table(tmp_path / "dua-sheet.xlsx")

    assert raw.sheet_name == "Data"
    assert raw.rows.tolist() == [2]
