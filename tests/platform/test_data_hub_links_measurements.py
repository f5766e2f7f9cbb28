"""The Data page leads to the measurement (e-PPGBM) pages, each link only for those who may
use it: importing for the health side and the admin, the export of children's data for those
who serve them, the analysis and the rounds for everyone in the kabupaten."""

import pytest
from django.urls import reverse

IMPORT_LINKS = ["measurements:upload", "measurements:imports", "measurements:entry",
                "measurements:template"]  # fmt: skip
EXPORT = "measurements:export"
FOR_EVERYONE = ["measurements:prevalence_home", "measurements:rounds"]


def _hub(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("regions:data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pengukuran balita (e-PPGBM)" in html
    return html


def _has(html: str, name: str) -> bool:
    return f'href="{reverse(name)}"' in html


def test_dinkes_sees_every_measurement_link(client, people):
    html = _hub(client, people.dinkes_operator)
    for name in [*IMPORT_LINKS, EXPORT, *FOR_EVERYONE]:
        assert _has(html, name), name
    assert "Atur putaran dan jadwal pengukuran" in html


def test_the_admin_imports_but_does_not_export_childrens_data(client, people):
    html = _hub(client, people.admin)
    assert all(_has(html, n) for n in [*IMPORT_LINKS, *FOR_EVERYONE])
    assert not _has(html, EXPORT)


@pytest.mark.parametrize("persona", ["dinsos_operator", "viewer"])
def test_others_see_the_analysis_only(client, people, persona):
    html = _hub(client, getattr(people, persona))
    assert all(_has(html, n) for n in FOR_EVERYONE)
    assert not any(_has(html, n) for n in [*IMPORT_LINKS, EXPORT])
    assert "Atur putaran dan jadwal pengukuran" not in html


def test_every_link_on_the_hub_opens_for_dinkes(client, people):
    client.force_login(people.dinkes_operator)
    for name in [*IMPORT_LINKS, EXPORT, *FOR_EVERYONE]:
        response = client.get(reverse(name))
        assert response.status_code in {200, 302}, name
