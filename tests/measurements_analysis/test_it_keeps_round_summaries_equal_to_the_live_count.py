"""The stored per-desa round summary (``prevalence.refresh_round``) gives exactly the figures of
the live query (``prevalence._count_live``) after every kind of change: generated measurements
with flagged and missing z-scores, several measurements per child in the round and outside it,
an import written the way the e-PPGBM import writes (``fastwrite``, batch saved as done),
children measured in another desa, edits, moves out of the round, deletions, a changed round,
and writers that bypass the history (``invalidate``)."""

import datetime as dt
import random

import pytest
from django.urls import reverse

from konvergensi.accounts.access import Scope
from konvergensi.measurements import fastwrite
from konvergensi.measurements.models import (
    ImportBatch,
    ImportStatus,
    Measurement,
    MeasurementRound,
    RoundSummary,
)
from konvergensi.measurements.prevalence import (
    Period,
    _count_live,
    count_by,
    invalidate,
    refresh_round,
)

from .conftest import BILOTO, CENDANA, OEBESA, SOE, child, measure

DESA = (SOE, CENDANA, OEBESA, BILOTO)
# Dates around the February round: before, inside (several), after.
DATES = [dt.date(2026, 1, 20), *(dt.date(2026, 2, d) for d in (1, 5, 12, 20, 28)),
         dt.date(2026, 3, 2)]  # fmt: skip


def _z(rng: random.Random) -> float | None:
    return None if rng.random() < 0.1 else round(rng.gauss(-1.2, 1.4), 2)


def _values(rng: random.Random) -> dict:
    return {
        "zlen": _z(rng), "zwei": _z(rng), "zwfl": _z(rng),
        "flen": rng.random() < 0.1, "fwei": rng.random() < 0.1, "fwfl": rng.random() < 0.1,
    }  # fmt: skip


def _generate(rng: random.Random, n_children: int) -> list:
    children = []
    for _ in range(n_children):
        c = child(rng.choice(DESA))
        for on in rng.sample(DATES, rng.randint(0, 3)):
            measure(c, on, **_values(rng))
        children.append(c)
    return children


def _live(rnd: MeasurementRound) -> dict[str, list[int]]:
    return _count_live(Period.of_round(rnd), "desa_code", rnd.region_id)


def _stored(rnd: MeasurementRound) -> dict[str, list[int]]:
    return RoundSummary.objects.get(round=rnd).counts


def _import(rng: random.Random, children: list, user, kabupaten) -> ImportBatch:
    """New measurements written as the import writes them, some in another desa than the
    child's earlier ones (the child moved), then the batch saved as done."""
    batch = ImportBatch.objects.create(
        filename="f.csv", checksum="x", region=kabupaten, user=user, status=ImportStatus.RUNNING
    )
    taken = set(Measurement.objects.values_list("child_id", "measured_on"))
    rows = [(c, on) for c in rng.sample(children, 12) for on in DATES[1:]
            if (c.pk, on) not in taken][:15]  # fmt: skip
    cols: dict[str, list] = {name: [] for name in (
        "child_id", "measured_on", "desa_code", "posyandu_id", "age_days", "weight_kg",
        "lenhei_cm", "measure", "oedema", "measurer", "batch_id", "zlen", "zwei", "zwfl",
        "flen", "fwei", "fwfl", "fbmi", "cat_wfa", "cat_hfa", "cat_wfh", "cat_bfa",
        "engine_version", "clenhei", "zbmi", "zac", "zhc", "muac_cm", "headc_cm",
    )}  # fmt: skip
    for c, on in rows:
        v = _values(rng)
        row = {
            "child_id": c.pk, "measured_on": on, "desa_code": rng.choice(DESA),
            "posyandu_id": None, "age_days": (on - c.birth_date).days, "weight_kg": 9.0,
            "lenhei_cm": 75.0, "measure": "l", "oedema": False, "measurer": "",
            "batch_id": batch.pk, "fbmi": False, "cat_wfa": "", "cat_hfa": "", "cat_wfh": "",
            "cat_bfa": "", "engine_version": "t", "clenhei": None, "zbmi": None, "zac": None,
            "zhc": None, "muac_cm": None, "headc_cm": None, **v,
        }  # fmt: skip
        for name in cols:
            cols[name].append(row[name])
    fastwrite.insert(Measurement, cols, user=user, reason="Impor f.csv")
    batch.status = ImportStatus.DONE
    batch.save()
    return batch


@pytest.mark.parametrize("seed", range(4))
def test_it_keeps_round_summaries_equal_to_the_live_count(
    seed, kabupaten, feb_round, dinkes_operator
):
    rng = random.Random(seed)
    children = _generate(rng, 40)
    assert refresh_round(feb_round) == _live(feb_round)

    # An import refreshes the summary itself, when its batch is saved as done.
    _import(rng, children, dinkes_operator, kabupaten)
    assert _stored(feb_round) == _live(feb_round)

    in_round = list(Measurement.objects.filter(measured_on__month=2).order_by("pk"))
    edited = rng.choice(in_round)
    edited.zlen, edited.flen = -2.5, not edited.flen
    edited.save()  # an edit of the z-score and its flag
    assert refresh_round(feb_round) == _live(feb_round)

    moved = rng.choice([m for m in in_round if m.pk != edited.pk])
    moved.desa_code = next(d for d in DESA if d != moved.desa_code)
    moved.save()  # a measurement corrected to another desa
    assert refresh_round(feb_round) == _live(feb_round)

    later = Measurement.objects.filter(measured_on__month=2).order_by("-measured_on").first()
    later.measured_on = dt.date(2026, 3, 10)
    later.save()  # out of the round: an earlier one of the same child may count again
    assert refresh_round(feb_round) == _live(feb_round)

    rng.choice(list(Measurement.objects.filter(measured_on__month=2))).delete()
    assert refresh_round(feb_round) == _live(feb_round)

    # Everything since the summary at once (several changes between two page views).
    for c in rng.sample(children, 5):
        for on in rng.sample(DATES, 2):
            if not Measurement.objects.filter(child=c, measured_on=on).exists():
                measure(c, on, **_values(rng))
    rng.choice(children).delete()
    assert refresh_round(feb_round) == _live(feb_round)

    feb_round.end_date = dt.date(2026, 2, 15)
    feb_round.save()  # the round's dates changed: recounted whole
    assert refresh_round(feb_round) == _live(feb_round)

    # A writer that bypasses the history, then says so.
    Measurement.objects.filter(measured_on__month=2).update(zlen=-3.5, flen=False)
    invalidate()
    assert refresh_round(feb_round) == _live(feb_round)


def test_it_serves_the_pages_of_a_round_from_the_summary(kabupaten, feb_round):
    """A page of a round reads the summary filtered to its region and scope; a free date range
    with the same dates is counted live and gives the same figures."""
    _generate(random.Random(9), 30)
    rnd_period = Period.of_round(feb_round)
    dates_period = Period.of_dates(feb_round.start_date, feb_round.end_date)
    puskesmas = Scope(prefixes=(), desa_codes=frozenset({SOE, CENDANA}))
    for prefix, scope in (("53.02", None), ("53.02.01", None), ("53.02", puskesmas),
                          (SOE, None), ("53.02.02", Scope(prefixes=("53.02.02",)))):  # fmt: skip
        from_summary = count_by(rnd_period, "desa_code", prefix=prefix, scope=scope)
        live = count_by(dates_period, "desa_code", prefix=prefix, scope=scope)
        assert {k: list(v) for k, v in from_summary.items()} == {
            k: list(v) for k, v in live.items()
        }
    assert RoundSummary.objects.filter(round=feb_round).exists()


def test_a_single_entry_refreshes_the_round_summary(client, kabupaten, feb_round, dinkes_operator):
    measure(child(SOE), dt.date(2026, 2, 3), zlen=-2.5)
    refresh_round(feb_round)
    client.force_login(dinkes_operator)
    response = client.post(reverse("measurements:entry"), {
        "name": "Ani", "sex": "2", "birth_date": "2024-01-05", "mother_name": "Maria",
        "desa": CENDANA, "measured_on": "2026-02-10", "weight_kg": "9,5",
        "lenhei_cm": "70,2", "measure": "l",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = _stored(feb_round)
    assert stored == _live(feb_round)
    assert stored[CENDANA][0] == 1  # the new child, counted without a page view
