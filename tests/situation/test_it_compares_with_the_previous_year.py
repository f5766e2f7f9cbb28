import datetime as dt

from konvergensi.situation import services
from situation.conftest import D1, D2, D4, add_coverage, add_measurements


def test_it_compares_with_the_previous_year(kabupaten, people):
    # 2025: D1 10/20 (50%) and D2 2/20; 2026 (the fixture): D1 10/20, D2 2/20 ...
    # D4 in 2025: 15/20 (75%) → 1/20 in 2026, a significant improvement (Fisher p < 0.05).
    add_measurements({D1: (10, 20), D4: (15, 20)}, dt.date(2025, 2, 10))
    add_coverage({"imunisasi_dasar_lengkap": {D1: "60", D2: "95", D4: "30"}}, 2025, people)
    first = services.create_analysis(kabupaten, 2025)
    services.run_analysis(first, user=people.admin)
    assert first.snapshot["trend"]["baseline"] is True
    second = services.create_analysis(kabupaten, 2026)
    services.run_analysis(second, user=people.admin)
    trend = second.snapshot["trend"]
    assert trend["baseline"] is False and trend["previous_year"] == 2025
    prevalence = {r["desa"]: r["status"] for r in trend["prevalence"]}
    assert prevalence[D4] == "membaik"
    assert prevalence[D1] == "tetap"
    assert prevalence[D2] == "baseline"  # no 2025 measurements
    coverage = {(r["desa"], r["indicator"]): r["status"] for r in trend["coverage"]}
    assert coverage[(D1, "imunisasi_dasar_lengkap")] == "membaik"  # rendah → memadai
    assert coverage[(D2, "imunisasi_dasar_lengkap")] == "memburuk"  # memadai → hampir
    assert coverage[(D4, "imunisasi_dasar_lengkap")] == "tetap"
