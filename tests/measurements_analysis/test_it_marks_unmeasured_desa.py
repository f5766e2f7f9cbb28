"""The coverage page lists a desa with no measurements as "belum diukur", not 0%, and
highlights desa below the 80% threshold."""

from django.urls import reverse

from konvergensi.measurements.analysis_tables import COVERAGE_THRESHOLD

from .conftest import BILOTO, CENDANA, OEBESA, SOE, sasaran


def test_it_marks_unmeasured_desa(client, kabupaten, soe_data, feb_round, dinkes_operator):
    sasaran(OEBESA, 12)
    client.force_login(dinkes_operator)
    page = client.get(reverse("measurements:coverage", kwargs={"code": "53.02"}))
    assert page.status_code == 200
    status = {x["row"].code: x["status"] for x in page.context["rows"]}
    # SoE 10/20 = 50% < 80%; Cendana 4/5 = 80% is enough; Oebesa and Biloto: nobody measured.
    assert status == {SOE: "kurang", CENDANA: "cukup", OEBESA: "belum", BILOTO: "belum"}
    assert COVERAGE_THRESHOLD == 80.0
    text = page.content.decode()
    assert "belum diukur" in text
    assert ">0,0%" not in text  # no desa shown as 0%
    assert "50,0%" in text
