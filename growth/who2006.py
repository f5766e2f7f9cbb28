"""WHO Child Growth Standards 2006 z-scores for children under 5 (0 to < 60 months).

The rules are those of the WHO ``anthro`` R package 1.1.x (``anthro_zscores``), which implements
the WHO 2006 methods report, chapter 7; each is listed with its source in ``growth/RULES.md``.
Everything here is whole-array numpy: no Python loop runs per row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from growth import _inputs as inp
from growth import reasons as rsn
from growth._chunks import run_chunked
from growth.lms import flag, lms_z, redo_near_half, restrict_beyond_3sd, round_r
from growth.tables import LMSTable, table

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# anthro adjust_lenhei / WHO 2006 ch. 7: lying length is 0.7 cm more than standing height.
LYING_STANDING_CM = 0.7
# Rounded age in days from which height (standing) tables are used (24 months).
HEIGHT_FROM_DAYS = 731
# With no age and no position, anthro takes lengths below 87 cm as lying (weight-for-length).
LENGTH_BELOW_CM = 87.0
# The standing-below-9-months rule (anthro 1.1.0 ``c9mo_flag``) is on the unrounded age.
STANDING_FROM_MONTHS = 9.0
# z-scores only below 60 months of unrounded age (anthro 0.9.3 / 1.1.x ``age_in_months < 60``).
UNDER_FIVE_MONTHS = 60.0
WFL_RANGE = (45.0, 110.0)
WFH_RANGE = (65.0, 120.0)

# WHO flag limits on the rounded z (anthro_zscores documentation).
FLAG_LIMITS: dict[str, tuple[float, float]] = {
    "len": (-6.0, 6.0),
    "wei": (-6.0, 5.0),
    "wfl": (-5.0, 5.0),
    "bmi": (-5.0, 5.0),
    "ac": (-5.0, 5.0),
    "hc": (-5.0, 5.0),
}

OUTPUT_NAMES: tuple[str, ...] = (
    "clenhei",
    "cbmi",
    "c9mo_flag",
    "zlen",
    "flen",
    "zwei",
    "fwei",
    "zwfl",
    "fwfl",
    "zbmi",
    "fbmi",
    "zac",
    "fac",
    "zhc",
    "fhc",
)
REASON_NAMES: tuple[str, ...] = ("rlen", "rwei", "rwfl", "rbmi", "rac", "rhc")


def _positive(x: FloatArray) -> FloatArray:
    """``x`` with values <= 0 made NaN: no z-score is computed from them (DESIGN §3)."""
    return np.where(x > 0.0, x, np.nan)


def _by_age(
    tbl: LMSTable,
    name: str,
    y: FloatArray,
    sex: IntArray,
    day: IntArray,
    ok: BoolArray,
    restricted: bool,
) -> tuple[FloatArray, FloatArray]:
    """Rounded z and flag of an age-based indicator; NaN outside ``ok`` or where y is NaN."""
    ok = ok & (day >= tbl.first) & (day <= tbl.last)
    idx = np.where(ok, (sex - 1) * tbl.n + (day - tbl.first), 0)
    m = tbl.m[idx]
    s = tbl.s[idx]
    if tbl.l_is_one:
        z = (y / m - 1.0) / s
    else:
        l = tbl.l[idx]  # noqa: E741
        z = lms_z(y, l, m, s, False)
        if restricted:
            z = restrict_beyond_3sd(z, y, l, m, s)
        z = redo_near_half(z, y, l, m, s, restricted)
    z = np.where(ok, round_r(z), np.nan)
    low, high = FLAG_LIMITS[name]
    return z, flag(z, low, high)


def _wfl_table() -> tuple[LMSTable, LMSTable, FloatArray, FloatArray, FloatArray]:
    """WFL and WFH stacked (WFL boys, WFL girls, WFH boys, WFH girls, one spare last row)."""
    wfl, wfh = table("wfl"), table("wfh")
    cat = {
        k: np.concatenate([getattr(wfl, k), getattr(wfh, k), getattr(wfh, k)[-1:]])
        for k in ("l", "m", "s")
    }
    return wfl, wfh, cat["l"], cat["m"], cat["s"]


def _weight_for_lenhei(
    weight: FloatArray,
    clenhei: FloatArray,
    sex: IntArray,
    use_l: BoolArray,
    use_h: BoolArray,
    ok: BoolArray,
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Weight-for-length/height z, flag, and the in-range mask.

    L, M and S are interpolated linearly between the two 0.1 cm rows around the (corrected)
    length, with anthro's own arithmetic: ``low = trunc(x * 10) / 10``,
    ``upper = trunc(x * 10 + 1) / 10``, ``diff = (x - low) / 0.1``
    (``R/z-score-weight-for-lenhei.R``).
    """
    wfl, wfh, l_all, m_all, s_all = _wfl_table()
    in_l = use_l & (clenhei >= WFL_RANGE[0]) & (clenhei <= WFL_RANGE[1])
    in_h = use_h & (clenhei >= WFH_RANGE[0]) & (clenhei <= WFH_RANGE[1])
    in_range = in_l | in_h
    ok = ok & in_range
    x10 = np.where(in_range, clenhei, WFL_RANGE[0]) * 10.0
    tenths = np.trunc(x10)
    diff = (clenhei - tenths / 10.0) / 0.1
    diff = np.where(diff > 0.0, diff, 0.0)
    row = tenths.astype(np.int64)
    # anthro takes the upper row as trunc(x*10 + 1), not low + 1: just below a binade
    # (x = 102.39999999999999, e.g. 103.1 cm lying from 731 days minus 0.7) x*10 + 1 rounds
    # up and the row 102.4 is skipped. Users compare against anthro, so we do the same.
    row_up = np.trunc(x10 + 1.0).astype(np.int64)
    last = np.where(in_l, wfl.last, wfh.last)
    ok = ok & ((diff == 0.0) | (row_up <= last))
    idx = np.where(
        in_l,
        (sex - 1) * wfl.n + (row - wfl.first),
        2 * wfl.n + (sex - 1) * wfh.n + (row - wfh.first),
    )
    idx = np.where(ok, idx, 0)
    up = np.where(ok, idx + (row_up - row), 0)
    l_lo, m_lo, s_lo = l_all[idx], m_all[idx], s_all[idx]
    l = l_lo + diff * (l_all[up] - l_lo)  # noqa: E741
    m = m_lo + diff * (m_all[up] - m_lo)
    s = s_lo + diff * (s_all[up] - s_lo)
    z = restrict_beyond_3sd(lms_z(weight, l, m, s, False), weight, l, m, s)
    z = redo_near_half(z, weight, l, m, s, True)
    z = np.where(ok, round_r(z), np.nan)
    low, high = FLAG_LIMITS["wfl"]
    return z, flag(z, low, high), in_range


def zscores(
    *,
    sex: Any,
    age_days: Any = None,
    age_months: Any = None,
    weight_kg: Any = None,
    lenhei_cm: Any = None,
    measure: Any = None,
    oedema: Any = None,
    muac_cm: Any = None,
    headc_cm: Any = None,
    reasons: bool = False,
) -> dict[str, npt.NDArray[Any]]:
    """WHO 2006 z-scores for children aged 0 to < 60 months, one row per measurement.

    Arguments are array-likes of one length n (lists, numpy arrays, pandas or polars Series; a
    scalar is repeated). Missing is ``None`` or NaN.

    - ``sex``: 1 / 2, "1" / "2", "L" / "P", "m" / "f" (any case); 1 = laki-laki, 2 = perempuan.
    - ``age_days`` (exact days, not rounded) or ``age_months`` (x 30.4375 days), not both.
    - ``weight_kg`` (kg), ``lenhei_cm`` (cm, as measured), ``muac_cm`` (LiLA, cm),
      ``headc_cm`` (cm).
    - ``measure``: "l" / "Terlentang" (lying) or "h" / "Berdiri" (standing), any case, or
      missing (then: by age, else length < 87 cm means lying).
    - ``oedema``: "n" / "Tidak", "y" / "Ya", any case; missing means no oedema.

    Returns a dict of float64 arrays of length n, in input order, named as in ``anthro``:
    ``clenhei`` (length/height after the 0.7 cm lying/standing correction), ``cbmi``
    (kg/m², from ``clenhei``), ``c9mo_flag`` (1.0 where a standing measurement below 9 months
    was ignored as position, else 0.0), and z-score / flag pairs ``zlen``/``flen``
    (PB/U-TB/U), ``zwei``/``fwei`` (BB/U), ``zwfl``/``fwfl`` (BB/PB-BB/TB), ``zbmi``/``fbmi``
    (IMT/U), ``zac``/``fac`` (LiLA/U), ``zhc``/``fhc`` (lingkar kepala/U). Z-scores are rounded
    to 2 decimals as anthro does; a flag is 1.0 / 0.0 on the rounded z and NaN where z is NaN.
    With ``reasons=True`` it adds ``rlen``, ``rwei``, ``rwfl``, ``rbmi``, ``rac``, ``rhc``:
    string arrays with "" where the z-score exists and otherwise a code from
    `growth.REASONS` saying why it is missing.

    Raises ValueError naming the argument for unknown codes, non-numbers and unequal lengths.
    Source: WHO 2006 methods report ch. 7; anthro 1.1.x ``anthro_zscores`` (growth/RULES.md).
    """
    raw = {
        "sex": inp.to_array(sex, "sex"),
        "age_days": inp.to_array(age_days, "age_days"),
        "age_months": inp.to_array(age_months, "age_months"),
        "weight_kg": inp.to_array(weight_kg, "weight_kg"),
        "lenhei_cm": inp.to_array(lenhei_cm, "lenhei_cm"),
        "measure": inp.to_array(measure, "measure"),
        "oedema": inp.to_array(oedema, "oedema"),
        "muac_cm": inp.to_array(muac_cm, "muac_cm"),
        "headc_cm": inp.to_array(headc_cm, "headc_cm"),
    }
    n = inp.common_length(raw)
    given = {
        name: raw[name] is not None for name in ("weight_kg", "lenhei_cm", "muac_cm", "headc_cm")
    }
    days, months = inp.ages(raw["age_days"], raw["age_months"], n)
    columns = {
        "sex": inp.SEX.codes(raw["sex"], n).astype(np.int64),
        "measure": inp.MEASURE.codes(raw["measure"], n),
        "oedema": inp.OEDEMA.codes(raw["oedema"], n) == inp.OEDEMA_YES,
        "days": days,
        "months": months,
        "weight": inp.as_float(raw["weight_kg"], "weight_kg", n),
        "lenhei": inp.as_float(raw["lenhei_cm"], "lenhei_cm", n),
    }
    # Optional measurements are only converted (and sliced per chunk) when given.
    for column, name in (("muac", "muac_cm"), ("headc", "headc_cm")):
        if given[name]:
            columns[column] = inp.as_float(raw[name], name, n)
    out = run_chunked(
        lambda part: _compute(part, given), columns, n, (*OUTPUT_NAMES, "wfl_in_range")
    )
    wfl_in_range = out.pop("wfl_in_range") == 1.0
    if reasons:
        _add_reasons(out, columns, wfl_in_range)
    return out


def _compute(c: dict[str, npt.NDArray[Any]], given: dict[str, bool]) -> dict[str, FloatArray]:
    """The z-scores of one chunk of rows (see `zscores`; ``c`` holds the parsed columns)."""
    # Rows that end up NaN (missing or out-of-range inputs) may raise "invalid value" warnings
    # on the way; they are expected, and numpy's error state is per thread.
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return _compute_rows(c, given)


def _compute_rows(c: dict[str, npt.NDArray[Any]], given: dict[str, bool]) -> dict[str, FloatArray]:
    sex = c["sex"]
    days = c["days"]
    months = c["months"]
    oedema_yes = c["oedema"]
    weight = _positive(c["weight"])
    lenhei = _positive(c["lenhei"])
    n = sex.shape[0]

    has_sex = sex > 0
    has_age = days >= 0.0  # NaN and negative ages are both "no usable age"
    under_five = has_age & (months < UNDER_FIVE_MONTHS)
    # anthro round_up: whole days, halves up; used for look-up, correction and WFL/WFH choice.
    age = np.where(has_age, days, 0.0)
    day_float = np.floor(age)
    day_float += (age - day_float) >= 0.5
    day = day_float.astype(np.int64)

    standing_infant = (
        (c["measure"] == inp.MEASURE_STANDING) & has_age & (months < STANDING_FROM_MONTHS)
    )
    measure_code = np.where(standing_infant, 0, c["measure"])
    lying = measure_code == inp.MEASURE_LYING
    standing = measure_code == inp.MEASURE_STANDING
    young = has_age & (day < HEIGHT_FROM_DAYS)
    old = has_age & (day >= HEIGHT_FROM_DAYS)
    correction = np.where(
        young & standing, LYING_STANDING_CM, np.where(old & lying, -LYING_STANDING_CM, 0.0)
    )
    # anthro sets a corrected length <= 0 to missing as well (`measure[measure <= 0] <- NA`).
    clenhei = _positive(lenhei + correction)
    cbmi = weight / np.square(clenhei / 100.0)

    age_ok = has_sex & under_five
    weight_ok = age_ok & ~oedema_yes
    nan = np.full(n, np.nan)
    out: dict[str, FloatArray] = {
        "clenhei": clenhei,
        "cbmi": cbmi,
        "c9mo_flag": standing_infant.astype(np.float64),
        "wfl_in_range": np.zeros(n),
    }
    for key in (
        "zlen",
        "flen",
        "zwei",
        "fwei",
        "zwfl",
        "fwfl",
        "zbmi",
        "fbmi",
        "zac",
        "fac",
        "zhc",
        "fhc",
    ):
        out[key] = nan
    if given["lenhei_cm"]:
        out["zlen"], out["flen"] = _by_age(table("len"), "len", clenhei, sex, day, age_ok, False)
    if given["weight_kg"]:
        out["zwei"], out["fwei"] = _by_age(table("wei"), "wei", weight, sex, day, weight_ok, True)
    if given["weight_kg"] and given["lenhei_cm"]:
        no_age = np.isnan(days)
        no_position = measure_code == 0
        use_l = young | (no_age & lying) | (no_age & no_position & (clenhei < LENGTH_BELOW_CM))
        use_h = old | (no_age & standing) | (no_age & no_position & (clenhei >= LENGTH_BELOW_CM))
        # Without an age the 60-month limit cannot be checked and anthro still computes WFL/WFH.
        wfl_ok = has_sex & ~oedema_yes & (under_five | no_age) & ~np.isnan(weight)
        out["zwfl"], out["fwfl"], in_range = _weight_for_lenhei(
            weight, clenhei, sex, use_l, use_h, wfl_ok
        )
        out["wfl_in_range"] = in_range.astype(np.float64)
        out["zbmi"], out["fbmi"] = _by_age(table("bmi"), "bmi", cbmi, sex, day, weight_ok, True)
    if given["muac_cm"]:
        muac = _positive(c["muac"])
        out["zac"], out["fac"] = _by_age(table("ac"), "ac", muac, sex, day, age_ok, True)
    if given["headc_cm"]:
        headc = _positive(c["headc"])
        out["zhc"], out["fhc"] = _by_age(table("hc"), "hc", headc, sex, day, age_ok, False)
    return out


def _add_reasons(
    out: dict[str, npt.NDArray[Any]], c: dict[str, npt.NDArray[Any]], wfl_in_range: BoolArray
) -> None:
    """Add the reason arrays ``rlen`` ... ``rhc`` (see `growth.reasons`) to ``out``."""
    days, months = c["days"], c["months"]
    has_age = days >= 0.0
    common = rsn.Common(
        sex_missing=c["sex"] == 0,
        age_missing=np.isnan(days),
        age_out_of_range=(days < 0.0) | (has_age & ~(months < UNDER_FIVE_MONTHS)),
        oedema=c["oedema"],
    )
    weight = c["weight"]
    # a length that is positive as given but not after the 0.7 cm correction counts as <= 0
    lenhei = np.where(np.isnan(out["clenhei"]) & ~np.isnan(c["lenhei"]), 0.0, c["lenhei"])
    both = [weight, lenhei]
    day = np.floor(np.where(has_age, days, 0.0) + 0.5)
    out["rlen"] = rsn.explain(out["zlen"], common, [lenhei], by_age=True, weight_based=False)
    out["rwei"] = rsn.explain(out["zwei"], common, [weight], by_age=True, weight_based=True)
    out["rbmi"] = rsn.explain(out["zbmi"], common, both, by_age=True, weight_based=True)
    nan = np.full(days.shape, np.nan)
    out["rhc"] = rsn.explain(
        out["zhc"], common, [c.get("headc", nan)], by_age=True, weight_based=False
    )
    out["rac"] = rsn.explain(
        out["zac"],
        common,
        [c.get("muac", nan)],
        by_age=True,
        weight_based=False,
        age_outside_table=has_age & (day < table("ac").first),
    )
    out["rwfl"] = rsn.explain(
        out["zwfl"],
        common,
        both,
        by_age=False,
        weight_based=True,
        lenhei_out_of_range=~wfl_in_range,
    )
