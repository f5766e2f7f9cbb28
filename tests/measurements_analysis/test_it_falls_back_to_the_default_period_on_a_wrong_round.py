"""``putaran`` comes from the address bar. Anything that is not the id of one of the
kabupaten's rounds gives the default period (the latest round that has started), never a
server error: "²" counts as a digit for ``str.isdigit`` but not for ``int``, and so does a
number too long for Python to read."""

import datetime as dt

import pytest
from django.urls import reverse

from konvergensi.measurements.prevalence import period_from_params

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize("value", ["²", "1²", "9" * 5000, "abc", "-1", "99999999999999999999"])
def test_it_reads_a_wrong_round_as_the_default_period(feb_round, value):
    period = period_from_params({"putaran": value}, "53.02", today=TODAY)
    assert period.round_id == feb_round.pk


def test_it_still_reads_the_round_asked(feb_round):
    assert period_from_params({"putaran": str(feb_round.pk)}, "53.02").round_id == feb_round.pk


def test_the_prevalence_page_shows_the_default_period(client, dinkes_operator, soe_data, feb_round):
    client.force_login(dinkes_operator)
    client.raise_request_exception = False
    url = reverse("measurements:prevalence", kwargs={"code": "53.02"})
    assert client.get(url + "?putaran=%C2%B2").status_code == 200
