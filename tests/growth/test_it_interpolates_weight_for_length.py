"""WFL/WFH: L, M, S interpolated between 0.1 cm rows; inclusive range ends."""

import numpy as np
import pytest

import growth

# wflanthro.txt girls: 65.0 -> L=-0.3833 M=7.0812 S=0.09119; 65.1 -> M=7.1041 S=0.09118


def test_it_interpolates_lms_between_the_0_1_cm_rows() -> None:
    # 65.04 cm: diff = (65.04 - 65.0) / 0.1 = 0.4
    # M = 7.0812 + 0.4 * (7.1041 - 7.0812) = 7.09036; S = 0.09119 - 0.4 * 0.00001 = 0.091186
    # z = ((7.5 / 7.09036) ** -0.3833 - 1) / (0.091186 * -0.3833) = 0.6144... -> 0.61
    diff = (65.04 - 65.0) / 0.1
    m = 7.0812 + diff * (7.1041 - 7.0812)
    s = 0.09119 + diff * (0.09118 - 0.09119)
    expected = ((7.5 / m) ** -0.3833 - 1) / (s * -0.3833)
    z = growth.zscores(sex=[2], age_days=[300], weight_kg=[7.5], lenhei_cm=[65.04])
    assert z["zwfl"].tolist() == [round(expected, 2)]
    # and it is not simply the value of the nearest row
    at_65 = ((7.5 / 7.0812) ** -0.3833 - 1) / (0.09119 * -0.3833)
    assert round(at_65, 2) != round(expected, 2)


def test_it_interpolates_on_the_corrected_length() -> None:
    # standing 64.4 cm at 300 days -> 65.1 cm lying: the 65.1 row exactly
    expected = ((7.5 / 7.1041) ** -0.3833 - 1) / (0.09118 * -0.3833)
    z = growth.zscores(sex=[2], age_days=[300], weight_kg=[7.5], lenhei_cm=[64.4], measure="h")
    assert z["zwfl"][0] == pytest.approx(round(expected, 2))


@pytest.mark.parametrize(
    ("age_days", "length", "inside"),
    [
        (300, 45.0, True),
        (300, 44.99, False),
        (300, 110.0, True),
        (300, 110.01, False),
        (1000, 65.0, True),
        (1000, 64.99, False),
        (1000, 120.0, True),
        (1000, 120.01, False),
    ],
)
def test_it_includes_both_ends_of_the_ranges(age_days: int, length: float, inside: bool) -> None:
    z = growth.zscores(
        sex=[1], age_days=[age_days], weight_kg=[10.0], lenhei_cm=[length], reasons=True
    )
    assert bool(np.isfinite(z["zwfl"][0])) is inside
    assert z["rwfl"][0] == ("" if inside else "lenhei_out_of_range")
