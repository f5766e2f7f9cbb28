"""Errors name the argument, the allowed values and what was received."""

import re

import numpy as np
import pytest

import growth


def test_it_names_an_unknown_sex_code() -> None:
    msg = 'sex: allowed values are 1, 2, "L", "P", "m", "f" (any case); got "X" at position 3'
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=["L", "p", "M", "X"], age_days=[1, 2, 3, 4])


def test_it_names_an_unknown_numeric_sex_code() -> None:
    msg = 'sex: allowed values are 1, 2, "L", "P", "m", "f" (any case); got 3 at position 1'
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=np.array([1.0, 3.0]), age_days=[1, 2])


def test_it_names_an_unknown_measure() -> None:
    msg = (
        'measure: allowed values are "l", "h", "Terlentang", "Berdiri" (any case); '
        'got "x" at position 0'
    )
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1], age_days=[1], lenhei_cm=[50], measure=["x"])


def test_it_names_an_unknown_oedema_code() -> None:
    msg = 'oedema: allowed values are "n", "y", "Tidak", "Ya" (any case); got "maybe" at position 1'
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1, 1], age_days=[1, 1], weight_kg=[3, 3], oedema=["n", "maybe"])


def test_it_names_a_value_that_is_not_a_number() -> None:
    msg = 'weight_kg: expected a number or missing; got "abc" at position 1'
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1, 1], age_days=[1, 1], weight_kg=[3.0, "abc"])


def test_it_names_arguments_of_different_lengths() -> None:
    msg = "arguments must have one length; got sex has 3, age_days has 3, weight_kg has 2"
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1, 2, 1], age_days=[1, 2, 3], weight_kg=[3, 4])


def test_it_refuses_both_ages() -> None:
    msg = "age_days, age_months: give one of them, not both"
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1], age_days=[30], age_months=[1])


def test_it_refuses_two_dimensional_input() -> None:
    msg = "weight_kg: expected a one-dimensional array; got shape (1, 2)"
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.zscores(sex=[1, 1], weight_kg=[[3, 4]])


def test_it_names_an_unknown_indicator() -> None:
    msg = (
        'indicator: allowed values are "bb_u", "tb_u", "bb_tb", "imt_u", "imt_u_5_18", '
        '"tb_u_5_18"; got "bmi"'
    )
    with pytest.raises(ValueError, match=re.escape(msg)):
        growth.categories("bmi", [0.0])


def test_it_names_the_first_bad_row_among_many_distinct_text_objects() -> None:
    # 100 distinct str objects (built at run time, so not shared), then a bad one
    words = ["".join(["Ter", "lentang"]) if i % 2 else "".join(["Ber", "diri"]) for i in range(100)]
    values = np.array([*words, "x"], dtype=object)
    assert len({id(v) for v in values}) == 101
    msg = 'measure: allowed values are "l", "h", "Terlentang", "Berdiri" (any case); got "x" at'
    with pytest.raises(ValueError, match=re.escape(msg + " position 100")):
        growth.zscores(sex=np.ones(101), age_days=np.full(101, 30.0), measure=values)
