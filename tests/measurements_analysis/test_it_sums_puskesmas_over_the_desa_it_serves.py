"""A puskesmas row is the sum over the desa it serves (counts, never averaged prevalences),
and a puskesmas user's kabupaten total holds only its own desa."""

from django.urls import reverse

from konvergensi.measurements.prevalence import Period, prevalence_table

from .conftest import OEBESA, child, measure


def test_it_sums_puskesmas_over_the_desa_it_serves(kabupaten, soe_data, feb_round, puskesmas):
    measure(child(OEBESA), zlen=-2.8)  # Oebesa is not served by Puskesmas Soe
    table = prevalence_table(Period.of_round(feb_round), "puskesmas", kabupaten)
    (row,) = table.rows
    assert row.name == "Puskesmas Soe"
    # SoE 3/8 + Cendana 1/4
    assert (row.stunting.cases, row.stunting.n) == (4, 12)
    assert (row.sasaran, row.measured) == (25, 14)
    assert (table.total.stunting.cases, table.total.stunting.n) == (5, 13)


def test_it_builds_a_puskesmas_users_total_from_its_desa(
    client, kabupaten, soe_data, feb_round, puskesmas_user
):
    measure(child(OEBESA), zlen=-2.8)
    client.force_login(puskesmas_user)
    page = client.get(reverse("measurements:prevalence", kwargs={"code": "53.02"}))
    assert page.status_code == 200
    total = page.context["table"].total
    assert (total.stunting.cases, total.stunting.n) == (4, 12)
