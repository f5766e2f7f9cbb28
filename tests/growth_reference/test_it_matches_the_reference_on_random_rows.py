"""Hypothesis rows, and one large seeded batch, against the independent reference."""

import math
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import growth

from .reference import columns, mismatches

EDGE_AGES = [
    0,
    90,
    90.5,
    91,
    272.5,
    273,
    273.5,
    273.9375,
    274,
    730,
    730.4,
    730.5,
    731,
    1825,
    1826,
    1826.25,
    1827,
    1856,
]
EDGE_LENGTHS = [
    44.9,
    45,
    45.05,
    65,
    86.9,
    87,
    110,
    110.05,
    119.95,
    120,
    120.1,
    math.nextafter(51.2, 0),
    math.nextafter(102.4, 0),
]

maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
sexes = st.sampled_from([1, 2, None])
age_days = maybe(
    st.one_of(
        st.floats(0, 1900),
        st.integers(0, 3800).map(lambda k: k / 2),
        st.sampled_from(EDGE_AGES),
    )
)
age_months = maybe(
    st.one_of(
        st.floats(0, 62),
        st.integers(0, 620).map(lambda k: k / 10),
        st.sampled_from([0, 2.99, 3, 8.99, 9, 23.99, 24, 24.01, 59.99, 60, 60.01]),
    )
)
weights = maybe(st.one_of(st.floats(-1, 60), st.integers(-10, 600).map(lambda k: k / 10)))
lengths = maybe(
    st.one_of(
        st.floats(30, 130),
        st.integers(300, 1300).map(lambda k: k / 10),
        st.integers(3000, 13000).map(lambda k: k / 100),
        st.sampled_from(EDGE_LENGTHS),
    )
)
measures = st.sampled_from(["l", "h", None])
oedemas = st.sampled_from(["y", "n", None])
muacs = maybe(st.one_of(st.floats(-1, 30), st.integers(0, 300).map(lambda k: k / 10)))
headcs = maybe(st.one_of(st.floats(-1, 60), st.integers(200, 600).map(lambda k: k / 10)))


def row_strategy(age_field, ages):
    return st.fixed_dictionaries(
        {
            "sex": sexes,
            age_field: ages,
            "weight_kg": weights,
            "lenhei_cm": lengths,
            "measure": measures,
            "oedema": oedemas,
            "muac_cm": muacs,
            "headc_cm": headcs,
        }
    )


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(rows=st.lists(row_strategy("age_days", age_days), min_size=1, max_size=40))
def test_it_matches_the_reference_with_age_in_days(rows):
    assert mismatches(rows, growth.zscores(**columns(rows))) == []


@SETTINGS
@given(rows=st.lists(row_strategy("age_months", age_months), min_size=1, max_size=40))
def test_it_matches_the_reference_with_age_in_months(rows):
    assert mismatches(rows, growth.zscores(**columns(rows))) == []


def random_rows(n: int, seed: int, months: bool = False) -> list[dict]:
    """Plausible-to-absurd rows from a seeded generator (no hypothesis shrinking needed)."""
    rnd = random.Random(seed)

    def pick(p_none, f):
        return None if rnd.random() < p_none else f()

    rows = []
    for _ in range(n):
        row = {
            "sex": rnd.choice([1, 2, 1, 2, None]),
            "weight_kg": pick(
                0.05,
                lambda: rnd.choice(
                    [rnd.uniform(-1, 60), rnd.uniform(1.5, 30), round(rnd.uniform(1.5, 30), 1)]
                ),
            ),
            "lenhei_cm": pick(
                0.05,
                lambda: rnd.choice(
                    [
                        rnd.uniform(30, 130),
                        round(rnd.uniform(44, 121), 1),
                        round(rnd.uniform(44, 121), 2),
                        rnd.choice(EDGE_LENGTHS),
                    ]
                ),
            ),
            "measure": rnd.choice(["l", "h", None]),
            "oedema": rnd.choice(["n", "n", "n", "y", None]),
            "muac_cm": pick(
                0.2, lambda: rnd.choice([rnd.uniform(-1, 30), round(rnd.uniform(8, 25), 1)])
            ),
            "headc_cm": pick(
                0.2, lambda: rnd.choice([rnd.uniform(-1, 60), round(rnd.uniform(30, 55), 1)])
            ),
        }
        if months:
            row["age_months"] = pick(
                0.05,
                lambda: rnd.choice(
                    [rnd.uniform(0, 62), round(rnd.uniform(0, 62), 1), rnd.randrange(0, 62)]
                ),
            )
        else:
            row["age_days"] = pick(
                0.05,
                lambda: rnd.choice(
                    [rnd.uniform(0, 1900), rnd.randrange(0, 3800) / 2, rnd.choice(EDGE_AGES)]
                ),
            )
        rows.append(row)
    return rows


def test_it_matches_the_reference_on_a_large_seeded_batch_in_days():
    rows = random_rows(60_000, seed=2006)
    assert mismatches(rows, growth.zscores(**columns(rows))) == []


def test_it_matches_the_reference_on_a_large_seeded_batch_in_months():
    rows = random_rows(30_000, seed=2007, months=True)
    assert mismatches(rows, growth.zscores(**columns(rows))) == []
