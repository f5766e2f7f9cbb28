"""WHO 2007 reference (5-18 years): months, interpolation between months, age limits."""

import numpy as np

import growth


def test_it_interpolates_lms_between_whole_months() -> None:
    # hfawho2007 boys: 100 -> M=129.0466 S=0.04470; 101 -> M=129.4887 S=0.04478 (L=1)
    # 100.5 months: M = 129.26765, S = 0.04474; 135 cm -> (135/129.26765 - 1)/0.04474 = 0.9912
    m = 129.0466 + 0.5 * (129.4887 - 129.0466)
    s = 0.04470 + 0.5 * (0.04478 - 0.04470)
    z = growth.zscores_5_18(sex=[1], age_months=[100.5], height_cm=[135.0])
    assert z["zhfa"].tolist() == [round((135 / m - 1) / s, 2)] == [0.99]


def test_it_uses_the_median_at_a_whole_month() -> None:
    z = growth.zscores_5_18(sex=["L"], age_days=[100 * 30.4375], height_cm=[129.0466])
    assert z["zhfa"].tolist() == [0.0]


def test_it_restricts_bmi_for_age_beyond_3sd() -> None:
    # bfawho2007 boys 100 months: L=-1.5252 M=15.8344 S=0.09693; BMI 40 is far above +3 SD
    l, m, s = -1.5252, 15.8344, 0.09693  # noqa: E741
    sd3 = m * (1 + l * s * 3) ** (1 / l)
    sd2 = m * (1 + l * s * 2) ** (1 / l)
    expected = 3 + (40 - sd3) / (sd3 - sd2)
    # weight for BMI 40 at 130 cm: 40 * 1.3**2 = 67.6 kg
    z = growth.zscores_5_18(sex=[1], age_months=[100], weight_kg=[67.6], height_cm=[130.0])
    assert z["zbfa"].tolist() == [round(expected, 2)]
    assert z["fbfa"].tolist() == [1.0]


def test_it_limits_ages_to_60_up_to_229_months_and_weight_for_age_to_121() -> None:
    z = growth.zscores_5_18(
        sex=[1] * 5,
        age_months=[59.99, 60, 120.99, 121, 228.99],
        weight_kg=[20.0] * 5,
        height_cm=[110.0] * 5,
        reasons=True,
    )
    assert np.isfinite(z["zhfa"]).tolist() == [False, True, True, True, True]
    assert np.isfinite(z["zwfa"]).tolist() == [False, True, True, False, False]
    assert z["rwfa"].tolist() == [
        "age_out_of_range",
        "",
        "",
        "age_out_of_range",
        "age_out_of_range",
    ]
    over = growth.zscores_5_18(sex=[1], age_months=[229], height_cm=[170.0])
    assert np.isnan(over["zhfa"]).all()


def test_it_classifies_5_to_18_results() -> None:
    z = growth.zscores_5_18(sex=[1], age_months=[100], weight_kg=[67.6], height_cm=[130.0])
    result = growth.classify(z)
    assert result["imt_u_5_18"].code.tolist() == ["obese"]
    assert set(result) == {"imt_u_5_18", "tb_u_5_18"}


def test_it_reproduces_the_anthroplus_test_values_near_60_months() -> None:
    # anthroplus tests/testthat/test-zscores.R, "computes correct value for age ~ 60 months"
    z = growth.zscores_5_18(
        sex=[2, 2],
        age_months=[60.32, 60.911701],
        height_cm=[113.8, 113.6],
        weight_kg=[18.7, 20.5],
    )
    assert z["zwfa"].tolist() == [0.21, 0.79]
    assert z["zbfa"].tolist() == [-0.58, 0.42]
    assert z["zhfa"].tolist() == [0.96, 0.85]
    assert z["fhfa"].tolist() == [0.0, 0.0]
