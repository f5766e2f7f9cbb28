"""The demo generator in small mode: deterministic for a seed, idempotent, realistic."""

import datetime as dt

from konvergensi.measurements.demo import seed_measurements
from konvergensi.measurements.models import (
    Child,
    Measurement,
    MeasurementRound,
    Remeasurement,
    Sasaran,
)

from .conftest import posyandu

TODAY = dt.date(2026, 11, 28)
FIELDS = ("measured_on", "weight_kg", "lenhei_cm", "measure", "zlen", "flen")


def _fingerprint():
    return (
        list(Child.objects.order_by("pk").values_list("name", "sex", "birth_date", "desa_id")),
        list(Measurement.objects.order_by("pk").values_list(*FIELDS)),
        list(Sasaran.objects.order_by("desa_id", "year").values_list("count", "source")),
    )


def test_it_seeds_demo_measurements_deterministically(kabupaten, puskesmas):
    for code in ("53.02.01.1001", "53.02.01.1002", "53.02.02.2001"):
        posyandu(code, "Melati")
    first = seed_measurements("53.02", seed=3, children=300, today=TODAY)
    assert not first.skipped and first.children == 300
    assert [r.name for r in MeasurementRound.objects.order_by("start_date")] == [
        "Februari 2024", "Agustus 2024", "Februari 2025", "Agustus 2025", "Februari 2026",
        "Agustus 2026",
    ]  # fmt: skip
    m = Measurement.objects.all()
    assert m.count() == first.measurements > 300
    # lying below 24 months, standing from 24 months
    assert not m.filter(age_days__lt=731).exclude(measure="l").exists()
    assert not m.filter(age_days__gte=731).exclude(measure="h").exists()
    assert m.filter(zlen__lt=-2, flen=False).exists()
    assert seed_measurements("53.02", seed=3, children=300, today=TODAY).skipped
    before = _fingerprint()

    Remeasurement.objects.all().delete()
    Measurement.objects.all().delete()
    Child.objects.all().delete()
    Sasaran.objects.all().delete()
    seed_measurements("53.02", seed=3, children=300, today=TODAY)
    assert _fingerprint() == before


def test_it_stores_each_rounds_counts_equal_to_the_live_count(kabupaten, puskesmas):
    from konvergensi.measurements.models import RoundSummary
    from konvergensi.measurements.prevalence import Period, _count_live

    posyandu("53.02.01.1001", "Melati")
    seed_measurements("53.02", seed=5, children=200, today=TODAY)
    rounds = list(MeasurementRound.objects.order_by("start_date"))
    assert RoundSummary.objects.count() == len(rounds) == 6
    for rnd in rounds:
        live = _count_live(Period.of_round(rnd), "desa_code", rnd.region_id)
        assert live, rnd.name
        assert RoundSummary.objects.get(round=rnd).counts == live


def test_it_registers_a_few_children_twice_for_the_duplicates_page(kabupaten, puskesmas):
    from konvergensi.measurements.merge import find_candidates

    posyandu("53.02.01.1001", "Melati")
    result = seed_measurements("53.02", seed=7, children=800, today=TODAY)
    assert result.registered_twice == 2  # one in 400
    twins = Child.objects.order_by("-pk")[: result.registered_twice]
    found = find_candidates(Child.objects.values_list("desa_id", flat=True).distinct())
    pairs = {frozenset((c.first, c.second)) for cs in found.values() for c in cs}
    for twin in twins:
        original = Child.objects.exclude(pk=twin.pk).get(
            birth_date=twin.birth_date, mother_name=twin.mother_name, desa_id=twin.desa_id,
            sex=twin.sex, nik="",
        )  # fmt: skip
        assert twin.name != original.name
        assert frozenset((twin.pk, original.pk)) in pairs
        # the history is split: the twin holds the last two measurements, the original the rest
        assert twin.measurements.count() == 2 and original.measurements.count() >= 1
        last = original.measurements.order_by("-measured_on").first().measured_on
        assert last < twin.measurements.order_by("measured_on").first().measured_on
