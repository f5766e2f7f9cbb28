"""The TEM page shows analytics.quality.technical_error_by on the same pairs, and a drawn
sample is repeatable from the seed stored in its history."""

import random

import pytest
from django.urls import reverse

from analytics.quality import LENGTH_THRESHOLDS, technical_error_by
from konvergensi.measurements.models import Remeasurement
from konvergensi.measurements.prevalence import Period
from konvergensi.measurements.quality import draw_sample, sample_pool

from .conftest import SOE, child, measure, posyandu

FIRST = [80.0, 75.2, 90.1, 68.4]
SECOND = [80.4, 75.0, 91.3, 68.4]


def test_it_computes_tem_as_analytics_does(client, kabupaten, feb_round, dinkes_operator):
    melati = posyandu(SOE, "Melati")
    for k, (a, b) in enumerate(zip(FIRST, SECOND, strict=True)):
        m = measure(child(SOE, posyandu=melati), lenhei_cm=a, weight_kg=9.0 + k / 10,
                    measurer="Ibu Ance" if k < 2 else "Ibu Rosa")  # fmt: skip
        Remeasurement.objects.create(measurement=m, measurer="Bidan Yuli", lenhei_cm=b,
                                     weight_kg=9.0 + k / 10 + 0.1)  # fmt: skip
    client.force_login(dinkes_operator)
    page = client.get(reverse("measurements:tem", kwargs={"code": SOE}), {"putaran": feb_round.pk})
    assert page.status_code == 200
    expected = technical_error_by(
        ["Ibu Ance", "Ibu Ance", "Ibu Rosa", "Ibu Rosa"], FIRST, SECOND,
        thresholds=LENGTH_THRESHOLDS,
    )  # fmt: skip
    shown = {r.group: r.length for r in page.context["by_measurer"]}
    assert shown == expected
    (pos_row,) = page.context["by_posyandu"]
    assert pos_row.length.n_pairs == 4
    assert pos_row.weight.tem == pytest.approx(0.1 / 2**0.5)


def test_it_draws_a_repeatable_sample(kabupaten, feb_round):
    melati = posyandu(SOE, "Melati")
    for _ in range(12):
        measure(child(SOE, posyandu=melati))
    period = Period.of_round(feb_round)
    rems = draw_sample(melati, period, 5, seed=42)
    pool = sample_pool(melati, period)
    assert sorted(r.measurement_id for r in rems) == sorted(random.Random(42).sample(pool, 5))
    reason = rems[0].history.first().history_change_reason
    assert "seed=42" in reason and "pool=12" in reason
    assert all(r.measurer == "" for r in rems)  # pending until the second measurer records
