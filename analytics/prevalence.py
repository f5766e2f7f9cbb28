"""Prevalence with Wilson intervals, aggregation by Kemendagri code, anthropometric indicators.

All proportions are fractions in [0, 1] (multiply by 100 for percent). A unit with no
denominator (n = 0) has no data: its value and bounds are NaN, never 0 (DESIGN §4).

Sources: Wilson, E. B. (1927) "Probable inference, the law of succession, and statistical
inference", JASA 22:209–212; indicator cut-offs from WHO/UNICEF (2019) "Recommendations for
data collection, analysis and reporting on anthropometric indicators in children under 5 years
old", §3 (stunting HAZ < −2, severe < −3, wasting WHZ < −2, underweight WAZ < −2, overweight
WHZ > +2); flagged (biologically implausible) values are excluded from numerator and
denominator (same document, §3.2).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

Z95 = 1.959963984540054  # standard normal 97.5% quantile

Level = Literal["provinsi", "kabupaten", "kecamatan", "desa"]

# Length of the dotted Kemendagri code at each level: "53" / "53.02" / "53.02.01" / "53.02.01.2001".
PREFIX_LENGTH: dict[str, int] = {"provinsi": 2, "kabupaten": 5, "kecamatan": 8, "desa": 13}


@dataclass(frozen=True)
class Estimate:
    """A proportion with its denominator and 95% Wilson interval (fractions in [0, 1]).

    ``n`` is the denominator stated with every figure; ``n == 0`` means no data and then
    ``value``, ``lower`` and ``upper`` are NaN.
    """

    cases: int
    n: int
    value: float
    lower: float
    upper: float
    period: str = ""

    @property
    def has_data(self) -> bool:
        return self.n > 0

    @property
    def percent(self) -> float:
        return self.value * 100.0


def _as_int_array(values: ArrayLike, name: str) -> NDArray[np.int64]:
    arr = np.asarray(values)
    if arr.size and not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be numeric counts, got dtype {arr.dtype}")
    as_float = arr.astype(np.float64)
    if np.any(~np.isfinite(as_float)) or np.any(as_float < 0) or np.any(as_float % 1 != 0):
        raise ValueError(f"{name} must be non-negative whole numbers")
    return as_float.astype(np.int64)


def _check_counts(cases: NDArray[np.int64], n: NDArray[np.int64]) -> None:
    if cases.shape != n.shape:
        raise ValueError(f"cases and n must have the same shape, got {cases.shape} and {n.shape}")
    if np.any(cases > n):
        raise ValueError("cases must not exceed n")


def wilson_interval(
    cases: ArrayLike, n: ArrayLike, *, z: float = Z95
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson score interval for cases/n, vectorised; returns (lower, upper) as fractions.

    centre = (p + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · sqrt(p(1−p)/n + z²/4n²).
    Elements with n = 0 give NaN.
    """
    c = _as_int_array(cases, "cases")
    m = _as_int_array(n, "n")
    _check_counts(c, m)
    with np.errstate(divide="ignore", invalid="ignore"):
        nf = m.astype(np.float64)
        p = c / nf
        z2 = z * z
        denom = 1.0 + z2 / nf
        centre = (p + z2 / (2.0 * nf)) / denom
        half = z / denom * np.sqrt(p * (1.0 - p) / nf + z2 / (4.0 * nf * nf))
        lower = np.where(m > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        upper = np.where(m > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return lower.astype(np.float64), upper.astype(np.float64)


def prevalence(cases: int, n: int, *, period: str = "") -> Estimate:
    """One proportion cases/n with its Wilson 95% interval; n = 0 is no data (NaN)."""
    lower, upper = wilson_interval([cases], [n])
    value = cases / n if n > 0 else math.nan
    return Estimate(int(cases), int(n), value, float(lower[0]), float(upper[0]), period)


def prevalences(
    codes: Sequence[str], cases: ArrayLike, n: ArrayLike, *, period: str = ""
) -> dict[str, Estimate]:
    """Per-unit estimates keyed by region code (codes must be unique)."""
    c = _as_int_array(cases, "cases")
    m = _as_int_array(n, "n")
    _check_counts(c, m)
    if len(codes) != c.size:
        raise ValueError(f"codes has {len(codes)} items but cases has {c.size}")
    if len(set(codes)) != len(codes):
        raise ValueError("codes must be unique")
    lower, upper = wilson_interval(c, m)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(m > 0, c / np.maximum(m, 1), np.nan)
    return {
        code: Estimate(
            int(c[i]), int(m[i]), float(value[i]), float(lower[i]), float(upper[i]), period
        )
        for i, code in enumerate(codes)
    }


def parent_code(code: str, level: Level) -> str:
    """The code's ancestor at ``level`` by prefix ("53.02.01.2001", "kecamatan" → "53.02.01")."""
    if level not in PREFIX_LENGTH:
        raise ValueError(f"level must be one of {sorted(PREFIX_LENGTH)}, got {level!r}")
    length = PREFIX_LENGTH[level]
    if len(code) < length:
        raise ValueError(f"code {code!r} is shorter than a {level} code ({length} characters)")
    return code[:length]


def aggregate_by_prefix(
    codes: Sequence[str], *counts: ArrayLike, level: Level
) -> dict[str, tuple[int, ...]]:
    """Sum per-unit count arrays to their parent region by Kemendagri code prefix.

    ``codes`` has length k; each array in ``counts`` has length k. Returns
    {parent code: (sum of counts[0], sum of counts[1], ...)} in code order. Counts are plain
    sums, so aggregate numerators and denominators, never prevalences.
    """
    parents = [parent_code(code, level) for code in codes]
    arrays = [_as_int_array(c, f"counts[{i}]") for i, c in enumerate(counts)]
    for i, arr in enumerate(arrays):
        if arr.shape != (len(codes),):
            raise ValueError(f"counts[{i}] has shape {arr.shape}, expected ({len(codes)},)")
    keys, inverse = np.unique(np.asarray(parents, dtype=str), return_inverse=True)
    sums = []
    for arr in arrays:
        total = np.zeros(keys.size, dtype=np.int64)
        np.add.at(total, inverse, arr)  # integer sums, exact at any size
        sums.append(total)
    return {str(key): tuple(int(s[i]) for s in sums) for i, key in enumerate(keys.tolist())}


# Indicator → (z-score name, comparison, cut-off). WHO/UNICEF 2019 §3.
INDICATORS: dict[str, tuple[str, str, float]] = {
    "stunting": ("haz", "<", -2.0),
    "severe_stunting": ("haz", "<", -3.0),
    "wasting": ("whz", "<", -2.0),
    "underweight": ("waz", "<", -2.0),
    "overweight": ("whz", ">", 2.0),
}


@dataclass(frozen=True)
class IndicatorCount:
    """Counts behind one indicator: ``cases`` among ``n`` valid (finite, unflagged) z-scores.

    ``flagged`` values were excluded from numerator and denominator; ``missing`` are z-scores
    that could not be computed (NaN) and were not flagged.
    """

    indicator: str
    cases: int
    n: int
    flagged: int
    missing: int
    period: str = ""

    def estimate(self) -> Estimate:
        return prevalence(self.cases, self.n, period=self.period)


def _indicator_masks(
    indicator: str, z: ArrayLike, flags: ArrayLike
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    if indicator not in INDICATORS:
        raise ValueError(f"indicator must be one of {sorted(INDICATORS)}, got {indicator!r}")
    zs = np.asarray(z, dtype=np.float64)
    fl = np.asarray(flags, dtype=bool)
    if zs.shape != fl.shape:
        raise ValueError(f"z and flags must have the same shape, got {zs.shape} and {fl.shape}")
    _, op, cut = INDICATORS[indicator]
    valid = np.isfinite(zs) & ~fl
    with np.errstate(invalid="ignore"):
        hit = (zs < cut) if op == "<" else (zs > cut)
    return valid & hit, valid, fl, ~fl & ~np.isfinite(zs)


def count_indicator(
    indicator: str, z: ArrayLike, flags: ArrayLike, *, period: str = ""
) -> IndicatorCount:
    """Counts for one indicator over arrays of z-scores and plausibility flags (same length)."""
    case, valid, flagged, missing = _indicator_masks(indicator, z, flags)
    return IndicatorCount(
        indicator, int(case.sum()), int(valid.sum()), int(flagged.sum()), int(missing.sum()), period
    )


def count_indicator_by_region(
    indicator: str, codes: Sequence[str], z: ArrayLike, flags: ArrayLike, *, period: str = ""
) -> dict[str, IndicatorCount]:
    """Per-child arrays (length k) grouped by region code → counts per region, in code order."""
    case, valid, flagged, missing = _indicator_masks(indicator, z, flags)
    if len(codes) != case.size:
        raise ValueError(f"codes has {len(codes)} items but z has {case.size}")
    keys, inverse = np.unique(np.asarray(codes, dtype=str), return_inverse=True)

    def per_key(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        return np.bincount(inverse[mask], minlength=keys.size).astype(np.int64)

    cs, ns, fs, ms = per_key(case), per_key(valid), per_key(flagged), per_key(missing)
    return {
        str(key): IndicatorCount(indicator, int(cs[i]), int(ns[i]), int(fs[i]), int(ms[i]), period)
        for i, key in enumerate(keys.tolist())
    }


def anthropometric_indicators(
    *,
    haz: ArrayLike,
    waz: ArrayLike,
    whz: ArrayLike,
    haz_flag: ArrayLike,
    waz_flag: ArrayLike,
    whz_flag: ArrayLike,
    period: str = "",
) -> dict[str, IndicatorCount]:
    """All five indicators (stunting, severe stunting, wasting, underweight, overweight)."""
    z_by_name = {"haz": (haz, haz_flag), "waz": (waz, waz_flag), "whz": (whz, whz_flag)}
    result: dict[str, IndicatorCount] = {}
    for indicator, (zname, _, _) in INDICATORS.items():
        z, flags = z_by_name[zname]
        result[indicator] = count_indicator(indicator, z, flags, period=period)
    return result


@dataclass(frozen=True)
class MeasurementCoverage:
    """Children measured against the target (sasaran) count.

    ``percent`` = measured / sasaran × 100 (may exceed 100 when the sasaran estimate is low);
    NaN when sasaran is 0 (no data).
    """

    measured: int
    sasaran: int
    percent: float
    period: str = ""

    @property
    def has_data(self) -> bool:
        return self.sasaran > 0


def measurement_coverage(measured: int, sasaran: int, *, period: str = "") -> MeasurementCoverage:
    """Measurement coverage % = measured ÷ sasaran × 100 (Pedoman Aksi 7, Tahap Kedua 7)."""
    if measured < 0 or sasaran < 0:
        raise ValueError("measured and sasaran must be non-negative")
    percent = measured * 100.0 / sasaran if sasaran > 0 else math.nan
    return MeasurementCoverage(int(measured), int(sasaran), percent, period)
