import math

from analytics.prevalence import (
    anthropometric_indicators,
    count_indicator,
    count_indicator_by_region,
    measurement_coverage,
)

NAN = math.nan


def test_it_excludes_flagged_values_from_numerator_and_denominator() -> None:
    haz = [-2.5, -2.0, -3.1, -7.0, NAN, 0.3]
    flags = [False, False, False, True, False, False]
    # valid: -2.5, -2.0, -3.1, 0.3 (n = 4); stunted (< -2): -2.5, -3.1 → 2
    # -7.0 is flagged (excluded, counted), NaN is missing; -2.00 is not below -2
    count = count_indicator("stunting", haz, flags, period="2024")
    assert (count.cases, count.n, count.flagged, count.missing) == (2, 4, 1, 1)
    assert count.estimate().value == 0.5


def test_it_computes_all_five_indicators() -> None:
    result = anthropometric_indicators(
        haz=[-3.5, -2.1, 0.0],
        waz=[-2.2, 0.0, 0.0],
        whz=[2.5, -2.5, 2.0],
        haz_flag=[False] * 3,
        waz_flag=[False] * 3,
        whz_flag=[False, False, True],
    )
    assert result["stunting"].cases == 2
    assert result["severe_stunting"].cases == 1
    assert result["underweight"].cases == 1
    assert (result["wasting"].cases, result["wasting"].n) == (1, 2)
    assert (result["overweight"].cases, result["overweight"].flagged) == (1, 1)


def test_it_counts_per_region() -> None:
    by_region = count_indicator_by_region(
        "stunting", ["b", "a", "b"], [-2.5, -1.0, 7.0], [False, False, True]
    )
    assert (by_region["a"].cases, by_region["a"].n) == (0, 1)
    assert (by_region["b"].cases, by_region["b"].n, by_region["b"].flagged) == (1, 1, 1)


def test_it_computes_measurement_coverage_against_sasaran() -> None:
    cov = measurement_coverage(45, 60, period="Februari 2025")
    assert cov.percent == 75.0  # 45 / 60 × 100
    assert math.isnan(measurement_coverage(0, 0).percent)
