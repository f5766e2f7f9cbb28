"""The child page has the WHO length/height-for-age curves for the child's sex and the
child's points, and its measurement history."""

import datetime as dt

import pytest
from django.urls import reverse

from konvergensi.measurements.charts import growth_chart

from .conftest import SOE, child, measure


def test_it_draws_the_child_growth_chart(client, kabupaten, dinkes_operator):
    c = child(SOE, sex=2, name="Ribka Tefa")
    measure(c, dt.date(2025, 2, 1), lenhei_cm=70.1, weight_kg=8.0)
    measure(c, dt.date(2025, 8, 1), lenhei_cm=76.0, weight_kg=9.1)
    client.force_login(dinkes_operator)
    page = client.get(reverse("measurements:child", kwargs={"pk": c.pk}))
    assert page.status_code == 200
    tbu = page.context["charts"]["tb_u"]
    assert set(tbu["curves"]) == {"-3", "-2", "+0", "+2", "+3"}
    # WHO girls' length-for-age median at birth is 49.1 cm, SD lines ordered.
    assert tbu["curves"]["+0"][0] == [0, pytest.approx(49.1, abs=0.05)]
    assert tbu["curves"]["-2"][24][1] < tbu["curves"]["+0"][24][1] < tbu["curves"]["+2"][24][1]
    assert [p[1] for p in tbu["child"]] == [70.1, 76.0]
    assert len(page.context["history"]) == 2
    assert "Ribka Tefa" in page.content.decode()


def test_it_uses_the_boys_curves_for_boys():
    boys = growth_chart(1, "tb_u", [])["curves"]["+0"][0][1]
    assert boys == pytest.approx(49.9, abs=0.05)  # WHO boys' median length at birth
