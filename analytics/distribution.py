"""Distribution of stunting across regions (Pedoman Aksi 1 §1.7, Tahapan Ketiga 2.).

Key figures the Pedoman asks for: the pooled kabupaten prevalence; per-region prevalence and
the regions significantly above it; how many regions are above / below the kabupaten value;
where the cases are concentrated. Then the "tingkat kedalaman" decision between the three
options of §1.7 (analisis khusus per wilayah / daftar perhatian khusus / analisis umum).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

from analytics.hotspots import HotspotAnalysis, hotspots
from analytics.prevalence import Estimate, _as_int_array, prevalence, prevalences
from analytics.traffic_light import CoverageClass


@dataclass(frozen=True)
class Concentration:
    """Where the cases are. Shares are fractions of all cases.

    ``top_k_share``: share of cases in the ``top_k`` regions with most cases;
    ``top_fifth_share``: in the top ceil(20%) of regions with data (``top_fifth_count``);
    ``lorenz_x``/``lorenz_y``: cumulative share of measured children and of cases, regions
    sorted by prevalence ascending, starting at (0, 0); ``gini``: 1 − Σ Δx·(y_k + y_{k−1}),
    0 when every region has the same prevalence, towards 1 when cases sit in few regions.
    """

    top_k: int
    top_k_share: float
    top_fifth_count: int
    top_fifth_share: float
    lorenz_x: NDArray[np.float64]
    lorenz_y: NDArray[np.float64]
    gini: float


@dataclass(frozen=True)
class Distribution:
    pooled: Estimate
    units: dict[str, Estimate]
    above: int
    below: int
    equal: int
    no_data: int
    significantly_above: tuple[str, ...]
    significantly_below: tuple[str, ...]
    concentration: Concentration
    hotspot: HotspotAnalysis | None
    period: str = ""


def concentration(cases: ArrayLike, n: ArrayLike, *, top_k: int = 5) -> Concentration:
    """Concentration of cases over regions with data (n > 0); arrays of length k."""
    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    keep = m > 0
    c, m = c[keep], m[keep]
    total = int(c.sum())
    by_cases = np.sort(c)[::-1]
    fifth = math.ceil(c.size / 5)
    if total == 0:
        return Concentration(top_k, math.nan, fifth, math.nan, np.zeros(1), np.zeros(1), math.nan)
    order = np.argsort(c / m, kind="stable")
    x = np.concatenate([[0.0], np.cumsum(m[order]) / m.sum()])
    y = np.concatenate([[0.0], np.cumsum(c[order]) / total])
    gini = float(1.0 - np.sum(np.diff(x) * (y[1:] + y[:-1])))
    return Concentration(
        top_k=top_k,
        top_k_share=float(by_cases[:top_k].sum() / total),
        top_fifth_count=fifth,
        top_fifth_share=float(by_cases[:fifth].sum() / total),
        lorenz_x=x,
        lorenz_y=y,
        gini=gini,
    )


def distribution(
    codes: Sequence[str], cases: ArrayLike, n: ArrayLike, *, top_k: int = 5, period: str = ""
) -> Distribution:
    """Pooled and per-region prevalence, counts above/below, hotspots and concentration."""
    c, m = _as_int_array(cases, "cases"), _as_int_array(n, "n")
    units = prevalences(codes, c, m, period=period)
    pooled = prevalence(int(c.sum()), int(m.sum()), period=period)
    with_data = [e for e in units.values() if e.has_data]
    above = sum(1 for e in with_data if e.cases * pooled.n > pooled.cases * e.n)
    below = sum(1 for e in with_data if e.cases * pooled.n < pooled.cases * e.n)
    hot = hotspots(codes, c, m, period=period) if 0 < pooled.cases < pooled.n else None
    sig_above = tuple(r.code for r in hot.results if r.prevalence_class.is_above) if hot else ()
    sig_below = tuple(r.code for r in hot.results if r.prevalence_class.is_below) if hot else ()
    return Distribution(
        pooled=pooled,
        units=units,
        above=above,
        below=below,
        equal=len(with_data) - above - below,
        no_data=len(units) - len(with_data),
        significantly_above=sig_above,
        significantly_below=sig_below,
        concentration=concentration(c, m, top_k=top_k),
        hotspot=hot,
        period=period,
    )


class DepthOption(StrEnum):
    KHUSUS = "analisis_khusus"
    PERHATIAN_KHUSUS = "daftar_perhatian_khusus"
    UMUM = "analisis_umum"

    @property
    def label(self) -> str:
        return _DEPTH_LABELS[self]


_DEPTH_LABELS = {
    DepthOption.KHUSUS: "Analisis Situasi secara tersendiri (khusus) pada wilayah tertentu",
    DepthOption.PERHATIAN_KHUSUS: (
        "Daftar wilayah yang memerlukan perhatian khusus dalam Analisis Situasi skala "
        "kabupaten/kota"
    ),
    DepthOption.UMUM: "Analisis Situasi skala kabupaten/kota secara umum",
}


@dataclass(frozen=True)
class DepthSuggestion:
    """The suggested option with, per region, the reasons (Bahasa Indonesia)."""

    option: DepthOption
    reasons: tuple[str, ...]
    khusus: dict[str, tuple[str, ...]]
    perhatian: dict[str, tuple[str, ...]]


def _share_more_than_half(classes: Sequence[CoverageClass | None], good: bool) -> bool:
    known = [c for c in classes if c is not None and c.has_data]
    hits = sum(1 for c in known if (not c.is_poor) == good)
    return bool(known) and 2 * hits > len(known)


def suggest_analysis_depth(
    hotspot: HotspotAnalysis,
    *,
    coverage: Mapping[str, Mapping[str, CoverageClass | None]] | None = None,
    programs_complete: Mapping[str, bool] | None = None,
) -> DepthSuggestion:
    """Suggest the depth of the Analisis Situasi (Pedoman §1.7, "Rekomendasi keputusan").

    Analisis khusus when any region shows (a) prevalence or case count significantly above
    the kabupaten value (exact tests at 95%, see ``hotspots``); (b) adequate coverage (more
    than half of its main indicators memadai/hampir memadai — and, when ``programs_complete``
    is given, relatively complete programmes) yet prevalence above the kabupaten value; or
    (c) poor coverage (more than half "kurang") although prevalence is at or below it.
    Otherwise a daftar perhatian khusus when some region is above the kabupaten prevalence
    without being significantly so; otherwise analisis umum.
    coverage: {region code: {main indicator: class}}.
    """
    khusus: dict[str, list[str]] = {}
    perhatian: dict[str, list[str]] = {}
    p0 = hotspot.p0
    for r in hotspot.results:
        if r.n == 0:
            continue
        classes = list((coverage or {}).get(r.code, {}).values())
        above_pooled = r.prevalence > p0
        notes: list[str] = []
        if r.prevalence_class.is_above:
            notes.append(
                f"prevalensi {r.prevalence * 100:.1f}% signifikan di atas prevalensi "
                f"kabupaten {p0 * 100:.1f}% (uji binomial eksak satu sisi, p = {r.p_above:.4f})"
            )
        if r.case_class.is_above:
            notes.append(
                f"jumlah kasus {r.cases} signifikan di atas harapan {r.expected:.1f} "
                f"(uji Poisson eksak, p = {r.p_cases_above:.4f})"
            )
        complete = programs_complete is None or programs_complete.get(r.code, False)
        if above_pooled and complete and _share_more_than_half(classes, good=True):
            notes.append(
                "cakupan layanan relatif memadai namun prevalensi masih di atas "
                "prevalensi kabupaten"
            )
        if not above_pooled and _share_more_than_half(classes, good=False):
            notes.append("cakupan layanan relatif rendah meskipun prevalensi stunting rendah")
        if notes:
            khusus[r.code] = notes
        elif above_pooled:
            perhatian[r.code] = [
                f"prevalensi {r.prevalence * 100:.1f}% di atas prevalensi kabupaten "
                f"{p0 * 100:.1f}% namun tidak signifikan secara statistik"
            ]
    if khusus:
        option = DepthOption.KHUSUS
        reasons = (
            f"{len(khusus)} wilayah memenuhi sedikitnya satu kondisi Analisis Situasi khusus "
            "(Pedoman Aksi 1 §1.7, huruf a–c).",
        )
    elif perhatian:
        option = DepthOption.PERHATIAN_KHUSUS
        reasons = (
            f"{len(perhatian)} wilayah berada di atas prevalensi kabupaten tetapi tidak "
            "signifikan, dan tidak ada wilayah yang memenuhi kondisi analisis khusus.",
        )
    else:
        option = DepthOption.UMUM
        reasons = (
            "Tidak ada wilayah dengan prevalensi atau jumlah kasus di atas rata-rata kabupaten "
            "maupun dengan cakupan bermasalah; cukup Analisis Situasi skala kabupaten/kota.",
        )
    return DepthSuggestion(
        option,
        reasons,
        {k: tuple(v) for k, v in khusus.items()},
        {k: tuple(v) for k, v in perhatian.items()},
    )
