"""Merging a child registered twice: one transaction that moves the measurements, fills the
kept child's empty fields, deletes the other, and leaves an audit trail naming the user."""

import datetime as dt

import pytest

from konvergensi.measurements import merge, prevalence
from konvergensi.measurements.models import (
    Child,
    Measurement,
    MeasurementRound,
    Remeasurement,
    RoundSummary,
)
from konvergensi.regions.models import Posyandu

from .test_it_finds_duplicate_children import SOE, kid, measure

FEB, AUG = dt.date(2026, 2, 10), dt.date(2026, 8, 12)


@pytest.fixture
def pair(kabupaten):
    """A, registered first without NIK or mother; B, the next round's spelling with both."""
    melati = Posyandu.objects.create(desa_id=SOE, name="Melati")
    a = kid("Muh. Rizki", address="Jl. Mawar")
    b = kid("Muhammad Rizky", mother="Maria Bani", nik="5302010101240001", rt="003",
            posyandu=melati, father_name="Yosef")  # fmt: skip
    measure(a, FEB, weight=9.5)
    measure(b, AUG, weight=10.4, height=79.0)
    return a, b


def test_it_moves_the_measurements_fills_the_fields_and_deletes_the_other(pair, operator):
    a, b = pair
    result = merge.merge_children(a.pk, b.pk, user=operator)

    assert not Child.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert [(m.measured_on, m.weight_kg) for m in a.measurements.order_by("measured_on")] == [
        (FEB, 9.5),
        (AUG, 10.4),
    ]
    assert (a.name, a.nik, a.mother_name, a.father_name, a.rt, a.address) == (
        "Muh. Rizki", "5302010101240001", "Maria Bani", "Yosef", "003", "Jl. Mawar",
    )  # fmt: skip
    assert a.posyandu.name == "Melati"
    # the match key follows the fields, so the next file's row with the mother finds A
    assert a.match_key == "muh rizki|2024-01-05|maria bani"
    assert (result.moved, result.duplicates) == (1, 0)


def test_it_records_every_write_with_the_user(pair, operator):
    a, b = pair
    moved = b.measurements.get()
    merge.merge_children(a.pk, b.pk, user=operator)

    reason = f"Gabung anak #{b.pk} ke #{a.pk}"
    kept = Child.history.filter(id=a.pk).latest("history_id")
    deleted = Child.history.filter(id=b.pk).latest("history_id")
    change = Measurement.history.filter(id=moved.pk).latest("history_id")
    assert (kept.history_type, deleted.history_type, change.history_type) == ("~", "-", "~")
    for record in (kept, deleted, change):
        assert record.history_user == operator
        assert record.history_change_reason == reason
    assert change.child_id == a.pk and kept.nik == "5302010101240001"


def test_it_keeps_one_of_two_equal_measurements_of_a_day(pair, operator):
    a, b = pair
    mine = a.measurements.get()
    theirs = measure(b, FEB, weight=9.5)  # the same weighing imported for both children
    Remeasurement.objects.create(measurement=theirs, measurer="Kader 2", weight_kg=9.6)
    result = merge.merge_children(a.pk, b.pk, user=operator)

    assert result.duplicates == 1 and result.moved == 1
    assert list(a.measurements.values_list("id", flat=True).order_by("measured_on")) == [
        mine.pk,
        Measurement.objects.get(measured_on=AUG).pk,
    ]
    assert Remeasurement.objects.get().measurement_id == mine.pk
    dropped = Measurement.history.filter(id=theirs.pk).latest("history_id")
    assert (dropped.history_type, dropped.history_user) == ("-", operator)


def test_it_refuses_a_day_measured_twice_with_other_values_and_changes_nothing(pair, operator):
    a, b = pair
    measure(b, FEB, weight=9.8)
    before = (Child.history.count(), Measurement.history.count())

    with pytest.raises(merge.MergeRefused) as refused:
        merge.merge_children(a.pk, b.pk, user=operator)

    assert refused.value.messages == [
        "Kedua anak diukur pada 10 Februari 2026 dengan nilai berbeda (berat (kg) 9,5 / 9,8): "
        "perbaiki pengukuran yang salah dulu."
    ]
    assert Child.objects.filter(pk__in=[a.pk, b.pk]).count() == 2
    assert b.measurements.count() == 2 and a.measurements.count() == 1
    assert (Child.history.count(), Measurement.history.count()) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sex": 2}, "Jenis kelamin kedua anak berbeda"),
        ({"nik": "5302010101240002"}, "NIK kedua anak berbeda"),
    ],
)
def test_it_refuses_two_sexes_or_two_niks(kabupaten, operator, change, message):
    a = kid("Muhammad Rizky", nik="5302010101240001")
    b = kid("Muhammad Rizky", **{"nik": "5302010101240001", **change})
    measure(b, FEB)
    with pytest.raises(merge.MergeRefused, match=message):
        merge.merge_children(a.pk, b.pk, user=operator)
    assert b.measurements.count() == 1 and Child.objects.count() == 2


def test_it_recomputes_age_and_zscores_from_the_kept_birth_date(kabupaten, operator):
    a = kid("Yohanes Tefa", born=dt.date(2024, 1, 5))
    b = kid("Yohanes Teffa", born=dt.date(2024, 2, 5))
    m = measure(b, FEB, weight=9.5, height=75.2)
    merge.merge_children(a.pk, b.pk, user=operator)

    m.refresh_from_db()
    assert m.child_id == a.pk and m.age_days == (FEB - dt.date(2024, 1, 5)).days == 767
    # 75.2 cm lying at 767 days is measured standing's 74.5 cm (−0.7 from 731 days)
    assert m.clenhei == pytest.approx(74.5)
    assert m.zlen is not None and m.cat_hfa != ""


def test_it_refuses_a_measurement_before_the_kept_birth_date(kabupaten, operator):
    a = kid("Yohanes Tefa", born=dt.date(2026, 2, 20))
    b = kid("Yohanes Teffa", born=dt.date(2026, 1, 25))
    measure(b, FEB)
    with pytest.raises(merge.MergeRefused, match="sebelum tanggal lahir"):
        merge.merge_children(a.pk, b.pk, user=operator)


def test_a_second_run_finds_the_other_child_gone(pair, operator):
    a, b = pair
    merge.merge_children(a.pk, b.pk, user=operator)
    with pytest.raises(merge.ChildGone) as gone:
        merge.merge_children(a.pk, b.pk, user=operator)
    assert gone.value.pk == b.pk
    assert a.measurements.count() == 2


def test_it_refreshes_the_stored_round_counts(kabupaten, operator):
    # Two records of one child measured in August: the round counted two children.
    rnd = MeasurementRound.objects.create(
        region=kabupaten, name="Agustus 2026", start_date=dt.date(2026, 8, 1),
        end_date=dt.date(2026, 8, 31),
    )  # fmt: skip
    a = kid("Muhammad Rizky")
    b = kid("Muhammad Rizki")
    measure(a, dt.date(2026, 8, 3))
    measure(b, AUG)
    measured = prevalence.COLUMNS.index("measured")
    assert prevalence.refresh_round(rnd)[SOE][measured] == 2

    merge.merge_children(a.pk, b.pk, user=operator)

    assert RoundSummary.objects.get(round=rnd).counts[SOE][measured] == 1
