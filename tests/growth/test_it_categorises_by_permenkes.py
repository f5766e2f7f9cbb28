"""Permenkes 2/2020 categories, with every boundary value checked."""

import numpy as np
import pytest

import growth


@pytest.mark.parametrize(
    ("indicator", "z", "code", "label"),
    [
        # BB/U: < -3 | -3 sd < -2 | -2 sd +1 | > +1
        ("bb_u", -3.01, "severely_underweight", "Berat badan sangat kurang"),
        ("bb_u", -3.0, "underweight", "Berat badan kurang"),
        ("bb_u", -2.01, "underweight", "Berat badan kurang"),
        ("bb_u", -2.0, "normal", "Berat badan normal"),
        ("bb_u", 1.0, "normal", "Berat badan normal"),
        ("bb_u", 1.01, "risk_overweight", "Risiko berat badan lebih"),
        # PB/U-TB/U: < -3 | -3 sd < -2 | -2 sd +3 | > +3
        ("tb_u", -3.01, "severely_stunted", "Sangat pendek"),
        ("tb_u", -3.0, "stunted", "Pendek"),
        ("tb_u", -2.01, "stunted", "Pendek"),
        ("tb_u", -2.0, "normal", "Normal"),
        ("tb_u", 3.0, "normal", "Normal"),
        ("tb_u", 3.01, "tall", "Tinggi"),
        # BB/PB-BB/TB: < -3 | -3 sd < -2 | -2 sd +1 | > +1 sd +2 | > +2 sd +3 | > +3
        ("bb_tb", -3.01, "severely_wasted", "Gizi buruk"),
        ("bb_tb", -3.0, "wasted", "Gizi kurang"),
        ("bb_tb", -2.01, "wasted", "Gizi kurang"),
        ("bb_tb", -2.0, "normal", "Gizi baik"),
        ("bb_tb", 1.0, "normal", "Gizi baik"),
        ("bb_tb", 1.01, "risk_overweight", "Berisiko gizi lebih"),
        ("bb_tb", 2.0, "risk_overweight", "Berisiko gizi lebih"),
        ("bb_tb", 2.01, "overweight", "Gizi lebih"),
        ("bb_tb", 3.0, "overweight", "Gizi lebih"),
        ("bb_tb", 3.01, "obese", "Obesitas"),
        ("imt_u", -3.0, "wasted", "Gizi kurang"),
        ("imt_u", 3.01, "obese", "Obesitas"),
        # IMT/U 5-18: < -3 | -3 sd < -2 | -2 sd +1 | > +1 sd +2 | > +2
        ("imt_u_5_18", -3.01, "severely_thin", "Gizi buruk (severely thinness)"),
        ("imt_u_5_18", -3.0, "thin", "Gizi kurang (thinness)"),
        ("imt_u_5_18", -2.0, "normal", "Gizi baik (normal)"),
        ("imt_u_5_18", 1.0, "normal", "Gizi baik (normal)"),
        ("imt_u_5_18", 1.01, "overweight", "Gizi lebih (overweight)"),
        ("imt_u_5_18", 2.0, "overweight", "Gizi lebih (overweight)"),
        ("imt_u_5_18", 2.01, "obese", "Obesitas (obese)"),
        ("tb_u_5_18", -2.01, "stunted", "Pendek"),
        ("tb_u_5_18", 3.01, "tall", "Tinggi"),
    ],
)
def test_it_puts_boundary_values_in_the_permenkes_class(
    indicator: str, z: float, code: str, label: str
) -> None:
    result = growth.categories(indicator, [z])
    assert result.code.tolist() == [code]
    assert result.label.tolist() == [label]


def test_it_gives_no_category_to_a_missing_z_score() -> None:
    result = growth.categories("tb_u", [np.nan, None, -2.5])
    assert result.code.tolist() == ["", "", "stunted"]
    assert result.label.tolist() == [None, None, "Pendek"]


def test_it_classifies_the_output_of_zscores() -> None:
    z = growth.zscores(
        sex=[1, 2, 1, 1],
        age_days=[1001, 1000, 1010, 1000],
        weight_kg=[18, 15, 10, 15],
        lenhei_cm=[120, 80, 100, 100],
    )
    # zlen 7.31 -3.50 1.62 1.70 ; zwfl -2.39 4.13 -5.19 -0.29 (anthro README)
    result = growth.classify(z)
    assert set(result) == {"bb_u", "tb_u", "bb_tb", "imt_u"}
    assert result["tb_u"].code.tolist() == ["tall", "severely_stunted", "normal", "normal"]
    assert result["bb_tb"].code.tolist() == ["wasted", "obese", "severely_wasted", "normal"]
    # zlen 7.31 is flagged (|z| > 6) and zwfl -5.19 (|z| > 5): dropped on request
    dropped = growth.classify(z, drop_flagged=True)
    assert dropped["tb_u"].code.tolist() == ["", "severely_stunted", "normal", "normal"]
    assert dropped["bb_tb"].code.tolist() == ["wasted", "obese", "", "normal"]
