import datetime as dt

import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table, write_error_file

from .files import HEADER, TODAY, row, write_csv, write_xlsx


def test_it_writes_an_xlsx_error_file_with_status_and_reasons(tmp_path):
    rows = [
        row(Tgl_Lahir=dt.date(2023, 1, 5), Berat=11.5),
        row(Nama="Ani", NIK="12", JK="X", Berat=9.0),
        row(Nama="Cici", NIK="", Berat=12.0),
    ]
    raw = read_table(write_xlsx(tmp_path / "in.xlsx", rows, titles=[["DATA PENGUKURAN"]]))
    parsed = parse_rows(raw, today=TODAY)

    written = write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx")

    assert written == 3
    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx").active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == [*HEADER, "Status", "Kolom", "Alasan", "Baris Asal"]
    assert values[1][4] == dt.datetime(2023, 1, 5)  # the original date cell, still a date
    assert values[1][-4:] == ["OK", None, None, 3]
    assert values[2][-4:] == [
        "Galat",
        "JK; NIK",  # errors first
        "Jenis kelamin tidak dikenal: 'X' (nilai yang diterima: L, P, Laki-laki, Perempuan); "
        "NIK harus 16 angka: '12' (NIK dikosongkan)",
        4,
    ]
    assert values[3][-4:] == ["OK", None, None, 5]


def test_it_writes_only_the_problem_rows_as_csv_like_the_input(tmp_path):
    rows = [
        row(Nama="Stéfanus"),
        row(Nama="Ani", NIK="", Berat="sebelas"),
        row(Nama="Cici", NIK="12"),
    ]
    raw = read_table(write_csv(tmp_path / "in.csv", rows, encoding="cp1252"))
    parsed = parse_rows(raw, today=TODAY)

    written = write_error_file(raw, parsed.issues, tmp_path / "galat.csv", only_problems=True)

    assert written == 2
    assert raw.encoding == "cp1252"
    text = (tmp_path / "galat.csv").read_text(encoding="cp1252").splitlines()
    assert text[0] == ";".join([*HEADER, "Status", "Kolom", "Alasan", "Baris Asal"])
    assert text[1].startswith("1;;Ani;L;05/01/2023;")
    assert text[1].endswith(
        ";sebelas;85,2;Berdiri;Galat;Berat;Berat badan bukan angka: 'sebelas';3"
    )
    assert text[2].endswith(";Peringatan;NIK;NIK harus 16 angka: '12' (NIK dikosongkan);4")


def test_it_reads_a_corrected_error_file_back(tmp_path):
    raw = read_table(write_csv(tmp_path / "in.csv", [row(Berat="115")]))
    parsed = parse_rows(raw, today=TODAY)
    write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx", fmt="xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx")
    sheet.active.cell(row=2, column=HEADER.index("Berat") + 1, value="11,5")
    sheet.save(tmp_path / "diperbaiki.xlsx")
    again = parse_rows(read_table(tmp_path / "diperbaiki.xlsx"), today=TODAY)

    assert again.issues == []
    assert again.data["weight_kg"].to_list() == [11.5]


def test_it_fills_the_problem_cells_red_for_errors_and_yellow_for_warnings(tmp_path):
    rows = [
        row(Nama="Budi"),
        row(Nama="Ani", NIK="12", JK="X"),  # NIK: warning (blanked); JK: error
        row(Nama="Cici", NIK="5302014501230002", Berat="sebelas"),
    ]
    raw = read_table(write_csv(tmp_path / "in.csv", rows))
    parsed = parse_rows(raw, today=TODAY)

    write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx", only_problems=True, fmt="xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx").active

    def filled(r: int) -> dict[str, str]:
        return {
            HEADER[c.column - 1]: c.fill.fgColor.rgb
            for c in sheet[r]
            if c.fill.fill_type == "solid"
        }

    assert [c.value for c in sheet[2]][2] == "Ani"
    assert filled(2) == {"NIK": "FFFFEB9C", "JK": "FFFFC7CE"}
    assert filled(3) == {"Berat": "FFFFC7CE"}
    assert filled(1) == {}  # the header
    assert sheet.cell(row=3, column=HEADER.index("Berat") + 1).value == "sebelas"


def test_it_fills_a_date_cell_and_keeps_it_a_date(tmp_path):
    # measured after "today" (TODAY is 01/03/2025): an error on a cell that holds a date
    rows = [row(Nama="Ani", Usia_Saat_Ukur="", Tanggal_Pengukuran=dt.date(2026, 1, 5))]
    raw = read_table(write_xlsx(tmp_path / "in.xlsx", rows))
    parsed = parse_rows(raw, today=TODAY)
    write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx").active
    kolom = [c.value for c in sheet[1]].index("Kolom")
    assert sheet.cell(row=2, column=kolom + 1).value == "Tanggal Pengukuran"
    cell = sheet.cell(row=2, column=HEADER.index("Tanggal Pengukuran") + 1)
    assert cell.fill.fgColor.rgb == "FFFFC7CE"
    assert cell.value == dt.datetime(2026, 1, 5) and cell.number_format == "dd/mm/yyyy"


def test_it_ignores_the_extra_columns_when_the_error_file_is_read_again(tmp_path):
    raw = read_table(write_csv(tmp_path / "in.csv", [row(Berat="115", JK="X")]))
    write_error_file(raw, parse_rows(raw, today=TODAY).issues, tmp_path / "g.xlsx", fmt="xlsx")

    again = read_table(tmp_path / "g.xlsx")

    assert again.fields == raw.fields
    assert again.unmapped == ("Status", "Kolom", "Alasan", "Baris Asal")
