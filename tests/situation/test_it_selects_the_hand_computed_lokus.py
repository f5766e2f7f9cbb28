from konvergensi.situation import services
from situation.conftest import D1, D2, D3, D4, D5


def test_it_selects_the_hand_computed_lokus(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    lokus = services.lokus_list(analysis)
    assert [(r["rank"], r["desa_code"], r["criteria"]) for r in lokus] == [
        (1, D4, ["c"]),
        (2, D1, ["a", "b"]),
    ]
    rows = {r.desa_id: r for r in analysis.lokus.all()}
    assert rows[D3].rank == 3 and rows[D3].meets_b and not rows[D3].selected
    assert not rows[D2].candidate and not rows[D5].candidate
    assert rows[D5].n is None  # no measurements is "no data", never zero cases
    snap = analysis.snapshot["lokus"]
    assert snap["pooled_prevalence"] == 19.0
    assert snap["mean_cases"] == 4.75
    assert "jumlah_lokus" in snap["choices"]


def test_it_selects_a_desa_only_for_poor_main_indicators(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    d4 = analysis.lokus.get(desa_id=D4)
    assert (d4.meets_a, d4.meets_b, d4.meets_c) == (False, False, True)
    assert d4.selected and d4.poor_count == 2 and d4.main_count == 2
    assert sorted(d4.poor_indicators) == ["imunisasi_dasar_lengkap", "unmet_need_kb"]
    assert any("meskipun prevalensi stunting rendah" in r for r in d4.reasons)
