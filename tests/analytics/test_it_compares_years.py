import pytest
from scipy import stats

from analytics.traffic_light import CoverageClass
from analytics.trend import TrendStatus, coverage_trend, prevalence_trend


def test_it_calls_a_significant_fall_an_improvement() -> None:
    # 10/20 → 2/20: Fisher exact two-sided p ≈ 0.0138 < 0.05
    trend = prevalence_trend((10, 20), (2, 20), previous_period="2023", current_period="2024")
    assert trend.p_value == pytest.approx(stats.fisher_exact([[10, 10], [2, 18]]).pvalue)
    assert trend.difference == pytest.approx(-0.4)
    assert trend.status is TrendStatus.MEMBAIK
    assert prevalence_trend((2, 20), (10, 20)).status is TrendStatus.MEMBURUK


def test_it_calls_a_non_significant_change_unchanged() -> None:
    # 5/20 → 4/20: p = 1.0
    assert prevalence_trend((5, 20), (4, 20)).status is TrendStatus.TETAP


def test_it_marks_baseline_and_missing_years() -> None:
    assert prevalence_trend(None, (4, 20)).status is TrendStatus.BASELINE
    assert prevalence_trend((0, 0), (4, 20)).status is TrendStatus.BASELINE
    assert prevalence_trend((4, 20), None).status is TrendStatus.TIDAK_ADA_DATA


def test_it_compares_coverage_classes_on_their_order() -> None:
    C = CoverageClass
    assert coverage_trend(C.RENDAH, C.HAMPIR_MEMADAI) is TrendStatus.MEMBAIK
    assert coverage_trend(C.MEMADAI, C.SANGAT_RENDAH) is TrendStatus.MEMBURUK
    assert coverage_trend(C.RENDAH, C.RENDAH) is TrendStatus.TETAP
    assert coverage_trend(None, C.RENDAH) is TrendStatus.BASELINE
    assert coverage_trend(C.TIDAK_ADA_DATA, C.RENDAH) is TrendStatus.BASELINE
    assert coverage_trend(C.RENDAH, C.TIDAK_ADA_DATA) is TrendStatus.TIDAK_ADA_DATA
