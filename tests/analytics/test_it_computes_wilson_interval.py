import math

import numpy as np
import pytest

from analytics.prevalence import prevalence, prevalences, wilson_interval


def test_it_matches_a_hand_computed_wilson_interval() -> None:
    # 5/20, z = 1.96: p = 0.25, z² = 3.8416, denom = 1 + 3.8416/20 = 1.19208
    # centre = (0.25 + 3.8416/40) / 1.19208 = 0.34604 / 1.19208 = 0.290283
    # half = 1.96/1.19208 · sqrt(0.25·0.75/20 + 3.8416/1600)
    #      = 1.644185 · sqrt(0.009375 + 0.002401) = 1.644185 · 0.108517 = 0.178422
    lower, upper = wilson_interval([5], [20], z=1.96)
    assert lower[0] == pytest.approx(0.290283 - 0.178422, abs=1e-5)
    assert upper[0] == pytest.approx(0.290283 + 0.178422, abs=1e-5)


def test_it_vectorises_and_gives_nan_for_no_denominator() -> None:
    lower, upper = wilson_interval([0, 5, 0], [10, 20, 0])
    assert lower[0] == 0.0
    # 0/10: upper = z²/n / (1 + z²/n) = 0.384146 / 1.384146 = 0.277533
    assert upper[0] == pytest.approx(0.384146 / 1.384146, abs=1e-5)
    assert math.isnan(lower[2]) and math.isnan(upper[2])
    assert np.all(lower[:2] <= upper[:2])


def test_it_reports_no_data_as_nan_never_zero() -> None:
    est = prevalence(0, 0, period="2024")
    assert not est.has_data
    assert math.isnan(est.value) and math.isnan(est.lower) and math.isnan(est.upper)
    assert est.n == 0 and est.period == "2024"


def test_it_states_the_denominator_and_period() -> None:
    est = prevalence(6, 24, period="Agustus 2024")
    assert (est.cases, est.n, est.value, est.period) == (6, 24, 0.25, "Agustus 2024")
    assert est.lower < 0.25 < est.upper


def test_it_keys_estimates_by_region_code() -> None:
    result = prevalences(["a", "b"], [1, 0], [4, 0], period="2024")
    assert result["a"].value == 0.25
    assert not result["b"].has_data


def test_it_rejects_more_cases_than_children() -> None:
    with pytest.raises(ValueError, match="cases must not exceed n"):
        prevalence(5, 4)
