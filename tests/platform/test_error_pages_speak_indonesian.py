"""Error pages are the project's own, in Bahasa Indonesia, and say why access was refused."""

from django.test import Client
from django.urls import reverse


def _page(client, user, url: str, status: int) -> str:
    """The page ``user`` is given at ``url``, once its status code is checked."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_a_refused_page_says_why_in_indonesian(client, people):
    # An OPD of kabupaten 53.03 opening the prevalence page of 53.02 is outside their area.
    url = reverse("measurements:prevalence", args=["53.02"])
    html = _page(client, people.other_kab_operator, url, 403)
    assert "Akses ditolak" in html
    assert "Wilayah ini di luar wilayah kerja Anda." in html
    assert "Forbidden" not in html


def test_a_missing_page_is_told_in_indonesian(client, people):
    html = _page(client, people.admin, "/tidak-ada-halaman-ini/", 404)
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
    html = _page(Client(raise_request_exception=False), people.admin, "/boom/", 500)
    assert "Terjadi kesalahan pada server" in html
    assert "rahasia internal" not in html
    assert "Traceback" not in html
