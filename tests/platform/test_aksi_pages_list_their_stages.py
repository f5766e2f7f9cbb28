"""Each aksi page lists the Pedoman's stages (tahapan) in order, linking where a page exists."""

import html
import re

import pytest
from django.urls import reverse

from konvergensi.cycle.stages import LINKS
from konvergensi.reference_data import load_calendar

CALENDAR = load_calendar()


def _stages(page: str) -> list[tuple[str, list[str]]]:
    """(stage text, link URLs) per item of the page's "Tahapan" list."""
    section = re.search(r'<section [^>]*id="tahapan">(.*?)</section>', page, re.S)
    assert section, "no Tahapan section"
    items = re.findall(r"<li [^>]*>(.*?)</li>", section.group(1), re.S)
    return [
        (
            html.unescape(re.sub(r"<div.*", "", item, flags=re.S)).strip(),
            [html.unescape(u) for u in re.findall(r'href="([^"]+)"', item)],
        )
        for item in items
    ]


@pytest.mark.parametrize("spec", CALENDAR, ids=lambda s: f"aksi{s.number}")
def test_it_lists_the_stages_in_order(client, people, spec):
    client.force_login(people.dinsos_operator)
    page = client.get(reverse("cycle:aksi", args=[spec.number])).content.decode()
    assert [text for text, _links in _stages(page)] == list(spec.stages)


def test_it_links_the_stages_the_app_has_pages_for(client, people):
    client.force_login(people.admin)
    page = client.get(reverse("cycle:aksi", args=[1]) + "?tahun=2026").content.decode()
    planning, previous, doing = _stages(page)
    assert planning[1] == [reverse("situation:year", args=[2026])]
    assert previous[1] == [reverse("situation:year", args=[2025])]
    assert reverse("indicators:index") in doing[1]
    page = client.get(reverse("cycle:aksi", args=[7]) + "?tahun=2026").content.decode()
    stages = _stages(page)
    assert stages[0][1] == [reverse("measurements:rounds")]
    assert stages[2][1] == [reverse("measurements:quality", args=["53.02"])]
    assert stages[4][1] == []  # publication: no page yet
    page = client.get(reverse("cycle:aksi", args=[2])).content.decode()
    assert all(links == [] for _text, links in _stages(page))


def test_every_stage_link_names_a_stage_and_opens_for_the_bappeda_admin(client, people):
    client.force_login(people.admin)
    by_number = {spec.number: spec for spec in CALENDAR}
    for aksi, stage in LINKS:
        assert 1 <= stage <= len(by_number[aksi].stages), (aksi, stage)
    for aksi in {aksi for aksi, _stage in LINKS}:
        page = client.get(reverse("cycle:aksi", args=[aksi]) + "?tahun=2026").content.decode()
        for _text, links in _stages(page):
            for url in links:
                assert client.get(url, follow=True).status_code == 200, url


def test_it_writes_the_year_without_a_thousands_separator(client, people):
    # Indonesian number format prints 2026 as "2.026": in the heading, and in the year
    # selector, where "2.026" came back as an invalid year and the page fell back to this year.
    client.force_login(people.admin)
    page = client.get(reverse("cycle:aksi", args=[7]) + "?tahun=2025").content.decode()
    assert "Aksi Konvergensi 7 · 2025" in page and "2.02" not in page
    values = re.findall(
        r'<option value="([^"]+)"', page.split('id="tahun"')[1].split("</select>")[0]
    )
    assert "2025" in values and all(v.isdigit() for v in values)
