"""Year-over-year change per desa (Pedoman Aksi 1 §1.7 Tahap Pertama: from the second year the
analysis asks whether the situation improved; Aksi 7 Tahap Kelima "analisis tren").

Prevalence: the change counts only when Fisher's exact test (two-sided, on the 2 × 2 table of
stunted / not stunted by year) gives p < ``alpha`` (default 0.05); lower prevalence is
"membaik". Fisher's test is exact for the small counts of a single desa, where a normal
two-proportion test is unreliable. Coverage: the class moved up (membaik) or down (memburuk)
on the ordinal scale sangat rendah < rendah < hampir memadai < memadai. No previous data →
"baseline"; no current data → "tidak ada data".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from analytics.prevalence import Estimate, prevalence
from analytics.traffic_light import CoverageClass


class TrendStatus(StrEnum):
    MEMBAIK = "membaik"
    MEMBURUK = "memburuk"
    TETAP = "tetap"
    BASELINE = "baseline"
    TIDAK_ADA_DATA = "tidak_ada_data"


@dataclass(frozen=True)
class PrevalenceTrend:
    """``difference`` = current − previous as a fraction (NaN without both); ``p_value`` of
    Fisher's exact test (NaN without both)."""

    previous: Estimate
    current: Estimate
    difference: float
    p_value: float
    status: TrendStatus


def prevalence_trend(
    previous: tuple[int, int] | None,
    current: tuple[int, int] | None,
    *,
    alpha: float = 0.05,
    previous_period: str = "",
    current_period: str = "",
) -> PrevalenceTrend:
    """Compare (stunted, measured) of two periods; None or measured 0 = no data."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    if not (0.0 < alpha < 1.0):
        raise ValueError(f"alpha must be in (0, 1), got {alpha!r}")
    prev = prevalence(*(previous or (0, 0)), period=previous_period)
    curr = prevalence(*(current or (0, 0)), period=current_period)
    if not curr.has_data:
        return PrevalenceTrend(prev, curr, math.nan, math.nan, TrendStatus.TIDAK_ADA_DATA)
    if not prev.has_data:
        return PrevalenceTrend(prev, curr, math.nan, math.nan, TrendStatus.BASELINE)
    table = [[prev.cases, prev.n - prev.cases], [curr.cases, curr.n - curr.cases]]
    p_value = float(stats.fisher_exact(table, alternative="two-sided").pvalue)
    difference = curr.value - prev.value
    if p_value < alpha and difference < 0:
        status = TrendStatus.MEMBAIK
    elif p_value < alpha and difference > 0:
        status = TrendStatus.MEMBURUK
    else:
        status = TrendStatus.TETAP
    return PrevalenceTrend(prev, curr, difference, p_value, status)


def coverage_trend(previous: CoverageClass | None, current: CoverageClass | None) -> TrendStatus:
    """Change of coverage class between two periods."""
    if current is None or not current.has_data:
        return TrendStatus.TIDAK_ADA_DATA
    if previous is None or not previous.has_data:
        return TrendStatus.BASELINE
    if current.rank > previous.rank:
        return TrendStatus.MEMBAIK
    if current.rank < previous.rank:
        return TrendStatus.MEMBURUK
    return TrendStatus.TETAP
