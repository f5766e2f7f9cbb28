"""A new Bappeda user goes from an empty year to a downloaded document through the pages."""

import pytest
from django.urls import reverse
from documents.helpers import pdf_text

from konvergensi.situation.models import SituationAnalysis
from konvergensi.situation.views import TABS


def test_it_walks_the_bappeda_flow(client, kabupaten, people):
    client.force_login(people.admin)
    home = client.get(reverse("situation:year", args=[2026]))
    assert home.status_code == 200
    assert "Buat analisis tahun" in home.content.decode()
    response = client.post(reverse("situation:create", args=[2026]))
    assert response.status_code == 302
    page = client.get(reverse("situation:settings", args=[2026]))
    assert page.status_code == 200
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["share_percent"] = "40"
    data["period_start"], data["period_end"] = "2026-02-01", "2026-02-28"
    data["round"] = ""
    assert client.post(reverse("situation:settings", args=[2026]), data).status_code == 302
    assert client.post(reverse("situation:run", args=[2026])).status_code == 302
    analysis = SituationAnalysis.objects.get(year=2026)
    assert analysis.computed and analysis.config["lokus"]["share_percent"] == "40"
    for tab in TABS:
        page = client.get(reverse("situation:results", args=[2026, tab]))
        assert page.status_code == 200, tab
    lokus = client.get(reverse("situation:results", args=[2026, "lokus"])).content.decode()
    assert "Desa Empat" in lokus and "Desa Satu" in lokus
    for name in ("dokumen-analisis-situasi.docx", "dokumen-analisis-situasi.pdf"):
        download = client.get(reverse("situation:download", args=[2026, name]))
        assert download.status_code == 200
        assert "attachment" in download["Content-Disposition"]
    # the downloaded PDF holds the lokus of the 40% share chosen on the settings page
    text = pdf_text(download.content)
    assert "2 desa lokus terpilih" in text
    assert "1 Desa Empat c 5,0%" in text and "2 Desa Satu a, b 50,0%" in text


@pytest.mark.parametrize("tab", ["nope"])
def test_it_answers_404_for_an_unknown_tab(client, analysis, people, tab):
    client.force_login(people.admin)
    assert client.get(reverse("situation:results", args=[2026, tab])).status_code == 404


def test_it_tells_what_is_missing_when_there_is_no_data(client, people):
    from konvergensi.indicators.loading import sync_indicators

    sync_indicators()
    client.force_login(people.admin)
    client.post(reverse("situation:create", args=[2030]))
    response = client.post(reverse("situation:run", args=[2030]), follow=True)
    assert response.status_code == 200
    assert "Belum ada data pengukuran balita" in response.content.decode()
