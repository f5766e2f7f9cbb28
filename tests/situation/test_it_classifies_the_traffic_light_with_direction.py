from konvergensi.situation import services
from situation.conftest import D1, D2, D3, D4, D5


def test_it_classifies_the_traffic_light_with_direction(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    tl = services.traffic_light_classes(analysis)
    assert tl[D2]["unmet_need_kb"] == "hampir_memadai"  # 9.0 ≤ 1.25 × 7.4, lower is better
    assert tl[D1]["unmet_need_kb"] == "memadai"
    assert tl[D4]["unmet_need_kb"] == "sangat_rendah"  # 20 > 2 × 7.4
    assert tl[D2]["imunisasi_dasar_lengkap"] == "hampir_memadai"  # 85 ≥ 0.8 × 90
    assert tl[D3]["imunisasi_dasar_lengkap"] == "tidak_ada_data"  # grey, never sangat rendah
    assert tl[D5]["prevalensi"] == "tidak_ada_data"
    assert (tl[D1]["prevalensi"], tl[D2]["prevalensi"], tl[D4]["prevalensi"]) == (
        "sangat_tinggi",
        "rendah",
        "sangat_rendah",
    )


def test_it_applies_edited_thresholds(analysis, people):
    config = dict(analysis.config)
    config["prevalence"] = {"sangat_tinggi": "60", "tinggi": "40", "rendah": "12"}
    config["lower"] = {"hampir_memadai": "1.1", "rendah": "3"}
    services.save_config(analysis, config=config)
    services.run_analysis(analysis, user=people.admin)
    tl = services.traffic_light_classes(analysis)
    assert tl[D1]["prevalensi"] == "tinggi"  # 50% < 60
    assert tl[D2]["prevalensi"] == "sangat_rendah"  # 10% < 12
    assert tl[D2]["unmet_need_kb"] == "rendah"  # 9.0 > 1.1 × 7.4 = 8.14
