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
