"""Plain LMS z-scores at table points: 0 at the median, ±1, ±2, ±3 on the SD lines."""

import numpy as np
import pytest

import growth

# lenanthro.txt, boys, day 0: L=1, M=49.8842, S=0.03795 (WHO 2006 ch. 7: with L = 1 the SD line
# at k is M * (1 + S * k)).
LEN_M, LEN_S = 49.8842, 0.03795
# weianthro.txt, boys, day 0: L, M, S
WEI_BOYS_DAY0 = (0.3487, 3.3464, 0.14602)


def sd_line(l: float, m: float, s: float, k: float) -> float:  # noqa: E741
    # WHO 2006 ch. 7: the measurement at z = k is M * (1 + L * S * k) ** (1 / L)
    return m * (1 + l * s * k) ** (1 / l)


def test_it_gives_zero_at_the_median_length() -> None:
    z = growth.zscores(sex=[1], age_days=[0], lenhei_cm=[LEN_M])
    assert z["zlen"].tolist() == [0.0]


@pytest.mark.parametrize("k", [-3, -2, -1, 1, 2, 3])
def test_it_gives_k_on_the_length_sd_lines(k: int) -> None:
    y = LEN_M * (1 + LEN_S * k)  # e.g. k = 2: 49.8842 * 1.0759 = 53.67141...
    z = growth.zscores(sex=[1], age_days=[0], lenhei_cm=[y])
    assert z["zlen"].tolist() == [float(k)]


@pytest.mark.parametrize("k", [-3, -2, -1, 0, 1, 2, 3])
def test_it_gives_k_on_the_weight_sd_lines(k: int) -> None:
    y = sd_line(*WEI_BOYS_DAY0, k)  # k = -2: 3.3464 * (1 - 2 * 0.3487 * 0.14602) ** (1/0.3487)
    z = growth.zscores(sex=["L"], age_days=[0], weight_kg=[y])
    assert z["zwei"].tolist() == [float(k)]


def test_it_computes_an_lms_value_off_the_lines() -> None:
    # weight 4.0 kg, boy, day 0: ((4 / 3.3464) ** 0.3487 - 1) / (0.14602 * 0.3487)
    # = (1.195314... ** 0.3487 - 1) / 0.050917... = 0.0641... / 0.0509... = 1.2597... -> 1.26
    expected = ((4 / 3.3464) ** 0.3487 - 1) / (0.14602 * 0.3487)
    assert round(expected, 2) == 1.26
    z = growth.zscores(sex=[1], age_days=[0], weight_kg=[4.0])
    assert z["zwei"].tolist() == [1.26]


def test_it_reproduces_the_anthro_readme_example() -> None:
    # The WHO anthro R package README prints these z-scores for this input (anthro_zscores).
    z = growth.zscores(
        sex=[1, 2, 1, 1],
        age_days=[1001, 1000, 1010, 1000],
        weight_kg=[18, 15, 10, 15],
        lenhei_cm=[120, 80, 100, 100],
    )
    assert z["zlen"].tolist() == [7.31, -3.50, 1.62, 1.70]
    assert z["flen"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert z["zwei"].tolist() == [2.20, 0.95, -2.76, 0.69]
    assert z["zwfl"].tolist() == [-2.39, 4.13, -5.19, -0.29]
    assert z["fwfl"].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert z["zbmi"].tolist() == [-3.01, 4.66, -5.61, -0.58]
    assert z["fbmi"].tolist() == [0.0, 0.0, 1.0, 0.0]
    np.testing.assert_allclose(z["cbmi"], [12.5, 23.4375, 10.0, 15.0], rtol=1e-15)
