"""WHO Growth Reference 2007 z-scores for 5-18 years (60 to < 229 months).

Rules of the WHO ``anthroplus`` R package 1.1.x (``R/zscores.R``), see ``growth/RULES.md``:
age in unrounded months; L, M, S interpolated linearly between the whole months around the
age; plain LMS for height-for-age, the restricted computation beyond ±3 SD for weight-for-age
and BMI-for-age; weight-for-age only below 121 months; rounding and flags as under 5.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from growth import _inputs as inp
from growth import reasons as rsn
from growth.lms import flag, lms_z, redo_near_half, restrict_beyond_3sd, round_r
from growth.tables import table

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

FROM_MONTHS = 60.0
# anthroplus 1.1.0 NEWS: upper limits are exclusive, 229 months (121 for weight-for-age).
BELOW_MONTHS = 229.0
WFA_BELOW_MONTHS = 121.0

FLAG_LIMITS: dict[str, tuple[float, float]] = {
    "hfa": (-6.0, 6.0),
    "wfa": (-6.0, 5.0),
    "bfa": (-5.0, 5.0),
}


def _by_month(
    name: str,
    y: FloatArray,
    sex: IntArray,
    months: FloatArray,
    ok: BoolArray,
    restricted: bool,
) -> tuple[FloatArray, FloatArray]:
    tbl = table(f"{name}2007")
    whole = np.trunc(np.where(ok, months, tbl.first))
    diff = months - whole
    diff = np.where(diff > 0.0, diff, 0.0)
    idx = np.where(ok, (sex - 1) * tbl.n + (whole.astype(np.int64) - tbl.first), 0)
    up = np.minimum(idx + 1, 2 * tbl.n - 1)
    l = tbl.l[idx] + diff * (tbl.l[up] - tbl.l[idx])  # noqa: E741
    m = tbl.m[idx] + diff * (tbl.m[up] - tbl.m[idx])
    s = tbl.s[idx] + diff * (tbl.s[up] - tbl.s[idx])
    z = lms_z(y, l, m, s, tbl.l_is_one)
    if restricted:
        z = restrict_beyond_3sd(z, y, l, m, s)
    z = redo_near_half(z, y, l, m, s, restricted)
    z = np.where(ok, round_r(z), np.nan)
    low, high = FLAG_LIMITS[name]
    return z, flag(z, low, high)


def zscores_5_18(
    *,
    sex: Any,
    age_days: Any = None,
    age_months: Any = None,
    weight_kg: Any = None,
    height_cm: Any = None,
    oedema: Any = None,
    reasons: bool = False,
) -> dict[str, npt.NDArray[Any]]:
    """WHO 2007 z-scores for children and adolescents aged 60 to < 229 months.

    Inputs as for `growth.zscores` (``height_cm`` is standing height; no 0.7 cm correction).
    Returns float64 arrays of length n, named as in ``anthroplus``: ``cbmi`` (kg/m²),
    ``zhfa``/``fhfa`` (TB/U, |z| > 6 flagged), ``zwfa``/``fwfa`` (BB/U, below 121 months only;
    z < -6 or > 5 flagged), ``zbfa``/``fbfa`` (IMT/U, |z| > 5 flagged). With ``reasons=True``
    also ``rhfa``, ``rwfa``, ``rbfa`` (codes of `growth.REASONS`).
    Source: de Onis et al., Bull WHO 2007;85:660-7; anthroplus 1.1.x ``anthroplus_zscores``.
    """
    raw = {
        "sex": inp.to_array(sex, "sex"),
        "age_days": inp.to_array(age_days, "age_days"),
        "age_months": inp.to_array(age_months, "age_months"),
        "weight_kg": inp.to_array(weight_kg, "weight_kg"),
        "height_cm": inp.to_array(height_cm, "height_cm"),
        "oedema": inp.to_array(oedema, "oedema"),
    }
    n = inp.common_length(raw)
    sex_code = inp.SEX.codes(raw["sex"], n).astype(np.int64)
    oedema_yes = inp.OEDEMA.codes(raw["oedema"], n) == inp.OEDEMA_YES
    _, months = inp.ages(raw["age_days"], raw["age_months"], n)
    weight_given = inp.as_float(raw["weight_kg"], "weight_kg", n)
    height_given = inp.as_float(raw["height_cm"], "height_cm", n)
    weight = np.where(weight_given > 0.0, weight_given, np.nan)
    height = np.where(height_given > 0.0, height_given, np.nan)
    cbmi = weight / np.square(height / 100.0)

    has_sex = sex_code > 0
    in_age = (months >= FROM_MONTHS) & (months < BELOW_MONTHS)
    ok = has_sex & in_age
    wfa_ok = ok & (months < WFA_BELOW_MONTHS) & ~oedema_yes
    out: dict[str, npt.NDArray[Any]] = {"cbmi": cbmi}
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        out["zhfa"], out["fhfa"] = _by_month("hfa", height, sex_code, months, ok, False)
        out["zwfa"], out["fwfa"] = _by_month("wfa", weight, sex_code, months, wfa_ok, True)
        out["zbfa"], out["fbfa"] = _by_month("bfa", cbmi, sex_code, months, ok & ~oedema_yes, True)
    if reasons:
        common = rsn.Common(
            sex_missing=~has_sex,
            age_missing=np.isnan(months),
            age_out_of_range=~np.isnan(months) & ~in_age,
            oedema=oedema_yes,
        )
        out["rhfa"] = rsn.explain(
            out["zhfa"], common, [height_given], by_age=True, weight_based=False
        )
        out["rwfa"] = rsn.explain(
            out["zwfa"],
            common,
            [weight_given],
            by_age=True,
            weight_based=True,
            age_outside_table=months >= WFA_BELOW_MONTHS,
        )
        out["rbfa"] = rsn.explain(
            out["zbfa"], common, [weight_given, height_given], by_age=True, weight_based=True
        )
    return out
