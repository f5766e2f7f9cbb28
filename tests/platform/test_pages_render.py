"""Every page of the platform renders for the people who may see it."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("cycle:aksi", args=[1]),
        reverse("cycle:aksi", args=[8]) + "?tahun=2025",
        reverse("regions:data"),
        reverse("regions:region", args=["53.02.01"]),
        reverse("regions:puskesmas"),
        reverse("regions:posyandu"),
        reverse("regions:facility_import", args=["puskesmas"]),
        reverse("regions:boundaries"),
        reverse("accounts:settings"),
        reverse("accounts:institution_create"),
        reverse("accounts:user_create"),
        reverse("public"),
        reverse("about"),
    ],
)
def test_it_renders_for_the_admin(client, people, url):
    client.force_login(people.admin)
    response = client.get(url)
    assert response.status_code == 200


def test_it_marks_the_active_menu_item(client, people):
    client.force_login(people.admin)
    html = client.get(reverse("cycle:aksi", args=[3])).content.decode()
    assert f'class="nav-link active" href="{reverse("cycle:aksi", args=[3])}"' in html
    html = client.get(reverse("regions:data")).content.decode()
    assert f'class="nav-link active" href="{reverse("regions:data")}"' in html
