"""Measurement quality (Pedoman Aksi 7 Tahap Kedua 5.: kendali mutu by random re-measurement).

- Technical error of measurement for paired measurements of the same children:
  TEM = sqrt(Σd² / 2n), relative TEM % = TEM / mean × 100 (mean of all 2n values), reliability
  R = 1 − TEM² / s² (s² = variance of all 2n values). Ulijaszek S. J. & Kerr D. A. (1999)
  "Anthropometric measurement error and the assessment of nutritional status", British Journal
  of Nutrition 82:165–177.
- Default judgement of relative TEM: ≤ 1.0% "baik", ≤ 1.5% "dapat diterima", above "perlu
  pelatihan ulang" — the ISAK limits for non-skinfold measures (experienced / beginning
  anthropometrists) reported by Perini T. A. et al. (2005) Rev Bras Med Esporte 11(1):81–85.
  Also the share of pairs differing by more than the WHO MGRS maximum allowable difference
  (length/height 0.7 cm, weight 0.1 kg; de Onis M. et al. (2004) Food Nutr Bull 25(1 Suppl):
  S27–S36). Both are configurable (``TemThresholds``).
- Digit preference: terminal (0.1) digit of length/height; 0 and 5 together are expected
  20% of values; chi-square goodness of fit against ten equal digits.
- SD of HAZ outside 0.8–1.2 and the share of flagged (implausible) values per posyandu and
  round: WHO & UNICEF (2019) "Recommendations for data collection, analysis and reporting on
  anthropometric indicators in children under 5 years old", Chapter 3 (data-quality
  assessment: missing and flagged data, digit preference, SD of z-scores). The 1% flagged
  limit is a configurable default.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray


class TemJudgement(StrEnum):
    BAIK = "baik"
    DAPAT_DITERIMA = "dapat_diterima"
    PERLU_PELATIHAN_ULANG = "perlu_pelatihan_ulang"
    TIDAK_ADA_DATA = "tidak_ada_data"


@dataclass(frozen=True)
class TemThresholds:
    """rTEM limits in percent and the maximum allowable pair difference (measure's unit)."""

    good_rtem_pct: float = 1.0
    acceptable_rtem_pct: float = 1.5
    max_pair_difference: float = 0.7  # cm, length/height (WHO MGRS)

    def __post_init__(self) -> None:
        if not (0 < self.good_rtem_pct <= self.acceptable_rtem_pct):
            raise ValueError("TemThresholds need 0 < good_rtem_pct <= acceptable_rtem_pct")
        if self.max_pair_difference <= 0:
            raise ValueError("max_pair_difference must be positive")


LENGTH_THRESHOLDS = TemThresholds()
WEIGHT_THRESHOLDS = TemThresholds(max_pair_difference=0.1)  # kg


@dataclass(frozen=True)
class TemResult:
    n_pairs: int
    tem: float
    mean: float
    relative_tem_pct: float
    reliability: float
    pairs_over_max_difference: int
    judgement: TemJudgement


def _paired(first: ArrayLike, second: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    a, b = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"first and second must be 1-D of equal length, got {a.shape}, {b.shape}")
    keep = np.isfinite(a) & np.isfinite(b)
    return a[keep], b[keep]


def technical_error(
    first: ArrayLike, second: ArrayLike, *, thresholds: TemThresholds = LENGTH_THRESHOLDS
) -> TemResult:
    """TEM of paired measurements (pairs with a missing value are dropped)."""
    a, b = _paired(first, second)
    n = a.size
    if n == 0:
        nan = math.nan
        return TemResult(0, nan, nan, nan, nan, 0, TemJudgement.TIDAK_ADA_DATA)
    d = a - b
    tem = math.sqrt(float(np.sum(d * d)) / (2 * n))
    both = np.concatenate([a, b])
    mean = float(both.mean())
    rtem = tem / mean * 100.0 if mean != 0 else math.nan
    var = float(both.var(ddof=1)) if both.size > 1 else math.nan
    reliability = 1.0 - tem * tem / var if var > 0 else math.nan
    over = int(np.sum(np.abs(d) > thresholds.max_pair_difference + 1e-9))
    if math.isnan(rtem):
        judgement = TemJudgement.TIDAK_ADA_DATA
    elif rtem <= thresholds.good_rtem_pct:
        judgement = TemJudgement.BAIK
    elif rtem <= thresholds.acceptable_rtem_pct:
        judgement = TemJudgement.DAPAT_DITERIMA
    else:
        judgement = TemJudgement.PERLU_PELATIHAN_ULANG
    return TemResult(n, tem, mean, rtem, reliability, over, judgement)


def technical_error_by(
    groups: Sequence[str],
    first: ArrayLike,
    second: ArrayLike,
    *,
    thresholds: TemThresholds = LENGTH_THRESHOLDS,
) -> dict[str, TemResult]:
    """TEM per group (measurer id, posyandu code, ...), keys in sorted order."""
    a, b = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    g = np.asarray(groups, dtype=str)
    if g.shape != a.shape:
        raise ValueError(f"groups has shape {g.shape}, measurements {a.shape}")
    return {
        str(key): technical_error(a[g == key], b[g == key], thresholds=thresholds)
        for key in np.unique(g).tolist()
    }


@dataclass(frozen=True)
class DigitPreference:
    """Terminal 0.1 digits: ``counts[k]`` values ending in k; ``share_0_5`` expected 0.2."""

    n: int
    counts: tuple[int, ...]
    share_0_5: float
    chi_square: float
    p_value: float


def terminal_digits(values: ArrayLike) -> NDArray[np.int64]:
    """The 0.1 digit of each finite value (85.3 → 3), after rounding to one decimal."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    tenths = np.floor(np.abs(v) * 10.0 + 0.5).astype(np.int64)
    return tenths % 10


def digit_preference(values: ArrayLike) -> DigitPreference:
    """Heaping on the terminal digit (chi-square against 10 equal digits, 9 d.f.)."""
    from scipy import stats  # imported here: scipy.stats takes seconds to import

    digits = terminal_digits(values)
    counts = np.bincount(digits, minlength=10)
    n = int(digits.size)
    if n == 0:
        return DigitPreference(0, tuple([0] * 10), math.nan, math.nan, math.nan)
    result = stats.chisquare(counts)
    return DigitPreference(
        n,
        tuple(int(c) for c in counts),
        float((counts[0] + counts[5]) / n),
        float(result.statistic),
        float(result.pvalue),
    )


@dataclass(frozen=True)
class SdCheck:
    n: int
    sd: float
    outside: bool


def sd_check(z: ArrayLike, flags: ArrayLike, *, low: float = 0.8, high: float = 1.2) -> SdCheck:
    """Sample SD of valid (finite, unflagged) z-scores; ``outside`` when not in [low, high]."""
    zs, fl = np.asarray(z, dtype=np.float64), np.asarray(flags, dtype=bool)
    valid = zs[np.isfinite(zs) & ~fl]
    if valid.size < 2:
        return SdCheck(int(valid.size), math.nan, False)
    sd = float(valid.std(ddof=1))
    return SdCheck(int(valid.size), sd, not (low <= sd <= high))


@dataclass(frozen=True)
class FlagShare:
    n: int
    flagged: int
    share: float
    exceeds: bool


def flagged_share(
    posyandu: Sequence[str],
    rounds: Sequence[str],
    flags: ArrayLike,
    *,
    limit: float = 0.01,
) -> dict[tuple[str, str], FlagShare]:
    """Share of flagged values per (posyandu, round); ``exceeds`` when share > limit."""
    fl = np.asarray(flags, dtype=bool)
    if not (len(posyandu) == len(rounds) == fl.size):
        raise ValueError("posyandu, rounds and flags must have equal length")
    totals: dict[tuple[str, str], list[int]] = {}
    for key, flag in zip(zip(posyandu, rounds, strict=True), fl.tolist(), strict=True):
        entry = totals.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += int(flag)
    return {key: FlagShare(n, k, k / n, k / n > limit) for key, (n, k) in sorted(totals.items())}
