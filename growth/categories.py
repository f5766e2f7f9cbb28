"""Permenkes No. 2 Tahun 2020 (Standar Antropometri Anak) categories of z-scores.

Each indicator's classes are read off the regulation's table of categories and thresholds, whose
wording fixes the closed ends: "< -3 SD", "-3 SD sd < -2 SD", "-2 SD sd +1 SD", "> +1 SD sd
+2 SD", "> +2 SD sd +3 SD", "> +3 SD". So the classes below normal are closed at their lower
end (-3 is already "kurang", -2 already normal) and those above are closed at their upper end
(+1 is still normal, +2 still "berisiko gizi lebih"). A NaN z-score has no category: code ""
and label None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from growth import _inputs as inp


@dataclass(frozen=True)
class Indicator:
    """One Permenkes indicator: z cut-offs and its classes (stable code, Indonesian label).

    ``below`` are the cut-offs under normal (z >= cut moves up a class), ``above`` those over
    normal (z > cut moves up a class); ``classes`` run from the lowest z to the highest.
    """

    key: str
    title: str
    zscore: str
    below: tuple[float, ...]
    above: tuple[float, ...]
    classes: tuple[tuple[str, str], ...]


_WASTING = (
    ("severely_wasted", "Gizi buruk"),
    ("wasted", "Gizi kurang"),
    ("normal", "Gizi baik"),
    ("risk_overweight", "Berisiko gizi lebih"),
    ("overweight", "Gizi lebih"),
    ("obese", "Obesitas"),
)
_STUNTING = (
    ("severely_stunted", "Sangat pendek"),
    ("stunted", "Pendek"),
    ("normal", "Normal"),
    ("tall", "Tinggi"),
)

INDICATORS: dict[str, Indicator] = {
    ind.key: ind
    for ind in (
        Indicator(
            "bb_u",
            "BB/U",
            "zwei",
            (-3.0, -2.0),
            (1.0,),
            (
                ("severely_underweight", "Berat badan sangat kurang"),
                ("underweight", "Berat badan kurang"),
                ("normal", "Berat badan normal"),
                ("risk_overweight", "Risiko berat badan lebih"),
            ),
        ),
        Indicator("tb_u", "PB/U atau TB/U", "zlen", (-3.0, -2.0), (3.0,), _STUNTING),
        Indicator("bb_tb", "BB/PB atau BB/TB", "zwfl", (-3.0, -2.0), (1.0, 2.0, 3.0), _WASTING),
        Indicator("imt_u", "IMT/U (0-60 bulan)", "zbmi", (-3.0, -2.0), (1.0, 2.0, 3.0), _WASTING),
        Indicator(
            "imt_u_5_18",
            "IMT/U (5-18 tahun)",
            "zbfa",
            (-3.0, -2.0),
            (1.0, 2.0),
            (
                ("severely_thin", "Gizi buruk (severely thinness)"),
                ("thin", "Gizi kurang (thinness)"),
                ("normal", "Gizi baik (normal)"),
                ("overweight", "Gizi lebih (overweight)"),
                ("obese", "Obesitas (obese)"),
            ),
        ),
        Indicator("tb_u_5_18", "TB/U (5-18 tahun)", "zhfa", (-3.0, -2.0), (3.0,), _STUNTING),
    )
}


class Categories(NamedTuple):
    """Category per row: ``code`` (str array, "" when z is NaN), ``label`` (object array, None)."""

    code: npt.NDArray[np.str_]
    label: npt.NDArray[np.object_]


def categories(indicator: str, z: Any) -> Categories:
    """Permenkes 2/2020 category of each z-score of ``indicator`` (a key of `INDICATORS`).

    ``z`` is an array-like of z-scores (usually the rounded ones from `growth.zscores`).
    """
    spec = INDICATORS.get(indicator)
    if spec is None:
        allowed = ", ".join(f'"{k}"' for k in INDICATORS)
        raise ValueError(f"indicator: allowed values are {allowed}; got {inp.show(indicator)}")
    arr = inp.to_array(z, "z")
    values = inp.as_float(arr, "z", 1 if arr is None or arr.ndim == 0 else arr.shape[0])
    klass = np.searchsorted(np.array(spec.below), values, side="right") + np.searchsorted(
        np.array(spec.above), values, side="left"
    )
    missing = np.isnan(values)
    klass = np.where(missing, len(spec.classes), klass)
    codes = np.array([c for c, _ in spec.classes] + [""])
    labels = np.array([lab for _, lab in spec.classes] + [None], dtype=object)
    return Categories(codes[klass], labels[klass])


def classify(z: Mapping[str, Any], *, drop_flagged: bool = False) -> dict[str, Categories]:
    """Categories for every indicator whose z-score is in ``z`` (the dict of `growth.zscores`
    or `growth.zscores_5_18`), keyed by indicator (``bb_u``, ``tb_u``, ``bb_tb``, ``imt_u``,
    ``imt_u_5_18``, ``tb_u_5_18``). With ``drop_flagged`` a flagged z (WHO implausible value,
    flag column ``f...`` = 1) gets no category.
    """
    out: dict[str, Categories] = {}
    for key, spec in INDICATORS.items():
        if spec.zscore not in z:
            continue
        arr = inp.to_array(z[spec.zscore], spec.zscore)
        n = 1 if arr is None or arr.ndim == 0 else arr.shape[0]
        values = inp.as_float(arr, spec.zscore, n)
        flag_name = "f" + spec.zscore[1:]
        if drop_flagged and flag_name in z:
            flags = inp.as_float(inp.to_array(z[flag_name], flag_name), flag_name, n)
            values = np.where(flags == 1.0, np.nan, values)
        out[key] = categories(key, values)
    return out
