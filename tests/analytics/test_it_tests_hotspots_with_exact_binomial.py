import math

import numpy as np
import pytest
from scipy import stats

from analytics.hotspots import (
    HotspotClass,
    binomial_p_above,
    binomial_p_below,
    classify,
    hotspots,
)


def test_it_matches_a_hand_summed_binomial_tail() -> None:
    # P(X >= 3 | n=5, p=0.2) = C(5,3)·.2³·.8² + C(5,4)·.2⁴·.8 + .2⁵
    #                        = 0.0512 + 0.0064 + 0.00032 = 0.05792
    assert binomial_p_above([3], [5], 0.2)[0] == pytest.approx(0.05792, abs=1e-12)


def test_it_matches_scipy_binomial_tails() -> None:
    cases = np.array([0, 1, 7, 12, 40])
    n = np.array([10, 10, 30, 30, 100])
    p0 = 0.215
    assert np.allclose(binomial_p_above(cases, n, p0), stats.binom.sf(cases - 1, n, p0))
    assert np.allclose(binomial_p_below(cases, n, p0), stats.binom.cdf(cases, n, p0))
    # P(X >= 0) is certain
    assert binomial_p_above([0], [10], p0)[0] == pytest.approx(1.0)


def test_it_classifies_by_one_sided_p_values() -> None:
    assert classify(0.0009, 1.0) is HotspotClass.ABOVE_998
    assert classify(0.001, 1.0) is HotspotClass.ABOVE_95  # strict: p < 0.001 needed
    assert classify(0.0249, 1.0) is HotspotClass.ABOVE_95
    assert classify(0.025, 0.99) is HotspotClass.WITHIN
    assert classify(1.0, 0.02) is HotspotClass.BELOW_95
    assert classify(1.0, 0.0005) is HotspotClass.BELOW_998
    assert classify(math.nan, math.nan) is HotspotClass.NO_DATA


def test_it_finds_a_region_far_above_the_pooled_prevalence() -> None:
    # pooled = (30 + 10 + 10 + 0) / (60 + 60 + 80 + 0) = 50/200 = 0.25
    result = hotspots(["a", "b", "c", "d"], [30, 10, 10, 0], [60, 60, 80, 0], period="2024")
    assert result.p0 == 0.25 and (result.total_cases, result.total_n) == (50, 200)
    by = result.by_code()
    assert by["a"].p_above == pytest.approx(stats.binom.sf(29, 60, 0.25))
    assert by["a"].prevalence_class is HotspotClass.ABOVE_998  # 30/60 vs 0.25: p ≈ 2e-5
    assert by["d"].prevalence_class is HotspotClass.NO_DATA
    assert math.isnan(by["d"].prevalence)
    # expected a = 60 × 0.25 = 15, ratio 2; Poisson P(Y >= 30 | 15)
    assert by["a"].expected == 15.0 and by["a"].ratio == 2.0
    assert by["a"].p_cases_above == pytest.approx(stats.poisson.sf(29, 15.0))
    assert by["a"].case_class.is_above


def test_it_refuses_a_degenerate_reference() -> None:
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        hotspots(["a"], [0], [10])
