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
    assert values[0] == [*HEADER, "Status", "Alasan", "Baris Asal"]
    assert values[1][4] == dt.datetime(2023, 1, 5)  # the original date cell, still a date
    assert values[1][-3:] == ["OK", None, 3]
    assert values[2][-3:] == [
        "Galat",
        "NIK harus 16 angka: '12' (NIK dikosongkan); Jenis kelamin tidak dikenal: 'X' "
        "(nilai yang diterima: L, P, Laki-laki, Perempuan)",
        4,
    ]
    assert values[3][-3:] == ["OK", None, 5]


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
    assert text[0] == ";".join([*HEADER, "Status", "Alasan", "Baris Asal"])
    assert text[1].startswith("1;;Ani;L;05/01/2023;")
    assert text[1].endswith(";sebelas;85,2;Berdiri;Galat;Berat badan bukan angka: 'sebelas';3")
    assert text[2].endswith(";Peringatan;NIK harus 16 angka: '12' (NIK dikosongkan);4")


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
