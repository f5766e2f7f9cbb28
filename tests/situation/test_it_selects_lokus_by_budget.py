from konvergensi.situation import services
from situation.conftest import D1, D4


def test_it_selects_lokus_by_budget(analysis, people):
    config = dict(analysis.config)
    # 250 at 100 per desa funds the first two in rank order: D4 and D1 (D3 does not fit).
    config["lokus"] = config["lokus"] | {"rule": "budget", "budget": "250", "cost_per_desa": "100"}
    services.save_config(analysis, config=config)
    services.run_analysis(analysis, user=people.admin)
    assert [r["desa_code"] for r in services.lokus_list(analysis)] == [D4, D1]
    assert "anggaran 250" in analysis.snapshot["lokus"]["choices"]["jumlah_lokus"]
