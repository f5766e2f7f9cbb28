# ruff: noqa: E741
"""Exhaustive grids at the rule boundaries, +-3 SD and x.xx5 rounding, against the reference."""

import itertools
import math
import random

import growth

from .reference import (
    age_table,
    columns,
    length_table,
    mismatches,
    r_pow,
    reference_row,
    round2,
    round2_exact,
)
from .test_it_matches_the_reference_on_random_rows import EDGE_AGES, EDGE_LENGTHS

MEASURES = ["l", "h", None]
OEDEMAS = ["n", "y", None]


def check(rows):
    assert mismatches(rows, growth.zscores(**columns(rows))) == []


def test_it_matches_the_reference_on_the_age_length_position_grid():
    weights = [None, 0, -1, 2.5, 9.7, 15, 30]
    rows = [
        {
            "sex": sex,
            "age_days": age,
            "lenhei_cm": ln,
            "measure": ms,
            "oedema": oe,
            "weight_kg": w,
            "muac_cm": 14.1 if w else None,
            "headc_cm": 45.5 if w else 0,
        }
        for sex, age, ln, ms, oe, w in itertools.product(
            [1, 2, None], [*EDGE_AGES, None], EDGE_LENGTHS, MEASURES, OEDEMAS, weights
        )
    ]
    assert len(rows) > 40_000
    check(rows)


def test_it_matches_the_reference_on_the_months_grid():
    months = [0, 2.99, 2.9897, 3, 8.99, 9, 23.99, 24, 24.0164, 59.99, 60, 60.5, None]
    rows = [
        {
            "sex": sex,
            "age_months": age,
            "lenhei_cm": ln,
            "measure": ms,
            "weight_kg": w,
            "muac_cm": 13.0,
            "headc_cm": 44.0,
        }
        for sex, age, ln, ms, w in itertools.product(
            [1, 2], months, EDGE_LENGTHS, MEASURES, [None, 3.1, 12.4]
        )
    ]
    check(rows)


def sd_value(lms, k):
    l, m, s = lms
    return m * r_pow(1.0 + l * s * k, 1.0 / l)


def around(y):
    """y and its neighbours: 1-2 ulps and a relative 1e-9 either side."""
    return [
        y,
        math.nextafter(y, 0),
        math.nextafter(y, math.inf),
        math.nextafter(math.nextafter(y, 0), 0),
        y * (1 - 1e-9),
        y * (1 + 1e-9),
    ]


def test_it_matches_the_reference_next_to_plus_minus_3_sd():
    rows = []
    days = sorted(set(range(0, 1827, 13)) | {0, 91, 730, 731, 1826})
    for sex, day in itertools.product([1, 2], days):
        for k in (-3.0, -2.0, 2.0, 3.0):
            for y in around(sd_value(age_table("weianthro")[(sex, day)], k)):
                rows.append({"sex": sex, "age_days": day, "weight_kg": y})
            # clenhei 100 cm (position unknown: no correction), so cbmi == weight
            for y in around(sd_value(age_table("bmianthro")[(sex, day)], k)):
                rows.append({"sex": sex, "age_days": day, "weight_kg": y, "lenhei_cm": 100.0})
            if day >= 91:
                for y in around(sd_value(age_table("acanthro")[(sex, day)], k)):
                    rows.append({"sex": sex, "age_days": day, "muac_cm": y})
    for table, day in (("wflanthro", 300), ("wfhanthro", 1000)):
        for (sex, tenths), lms in length_table(table).items():
            if tenths % 3:
                continue
            for k in (-3.0, -2.0, 2.0, 3.0):
                for y in around(sd_value(lms, k)):
                    rows.append(
                        {"sex": sex, "age_days": day, "weight_kg": y, "lenhei_cm": tenths / 10}
                    )
                    rows.append({"sex": sex, "weight_kg": y, "lenhei_cm": tenths / 10})
    check(rows)


def test_it_matches_the_reference_where_z_rounds_at_x_xx5():
    """Measurements whose unrounded z is within a few ulps of a 2-decimal midpoint."""
    rnd = random.Random(5)
    rows = []
    for _ in range(4000):
        sex, day = rnd.choice([1, 2]), rnd.randrange(0, 1827)
        z = (rnd.randrange(-300, 300) + 0.5) / 100  # t.xx5, inside +-3 SD
        for table, field in (
            ("lenanthro", "lenhei_cm"),
            ("weianthro", "weight_kg"),
            ("hcanthro", "headc_cm"),
        ):
            for y in around(sd_value(age_table(table)[(sex, day)], z))[:4]:
                rows.append({"sex": sex, "age_days": day, field: y})
        x = rnd.randrange(650, 1100) / 10 + rnd.choice([0, 0.05, 0.03])
        lms = length_table("wfhanthro")[(sex, round(x * 10) if x * 10 % 1 == 0 else int(x * 10))]
        for y in around(sd_value(lms, z))[:4]:
            rows.append({"sex": sex, "age_days": 1000, "weight_kg": y, "lenhei_cm": x})
    check(rows)


def test_its_r_rounding_agrees_with_exact_decimal_rounding_near_midpoints():
    """R 4's round(z, 2) (double arithmetic) against the exact decimal nearest with exact
    ties to even, on every 2-decimal midpoint in (-20, 20) and its 1-2 ulp neighbours."""
    for k in range(-2000, 2000):
        mid = (k + 0.5) / 100
        for z in [*around(mid)[:4], math.nextafter(math.nextafter(mid, 99), 99)]:
            assert round2(z) == round2_exact(z), z
    known = {
        0.125: 0.12,
        0.375: 0.38,
        1.005: 1.0,
        1.115: 1.11,
        2.675: 2.67,
        -1.236: -1.24,
        -0.125: -0.12,
        1.445: 1.45,
        -2.345: -2.35,
        3.0: 3.0,
        0.0: 0.0,
    }
    assert {x: round2(x) for x in known} == known


def test_it_follows_anthro_for_the_upper_row_after_a_binade():
    """103.1 cm measured lying from 731 days becomes 103.1 - 0.7 = 102.39999999999999;
    anthro's trunc(x*10 + 1)/10 then gives 102.5 as the upper row (x*10 + 1 rounds up to
    1025.0), interpolating between 102.3 and 102.5 with diff = 0.99999999999994, i.e. the
    z-score of 102.5 cm (-0.06) where the row 102.4 would give -0.04. The engine follows
    anthro, which users compare against."""
    row = {"sex": 1, "age_days": 1200, "weight_kg": 16.0, "lenhei_cm": 103.1, "measure": "l"}
    engine = growth.zscores(**columns([row]))["zwfl"][0]
    assert reference_row(**row)["zwfl"] == engine == -0.06
    assert reference_row(**row, anthro_upper_row=False)["zwfl"] == -0.04
    at_102_5 = dict(row, lenhei_cm=102.5, measure="h")
    assert reference_row(**at_102_5)["zwfl"] == -0.06
    # the only 1- or 2-decimal inputs in 30-130 cm where the two readings differ
    hits = sorted(
        (k / 100, adj)
        for k in range(3000, 13001)
        for adj in (0.0, 0.7, -0.7)
        if math.trunc((k / 100 + adj) * 10 + 1) != math.trunc((k / 100 + adj) * 10) + 1
    )
    assert hits == [(51.9, -0.7), (103.1, -0.7)]
