"""Missing, non-positive and oedema inputs give NaN (with a reason), never 0."""

import numpy as np

import growth


def test_it_gives_nan_for_missing_and_non_positive_measurements() -> None:
    z = growth.zscores(
        sex=[1, 1, 1, 1],
        age_days=[400, 400, 400, 400],
        weight_kg=[None, np.nan, 0.0, -3.0],
        lenhei_cm=[75, 75, 75, 0.0],
        reasons=True,
    )
    assert np.isnan(z["zwei"]).all()
    assert np.isnan(z["zwfl"]).all()
    assert np.isnan(z["fwei"]).all()
    assert z["rwei"].tolist() == [
        "measurement_missing",
        "measurement_missing",
        "measurement_not_positive",
        "measurement_not_positive",
    ]
    assert np.isnan(z["zlen"][3])
    assert z["rlen"][3] == "measurement_not_positive"


def test_it_gives_nan_without_sex_or_age() -> None:
    z = growth.zscores(
        sex=[None, 1, "", 1],
        age_days=[400, None, 400, -1],
        weight_kg=[9] * 4,
        lenhei_cm=[75] * 4,
        reasons=True,
    )
    assert np.isnan(z["zwei"]).all()
    assert z["rwei"].tolist() == ["sex_missing", "age_missing", "sex_missing", "age_out_of_range"]
    # weight-for-length needs no age, but a negative age is an error in the record
    assert np.isfinite(z["zwfl"][1])
    assert np.isnan(z["zwfl"][3])


def test_it_leaves_weight_based_z_scores_undefined_with_oedema() -> None:
    z = growth.zscores(
        sex=[1, 1, 1, 1],
        age_days=[400] * 4,
        weight_kg=[9] * 4,
        lenhei_cm=[75] * 4,
        oedema=["y", "Ya", "tidak", None],
        reasons=True,
    )
    for name in ("zwei", "zwfl", "zbmi"):
        assert np.isnan(z[name][:2]).all()
        assert np.isfinite(z[name][2:]).all()
    assert np.isfinite(z["zlen"]).all()
    assert z["rwfl"].tolist() == ["oedema", "oedema", "", ""]


def test_it_returns_nan_for_unrequested_measurements() -> None:
    z = growth.zscores(sex=[1], age_days=[100], reasons=True)
    assert np.isnan(z["zlen"]).all() and np.isnan(z["zhc"]).all()
    assert z["rhc"].tolist() == ["measurement_missing"]


def test_it_starts_muac_for_age_at_91_days() -> None:
    z = growth.zscores(sex=[1, 1], age_days=[90, 91], muac_cm=[13.4779, 13.4779], reasons=True)
    # acanthro boys day 91: M = 13.4779 -> z = 0
    assert np.isnan(z["zac"][0])
    assert z["zac"][1] == 0.0
    assert z["rac"].tolist() == ["age_out_of_range", ""]


def test_it_gives_nan_when_the_corrected_length_is_not_positive() -> None:
    # 0.5 cm lying at 800 days -> 0.5 - 0.7 = -0.2 cm: no length-based z-score (anthro too)
    z = growth.zscores(
        sex=[1], age_days=[800], weight_kg=[9.5], lenhei_cm=[0.5], measure="l", reasons=True
    )
    assert np.isnan(z["clenhei"]).all() and np.isnan(z["zlen"]).all()
    assert np.isnan(z["zbmi"]).all()
    assert z["rlen"].tolist() == ["measurement_not_positive"]
    assert z["rbmi"].tolist() == ["measurement_not_positive"]
