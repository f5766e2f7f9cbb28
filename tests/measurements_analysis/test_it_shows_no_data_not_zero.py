"""A unit with nobody measured shows "tidak ada data", never 0%."""

from django.urls import reverse

from konvergensi.measurements.prevalence import Period, prevalence_table

from .conftest import BILOTO, OEBESA


def test_it_shows_no_data_not_zero(client, kabupaten, soe_data, feb_round, dinkes_operator):
    table = prevalence_table(Period.of_round(feb_round), "desa", kabupaten)
    empty = [r for r in table.rows if r.code in (OEBESA, BILOTO)]
    assert len(empty) == 2
    for row in empty:
        assert row.stunting.n == 0 and not row.stunting.has_data
        assert row.to_json()["stunting"]["prevalence"] is None

    client.force_login(dinkes_operator)
    html = client.get(reverse("measurements:prevalence", kwargs={"code": "53.02.02"})).content
    text = html.decode()
    assert "tidak ada data" in text
    assert ">0,0%" not in text  # no desa shown as 0%
