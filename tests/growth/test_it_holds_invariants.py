"""Property tests: monotone in the measurement, months = days, NaN passes, rows permute."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import growth
from growth import _chunks

ages = st.floats(min_value=0, max_value=1826, allow_nan=False)
sexes = st.sampled_from([1, 2])


@given(sex=sexes, age=ages, a=st.floats(1.0, 40.0), b=st.floats(1.0, 40.0))
def test_it_gives_a_higher_weight_a_z_at_least_as_high(
    sex: int, age: float, a: float, b: float
) -> None:
    lo, hi = sorted([a, b])
    z = growth.zscores(
        sex=[sex, sex], age_days=[age, age], weight_kg=[lo, hi], lenhei_cm=[80.0, 80.0]
    )
    assert z["zwei"][0] <= z["zwei"][1]
    assert z["zbmi"][0] <= z["zbmi"][1]
    if np.isfinite(z["zwfl"]).all():
        assert z["zwfl"][0] <= z["zwfl"][1]


@given(sex=sexes, age=ages, a=st.floats(40.0, 130.0), b=st.floats(40.0, 130.0))
def test_it_gives_a_longer_child_a_length_z_at_least_as_high(
    sex: int, age: float, a: float, b: float
) -> None:
    lo, hi = sorted([a, b])
    z = growth.zscores(sex=[sex, sex], age_days=[age, age], lenhei_cm=[lo, hi], measure=["l", "l"])
    assert z["zlen"][0] <= z["zlen"][1]


@given(sex=sexes, months=st.floats(0, 61), weight=st.floats(2.0, 30.0), length=st.floats(45, 120))
def test_it_agrees_between_months_and_days(
    sex: int, months: float, weight: float, length: float
) -> None:
    by_months = growth.zscores(
        sex=[sex], age_months=[months], weight_kg=[weight], lenhei_cm=[length]
    )
    by_days = growth.zscores(
        sex=[sex], age_days=[months * 30.4375], weight_kg=[weight], lenhei_cm=[length]
    )
    for name, values in by_months.items():
        np.testing.assert_array_equal(values, by_days[name], err_msg=name)


@given(sex=sexes, age=ages)
def test_it_passes_nan_through(sex: int, age: float) -> None:
    z = growth.zscores(
        sex=[sex],
        age_days=[age],
        weight_kg=[np.nan],
        lenhei_cm=[np.nan],
        muac_cm=[np.nan],
        headc_cm=[np.nan],
    )
    for name in ("zlen", "zwei", "zwfl", "zbmi", "zac", "zhc", "flen", "fwei", "fwfl", "fbmi"):
        assert np.isnan(z[name]).all(), name


@settings(max_examples=30)
@given(
    weights=arrays(np.float64, 20, elements=st.floats(1.0, 30.0)),
    lengths=arrays(np.float64, 20, elements=st.floats(40.0, 125.0)),
    ages_=arrays(np.float64, 20, elements=st.floats(0.0, 1900.0)),
    seed=st.integers(0, 2**32 - 1),
)
def test_it_permutes_outputs_with_rows(
    weights: np.ndarray, lengths: np.ndarray, ages_: np.ndarray, seed: int
) -> None:
    sex = np.tile([1, 2], 10)
    perm = np.random.default_rng(seed).permutation(20)
    z = growth.zscores(sex=sex, age_days=ages_, weight_kg=weights, lenhei_cm=lengths, reasons=True)
    zp = growth.zscores(
        sex=sex[perm],
        age_days=ages_[perm],
        weight_kg=weights[perm],
        lenhei_cm=lengths[perm],
        reasons=True,
    )
    for name, values in z.items():
        np.testing.assert_array_equal(values[perm], zp[name], err_msg=name)


def test_it_gives_the_same_results_in_chunks_as_in_one_piece() -> None:
    rng = np.random.default_rng(7)
    n = 3 * _chunks.CHUNK + 17
    cols = dict(
        sex=rng.integers(1, 3, n),
        age_days=rng.uniform(0, 1900, n),
        weight_kg=rng.uniform(1, 30, n),
        lenhei_cm=rng.uniform(40, 125, n),
        measure=rng.choice(np.array(["l", "h"]), n),
    )
    whole = growth.zscores(**cols)
    pieces = [
        growth.zscores(**{k: v[i : i + 1000] for k, v in cols.items()}) for i in range(0, n, 1000)
    ]
    for name, values in whole.items():
        np.testing.assert_array_equal(
            values, np.concatenate([p[name] for p in pieces]), err_msg=name
        )


def test_it_gives_a_reason_exactly_where_the_z_score_is_missing() -> None:
    rng = np.random.default_rng(3)
    n = 5000
    z = growth.zscores(
        sex=rng.choice(np.array([1, 2, np.nan]), n),
        age_days=np.where(rng.random(n) < 0.1, np.nan, rng.uniform(-10, 1900, n)),
        weight_kg=rng.uniform(-1, 30, n),
        lenhei_cm=rng.uniform(-1, 125, n),
        oedema=rng.choice(np.array(["n", "y"]), n),
        muac_cm=rng.uniform(5, 25, n),
        headc_cm=rng.uniform(25, 55, n),
        reasons=True,
    )
    for ind in ("len", "wei", "wfl", "bmi", "ac", "hc"):
        missing = np.isnan(z["z" + ind])
        np.testing.assert_array_equal(z["r" + ind] != "", missing, err_msg=ind)
        assert "not_computable" not in set(z["r" + ind].tolist()), ind
