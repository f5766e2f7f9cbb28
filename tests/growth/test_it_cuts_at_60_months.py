"""Z-scores only below 60 months of unrounded age (anthro: age_in_months < 60)."""

import numpy as np

import growth


def test_it_computes_at_1826_days_but_not_at_1827() -> None:
    # 1826 / 30.4375 = 59.992 months; 1827 / 30.4375 = 60.025 months
    z = growth.zscores(sex=[1, 1], age_days=[1826, 1827], weight_kg=[18, 18], reasons=True)
    assert np.isfinite(z["zwei"][0])
    assert np.isnan(z["zwei"][1])
    assert z["rwei"].tolist() == ["", "age_out_of_range"]


def test_it_uses_the_unrounded_age() -> None:
    # 1826.25 days is exactly 60 months: rounds to day 1826 (in the table) yet gets no z-score
    z = growth.zscores(sex=[1, 1], age_days=[1826.2, 1826.25], lenhei_cm=[110, 110])
    assert np.isfinite(z["zlen"][0])
    assert np.isnan(z["zlen"][1])


def test_it_cuts_months_at_60() -> None:
    # 59.99 months = 1825.95 days -> day 1826 (weianthro boys 1826: L=-0.1506 M=18.3352 S=0.13517)
    z = growth.zscores(sex=[1, 1], age_months=[59.99, 60], weight_kg=[18.3352, 18.3352])
    assert z["zwei"][0] == 0.0
    assert np.isnan(z["zwei"][1])


def test_it_stops_weight_for_length_at_60_months_too() -> None:
    z = growth.zscores(sex=[1, 1], age_days=[1826, 1827], weight_kg=[18, 18], lenhei_cm=[110, 110])
    assert np.isfinite(z["zwfl"][0])
    assert np.isnan(z["zwfl"][1])
