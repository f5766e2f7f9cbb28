"""The growth engine as the measurements app uses it: z-scores, flags and Permenkes categories
for whole columns, and the fields of ``Measurement`` they fill.

``growth`` is pure numpy (DESIGN §3); this adapter only names the stored fields, turns NaN into
NULL and writes the Indonesian warning for a WHO implausibility flag.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import growth

_zscores = growth.zscores

ENGINE_VERSION = str(getattr(growth, "__version__", "who2006"))

Z_FIELDS = ("clenhei", "zlen", "zwei", "zwfl", "zbmi", "zac", "zhc")
FLAG_FIELDS = ("flen", "fwei", "fwfl", "fbmi")
CAT_FIELDS = ("cat_wfa", "cat_hfa", "cat_wfh", "cat_bfa")
RESULT_FIELDS = (*Z_FIELDS, *FLAG_FIELDS, *CAT_FIELDS, "engine_version")

# flag → (indicator as the user knows it, its z-score, the input column it points at)
FLAG_INDICATORS: dict[str, tuple[str, str, str]] = {
    "flen": ("TB/U", "zlen", "lenhei_cm"),
    "fwei": ("BB/U", "zwei", "weight_kg"),
    "fwfl": ("BB/TB", "zwfl", "weight_kg"),
    "fbmi": ("IMT/U", "zbmi", "weight_kg"),
}


def compute(
    *,
    sex: np.ndarray,
    age_days: np.ndarray,
    weight_kg: np.ndarray,
    lenhei_cm: np.ndarray,
    measure: np.ndarray,
    oedema: np.ndarray,
    muac_cm: np.ndarray,
    headc_cm: np.ndarray,
) -> dict[str, np.ndarray]:
    """Stored results for n measurements: float arrays (NaN = none) for ``Z_FIELDS``, bool
    arrays for ``FLAG_FIELDS`` and ``standing_infant`` (not stored), and object arrays of
    category text for ``CAT_FIELDS``."""
    n = len(sex)
    if n == 0:
        return {f: np.zeros(0) for f in (*Z_FIELDS, *FLAG_FIELDS, *CAT_FIELDS, "standing_infant")}
    measure = np.asarray(measure, dtype=object)
    measure = np.where(np.isin(measure, ["l", "h"]), measure, None)
    z = _zscores(
        sex=np.asarray(sex),
        age_days=np.asarray(age_days, dtype=float),
        weight_kg=np.asarray(weight_kg, dtype=float),
        lenhei_cm=np.asarray(lenhei_cm, dtype=float),
        measure=measure,
        oedema=np.where(np.asarray(oedema, dtype=bool), "y", "n"),
        muac_cm=np.asarray(muac_cm, dtype=float),
        headc_cm=np.asarray(headc_cm, dtype=float),
    )
    out: dict[str, np.ndarray] = {f: np.asarray(z[f], dtype=float) for f in Z_FIELDS}
    for f in FLAG_FIELDS:
        out[f] = np.asarray(z[f], dtype=float) == 1.0
    # Measured standing below 9 months: the position is ignored (growth/RULES.md rule 4). Not
    # stored; the import warns of it (STANDING_INFANT_MESSAGE).
    out["standing_infant"] = np.asarray(z["c9mo_flag"], dtype=float) == 1.0
    # A flagged z is not counted (DESIGN §4): it is stored, categories come from unflagged z.
    usable = {
        "zwei": np.where(out["fwei"], np.nan, out["zwei"]),
        "zlen": np.where(out["flen"], np.nan, out["zlen"]),
        "zwfl": np.where(out["fwfl"], np.nan, out["zwfl"]),
        "zbmi": np.where(out["fbmi"], np.nan, out["zbmi"]),
    }
    out.update(_categories(usable))
    return out


_CATEGORY_OF = {"cat_wfa": "bb_u", "cat_hfa": "tb_u", "cat_wfh": "bb_tb", "cat_bfa": "imt_u"}


def _categories(usable: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Permenkes 2/2020 category codes (growth.classify), "" where the z is missing or flagged."""
    found = growth.classify(usable)
    return {f: found[key].code.astype(object) for f, key in _CATEGORY_OF.items()}


def field_values(result: dict[str, np.ndarray], i: int) -> dict[str, Any]:
    """The ``Measurement`` result fields of row ``i`` (NaN → None)."""
    values: dict[str, Any] = {}
    for f in Z_FIELDS:
        v = float(result[f][i])
        values[f] = None if v != v else v
    for f in FLAG_FIELDS:
        values[f] = bool(result[f][i])
    for f in CAT_FIELDS:
        values[f] = str(result[f][i] or "")
    values["engine_version"] = ENGINE_VERSION
    return values


STANDING_INFANT_MESSAGE = (
    "Cara ukur 'Berdiri' untuk anak di bawah 9 bulan tidak lazim: posisi diabaikan, panjang "
    "dinilai menurut umur tanpa koreksi 0,7 cm (aturan WHO Anthro). Periksa cara ukurnya."
)


def flag_message(indicator: str, z: float) -> str:
    shown = f"{z:.2f}".replace(".", ",")
    return f"Nilai {indicator} tidak masuk akal (z = {shown}), diberi tanda dan tidak dihitung."
