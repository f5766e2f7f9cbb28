import datetime as dt

import openpyxl

from konvergensi.measurements.eppgbm import read_table
from konvergensi.measurements.samplefiles import HEADER, generate_eppgbm

DESA = [
    ("Kupang Timur", "Oesao", "53.01.01.2001"),
    ("Kupang Timur", "Naibonat", "53.01.01.2002"),
    ("Kupang Tengah", "Noelbaki", "53.01.02.2001"),
]


def test_it_writes_the_same_file_for_the_same_seed(tmp_path):
    a = generate_eppgbm(tmp_path / "a.csv", rows=300, seed=7, desa=DESA, fmt="csv")
    b = generate_eppgbm(tmp_path / "b.csv", rows=300, seed=7, desa=DESA, fmt="csv")
    c = generate_eppgbm(tmp_path / "c.csv", rows=300, seed=8, desa=DESA, fmt="csv")

    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.injected == b.injected
    assert a.path.read_bytes() != c.path.read_bytes()


def test_it_writes_an_eppgbm_style_xlsx(tmp_path):
    made = generate_eppgbm(tmp_path / "feb.xlsx", rows=200, seed=1, desa=DESA, error_rate=0)

    sheet = openpyxl.load_workbook(made.path, read_only=True).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["DATA PENGUKURAN BULAN FEBRUARI 2025"]
    assert values[made.header_row - 1] == list(HEADER)
    assert made.rows == 200 and len(values) == made.header_row + 200
    first = dict(zip(HEADER, values[made.header_row], strict=True))
    assert isinstance(first["Tanggal Pengukuran"], dt.datetime)
    assert first["JK"] in ("L", "P")
    assert first["Cara Ukur"] in ("Terlentang", "Berdiri")
    raw = read_table(made.path)
    assert raw.rows[0] == made.header_row + 1
