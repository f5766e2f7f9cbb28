import pytest
from scipy import stats

from analytics.distribution import concentration, distribution

CODES = ["a", "b", "c", "d", "e"]
CASES = [10, 2, 3, 0, 0]
N = [20, 20, 20, 20, 0]  # e has no data


def test_it_counts_regions_above_and_below_the_pooled_prevalence() -> None:
    result = distribution(CODES, CASES, N, top_k=1, period="2024")
    # pooled = 15/80 = 0.1875; above: a (0.5); below: b (0.1), c (0.15), d (0)
    assert (result.pooled.cases, result.pooled.n, result.pooled.value) == (15, 80, 0.1875)
    assert (result.above, result.below, result.equal, result.no_data) == (1, 3, 0, 1)
    # a: P(X >= 10 | 20, 0.1875) ≈ 0.0016 < 0.025; d: P(X <= 0) = 0.8125^20 ≈ 0.0157 < 0.025
    assert stats.binom.sf(9, 20, 0.1875) < 0.025 < stats.binom.cdf(2, 20, 0.1875)
    assert result.significantly_above == ("a",)
    assert result.significantly_below == ("d",)
    assert not result.units["e"].has_data


def test_it_measures_concentration_of_cases() -> None:
    conc = distribution(CODES, CASES, N, top_k=1).concentration
    # top 1 desa: 10 of 15 cases; top 20% of the 4 desa with data: ceil(0.8) = 1 desa
    assert conc.top_k_share == pytest.approx(10 / 15)
    assert (conc.top_fifth_count, conc.top_fifth_share) == (1, pytest.approx(10 / 15))
    # sorted by prevalence d, b, c, a: x = 0, .25, .5, .75, 1; y = 0, 0, 2/15, 5/15, 1
    # gini = 1 − 0.25 · (0 + 2/15 + 7/15 + 20/15) = 1 − 29/60 = 31/60
    assert list(conc.lorenz_y) == pytest.approx([0, 0, 2 / 15, 5 / 15, 1])
    assert conc.gini == pytest.approx(31 / 60)


def test_it_gives_zero_gini_for_equal_prevalences() -> None:
    # 2/10 and 4/20: x = 0, 1/3, 1; y = 0, 1/3, 1 → 1 − (1/3 · 1/3 + 2/3 · 4/3) = 0
    assert concentration([2, 4], [10, 20]).gini == pytest.approx(0.0)
