from django.urls import reverse

from konvergensi.situation import services
from konvergensi.situation.models import FgdAnswer, Origin


def test_it_edits_a_recommendation_with_htmx(client, analysis, people):
    services.run_analysis(analysis, user=people.admin)
    rec = analysis.recommendations.filter(origin=Origin.PROPOSED).first()
    client.force_login(people.admin)
    url = reverse("situation:rec_edit", args=[2026, rec.pk])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and f'hx-post="{url}"' in form.content.decode()
    data = {"type_code": rec.type_code, "text": "Perbaiki SOP posyandu", "accepted": "on"}
    row = client.post(url, data, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and "Perbaiki SOP posyandu" in row.content.decode()
    rec.refresh_from_db()
    assert rec.accepted and rec.edited and rec.text == "Perbaiki SOP posyandu"
    bad = client.post(url, {"type_code": "tidak_ada", "text": ""}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400
    deleted = client.post(
        reverse("situation:rec_delete", args=[2026, rec.pk]), HTTP_HX_REQUEST="true"
    )
    assert deleted.status_code == 200 and not analysis.recommendations.filter(pk=rec.pk).exists()


def test_it_adds_a_manual_recommendation(client, analysis, people):
    services.run_analysis(analysis, user=people.admin)
    client.force_login(people.admin)
    data = {"type_code": "koordinasi_kab_kec_desa", "text": "Rapat koordinasi kecamatan bulanan"}
    client.post(reverse("situation:rec_add", args=[2026]), data)
    rec = analysis.recommendations.get(text="Rapat koordinasi kecamatan bulanan")
    assert rec.origin == Origin.MANUAL


def test_it_records_fgd_answers_per_respondent(client, analysis, people):
    services.run_analysis(analysis, user=people.admin)
    client.force_login(people.admin)
    data = {
        "group_id": "layanan_opd",
        "respondent": "Dinas Kesehatan",
        "answer_supply_memadai": "Ya, posyandu cukup",
        "done_supply_memadai": "on",
    }
    client.post(reverse("situation:fgd", args=[2026]), data)
    answer = FgdAnswer.objects.get(question_id="supply_memadai")
    assert (answer.respondent, answer.answer, answer.done) == (
        "Dinas Kesehatan",
        "Ya, posyandu cukup",
        True,
    )
    assert FgdAnswer.objects.filter(group_id="layanan_opd", done=False).count() == 7
    page = client.get(reverse("situation:results", args=[2026, "fgd"])).content.decode()
    assert "Ya, posyandu cukup" in page
