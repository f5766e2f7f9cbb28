"""Data for the ECharts charts of the analysis pages (JSON-ready dicts; the drawing is in the
templates' scripts).

- ``prevalence_bars``: stunting prevalence per unit with its 95% Wilson interval (error bars).
- ``growth_chart``: the WHO 2006 −3, −2, 0, +2, +3 SD curves of an indicator for one sex,
  computed from the LMS tables (``growth.tables``): X = M·(1 + L·S·z)^(1/L), or M·exp(S·z)
  when L = 0 (WHO 2006 methods report, ch. 7), and the child's own points.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from growth import tables

from .prevalence import PrevalenceTable

SD_LINES = (-3.0, -2.0, 0.0, 2.0, 3.0)
DAYS_PER_MONTH = 30.4375
# indicator → (LMS table, stored measurement field, unit)
GROWTH_INDICATORS = {
    "tb_u": ("len", "lenhei_cm", "cm"),
    "bb_u": ("wei", "weight_kg", "kg"),
}


def prevalence_bars(table: PrevalenceTable, indicator: str = "stunting") -> dict[str, Any]:
    names, values, lower, upper, n = [], [], [], [], []
    for row in table.rows:
        fig = row.figures[indicator]
        names.append(row.name)
        n.append(fig.n)
        if fig.has_data:
            values.append(round(fig.percent, 1))
            lower.append(round(fig.lower_percent, 1))
            upper.append(round(fig.upper_percent, 1))
        else:  # no data: no bar (never drawn as 0%)
            values.append(None)
            lower.append(None)
            upper.append(None)
    total = table.total.figures[indicator]
    return {
        "names": names,
        "values": values,
        "lower": lower,
        "upper": upper,
        "n": n,
        "total": round(total.percent, 1) if total.has_data else None,
    }


def sd_curve(table_name: str, sex: int, z: float, days: np.ndarray) -> list[float]:
    t = tables.table(table_name)
    idx = (sex - 1) * t.n + (days - t.first)
    l_, m, s = t.l[idx], t.m[idx], t.s[idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(l_ == 0, m * np.exp(s * z), m * np.power(1.0 + l_ * s * z, 1.0 / l_))
    return [round(float(v), 2) for v in x]


def growth_chart(sex: int, indicator: str, points: Iterable[tuple[float, float | None]]):
    """Curves for 0–60 months (one point a month) and the child's (age months, value) points."""
    table_name, _field, unit = GROWTH_INDICATORS[indicator]
    t = tables.table(table_name)
    months = np.arange(0, 61)
    days = np.minimum(np.rint(months * DAYS_PER_MONTH).astype(np.int64), t.last)
    curves = {
        f"{z:+g}": [
            [int(mo), v] for mo, v in zip(months, sd_curve(table_name, sex, z, days), strict=True)
        ]
        for z in SD_LINES
    }
    child = [
        [round(age, 2), value]
        for age, value in points
        if value is not None and not math.isnan(value) and 0 <= age <= 60
    ]
    return {"curves": curves, "child": child, "unit": unit}
