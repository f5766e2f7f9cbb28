"""Row order and chunking (16,384-row chunks on threads) do not change any output."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import growth

from .reference import OUTPUTS, columns, mismatches
from .test_it_matches_the_reference_on_random_rows import random_rows

ROWS = random_rows(45_000, seed=16_384)
COLS = columns(ROWS)
FULL = growth.zscores(**COLS)


def test_it_matches_the_reference_on_the_45000_rows():
    assert mismatches(ROWS, FULL) == []


def _take(idx):
    return {k: [v[i] for i in idx] for k, v in COLS.items()}


def _assert_equal(a, b):
    for k in OUTPUTS:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)  # NaN == NaN here


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_it_permutes_outputs_with_the_rows(seed):
    perm = np.random.default_rng(seed).permutation(len(ROWS))
    out = growth.zscores(**_take(perm))
    _assert_equal(out, {k: FULL[k][perm] for k in OUTPUTS})


@settings(max_examples=8, deadline=None)
@given(cuts=st.lists(st.integers(1, len(ROWS) - 1), max_size=6, unique=True))
def test_it_gives_the_same_rows_in_any_slices(cuts):
    bounds = [0, *sorted(cuts), len(ROWS)]
    parts = [growth.zscores(**_take(range(a, b))) for a, b in itertools.pairwise(bounds) if b > a]
    _assert_equal({k: np.concatenate([p[k] for p in parts]) for k in OUTPUTS}, FULL)


@settings(max_examples=5, deadline=None)
@given(idx=st.lists(st.integers(0, len(ROWS) - 1), min_size=1, max_size=40))
def test_it_gives_the_same_row_alone_as_in_the_batch(idx):
    for i in idx:
        one = growth.zscores(**_take([i]))
        _assert_equal(one, {k: FULL[k][[i]] for k in OUTPUTS})
