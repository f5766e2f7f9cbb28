from analytics.distribution import DepthOption, suggest_analysis_depth
from analytics.hotspots import hotspots
from analytics.traffic_light import CoverageClass

R, M, HM = CoverageClass.RENDAH, CoverageClass.MEMADAI, CoverageClass.HAMPIR_MEMADAI


def test_it_suggests_special_analysis_for_a_significant_hotspot() -> None:
    hot = hotspots(["a", "b", "c", "d"], [10, 2, 3, 0], [20, 20, 20, 20])
    result = suggest_analysis_depth(hot)
    assert result.option is DepthOption.KHUSUS
    assert "a" in result.khusus
    assert "signifikan di atas prevalensi kabupaten" in result.khusus["a"][0]


def test_it_lists_regions_above_but_not_significantly() -> None:
    # pooled 5/20 = 0.25; a = 0.3 is above but P(X >= 3 | 10, 0.25) ≈ 0.47
    hot = hotspots(["a", "b"], [3, 2], [10, 10])
    result = suggest_analysis_depth(hot)
    assert result.option is DepthOption.PERHATIAN_KHUSUS
    assert list(result.perhatian) == ["a"]


def test_it_flags_poor_coverage_although_prevalence_is_low() -> None:
    hot = hotspots(["a", "b"], [3, 2], [10, 10])
    result = suggest_analysis_depth(hot, coverage={"b": {"x": R, "y": R, "z": M}})
    assert result.option is DepthOption.KHUSUS
    assert result.khusus["b"] == (
        "cakupan layanan relatif rendah meskipun prevalensi stunting rendah",
    )


def test_it_flags_adequate_coverage_with_prevalence_still_high() -> None:
    hot = hotspots(["a", "b"], [3, 2], [10, 10])
    coverage = {"a": {"x": M, "y": HM}}
    assert "a" in suggest_analysis_depth(hot, coverage=coverage).khusus
    # with programme completeness given and incomplete, (b) does not apply
    result = suggest_analysis_depth(hot, coverage=coverage, programs_complete={"a": False})
    assert result.option is DepthOption.PERHATIAN_KHUSUS


def test_it_suggests_a_general_analysis_when_regions_are_alike() -> None:
    hot = hotspots(["a", "b"], [2, 2], [10, 10])
    assert suggest_analysis_depth(hot).option is DepthOption.UMUM
