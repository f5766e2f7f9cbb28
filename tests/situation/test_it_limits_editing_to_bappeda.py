"""Bappeda edits; others in the kabupaten read; another kabupaten sees nothing."""

import pytest
from django.urls import reverse

from konvergensi.situation import services


@pytest.fixture
def computed(analysis, people):
    return services.run_analysis(analysis, user=people.admin)


def test_an_opd_operator_reads_but_cannot_edit(client, computed, people):
    client.force_login(people.dinsos_operator)
    assert client.get(reverse("situation:results", args=[2026, "lokus"])).status_code == 200
    assert client.post(reverse("situation:run", args=[2026])).status_code == 403
    assert client.get(reverse("situation:settings", args=[2026])).status_code == 403
    row = computed.lokus.get(rank=3)
    response = client.post(reverse("situation:lokus", args=[2026, row.pk]), {"selected": "on"})
    assert response.status_code == 403
    rec = computed.recommendations.first()
    response = client.post(reverse("situation:rec_edit", args=[2026, rec.pk]), {"text": "x"})
    assert response.status_code == 403
    assert client.post(reverse("situation:create", args=[2027])).status_code == 403


def test_a_viewer_cannot_edit_even_from_bappeda(client, computed, people):
    from factories import user

    from konvergensi.accounts.models import Role

    client.force_login(user("bappeda.viewer", people.bappeda, Role.VIEWER))
    assert client.post(reverse("situation:run", args=[2026])).status_code == 403


def test_a_bappeda_operator_edits(client, computed, people):
    from factories import user

    client.force_login(user("bappeda.operator", people.bappeda))
    assert client.post(reverse("situation:run", args=[2026])).status_code == 302


def test_another_kabupaten_sees_nothing(client, computed, people):
    client.force_login(people.other_kab_admin)
    # Its own kabupaten (53.03) has no analysis: never 53.02's.
    response = client.get(reverse("situation:results", args=[2026, "lokus"]))
    assert response.status_code == 404
    name = "dokumen-analisis-situasi.docx"
    assert client.get(reverse("situation:download", args=[2026, name])).status_code == 404
    assert "Desa Empat" not in client.get(reverse("situation:year", args=[2026])).content.decode()


def test_anonymous_is_sent_to_login(client, computed):
    response = client.get(reverse("situation:results", args=[2026, "lokus"]))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
