"""The 0.7 cm lying/standing correction, the WFL/WFH switch at 731 days, the 9-month rule."""

import numpy as np

import growth


def test_it_adds_0_7_cm_to_a_standing_height_before_731_days() -> None:
    z = growth.zscores(sex=[1, 1], age_days=[730, 730.4], lenhei_cm=[85.0, 85.0], measure="h")
    assert z["clenhei"].tolist() == [85.0 + 0.7, 85.0 + 0.7]


def test_it_subtracts_0_7_cm_from_a_lying_length_from_731_days() -> None:
    # 730.5 days rounds half-up to 731 (anthro round_up), so it is already "height" age.
    z = growth.zscores(
        sex=[1, 1, 1], age_days=[731, 730.5, 730.49], lenhei_cm=[85.0] * 3, measure="l"
    )
    assert z["clenhei"].tolist() == [85.0 - 0.7, 85.0 - 0.7, 85.0]


def test_it_leaves_matching_positions_and_unknown_positions_alone() -> None:
    z = growth.zscores(
        sex=[1, 1, 1, 1],
        age_days=[730, 731, 730, 731],
        lenhei_cm=[85.0] * 4,
        measure=["l", "h", None, None],
    )
    assert z["clenhei"].tolist() == [85.0] * 4


def test_it_switches_from_weight_for_length_to_weight_for_height_at_731_days() -> None:
    # 85 cm boy, 12 kg. wflanthro boys 85.0: L=-0.3521 M=11.5007 S=0.08181 (length table)
    # wfhanthro boys 85.0:   L=-0.3521 M=11.6707 S=0.08156 (height table)
    wfl = ((12 / 11.5007) ** -0.3521 - 1) / (0.08181 * -0.3521)
    wfh = ((12 / 11.6707) ** -0.3521 - 1) / (0.08156 * -0.3521)
    z = growth.zscores(sex=[1, 1], age_days=[730, 731], weight_kg=[12, 12], lenhei_cm=[85, 85])
    assert z["zwfl"].tolist() == [round(wfl, 2), round(wfh, 2)]


def test_it_chooses_the_table_by_position_or_87_cm_without_age() -> None:
    z = growth.zscores(
        sex=[1, 1, 1, 1],
        weight_kg=[12] * 4,
        lenhei_cm=[85, 85, 86.9, 87],
        measure=["l", "h", None, None],
    )
    wfl85 = round(((12 / 11.5007) ** -0.3521 - 1) / (0.08181 * -0.3521), 2)
    wfh85 = round(((12 / 11.6707) ** -0.3521 - 1) / (0.08156 * -0.3521), 2)
    assert z["zwfl"][:2].tolist() == [wfl85, wfh85]
    # no age, no position: 86.9 cm -> length table, 87 cm -> height table (anthro)
    both = growth.zscores(sex=[1, 1], weight_kg=[12, 12], lenhei_cm=[86.9, 87], measure=["l", "h"])
    assert z["zwfl"][2:].tolist() == both["zwfl"].tolist()
    # and with no age, length-for-age is not computed
    assert np.isnan(z["zlen"]).all()


def test_it_ignores_a_standing_position_below_9_months_and_flags_it() -> None:
    # 9 months = 273.9375 days on the unrounded age: day 273 is below, day 274 is not.
    z = growth.zscores(sex=[1, 1], age_days=[273, 274], lenhei_cm=[70.0, 70.0], measure="h")
    assert z["c9mo_flag"].tolist() == [1.0, 0.0]
    assert z["clenhei"].tolist() == [70.0, 70.0 + 0.7]
    # lenanthro boys day 273: M=71.9273 S=0.03117 -> (70/71.9273 - 1)/0.03117 = -0.8597 -> -0.86
    assert z["zlen"][0] == round((70 / 71.9273 - 1) / 0.03117, 2) == -0.86


def test_it_does_not_flag_lying_infants_or_unknown_positions() -> None:
    z = growth.zscores(sex=[1, 1], age_days=[100, 100], lenhei_cm=[60, 60], measure=["l", None])
    assert z["c9mo_flag"].tolist() == [0.0, 0.0]


def test_it_reproduces_the_anthro_test_values() -> None:
    # anthro tests/testthat/test-zscores.R: lying 72.86 cm at 987 days -> 72.16 cm, zlen -6.09
    z = growth.zscores(sex=[1], age_days=[987], lenhei_cm=[72.86], measure=["l"])
    assert z["zlen"].tolist() == [-6.09]
    assert z["flen"].tolist() == [1.0]
    # ... and "young children with measured standing will not be adjusted": 8 and 9 months
    z = growth.zscores(sex=[1, 1], age_months=[8, 9], lenhei_cm=[60, 60], measure="h")
    assert z["clenhei"].tolist() == [60.0, 60.7]
    assert z["zlen"].tolist() == [-4.81, -5.02]
    assert z["c9mo_flag"].tolist() == [1.0, 0.0]
