"""Kolom in the error file lists every column with a problem in the row, errors first. A
conflict (the same child measured twice on one date with other values) names the columns whose
values differ: acceptance A04 rows 7 and 13 showed only "NIK" (a warning) while their error
was the weight."""

import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table, write_error_file

from .files import HEADER, TODAY, row, write_xlsx

RED, YELLOW = "FFFFC7CE", "FFFFEB9C"


def _error_file(tmp_path, rows):
    raw = read_table(write_xlsx(tmp_path / "in.xlsx", rows))
    parsed = parse_rows(raw, today=TODAY)
    write_error_file(raw, parsed.issues, tmp_path / "galat.xlsx", only_problems=True)
    sheet = openpyxl.load_workbook(tmp_path / "galat.xlsx").active
    head = [c.value for c in sheet[1]]
    written = [
        {
            "status": r[head.index("Status")].value,
            "kolom": r[head.index("Kolom")].value,
            "alasan": r[head.index("Alasan")].value,
            "filled": {
                HEADER[c.column - 1]: c.fill.fgColor.rgb
                for c in r[: len(HEADER)]
                if c.fill.fill_type == "solid"
            },
        }
        for r in sheet.iter_rows(min_row=2)
    ]
    return parsed, written


def test_it_names_the_differing_value_of_a_conflict_before_a_warning(tmp_path):
    # the NIK was cut by Excel (a warning); both rows are the same child on the same date
    nik = 5302016608238290.0
    rows = [row(NIK=nik, Berat=12.8), row(NIK=nik, Berat=14.1)]

    parsed, written = _error_file(tmp_path, rows)

    assert [(i.row, i.column, i.code) for i in parsed.issues] == [
        (2, "Berat", "conflict"),
        (2, "NIK", "nik_mangled"),
        (3, "Berat", "conflict"),
        (3, "NIK", "nik_mangled"),
    ]
    assert [w["kolom"] for w in written] == ["Berat; NIK", "Berat; NIK"]
    assert written[0]["alasan"].startswith(
        "Anak yang sama diukur pada tanggal yang sama dengan data berbeda di baris 3; NIK "
    )
    assert [w["filled"] for w in written] == [{"Berat": RED, "NIK": YELLOW}] * 2


def test_it_names_each_column_that_differs_in_the_order_of_the_file(tmp_path):
    rows = [
        row(Tinggi="85,2", Berat="11,5", Cara_Ukur="Berdiri"),
        row(Tinggi="86,0", Berat="11,9", Cara_Ukur="Berdiri"),
    ]

    parsed, written = _error_file(tmp_path, rows)

    assert [(i.row, i.column) for i in parsed.issues] == [
        (2, "Berat; Tinggi"),
        (3, "Berat; Tinggi"),
    ]
    assert [w["kolom"] for w in written] == ["Berat; Tinggi"] * 2
    assert [w["filled"] for w in written] == [{"Berat": RED, "Tinggi": RED}] * 2


def test_it_lists_the_columns_with_errors_before_those_with_warnings(tmp_path):
    parsed, written = _error_file(tmp_path, [row(Nama="Ani", NIK="12", JK="X", Tinggi="")])

    assert [i.column for i in parsed.issues] == ["NIK", "JK", "Tinggi"]
    assert written[0]["status"] == "Galat"
    assert written[0]["kolom"] == "JK; NIK; Tinggi"
    assert written[0]["alasan"].startswith("Jenis kelamin tidak dikenal: 'X'")
