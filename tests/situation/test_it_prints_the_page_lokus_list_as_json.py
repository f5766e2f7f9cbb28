import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from konvergensi.situation.models import SituationAnalysis
from situation.conftest import D1, D4


def test_it_prints_the_page_lokus_list_as_json(client, analysis, people):
    out = StringIO()
    call_command("situation_analysis", "--year", "2026", "--region", "53.02", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [(r["rank"], r["desa_code"], r["criteria"]) for r in data["lokus"]] == [
        (1, D4, ["c"]),
        (2, D1, ["a", "b"]),
    ]
    assert data["lokus"][1]["prevalence"] == 50.0 and data["lokus"][1]["cases"] == 10
    assert sorted(data["lokus"][0]["poor_indicators"]) == [
        "imunisasi_dasar_lengkap",
        "unmet_need_kb",
    ]
    assert data["traffic_light"][D4]["imunisasi_dasar_lengkap"] == "sangat_rendah"
    assert data["traffic_light"][D1]["prevalensi"] == "sangat_tinggi"
    client.force_login(people.dinsos_operator)
    page = client.get(reverse("situation:results", args=[2026, "lokus"]))
    shown = [
        (item["row"].rank, item["row"].desa_id)
        for item in page.context["rows"]
        if item["row"].selected
    ]
    assert shown == [(r["rank"], r["desa_code"]) for r in data["lokus"]]


def test_it_exits_with_an_indonesian_message_without_data(people):
    with pytest.raises(CommandError, match=r"[Bb]elum"):
        call_command("situation_analysis", "--year", "2031", "--region", "53.02", "--json")
    assert not SituationAnalysis.objects.filter(year=2031).exists()
