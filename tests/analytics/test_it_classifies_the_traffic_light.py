from decimal import Decimal

import pytest

from analytics.traffic_light import (
    CoverageClass,
    CoverageFactors,
    Direction,
    IndicatorSpec,
    PrevalenceClass,
    PrevalenceThresholds,
    TrafficLightConfig,
    classify_coverage,
    classify_prevalence,
    matrix,
)

C = CoverageClass
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def test_it_puts_72_percent_against_0_8_times_90_in_hampir_memadai() -> None:
    # 0.8 × 90 = 72 exactly; 72.00 is at the bound, so hampir memadai (≥ 0.8 t)
    assert classify_coverage(Decimal("72.00"), Decimal("90"), HIGHER) is C.HAMPIR_MEMADAI
    assert classify_coverage(72.0, 90, HIGHER) is C.HAMPIR_MEMADAI
    assert classify_coverage("71,99", 90, HIGHER) is C.RENDAH


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("60", C.MEMADAI),  # = t
        ("59.99", C.HAMPIR_MEMADAI),
        ("48", C.HAMPIR_MEMADAI),  # = 0.8 t
        ("47.99", C.RENDAH),
        ("30", C.RENDAH),  # = 0.5 t
        ("29.99", C.SANGAT_RENDAH),
        ("0", C.SANGAT_RENDAH),
    ],
)
def test_it_classifies_higher_is_better_at_each_bound(value: str, expected: C) -> None:
    assert classify_coverage(value, "60", HIGHER) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("8", C.MEMADAI),  # = t
        ("8.01", C.HAMPIR_MEMADAI),
        ("10", C.HAMPIR_MEMADAI),  # = 1.25 t
        ("10.01", C.RENDAH),
        ("16", C.RENDAH),  # = 2 t
        ("16.01", C.SANGAT_RENDAH),
    ],
)
def test_it_classifies_lower_is_better_at_each_bound(value: str, expected: C) -> None:
    assert classify_coverage(value, "8", LOWER) is expected


def test_it_gives_no_data_its_own_grey_class() -> None:
    assert classify_coverage(None, 90) is C.TIDAK_ADA_DATA
    assert classify_coverage(float("nan"), 90) is C.TIDAK_ADA_DATA
    assert classify_coverage("", 90) is C.TIDAK_ADA_DATA
    assert classify_prevalence(None) is PrevalenceClass.TIDAK_ADA_DATA
    assert C.TIDAK_ADA_DATA.colour == PrevalenceClass.TIDAK_ADA_DATA.colour == "#9e9e9e"
    assert not C.TIDAK_ADA_DATA.is_poor


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("30", PrevalenceClass.SANGAT_TINGGI),
        ("29.99", PrevalenceClass.TINGGI),
        ("20", PrevalenceClass.TINGGI),
        ("19.99", PrevalenceClass.RENDAH),
        ("10", PrevalenceClass.RENDAH),
        ("9.99", PrevalenceClass.SANGAT_RENDAH),
    ],
)
def test_it_classifies_prevalence_at_each_bound(percent: str, expected: PrevalenceClass) -> None:
    assert classify_prevalence(percent) is expected


def test_it_uses_edited_thresholds() -> None:
    config = TrafficLightConfig(
        prevalence=PrevalenceThresholds(Decimal("25"), Decimal("15"), Decimal("5")),
        higher_is_better=CoverageFactors(Decimal("0.9"), Decimal("0.6")),
    )
    assert classify_prevalence("25", config) is PrevalenceClass.SANGAT_TINGGI
    assert classify_coverage("80", "90", HIGHER, config) is C.RENDAH  # 80 < 0.9 × 90 = 81


def test_it_rejects_thresholds_out_of_order() -> None:
    with pytest.raises(ValueError, match="0 < rendah < tinggi < sangat_tinggi"):
        PrevalenceThresholds(Decimal("10"), Decimal("20"), Decimal("30"))
    with pytest.raises(ValueError, match="0 < rendah < hampir_memadai < 1"):
        TrafficLightConfig(higher_is_better=CoverageFactors(Decimal("0.5"), Decimal("0.8")))
    with pytest.raises(ValueError, match="must be a finite Decimal"):
        TrafficLightConfig(lower_is_better=CoverageFactors(1.25, Decimal("2")))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="target is required"):
        classify_coverage("50", None)  # type: ignore[arg-type]


def test_it_builds_the_matrix_with_rows_per_desa() -> None:
    specs = [
        IndicatorSpec("k1", "Ibu hamil KEK mendapat PMT", Decimal("90")),
        IndicatorSpec("unmet", "Unmet need KB", Decimal("8"), LOWER),
    ]
    result = matrix(
        ["d1", "d2"],
        {"d1": 31.5, "d2": None},
        {"k1": {"d1": "72.00", "d2": 95}, "unmet": {"d1": 20}},
        specs,
        period="2024",
    )
    d1, d2 = result.rows
    assert d1.prevalence.cls is PrevalenceClass.SANGAT_TINGGI
    assert d1.cells["k1"].cls is C.HAMPIR_MEMADAI and d1.cells["k1"].value == Decimal("72.00")
    assert d1.cells["unmet"].cls is C.SANGAT_RENDAH  # 20 > 2 × 8
    assert d2.prevalence.cls is PrevalenceClass.TIDAK_ADA_DATA
    assert d2.cells["k1"].cls is C.MEMADAI
    assert d2.cells["unmet"].cls is C.TIDAK_ADA_DATA
