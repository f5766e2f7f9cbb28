"""Error pages are the project's own, in Bahasa Indonesia, and say why access was refused."""

from django.test import Client
from django.urls import reverse


def test_a_refused_page_says_why_in_indonesian(client, people):
    # An OPD of kabupaten 53.03 opening the prevalence page of 53.02 is outside their area.
    client.force_login(people.other_kab_operator)
    response = client.get(reverse("measurements:prevalence", args=["53.02"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html
    assert "Wilayah ini di luar wilayah kerja Anda." in html
    assert "Forbidden" not in html


def test_a_missing_page_is_told_in_indonesian(client, people):
    client.force_login(people.admin)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Not Found" not in html


def test_a_server_error_shows_no_trace(settings, people):
    from django.urls import path

    def boom(request):
        raise RuntimeError("rahasia internal")

    import konvergensi.urls as root

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("boom/", boom), *root.urlpatterns]}
    )
    browser = Client(raise_request_exception=False)
    browser.force_login(people.admin)
    response = browser.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan pada server" in html
    assert "rahasia internal" not in html
    assert "Traceback" not in html
