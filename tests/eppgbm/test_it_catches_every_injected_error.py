import datetime as dt

import pytest

from konvergensi.measurements.eppgbm import parse_rows, read_table
from konvergensi.measurements.samplefiles import ERROR_KINDS, generate_eppgbm

DESA = [
    ("Kupang Timur", "Oesao", "53.01.01.2001"),
    ("Kupang Timur", "Naibonat", "53.01.01.2002"),
    ("Kupang Tengah", "Noelbaki", "53.01.02.2001"),
    ("Kupang Tengah", "Oelnasi", "53.01.02.2002"),
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_flags_every_injected_error_and_no_clean_row(tmp_path, fmt):
    made = generate_eppgbm(
        tmp_path / f"x.{fmt}", rows=3000, seed=11, desa=DESA, fmt=fmt, error_rate=0.05
    )
    parsed = parse_rows(read_table(made.path), today=dt.date(2025, 6, 1), regions=DESA)
    by_row = parsed.issues_by_row()

    assert set(made.injected.values()) == set(ERROR_KINDS)
    missed = {r: kind for r, kind in made.injected.items() if r not in by_row}
    assert missed == {}
    for r, kind in made.injected.items():
        if kind in ("duplicate", "nik_mangled"):
            assert {i.severity for i in by_row[r]} == {"warning"}, kind
        else:
            assert "error" in {i.severity for i in by_row[r]}, kind
    # clean rows carry at most a warning about an unusually small newborn
    clean = {i.code for i in parsed.issues if i.row not in made.injected}
    assert clean <= {"lenhei_unusual", "weight_unusual"}
