"""Published z-scores are rounded as R's round(z, 2) in anthro: nearest, sign-symmetric."""

import numpy as np
import pytest

from growth.lms import round_r


@pytest.mark.parametrize(
    ("z", "rounded"),
    [
        (1.234, 1.23),
        (1.236, 1.24),
        (-1.236, -1.24),  # symmetric: away from zero like the positive value
        (2.5051, 2.51),
        (-2.5051, -2.51),
        # 1.005 is stored as 1.00499999999999989...: its true value is below the half
        (1.005, 1.0),
        (-1.005, -1.0),
        (2.675, 2.67),  # stored as 2.67499999999999982...
        # exact binary halves: R >= 4.0 takes the even last digit
        (0.125, 0.12),
        (0.375, 0.38),
        (-0.125, -0.12),
        (0.0, 0.0),
    ],
)
def test_it_rounds_to_two_decimals_as_r_does(z: float, rounded: float) -> None:
    assert round_r(np.array([z])).tolist() == [rounded]


def test_it_differs_from_floor_plus_half_where_x_times_100_rounds_up() -> None:
    # 1.115 is stored as 1.11499999999999999112: its nearest 2-decimal value is 1.11, but
    # 1.115 * 100 evaluates to 111.5 in binary, so floor(x * 100 + 0.5) / 100 would say 1.12.
    x = 1.115
    assert np.floor(x * 100 + 0.5) / 100 == 1.12
    assert round_r(np.array([x])).tolist() == [1.11]


def test_it_passes_nan_through() -> None:
    assert np.isnan(round_r(np.array([np.nan]))).all()


def test_its_fast_path_agrees_with_r_rule_on_three_decimal_values() -> None:
    # values with 3 decimals sit next to a half at 2 decimals: the hard cases for the fast path
    from growth.lms import _round_r_exact

    x = np.round(np.random.default_rng(11).uniform(-8, 8, 200_000), 3)
    np.testing.assert_array_equal(round_r(x), _round_r_exact(x, 100.0))
