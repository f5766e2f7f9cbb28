"""Children registered twice: the probable pairs of a desa, and merging one into the other.

The import matches a row to a stored child by NIK, else by name + birth date + mother's name
within the desa (decision 0004). A name spelt differently in the next round, a mother's name
missing once, or a NIK added later for a child first registered without one makes a second
child: the growth history is split and one child counts as two. ``find_candidates`` lists the
probable pairs per desa; ``merge_children`` keeps one child, moves the other's measurements to
it, fills its empty fields and deletes the other, in one transaction, every row written with
its django-simple-history record naming the user. Rules and thresholds: decision 0007.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from konvergensi.accounts.access import Access

from . import matching, prevalence, services
from .access import can_import_measurements
from .analysis_tables import nik_for
from .models import Child, Measurement, MeasurementRound

logger = logging.getLogger(__name__)

# Same sex and birth date: a pair when the names are this similar (difflib ratio of the
# normalised names, matching.norm_name) or the mothers' names are the same.
SAME_BIRTH_NAME_RATIO = 0.85
# Same sex, birth dates at most this many days apart (a day/month typo, a date guessed from
# the age in months): a pair only when the names are nearly identical.
NEAR_BIRTH_DAYS = 31
NEAR_BIRTH_NAME_RATIO = 0.92

# What a measurement measured: two records of one date with these equal are one measurement.
MEASURED = ("weight_kg", "lenhei_cm", "measure", "oedema", "muac_cm", "headc_cm")
# Fields of the kept child filled from the other one when empty.
FILLED = ("nik", "mother_name", "father_name", "address", "rt", "rw", "posyandu")


def can_merge_children(access: Access, desa_code: str) -> bool:
    """Merging changes a desa's children and shows them side by side: only for the health side
    that enters measurements (``can_import_measurements``) and may both see the personal data
    of the desa and change its data: operators and admins of Dinas Kesehatan, of the puskesmas
    serving the desa. Readers, the province, other OPD, Bappeda (no personal data) never."""
    return (
        can_import_measurements(access)
        and access.can_view_personal_data(desa_code)
        and access.can_edit_region_data(desa_code)
    )


# --- finding the pairs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Two children of one desa that are probably one child (``first`` < ``second`` by id)."""

    desa_code: str
    first: int
    second: int
    days_apart: int
    name_ratio: float
    same_mother: bool

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.days_apart == 0:
            found.append(_("tanggal lahir sama"))
        else:
            found.append(_("tanggal lahir selisih %(n)s hari") % {"n": self.days_apart})
        found.append(_("nama %(p)s%% mirip") % {"p": int(self.name_ratio * 100)})
        if self.same_mother:
            found.append(_("nama ibu sama"))
        return found


@dataclass(frozen=True)
class _Row:
    pk: int
    desa: str
    sex: int
    born: dt.date
    nik: str
    name: str  # normalised
    mother: str  # normalised


def _ratio(a: str, b: str, at_least: float) -> float:
    """difflib's ratio of two names, or 0.0 as soon as its cheap upper bounds fall short."""
    m = difflib.SequenceMatcher(None, a, b)
    if m.real_quick_ratio() < at_least or m.quick_ratio() < at_least:
        return 0.0
    return m.ratio()


def _pair(a: _Row, b: _Row) -> Candidate | None:
    if a.nik and b.nik and a.nik != b.nik:
        return None  # two NIKs are two people (decision 0004)
    days = abs((b.born - a.born).days)
    same_mother = bool(a.mother) and a.mother == b.mother
    if days == 0:
        ratio = _ratio(a.name, b.name, 0.0)
        found = ratio >= SAME_BIRTH_NAME_RATIO or same_mother
    else:
        ratio = _ratio(a.name, b.name, NEAR_BIRTH_NAME_RATIO)
        found = ratio >= NEAR_BIRTH_NAME_RATIO
    if not found:
        return None
    first, second = sorted((a.pk, b.pk))
    return Candidate(a.desa, first, second, days, ratio, same_mother)


def _pairs_in(rows: list[_Row]) -> list[Candidate]:
    """Pairs among the children of one desa and sex, sorted by birth date: each child is
    compared only with those born up to ``NEAR_BIRTH_DAYS`` after it (a sliding window), so a
    desa of 500 children costs a few thousand comparisons, not 125,000."""
    found = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if (b.born - a.born).days > NEAR_BIRTH_DAYS:
                break
            pair = _pair(a, b)
            if pair is not None:
                found.append(pair)
    return found


def find_candidates(desa_codes: Iterable[str]) -> dict[str, list[Candidate]]:
    """Probable pairs per desa (only desa that have one), strongest first: same birth date,
    then by name similarity. Children are compared only within their desa and sex."""
    codes = sorted(set(desa_codes))
    found: dict[str, list[Candidate]] = {}
    for start in range(0, len(codes), 500):  # SQLite allows 999 parameters a statement
        group: list[_Row] = []
        qs = Child.objects.filter(desa_id__in=codes[start : start + 500]).order_by(
            "desa_id", "sex", "birth_date", "id"
        )
        for pk, desa, sex, born, nik, name, mother in qs.values_list(
            "id", "desa_id", "sex", "birth_date", "nik", "name", "mother_name"
        ):
            row = _Row(pk, desa, sex, born, nik.strip(), matching.norm_name(name),
                       matching.norm_name(mother))  # fmt: skip
            if group and (group[0].desa, group[0].sex) != (desa, sex):
                _collect(found, _pairs_in(group))
                group = []
            group.append(row)
        _collect(found, _pairs_in(group))
    for pairs in found.values():
        pairs.sort(key=lambda c: (c.days_apart != 0, -c.name_ratio, c.first, c.second))
    return found


def _collect(found: dict[str, list[Candidate]], pairs: list[Candidate]) -> None:
    for pair in pairs:
        found.setdefault(pair.desa_code, []).append(pair)


# --- what the pages show --------------------------------------------------------------------------


@dataclass
class Side:
    """One child as the merge pages show it, NIK masked as on the child list."""

    child: Child
    nik: str
    dates: list[dt.date]


@dataclass
class PairView:
    keep: Side
    other: Side
    candidate: Candidate | None = None


def sides(children: Iterable[Child], access: Access) -> dict[int, Side]:
    """The children with their masked NIK and measurement dates (one query for the dates)."""
    by_pk = {c.pk: c for c in children}
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for child_id, day in (
        Measurement.objects.filter(child_id__in=list(by_pk))
        .order_by("child_id", "measured_on")
        .values_list("child_id", "measured_on")
    ):
        dates[child_id].append(day)
    return {pk: Side(c, nik_for(c, access), dates[pk]) for pk, c in by_pk.items()}


def _suggested_keep(a: Side, b: Side) -> tuple[Side, Side]:
    """The child to keep first: the one with a NIK, then with more measurements, then the
    one registered first. The user may swap them on the confirmation page."""

    def rank(s: Side) -> tuple[bool, int, int]:
        return (not s.child.nik, -len(s.dates), s.child.pk)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def candidate_pairs(desa_code: str, access: Access) -> list[PairView]:
    """The probable pairs of one desa as the candidates page shows them."""
    pairs = find_candidates([desa_code]).get(desa_code, [])
    ids = {pk for c in pairs for pk in (c.first, c.second)}
    children = Child.objects.filter(pk__in=ids).select_related("desa", "posyandu")
    shown = sides(children, access)
    views = []
    for c in pairs:
        keep, other = _suggested_keep(shown[c.first], shown[c.second])
        views.append(PairView(keep, other, c))
    return views


def pairs_with(child: Child, access: Access) -> tuple[list[PairView], list[Child]]:
    """For the "merge with another child" page: the probable pairs of ``child`` (it kept),
    and every other child of its desa of the same sex to choose from, by name."""
    pairs = [
        c for c in find_candidates([child.desa_id]).get(child.desa_id, [])
        if child.pk in (c.first, c.second)
    ]  # fmt: skip
    others = list(
        Child.objects.filter(desa_id=child.desa_id, sex=child.sex)
        .exclude(pk=child.pk)
        .select_related("desa", "posyandu")
        .order_by("name", "birth_date", "id")
    )
    partner = {c.second if c.first == child.pk else c.first: c for c in pairs}
    shown = sides([child, *(o for o in others if o.pk in partner)], access)
    views = [PairView(shown[child.pk], shown[pk], c) for pk, c in partner.items()]
    return views, others


# --- merging ------------------------------------------------------------------------------------


class MergeRefused(ValueError):
    """The two children cannot be merged; ``messages`` say why, in Indonesian."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


class ChildGone(LookupError):
    """One of the two children no longer exists (e.g. the same merge sent twice)."""

    def __init__(self, pk: int) -> None:
        super().__init__(pk)
        self.pk = pk


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    return a == b


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _differences(a: Measurement, b: Measurement) -> list[str]:
    return [
        f"{Measurement._meta.get_field(name).verbose_name} "
        f"{_shown(getattr(a, name))} / {_shown(getattr(b, name))}"
        for name in MEASURED
        if not _same_value(getattr(a, name), getattr(b, name))
    ]


@dataclass
class MergePlan:
    """What merging ``drop`` into ``keep`` would do, or why it cannot."""

    keep: Child
    drop: Child
    moved: list[Measurement] = field(default_factory=list)
    # (the kept child's measurement, the other's of the same date and values: deleted)
    duplicates: list[tuple[Measurement, Measurement]] = field(default_factory=list)
    filled: dict[str, Any] = field(default_factory=dict)  # field → value taken from ``drop``
    refusals: list[str] = field(default_factory=list)

    @property
    def new_birth_date(self) -> bool:
        """The moved measurements get their age (and z-scores) from the kept birth date."""
        return self.keep.birth_date != self.drop.birth_date and bool(self.moved)

    @property
    def filled_labels(self) -> list[str]:
        return [str(Child._meta.get_field(name).verbose_name) for name in self.filled]


def plan_merge(keep: Child, drop: Child) -> MergePlan:
    plan = MergePlan(keep, drop)
    if keep.pk == drop.pk:
        plan.refusals.append(_("Pilih dua anak yang berbeda."))
        return plan
    if keep.sex != drop.sex:
        plan.refusals.append(
            _("Jenis kelamin kedua anak berbeda: periksa data keduanya sebelum menggabungkan.")
        )
    if keep.nik and drop.nik and keep.nik != drop.nik:
        plan.refusals.append(
            _("NIK kedua anak berbeda: dua NIK adalah dua orang. Perbaiki NIK yang salah dulu.")
        )
    kept = {m.measured_on: m for m in keep.measurements.all()}
    for m in drop.measurements.order_by("measured_on"):
        mine = kept.get(m.measured_on)
        if mine is None:
            plan.moved.append(m)
        elif differences := _differences(mine, m):
            plan.refusals.append(
                _(
                    "Kedua anak diukur pada %(date)s dengan nilai berbeda (%(diff)s): "
                    "perbaiki pengukuran yang salah dulu."
                )
                % {"date": date_format(m.measured_on, "j F Y"), "diff": "; ".join(differences)}
            )
        else:
            plan.duplicates.append((mine, m))
    early = [m.measured_on for m in plan.moved if m.measured_on < keep.birth_date]
    if early:
        plan.refusals.append(
            _(
                "Anak yang dihapus diukur pada %(date)s, sebelum tanggal lahir anak yang "
                "dipertahankan (%(born)s): pertahankan anak yang lain, atau perbaiki tanggal "
                "lahirnya dulu."
            )
            % {
                "date": date_format(early[0], "j F Y"),
                "born": date_format(keep.birth_date, "j F Y"),
            }
        )
    for name in FILLED:
        attname = Child._meta.get_field(name).attname
        if not getattr(keep, attname) and getattr(drop, attname):
            plan.filled[name] = getattr(drop, name)
    return plan


@dataclass
class MergeResult:
    keep: Child
    dropped_pk: int
    moved: int
    duplicates: int
    filled: list[str]


def merge_children(keep_pk: int, drop_pk: int, *, user) -> MergeResult:
    """Merge child ``drop_pk`` into ``keep_pk`` in one transaction: move its measurements
    (recomputing age and z-scores from the kept birth date when they differ), delete its
    measurements that repeat one of the kept child's (same date and values), fill the kept
    child's empty fields, delete it. Every write has its history record with ``user`` and the
    reason "Gabung anak …". Raises ``MergeRefused`` (nothing written) or ``ChildGone``.
    The stored round summaries of the rounds touched are refreshed afterwards."""
    with transaction.atomic():
        pair = Child.objects.select_for_update().in_bulk([keep_pk, drop_pk])
        for pk in (keep_pk, drop_pk):
            if pk not in pair:
                raise ChildGone(pk)
        plan = plan_merge(pair[keep_pk], pair[drop_pk])
        if plan.refusals:
            raise MergeRefused(plan.refusals)
        dates = [m.measured_on for m in plan.moved] + [m.measured_on for _, m in plan.duplicates]
        _apply(plan, user)
    if dates:
        kabupaten = {plan.keep.desa_id[:5], plan.drop.desa_id[:5]}
        _refresh_rounds(kabupaten, min(dates), max(dates))
    return MergeResult(
        keep=plan.keep,
        dropped_pk=drop_pk,
        moved=len(plan.moved),
        duplicates=len(plan.duplicates),
        filled=plan.filled_labels,
    )


def _apply(plan: MergePlan, user) -> None:
    keep, drop = plan.keep, plan.drop
    reason = f"Gabung anak #{drop.pk} ke #{keep.pk}"

    def audited(obj: Model) -> Model:
        # django-simple-history reads these per instance (save and delete alike)
        obj._history_user = user  # type: ignore[attr-defined]
        obj._change_reason = reason  # type: ignore[attr-defined]
        return obj

    for mine, theirs in plan.duplicates:
        # A second measurer's re-measurement of that day stays with the day's measurement.
        for rem in theirs.remeasurements.all():
            rem.measurement = mine
            audited(rem).save()
        audited(theirs).delete()
    if plan.new_birth_date:
        _recompute(plan.moved, keep)
    for m in plan.moved:
        m.child = keep
        audited(m).save()
    for name, value in plan.filled.items():
        setattr(keep, name, value)
    keep.match_key = matching.match_key(keep.name, keep.birth_date, keep.mother_name)
    audited(keep).save()
    audited(drop).delete()


def _recompute(moved: list[Measurement], keep: Child) -> None:
    """Age in days from the kept child's birth date, and the growth engine's results anew
    (through the import's own recomputation, so both write the same fields the same way)."""
    for m in moved:
        m.age_days = (m.measured_on - keep.birth_date).days
    services.recompute_measurements(moved, sex=np.full(len(moved), keep.sex))


def _refresh_rounds(kabupaten: set[str], first: dt.date, last: dt.date) -> None:
    """Bring the stored counts of the rounds the merge touched up to date (the number of
    children measured may change), as an import does when it finishes (decision 0006)."""
    rounds = MeasurementRound.objects.filter(
        region_id__in=sorted(kabupaten), start_date__lte=last, end_date__gte=first
    )
    for rnd in rounds:
        try:
            if connection.in_atomic_block:  # a savepoint keeps the caller's transaction usable
                with transaction.atomic():
                    prevalence.refresh_round(rnd)
            else:
                prevalence.refresh_round(rnd)
        except DatabaseError:
            logger.exception("refreshing the summary of round %s failed", rnd.pk)
