from django.urls import reverse

from konvergensi.situation import services
from konvergensi.situation.models import Origin
from situation.conftest import D3


def test_it_keeps_manual_and_edited_recommendations_when_rerun(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    proposed = list(analysis.recommendations.filter(origin=Origin.PROPOSED))
    assert proposed, "the lokus desa with poor coverage get proposals"
    assert analysis.recommendations.filter(type_code="lokasi_prioritas").count() == 1
    edited = proposed[-1]
    services.save_recommendation(edited, text="Teks yang diubah Bappeda")
    manual = services.add_recommendation(
        analysis, type_code="koordinasi_antar_opd", text="Perkuat forum TPPS"
    )
    count = analysis.recommendations.count()
    services.run_analysis(analysis, user=people.admin)
    assert analysis.recommendations.count() == count  # nothing duplicated
    edited.refresh_from_db()
    assert edited.text == "Teks yang diubah Bappeda" and edited.edited
    assert analysis.recommendations.filter(pk=manual.pk, text="Perkuat forum TPPS").exists()


def test_it_keeps_a_lokus_override_when_rerun(client, analysis, people):
    services.run_analysis(analysis, user=people.admin)
    row = analysis.lokus.get(desa_id=D3)
    client.force_login(people.admin)
    url = reverse("situation:lokus", args=[2026, row.pk])
    client.post(url, {"selected": "on"})  # no reason given: refused
    row.refresh_from_db()
    assert not row.selected
    client.post(url, {"selected": "on", "note": "Usulan camat: akses air bersih buruk"})
    services.run_analysis(analysis, user=people.admin)
    row.refresh_from_db()
    assert row.selected and row.overridden and not row.computed_selected
    assert row.override_note == "Usulan camat: akses air bersih buruk"
    assert [r["desa_code"] for r in services.lokus_list(analysis)][-1] == D3
    assert row.history.count() >= 2  # audited
