"""The public and about pages are honest and carry the licences."""

from django.urls import reverse


def test_the_public_page_says_nothing_is_published_yet(client, db):
    html = client.get(reverse("public")).content.decode()
    assert "Belum ada data yang dipublikasikan" in html


def test_the_about_page_carries_the_licences(client, db):
    html = client.get(reverse("about")).content.decode()
    assert "ODbL" in html or "Open Database License" in html
    assert "WHO Child Growth Standards" in html
    assert "htmx" in html and "leaflet" in html.lower()


def test_the_ui_is_available_in_english(client, people):
    client.force_login(people.admin)
    html = client.get(reverse("home"), headers={"Accept-Language": "en"}).content.decode()
    assert "Dashboard" in html
