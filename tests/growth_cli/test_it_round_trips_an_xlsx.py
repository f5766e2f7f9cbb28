import datetime as dt
import io

import numpy as np
from openpyxl import Workbook, load_workbook

import growth
from growth import cli


def _write_book(path, sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_it_reads_an_xlsx_sheet_and_writes_an_xlsx_with_the_same_numbers(engine, tmp_path):
    source, target = tmp_path / "data.xlsx", tmp_path / "hasil.xlsx"
    rows = [
        ["JK", "Tgl Lahir", "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur"],
        ["L", dt.date(2023, 1, 15), dt.date(2024, 1, 15), 9.1, 74.5, "Terlentang"],
        ["P", dt.date(2021, 6, 1), dt.date(2024, 2, 1), 12.0, 90.2, "Berdiri"],
        [2, dt.date(2024, 1, 1), dt.date(2024, 1, 31), 4.2, 54.0, None],
    ]
    _write_book(source, {"Lain": [["abaikan"]], "Pengukuran": rows})

    stderr = io.StringIO()
    code = cli.run(source, target, sheet="Pengukuran", stderr=stderr)
    assert code == 0, stderr.getvalue()

    sheet = load_workbook(target, read_only=True).active
    got = [list(r) for r in sheet.iter_rows(values_only=True)]
    header, data = got[0], got[1:]
    assert header[:6] == rows[0]
    assert [r[0] for r in data] == ["L", "P", 2]
    assert [r[3] for r in data] == [9.1, 12.0, 4.2]
    expected = growth.zscores(
        sex=[1, 2, 2],
        age_days=[365, (dt.date(2024, 2, 1) - dt.date(2021, 6, 1)).days, 30],
        weight_kg=[9.1, 12.0, 4.2],
        lenhei_cm=[74.5, 90.2, 54.0],
        measure=["l", "h", None],
    )
    for name, values in expected.items():
        column = [r[header.index(name)] for r in data]
        as_float = [np.nan if v is None else float(v) for v in column]
        # xlsx stores at most 15-17 significant digits: cbmi may differ in the last one.
        np.testing.assert_allclose(
            as_float, np.asarray(values, dtype=float), rtol=1e-14, err_msg=name
        )
    zlen = [r[header.index("zlen")] for r in data]
    assert zlen == [float(v) for v in expected["zlen"]]  # z-scores (2 decimals) are exact
    assert header[-2:] == ["imt_u_code", "imt_u_label"]


def test_it_keeps_dates_as_dates_and_text_as_text_in_the_xlsx_output(engine, tmp_path):
    source, target = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    _write_book(
        source,
        {
            "Data": [
                ["Nama", "JK", "Tgl Lahir", "Tgl Ukur", "Berat"],
                ["A & B <Ani>", "P", dt.date(2023, 3, 1), dt.date(2024, 3, 1), 9.0],
            ]
        },
    )
    assert cli.run(source, target, stderr=io.StringIO()) == 0

    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"  # the header stays visible while scrolling
    row = [c.value for c in sheet[2]]
    assert row[0] == "A & B <Ani>"  # escaped in the XML, intact in the cell
    assert row[2] == dt.datetime(2023, 3, 1)
    assert sheet.cell(2, 3).is_date
    # The file is also what calamine (our own reader) reads back, row numbers included.
    again = cli.read_table(target)
    assert again.headers[:5] == ["Nama", "JK", "Tgl Lahir", "Tgl Ukur", "Berat"]
    assert again.row_numbers == [2]
    assert again.rows[0][4] == 9.0


def test_it_drops_control_characters_that_xlsx_cannot_hold(engine, run_cli):
    # A CSV may carry them (copied from another system); XML 1.0 forbids them even escaped.
    code, stderr, out = run_cli("in.csv", "nama,sex,weight_kg\nSi\x01ti,2,3\n", out="out.xlsx")
    assert code == 0, stderr
    assert load_workbook(out).active["A2"].value == "Siti"
