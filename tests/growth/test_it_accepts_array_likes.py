"""Lists, numpy arrays, pandas and polars Series give the same z-scores, in input order."""

import numpy as np
import pandas as pd
import polars as pl

import growth

SEX = ["L", "P", "l", "p", "m", "F", "1", "2"]
SEX_CODES = [1, 2, 1, 2, 1, 2, 1, 2]
AGE = [10.0, 200.0, 400.0, 731.0, 900.0, 1200.0, 1500.0, 1800.0]
WEIGHT = [3.5, 7.0, 9.5, 11.0, 12.5, 14.0, 15.5, 17.0]
LENGTH = [51.0, 66.0, 75.0, 85.0, 88.0, 95.0, 101.0, 108.0]
MEASURE = ["Terlentang", "terlentang", "L", "Berdiri", "BERDIRI", "h", None, "H"]


def reference() -> dict[str, np.ndarray]:
    return growth.zscores(
        sex=SEX_CODES, age_days=AGE, weight_kg=WEIGHT, lenhei_cm=LENGTH, measure=MEASURE
    )


def test_it_reads_text_sex_codes_like_numeric_ones() -> None:
    z = growth.zscores(sex=SEX, age_days=AGE, weight_kg=WEIGHT, lenhei_cm=LENGTH, measure=MEASURE)
    for name, values in reference().items():
        np.testing.assert_array_equal(z[name], values, err_msg=name)


def test_it_takes_numpy_pandas_and_polars_columns() -> None:
    ref = reference()
    inputs = {
        "numpy": (np.array(SEX), np.array(AGE), np.array(WEIGHT), np.array(LENGTH)),
        "pandas": (pd.Series(SEX), pd.Series(AGE), pd.Series(WEIGHT), pd.Series(LENGTH)),
        "polars": (pl.Series(SEX), pl.Series(AGE), pl.Series(WEIGHT), pl.Series(LENGTH)),
    }
    measures = {
        "numpy": np.array(MEASURE, dtype=object),
        "pandas": pd.Series(MEASURE),
        "polars": pl.Series(MEASURE),
    }
    for kind, (sex, age, weight, length) in inputs.items():
        z = growth.zscores(
            sex=sex, age_days=age, weight_kg=weight, lenhei_cm=length, measure=measures[kind]
        )
        for name, values in ref.items():
            np.testing.assert_array_equal(z[name], values, err_msg=f"{kind} {name}")


def test_it_takes_nullable_columns_with_missing_values() -> None:
    z = growth.zscores(
        sex=pd.Series([1, None, 2], dtype="Int64"),
        age_days=pl.Series([100.0, None, 300.0]),
        weight_kg=pd.Series([6.0, 7.0, None], dtype="Float64"),
    )
    assert np.isfinite(z["zwei"][0])
    assert np.isnan(z["zwei"][1:]).all()


def test_it_keeps_the_input_order_and_repeats_scalars() -> None:
    z = growth.zscores(sex=1, age_days=[400, 10, 900], weight_kg=[9.5, 3.5, 12.5])
    one_by_one = [
        growth.zscores(sex=[1], age_days=[a], weight_kg=[w])["zwei"][0]
        for a, w in [(400, 9.5), (10, 3.5), (900, 12.5)]
    ]
    assert z["zwei"].tolist() == one_by_one
    assert all(v.dtype == np.float64 and v.shape == (3,) for v in z.values())


def test_it_decodes_object_columns_with_shared_and_distinct_strings() -> None:
    n = 2000
    shared = np.array(["Terlentang", "Berdiri", None] * n, dtype=object)[:n]
    # the same words as distinct objects, and some in other spellings
    distinct = np.array([v and "".join(list(v)) for v in shared], dtype=object)
    distinct[::7] = "BERDIRI"
    assert len({id(v) for v in distinct}) > 1000
    expected = np.array([{"Terlentang": "l", None: ""}.get(v, "h") for v in distinct])
    args = dict(sex=np.ones(n), age_days=np.full(n, 800.0), lenhei_cm=np.full(n, 85.0))
    ours = growth.zscores(measure=distinct, **args)
    ref = growth.zscores(measure=expected, **args)
    np.testing.assert_array_equal(ours["clenhei"], ref["clenhei"])
