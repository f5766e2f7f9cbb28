import numpy as np
import pytest
from scipy import stats

from analytics.hotspots import ALPHA_95, ALPHA_998, funnel_curve, funnel_limits


@pytest.mark.parametrize("p0", [0.05, 0.215, 0.5])
def test_it_is_a_funnel_around_p0(p0: float) -> None:
    curve = funnel_curve(p0, 5000, points=150)
    assert np.all(np.diff(curve.n) > 0)
    # upper limits never rise and lower limits never fall as n grows
    assert np.all(np.diff(curve.upper_95) <= 1e-12)
    assert np.all(np.diff(curve.upper_998) <= 1e-12)
    assert np.all(np.diff(curve.lower_95) >= -1e-12)
    assert np.all(np.diff(curve.lower_998) >= -1e-12)
    # they contain p0, and the 99.8% funnel contains the 95% funnel
    assert np.all(curve.lower_998 <= curve.lower_95)
    assert np.all(curve.lower_95 <= p0) and np.all(p0 <= curve.upper_95)
    assert np.all(curve.upper_95 <= curve.upper_998)
    assert np.all((curve.lower_998 >= 0) & (curve.upper_998 <= 1))


@pytest.mark.parametrize("n", [7, 40, 333])
def test_it_agrees_with_the_exact_test_at_every_count(n: int) -> None:
    # A region lies strictly above the limit exactly when P(X >= cases) < alpha.
    p0 = 0.215
    for alpha in (ALPHA_95, ALPHA_998):
        lower, upper = funnel_limits(p0, [n], alpha=alpha)
        for cases in range(n + 1):
            p_above = stats.binom.sf(cases - 1, n, p0)
            p_below = stats.binom.cdf(cases, n, p0)
            assert (cases / n > upper[0]) == (p_above < alpha)
            assert (cases / n < lower[0]) == (p_below < alpha)


def test_it_approaches_the_normal_limits_for_large_n() -> None:
    # n = 10000, p0 = 0.2: p0 ± 1.96·sqrt(0.2·0.8/10000) = 0.2 ± 0.00784
    lower, upper = funnel_limits(0.2, [10000], alpha=ALPHA_95)
    assert upper[0] == pytest.approx(0.20784, abs=3e-4)
    assert lower[0] == pytest.approx(0.19216, abs=3e-4)
