"""Hotspots: regions whose prevalence or case count is significantly above the pooled value.

Pedoman Aksi 1 §1.7 (Tahapan Ketiga, 2.) asks for the regions "dengan prevalensi yang
melampaui rata-rata secara signifikan" and the case counts "yang melampaui rata-rata secara
signifikan". DESIGN §4 "Hotspot" fixes the method:

- prevalence: one-sided exact binomial test of X ~ Binomial(n, p0), p0 = pooled prevalence
  (all cases ÷ all measured). p_above = P(X ≥ cases) = binom.sf(cases − 1, n, p0);
  p_below = P(X ≤ cases) = binom.cdf(cases, n, p0).
- case counts: observed O = cases against expected E = n × p0, one-sided exact Poisson test
  P(Y ≥ O | E) (the usual test of an observed/expected ratio).
- classes: "above_998" when p_above < 0.001, "above_95" when p_above < 0.025 (the 99.8% and
  95% two-sided funnel limits are one-sided 0.1% and 2.5% each side), "below_95"/"below_998"
  likewise from p_below, otherwise "within"; "no_data" when n = 0.

Funnel limits (Spiegelhalter D. J. 2005, "Funnel plots for comparing institutional
performance", Statistics in Medicine 24:1185–1202, §3 and Appendix A.1): exact binomial limits.
The tail P(X ≥ k) equals the regularised incomplete beta I_p0(k, n − k + 1); we solve
I_p0(y, n − y + 1) = α for a real y (continuous in the count), and the limit is y / n, clipped
to [0, 1]. At whole counts this is the exact test, so a region plots strictly above the
upper limit exactly when p_above < α; the curve is monotone in n (Spiegelhalter's linear
interpolation between binomial quantiles, App. A.1.1, is not, and can disagree with the test).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from analytics.prevalence import _as_int_array, _check_counts

ALPHA_95 = 0.025  # one side of a two-sided 95% limit
ALPHA_998 = 0.001  # one side of a two-sided 99.8% limit


class HotspotClass(StrEnum):
    ABOVE_998 = "above_998"
    ABOVE_95 = "above_95"
    WITHIN = "within"
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_above(self) -> bool:
        return self in (HotspotClass.ABOVE_95, HotspotClass.ABOVE_998)

    @property
    def is_below(self) -> bool:
        return self in (HotspotClass.BELOW_95, HotspotClass.BELOW_998)


_LABELS = {
    HotspotClass.ABOVE_998: "di atas batas 99,8% (sangat signifikan di atas rata-rata)",
    HotspotClass.ABOVE_95: "di atas batas 95% (signifikan di atas rata-rata)",
    HotspotClass.WITHIN: "dalam batas (tidak berbeda signifikan dari rata-rata)",
    HotspotClass.BELOW_95: "di bawah batas 95% (signifikan di bawah rata-rata)",
    HotspotClass.BELOW_998: "di bawah batas 99,8% (sangat signifikan di bawah rata-rata)",
    HotspotClass.NO_DATA: "tidak ada data",
}


def binomial_p_above(cases: ArrayLike, n: ArrayLike, p0: float) -> NDArray[np.float64]:
    """P(X ≥ cases) for X ~ Binomial(n, p0), vectorised; NaN where n = 0."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    _check_counts(c, m)
    _check_p0(p0)
    p = np.asarray(stats.binom.sf(c - 1, m, p0), dtype=np.float64)
    return np.where(m > 0, p, np.nan)


def binomial_p_below(cases: ArrayLike, n: ArrayLike, p0: float) -> NDArray[np.float64]:
    """P(X ≤ cases) for X ~ Binomial(n, p0), vectorised; NaN where n = 0."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    _check_counts(c, m)
    _check_p0(p0)
    p = np.asarray(stats.binom.cdf(c, m, p0), dtype=np.float64)
    return np.where(m > 0, p, np.nan)


def poisson_p_above(observed: ArrayLike, expected: ArrayLike) -> NDArray[np.float64]:
    """P(Y ≥ observed) for Y ~ Poisson(expected); NaN where expected is 0 or NaN."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    o = _as_int_array(observed, "observed")
    e = np.asarray(expected, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        p = np.asarray(stats.poisson.sf(o - 1, e), dtype=np.float64)
        return np.where(np.isfinite(e) & (e > 0), p, np.nan)


def poisson_p_below(observed: ArrayLike, expected: ArrayLike) -> NDArray[np.float64]:
    """P(Y ≤ observed) for Y ~ Poisson(expected); NaN where expected is 0 or NaN."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    o = _as_int_array(observed, "observed")
    e = np.asarray(expected, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        p = np.asarray(stats.poisson.cdf(o, e), dtype=np.float64)
        return np.where(np.isfinite(e) & (e > 0), p, np.nan)


def _check_p0(p0: float) -> None:
    if not (0.0 < p0 < 1.0):
        raise ValueError(f"p0 must be strictly between 0 and 1, got {p0!r}")


def classify(p_above: float, p_below: float) -> HotspotClass:
    """Class from the two one-sided p-values (strict: p < α)."""
    if math.isnan(p_above) or math.isnan(p_below):
        return HotspotClass.NO_DATA
    if p_above < ALPHA_998:
        return HotspotClass.ABOVE_998
    if p_above < ALPHA_95:
        return HotspotClass.ABOVE_95
    if p_below < ALPHA_998:
        return HotspotClass.BELOW_998
    if p_below < ALPHA_95:
        return HotspotClass.BELOW_95
    return HotspotClass.WITHIN


def _solve_count(
    n: NDArray[np.float64], p0: float, alpha: float, *, upper: bool
) -> NDArray[np.float64]:
    """Real count y with tail probability α, by vectorised bisection (60 halvings).

    upper: I_p0(y, n − y + 1) = α  (P(X ≥ y), decreasing in y on (0, n + 1)).
    lower: 1 − I_p0(y + 1, n − y) = α  (P(X ≤ y), increasing in y on (−1, n)).
    """
    if upper:
        lo, hi = np.full_like(n, 0.0), n + 1.0

        def tail(y: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.asarray(special.betainc(y, n - y + 1.0, p0), dtype=np.float64)

        decreasing = True
    else:
        lo, hi = np.full_like(n, -1.0), n.copy()

        def tail(y: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.asarray(1.0 - special.betainc(y + 1.0, n - y, p0), dtype=np.float64)

        decreasing = False
    for _ in range(60):
        mid = (lo + hi) / 2.0
        t = tail(mid)
        go_right = (t > alpha) if decreasing else (t < alpha)
        lo = np.where(go_right, mid, lo)
        hi = np.where(go_right, hi, mid)
    return (lo + hi) / 2.0


def funnel_limits(
    p0: float, n: ArrayLike, *, alpha: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact binomial (lower, upper) control limits as proportions for denominators ``n``.

    ``alpha`` is one tail: 0.025 for the 95% funnel, 0.001 for the 99.8% funnel. Method in
    the module docstring (beta-function form of the exact binomial tail; Spiegelhalter 2005).
    """
    _check_p0(p0)
    if not (0.0 < alpha < 0.5):
        raise ValueError(f"alpha must be in (0, 0.5), got {alpha!r}")
    m = _as_int_array(n, "n").astype(np.float64)
    if np.any(m <= 0):
        raise ValueError("n must be positive for funnel limits")
    upper = np.clip(_solve_count(m, p0, alpha, upper=True) / m, 0.0, 1.0)
    lower = np.clip(_solve_count(m, p0, alpha, upper=False) / m, 0.0, 1.0)
    return lower, upper


@dataclass(frozen=True)
class FunnelCurve:
    """Funnel-plot lines for plotting: arrays of equal length over the denominators ``n``."""

    p0: float
    n: NDArray[np.int64]
    lower_95: NDArray[np.float64]
    upper_95: NDArray[np.float64]
    lower_998: NDArray[np.float64]
    upper_998: NDArray[np.float64]


def funnel_curve(p0: float, n_max: int, points: int = 200) -> FunnelCurve:
    """Funnel limits at about ``points`` whole denominators from 1 to ``n_max`` (log-spaced)."""
    if n_max < 1:
        raise ValueError(f"n_max must be at least 1, got {n_max}")
    if points < 2:
        raise ValueError(f"points must be at least 2, got {points}")
    grid = np.unique(np.round(np.geomspace(1, n_max, points)).astype(np.int64))
    lo95, up95 = funnel_limits(p0, grid, alpha=ALPHA_95)
    lo998, up998 = funnel_limits(p0, grid, alpha=ALPHA_998)
    return FunnelCurve(p0, grid, lo95, up95, lo998, up998)


@dataclass(frozen=True)
class HotspotResult:
    """One region. Proportions are fractions; ``expected`` = n × p0; ``ratio`` = cases/expected."""

    code: str
    cases: int
    n: int
    prevalence: float
    p_above: float
    p_below: float
    prevalence_class: HotspotClass
    expected: float
    ratio: float
    p_cases_above: float
    p_cases_below: float
    case_class: HotspotClass


@dataclass(frozen=True)
class HotspotAnalysis:
    """All regions of one period against the pooled prevalence ``p0`` = total_cases/total_n."""

    p0: float
    total_cases: int
    total_n: int
    period: str
    results: tuple[HotspotResult, ...]

    def by_code(self) -> dict[str, HotspotResult]:
        return {r.code: r for r in self.results}


def pooled(cases: ArrayLike, n: ArrayLike) -> tuple[int, int, float]:
    """(all cases, all n, all cases ÷ all n); the ratio is NaN when all n is 0."""
    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    _check_counts(c, m)
    total_c, total_n = int(c.sum()), int(m.sum())
    return total_c, total_n, (total_c / total_n if total_n > 0 else math.nan)


def hotspots(
    codes: Sequence[str],
    cases: ArrayLike,
    n: ArrayLike,
    *,
    p0: float | None = None,
    period: str = "",
) -> HotspotAnalysis:
    """Test every region against ``p0`` (default: the pooled prevalence of the regions given).

    codes, cases, n: length k, one per region (e.g. desa of one kabupaten). Regions with
    n = 0 are "no_data" and add nothing to the pooled value.
    """
    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    _check_counts(c, m)
    if len(codes) != c.size:
        raise ValueError(f"codes has {len(codes)} items but cases has {c.size}")
    total_c, total_n, pooled_p = pooled(c, m)
    ref = pooled_p if p0 is None else p0
    if math.isnan(ref) or not (0.0 < ref < 1.0):
        raise ValueError(
            f"the reference prevalence must be strictly between 0 and 1, got {ref!r} "
            "(no cases, all cases, or no data)"
        )
    pa, pb = binomial_p_above(c, m, ref), binomial_p_below(c, m, ref)
    expected = m * ref
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(m > 0, c / np.where(expected > 0, expected, 1.0), np.nan)
        prev = np.where(m > 0, c / np.maximum(m, 1), np.nan)
    qa, qb = poisson_p_above(c, expected), poisson_p_below(c, expected)
    results = tuple(
        HotspotResult(
            code=code,
            cases=int(c[i]),
            n=int(m[i]),
            prevalence=float(prev[i]),
            p_above=float(pa[i]),
            p_below=float(pb[i]),
            prevalence_class=classify(float(pa[i]), float(pb[i])),
            expected=float(expected[i]),
            ratio=float(ratio[i]),
            p_cases_above=float(qa[i]),
            p_cases_below=float(qb[i]),
            case_class=classify(float(qa[i]), float(qb[i])),
        )
        for i, code in enumerate(codes)
    )
    return HotspotAnalysis(ref, total_c, total_n, period, results)
