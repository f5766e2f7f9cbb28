# ruff: noqa: E741
"""An independent, deliberately slow per-row reference for `growth.zscores` (WHO 2006, under 5).

Written from growth/RULES.md, DESIGN §3, the WHO 2006 methods report ch. 7 (LMS z-score and
the restricted computation beyond +-3 SD) and anthro 1.1 read as a specification — not from
growth/*.py. Pure Python: `csv` for the raw WHO tables, `math` for the double arithmetic (the
same IEEE doubles and libm `pow` that R uses on Linux, in the same order of operations as
anthro, so that the 2-decimal result is decided exactly as anthro decides it), `decimal` only
to check the rounding (see `round2_exact`).

One row in, one dict out, keyed like `growth.zscores`.
"""

from __future__ import annotations

import csv
import math
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "growth" / "data"
DAYS_PER_MONTH = 30.4375
NAN = math.nan


# --------------------------------------------------------------------------- tables


@cache
def age_table(name: str) -> dict[tuple[int, int], tuple[float, float, float]]:
    """(sex, day) -> (L, M, S) from one of the *anthro.txt files keyed by age."""
    out = {}
    with open(DATA / f"{name}.txt", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[(int(row["sex"]), int(row["age"]))] = (
                float(row["l"]),
                float(row["m"]),
                float(row["s"]),
            )
    return out


@cache
def length_table(name: str) -> dict[tuple[int, int], tuple[float, float, float]]:
    """(sex, tenths of a cm) -> (L, M, S) from wflanthro / wfhanthro."""
    key = "length" if name == "wflanthro" else "height"
    out = {}
    with open(DATA / f"{name}.txt", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            tenths = int(Decimal(row[key]) * 10)  # exact: the file holds one decimal
            out[(int(row["sex"]), tenths)] = (float(row["l"]), float(row["m"]), float(row["s"]))
    return out


# --------------------------------------------------------------------------- arithmetic


def missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def r_pow(x: float, y: float) -> float:
    """R's `^` on doubles: x*x for y == 2, the IEEE special cases, else C `pow`."""
    if math.isnan(x) or math.isnan(y):
        return 1.0 if (x == 1.0 or y == 0.0) else NAN
    if y == 2.0:
        return x * x
    if x == 1.0 or y == 0.0:
        return 1.0
    if x == 0.0:
        return 0.0 if y > 0 else math.inf
    try:
        return math.pow(x, y)
    except ValueError:  # negative base, non-integer exponent
        return NAN
    except OverflowError:
        return math.inf if x > 0 or (float(y).is_integer() and y % 2 == 0) else -math.inf


def round_half_up_days(x: float) -> int:
    """anthro `round_up`: floor, +1 when the remainder is >= 0.5 (730.5 -> 731)."""
    f = math.floor(x)
    return int(f) + (1 if x - f >= 0.5 else 0)


def round2(z: float) -> float:
    """R >= 4.0 `round(z, 2)` (nmath fround.c), written from its description.

    Work on |z| and put the sign back. Unless |z| already has more than 15 significant digits
    before the 2nd decimal, the candidates are floor(|z|*100)/100 and ceil(|z|*100)/100; take
    the one nearer to |z|, the distances computed in doubles; on an exact tie, the one whose
    hundredths digit is even.
    """
    if math.isnan(z) or math.isinf(z) or z == 0.0:
        return z
    sign = -1.0 if z < 0 else 1.0
    x = abs(z)
    exponent = math.frexp(x)[1] - 1  # C logb(x)
    if 2 + (exponent + 0.5) * math.log10(2.0) > 15:
        return sign * x
    x100 = 100.0 * x
    lo = math.floor(x100)
    down = lo / 100.0
    up = math.ceil(x100) / 100.0
    du = up - x
    dd = x - down
    take_up = du < dd or (du == dd and lo % 2 == 1)
    return sign * (up if take_up else down)


def round2_exact(z: float) -> float:
    """The same choice decided on exact decimal distances (Decimal), for cross-checking
    `round2`: they may differ only when |z| is within a few ulps of a 2-decimal midpoint."""
    if math.isnan(z) or math.isinf(z) or z == 0.0:
        return z
    sign = -1.0 if z < 0 else 1.0
    x = abs(z)
    lo = math.floor(100.0 * x)
    hi = math.ceil(100.0 * x)
    down, up = lo / 100.0, hi / 100.0
    dd = Decimal(x) - Decimal(down)
    du = Decimal(up) - Decimal(x)
    take_up = du < dd or (du == dd and lo % 2 == 1)
    return sign * (up if take_up else down)


def lms_z(y: float, l: float, m: float, s: float) -> float:
    """WHO 2006 ch. 7: z = ((y/M)^L - 1) / (S*L), operations in anthro's order."""
    return (r_pow(y / m, l) - 1.0) / (s * l)


def lms_z_restricted(y: float, l: float, m: float, s: float) -> float:
    """WHO 2006 ch. 7 restricted application: beyond +-3 SD the distance is measured in the
    SD2-SD3 (resp. SD-2..SD-3) interval of the original scale."""
    z = lms_z(y, l, m, s)

    def sd(k: float) -> float:
        return m * r_pow(1.0 + l * s * k, 1.0 / l)

    if math.isnan(z):
        return z
    if z > 3:
        sd3 = sd(3.0)
        return 3.0 + (y - sd3) / (sd3 - sd(2.0))
    if z < -3:
        sd3n = sd(-3.0)
        return -3.0 + (y - sd3n) / (sd(-2.0) - sd3n)
    return z


# --------------------------------------------------------------------------- one row


def _num(x) -> float:
    return NAN if missing(x) else float(x)


def _code(x) -> str | None:
    return None if missing(x) else str(x).strip().lower()


def reference_row(
    sex=None,
    age_days=None,
    age_months=None,
    weight_kg=None,
    lenhei_cm=None,
    measure=None,
    oedema=None,
    muac_cm=None,
    headc_cm=None,
    *,
    anthro_upper_row: bool = True,
) -> dict[str, float]:
    """One row as anthro 1.1 computes it (see growth/RULES.md for the deviations kept here:
    rule 14, weight/length <= 0 -> NaN; rule 15, negative age -> NaN).

    `anthro_upper_row=True` (the default, as the engine does) takes the upper
    weight-for-length/height row as anthro literally does, `trunc(x*10 + 1)/10`; in doubles
    that skips a row when x*10 lies just below 512 or 1024 (x = 51.199999999999996 or
    102.39999999999999, e.g. 103.1 cm lying from 731 days minus 0.7). False takes the row
    0.1 cm above the lower one.
    """
    sx = None if missing(sex) else int(sex)
    if sx not in (1, 2):
        sx = None
    weight = _num(weight_kg)
    lenhei = _num(lenhei_cm)
    muac = _num(muac_cm)
    headc = _num(headc_cm)
    pos = _code(measure)
    if pos not in ("l", "h"):
        pos = None
    has_oedema = _code(oedema) == "y"

    # ---- age: rounded days for look-ups, unrounded months for the 60-month / 9-month limits
    days: int | None = None
    months = NAN
    negative_age = False
    if not missing(age_days):
        a = float(age_days)
        months = a / DAYS_PER_MONTH
        if a < 0:
            negative_age = True
        else:
            days = round_half_up_days(a)
    elif not missing(age_months):
        months = float(age_months)
        if months < 0:
            negative_age = True
        else:
            days = round_half_up_days(months * DAYS_PER_MONTH)
    age_known = days is not None
    under_60 = age_known and months < 60

    # ---- position: standing under 9 (unrounded) months is ignored and flagged
    c9mo = 0.0
    if pos == "h" and not math.isnan(months) and months < 9:
        pos = None
        c9mo = 1.0

    # ---- lying/standing correction on the rounded age
    clenhei = lenhei
    if age_known and pos == "h" and days < 731:
        clenhei = lenhei + 0.7
    elif age_known and pos == "l" and days >= 731:
        clenhei = lenhei - 0.7
    if not math.isnan(clenhei) and clenhei <= 0:
        clenhei = NAN  # rule 14 (deviation from anthro, DESIGN §3)
    if not math.isnan(weight) and weight <= 0:
        weight = NAN  # rule 14: "weight <= 0 gives NaN everywhere"

    cbmi = weight / r_pow(clenhei / 100.0, 2.0)

    out = {"clenhei": clenhei, "cbmi": cbmi, "c9mo_flag": c9mo}

    def by_age(name, y, table, restricted, first_day=0, oedema_kills=False):
        if sx is None or not under_60 or days < first_day or days > 1856:
            return NAN
        if math.isnan(y) or y <= 0 or (oedema_kills and has_oedema):
            return NAN
        l, m, s = age_table(table)[(sx, days)]
        return round2((lms_z_restricted if restricted else lms_z)(y, l, m, s))

    out["zlen"] = by_age("len", clenhei, "lenanthro", restricted=False)
    out["zwei"] = by_age("wei", weight, "weianthro", restricted=True, oedema_kills=True)
    out["zbmi"] = by_age("bmi", cbmi, "bmianthro", restricted=True, oedema_kills=True)
    out["zac"] = by_age("ac", muac, "acanthro", restricted=True, first_day=91)
    out["zhc"] = by_age("hc", headc, "hcanthro", restricted=False)
    out["zwfl"] = _wfl(
        sx, days, months, negative_age, pos, clenhei, weight, has_oedema, anthro_upper_row
    )

    flag_rules = {
        "len": lambda z: abs(z) > 6,
        "wei": lambda z: z < -6 or z > 5,
        "wfl": lambda z: abs(z) > 5,
        "bmi": lambda z: abs(z) > 5,
        "ac": lambda z: abs(z) > 5,
        "hc": lambda z: abs(z) > 5,
    }
    for name, rule in flag_rules.items():
        z = out["z" + name]
        out["f" + name] = NAN if math.isnan(z) else (1.0 if rule(z) else 0.0)
    return out


def _wfl(sx, days, months, negative_age, pos, x, weight, has_oedema, anthro_upper) -> float:
    """Weight-for-length (45-110 cm, lying table) / weight-for-height (65-120 cm)."""
    if sx is None or negative_age or math.isnan(x) or math.isnan(weight) or has_oedema:
        return NAN
    if days is not None:
        if not months < 60 or days > 1856:
            return NAN
        lying = days < 731
    elif pos is not None:
        lying = pos == "l"
    else:
        lying = x < 87
    lo_cm, hi_cm, table = (45, 110, "wflanthro") if lying else (65, 120, "wfhanthro")
    if not (lo_cm <= x <= hi_cm):
        return NAN
    # anthro's arithmetic: low = trunc(x*10)/10, upper = trunc(x*10 + 1)/10,
    # diff = (x - low)/0.1, linear in L, M and S when diff > 0
    k_low = math.trunc(x * 10)
    k_up = math.trunc(x * 10 + 1) if anthro_upper else k_low + 1
    low = k_low / 10
    diff = (x - low) / 0.1
    rows = length_table(table)
    lower = rows.get((sx, k_low))
    if lower is None:
        return NAN
    if diff > 0:
        upper = rows.get((sx, k_up))
        if upper is None:
            return NAN
        l, m, s = (a + diff * (b - a) for a, b in zip(lower, upper, strict=True))
    else:
        l, m, s = lower
    return round2(lms_z_restricted(weight, l, m, s))


# --------------------------------------------------------------------------- comparison

FIELDS = (
    "sex",
    "age_days",
    "age_months",
    "weight_kg",
    "lenhei_cm",
    "measure",
    "oedema",
    "muac_cm",
    "headc_cm",
)
OUTPUTS = (
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


def columns(rows: list[dict]) -> dict[str, list]:
    """Rows (dicts) -> keyword arguments for `growth.zscores`; age_days and age_months are
    passed only when some row has them (the engine takes one or the other)."""
    cols = {}
    for f in FIELDS:
        if f in ("age_days", "age_months") and all(missing(r.get(f)) for r in rows):
            continue
        cols[f] = [r.get(f) for r in rows]
    return cols


def same(a: float, b: float) -> bool:
    """Exact equality of doubles, NaN equal to NaN."""
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or a == b


def mismatches(rows: list[dict], out: dict, limit: int = 20) -> list[str]:
    """Rows where the engine output `out` differs from `reference_row` in any output."""
    bad = []
    for i, row in enumerate(rows):
        ref = reference_row(**row)
        diff = {k: (ref[k], float(out[k][i])) for k in OUTPUTS if not same(ref[k], out[k][i])}
        if diff:
            bad.append(f"row {i} {row}: (reference, engine) {diff}")
            if len(bad) >= limit:
                break
    return bad
