"""WHO 2006 ch. 7: weight-based z-scores beyond ±3 SD in units of the 2-3 SD interval."""

import growth

L, M, S = 0.3487, 3.3464, 0.14602  # weianthro.txt, boys, day 0


def sd(k: float) -> float:
    return M * (1 + L * S * k) ** (1 / L)


def test_it_measures_above_3sd_in_units_of_the_2_to_3_sd_interval() -> None:
    # y = SD3 + 0.5 * (SD3 - SD2)  ->  z = 3 + (y - SD3) / (SD3 - SD2) = 3.5 exactly
    # (SD3 = 5.0165..., SD2 = 4.4554...; the plain LMS z of y = 5.2971 would be 3.42)
    y = sd(3) + 0.5 * (sd(3) - sd(2))
    plain = ((y / M) ** L - 1) / (S * L)
    assert round(plain, 2) != 3.5
    z = growth.zscores(sex=[1], age_days=[0], weight_kg=[y])
    assert z["zwei"].tolist() == [3.5]


def test_it_measures_below_minus_3sd_in_units_of_the_2_to_3_sd_interval() -> None:
    # y = 2.0 kg: SD3neg = 2.08031..., SD2neg = 2.45931...
    # z = -3 + (2.0 - 2.08031) / (2.45931 - 2.08031) = -3.2119... -> -3.21
    expected = -3 + (2.0 - sd(-3)) / (sd(-2) - sd(-3))
    assert round(expected, 2) == -3.21
    z = growth.zscores(sex=[1], age_days=[0], weight_kg=[2.0])
    assert z["zwei"].tolist() == [-3.21]


def test_it_keeps_length_for_age_plain_beyond_3sd() -> None:
    # lenanthro boys day 0: M=49.8842, S=0.03795; 60 cm -> (60/49.8842 - 1)/0.03795 = 5.3437 -> 5.34
    z = growth.zscores(sex=[1], age_days=[0], lenhei_cm=[60.0])
    assert z["zlen"].tolist() == [5.34]


def test_it_restricts_muac_but_not_head_circumference() -> None:
    # acanthro boys day 91: L=0.3933 M=13.4779 S=0.07474; 20 cm is beyond +3 SD
    l, m, s = 0.3933, 13.4779, 0.07474  # noqa: E741
    sd3 = m * (1 + l * s * 3) ** (1 / l)
    sd2 = m * (1 + l * s * 2) ** (1 / l)
    restricted = 3 + (20 - sd3) / (sd3 - sd2)
    # hcanthro boys day 91: L=1; plain (y/M - 1)/S
    z = growth.zscores(sex=[1], age_days=[91], muac_cm=[20.0])
    assert z["zac"].tolist() == [round(restricted, 2)]
    assert round(restricted, 2) != round(((20 / m) ** l - 1) / (s * l), 2)
