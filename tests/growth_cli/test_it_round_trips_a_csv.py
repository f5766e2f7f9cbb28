import csv
import math

import numpy as np

import growth

HEADER = "sex,age_days,weight_kg,lenhei_cm,measure,oedema,muac_cm,headc_cm,nama"
ROWS = [
    "1,0,3.3,49.9,l,n,,34.5,Budi",
    "2,365,8.9,74.0,l,n,14.1,45.0,Siti",
    "1,800,10.2,82.5,h,n,13.0,,Agus",
    "2,1500,14.0,99.0,,y,,,Wati",  # oedema: weight-based z-scores undefined
    "1,1900,16.0,108.0,h,n,,,Tua",  # 5 years and older: no under-5 z-scores
    "2,30,,52.0,l,,,,Tanpa berat",
]


def _read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _number(cell):
    return math.nan if cell == "" else float(cell)


def test_it_writes_input_columns_then_engine_outputs_equal_to_zscores(engine, run_cli):
    code, stderr, out = run_cli("in.csv", "\n".join([HEADER, *ROWS]) + "\n")
    assert code == 0, stderr

    table = _read(out)
    header, rows = table[0], table[1:]
    expected = growth.zscores(
        sex=[1, 2, 1, 2, 1, 2],
        age_days=[0, 365, 800, 1500, 1900, 30],
        weight_kg=[3.3, 8.9, 10.2, 14.0, 16.0, np.nan],
        lenhei_cm=[49.9, 74.0, 82.5, 99.0, 108.0, 52.0],
        measure=["l", "l", "h", None, "h", "l"],
        oedema=["n", "n", "n", "y", "n", None],
        muac_cm=[np.nan, 14.1, 13.0, np.nan, np.nan, np.nan],
        headc_cm=[34.5, 45.0, np.nan, np.nan, np.nan, np.nan],
    )
    # Every input column first, unchanged, then every engine output in its own order.
    assert header[:9] == HEADER.split(",")
    assert header[9 : 9 + len(expected)] == list(expected)
    assert [r[:9] for r in rows] == [line.split(",") for line in ROWS]
    for name, values in expected.items():
        got = [_number(r[header.index(name)]) for r in rows]
        np.testing.assert_array_equal(got, np.asarray(values, dtype=float), err_msg=name)
    # The oedema row has no weight-for-age z; the 5-year-old has no length-for-age z.
    assert rows[3][header.index("zwei")] == ""
    assert rows[4][header.index("zlen")] == ""
    assert rows[0][header.index("zlen")] != ""


def test_it_writes_category_columns_after_the_engine_outputs(engine, run_cli):
    code, stderr, out = run_cli("in.csv", "\n".join([HEADER, *ROWS]) + "\n")
    assert code == 0, stderr
    header = _read(out)[0]
    outputs = list(growth.zscores(sex=[1], age_days=[10], weight_kg=[3.5], lenhei_cm=[51.0]))
    after = header[9 + len(outputs) :]
    if hasattr(growth, "classify"):
        assert after, "category columns expected after the engine outputs"
    else:
        assert after == []
