"""Years are written as years (2025), never with a thousands separator (2.025): the links and
the year selector of the Aksi 1 data pages carry the chosen year from page to page."""

import re

import pytest
from django.urls import reverse

from konvergensi.indicators.models import Indicator

GROUPED_YEAR = re.compile(r"tahun=\d{1,3}\.\d{3}|value=\"\d{1,3}\.\d{3}\"")


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:index"),
        reverse("indicators:targets"),
        reverse("indicators:supply"),
        reverse("indicators:programs"),
        reverse("indicators:matrix", args=["intervensi"]),
        reverse("indicators:upload", args=["coverage"]),
    ],
)
def test_every_link_keeps_the_year_as_written(client, people, indicators, url):
    client.force_login(people.admin)
    html = client.get(url + "?tahun=2025").content.decode()
    assert not GROUPED_YEAR.search(html), GROUPED_YEAR.search(html).group(0)
    assert "tahun=2025" in html


def test_the_indicator_grid_keeps_the_year(client, people, indicators):
    client.force_login(people.admin)
    code = Indicator.objects.order_by("code").values_list("code", flat=True).first()
    html = client.get(reverse("indicators:grid", args=[code]) + "?tahun=2025").content.decode()
    assert not GROUPED_YEAR.search(html)
    assert re.search(r'<option value="2025" selected>2025</option>', html)
