"""Prevalence of stunting, wasting, underweight and overweight per unit (Aksi 7 Tahap Keempat).

For a period (a ``MeasurementRound`` or any date range) and a level (posyandu, desa, kecamatan,
puskesmas, kabupaten) inside a region and the user's scope, every unit gets for each indicator
the children measured with a valid, unflagged z-score (n), the cases, the prevalence with its
95% Wilson interval (``analytics.prevalence``) and the flagged values that were excluded
(DESIGN §4). Each child counts once per period: its last measurement in the period.

The counting is one SQL query grouped by ``desa_code`` (or ``posyandu_id``): conditional counts
over the last measurement of each child. For a measurement round the per-desa result is stored
(``RoundSummary``) and only the desa touched since are recounted, by the import that touched
them or else by the next page (``refresh_round``): a kabupaten page of a round reads ~300
stored rows, also right after an import. Free date ranges are counted live (cached by data
version). Desa rows are then rolled up by code prefix (``analytics.aggregate_by_prefix``) and
puskesmas by the desa they serve.

Measurement coverage = children measured ÷ sasaran balita of the period's year (``Sasaran``:
entered, or estimated; the source is stated). Units without sasaran show "tidak ada".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import growth
from analytics.prevalence import INDICATORS as CUTOFFS
from analytics.prevalence import aggregate_by_prefix, wilson_interval
from konvergensi.accounts.access import Scope
from konvergensi.regions.models import Level, Posyandu, Puskesmas, Region, within

from .models import (
    ImportBatch,
    Measurement,
    MeasurementRound,
    RoundSummary,
    Sasaran,
    TargetSource,
)

logger = logging.getLogger(__name__)

LEVELS = ("kabupaten", "kecamatan", "puskesmas", "desa", "posyandu")
# The level shown one step down in the drill-down (provinsi → kabupaten → kecamatan → desa →
# posyandu). The province's page compares its kab/kota (Pedoman Aksi 8: the province assesses
# them); rounds are a kabupaten's, so a province picks a date range (default: this year).
CHILD_LEVEL = {
    "provinsi": "kabupaten",
    "kabupaten": "kecamatan",
    "kecamatan": "desa",
    "desa": "posyandu",
}
# Lazy: translated where shown (page, exports) in the request's language.
LEVEL_LABELS = {
    "kabupaten": gettext_lazy("Kabupaten/Kota"),
    "kecamatan": gettext_lazy("Kecamatan"),
    "puskesmas": gettext_lazy("Puskesmas"),
    "desa": gettext_lazy("Desa/Kelurahan"),
    "posyandu": gettext_lazy("Posyandu"),
}

# analytics names the z-scores haz/waz/whz; the stored fields (with their flag) are these.
_Z_FIELD = {"haz": ("zlen", "flen"), "waz": ("zwei", "fwei"), "whz": ("zwfl", "fwfl")}
INDICATOR_LABELS = {
    "stunting": gettext_lazy("Stunting (pendek + sangat pendek)"),
    "severe_stunting": gettext_lazy("Sangat pendek"),
    "wasting": gettext_lazy("Wasting (gizi kurang + gizi buruk)"),
    "underweight": gettext_lazy("Berat badan kurang"),
    "overweight": gettext_lazy("Gizi lebih"),
}
INDICATOR_SHORT = {
    "stunting": "TB/U < −2 SD",
    "severe_stunting": "TB/U < −3 SD",
    "wasting": "BB/TB < −2 SD",
    "underweight": "BB/U < −2 SD",
    "overweight": "BB/TB > +2 SD",
}
INDICATOR_NAMES = tuple(INDICATOR_LABELS)
_Z_LABEL = {"zlen": "TB/U", "zwei": "BB/U", "zwfl": "BB/TB"}

# Columns of the per-unit count matrix, in order.
COLUMNS: tuple[str, ...] = (
    "measured",
    *(f"n_{z}" for z in ("zlen", "zwei", "zwfl")),
    *(f"flag_{z}" for z in ("zlen", "zwei", "zwfl")),
    *(f"cases_{name}" for name in INDICATOR_NAMES),
)
_COL = {name: i for i, name in enumerate(COLUMNS)}


# --- the period -------------------------------------------------------------------------------


def _month_short(d: dt.date) -> str:
    return str(MONTHS_3[d.month]).capitalize()


def date_range_text(start: dt.date, end: dt.date) -> str:
    """ "1–28 Feb 2026", "15 Jan – 10 Mar 2026", "1 Des 2025 – 31 Jan 2026"."""
    if start.year != end.year:
        return (
            f"{start.day} {_month_short(start)} {start.year} – "
            f"{end.day} {_month_short(end)} {end.year}"
        )
    if start.month != end.month:
        return f"{start.day} {_month_short(start)} – {end.day} {_month_short(end)} {end.year}"
    if start.day == end.day:
        return f"{start.day} {_month_short(start)} {start.year}"
    return f"{start.day}–{end.day} {_month_short(end)} {end.year}"


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date
    round_id: int | None = None

    @classmethod
    def of_round(cls, rnd: MeasurementRound) -> Period:
        return cls(rnd.name, rnd.start_date, rnd.end_date, rnd.pk)

    @classmethod
    def of_dates(cls, start: dt.date, end: dt.date) -> Period:
        if end < start:
            raise ValueError(_("Tanggal akhir periode sebelum tanggal awal."))
        whole_month = (
            start.day == 1
            and start.year == end.year
            and start.month == end.month
            and (end + dt.timedelta(days=1)).month != end.month
        )
        label = (
            f"{MONTHS[start.month]} {start.year}" if whole_month else date_range_text(start, end)
        )
        return cls(str(label), start, end)

    @property
    def words(self) -> str:
        """ "Februari 2026 (1–28 Feb 2026)"."""
        dates = date_range_text(self.start, self.end)
        return self.label if self.label == dates else f"{self.label} ({dates})"

    @property
    def sasaran_year(self) -> int:
        return self.end.year

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "round_id": self.round_id,
        }


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One indicator in one unit: ``cases`` of ``n`` valid z-scores, ``flagged`` excluded."""

    indicator: str
    cases: int
    n: int
    flagged: int
    prevalence: float  # fraction; NaN when n = 0 ("tidak ada data", never 0%)
    lower: float
    upper: float

    @property
    def has_data(self) -> bool:
        return self.n > 0

    @property
    def percent(self) -> float:
        return self.prevalence * 100.0

    @property
    def lower_percent(self) -> float:
        return self.lower * 100.0

    @property
    def upper_percent(self) -> float:
        return self.upper * 100.0

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "n": self.n,
            "prevalence": _num(self.prevalence),
            "lower": _num(self.lower),
            "upper": _num(self.upper),
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    level: str
    measured: int  # children with a measurement in the period (their last one)
    figures: dict[str, Figure]
    sasaran: int | None  # None: no sasaran for any desa of the unit
    sasaran_source: str  # "dimasukkan" / "perkiraan" / "sebagian perkiraan" / "tidak ada" ...
    coverage: float  # percent; NaN without sasaran
    coverage_measured: int = 0  # children measured in the desa that have a sasaran

    @property
    def has_data(self) -> bool:
        return self.measured > 0

    @property
    def stunting(self) -> Figure:
        return self.figures["stunting"]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "measured": self.measured,
            **{name: fig.to_json() for name, fig in self.figures.items()},
            "sasaran": self.sasaran,
            "sasaran_source": self.sasaran_source,
            "coverage": _num(self.coverage),
        }


@dataclass(frozen=True)
class PrevalenceTable:
    period: Period
    level: str
    within: str  # region code the units sit in
    within_name: str
    denominator: str
    notes: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row
    indicators: tuple[str, ...] = INDICATOR_NAMES
    labels: dict[str, str] = field(default_factory=lambda: dict(INDICATOR_LABELS))

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period.to_json(),
            "level": self.level,
            "within": self.within,
            "denominator": self.denominator,
            "notes": list(self.notes),
            "rows": [row.to_json() for row in self.rows],
            "total": self.total.to_json(),
        }


def _num(x: float) -> float | None:
    return None if x is None or math.isnan(x) else round(float(x), 6)


# --- counting ---------------------------------------------------------------------------------


def last_measurements(period: Period, scope: Scope | None = None):
    """Each child's last measurement in the period (a queryset), within the scope."""
    # measured_on >= start is implied by "later than a measurement in the period"; stated, it
    # lets PostgreSQL read only the period for the anti-join instead of every earlier year.
    later = Measurement.objects.filter(
        child_id=OuterRef("child_id"),
        measured_on__gt=OuterRef("measured_on"),
        measured_on__gte=period.start,
        measured_on__lte=period.end,
    )
    qs = Measurement.objects.filter(measured_on__gte=period.start, measured_on__lte=period.end)
    if scope is not None:
        qs = qs.filter(scope.q("desa_code"))
    return qs.filter(~Exists(later))


def _count_expressions() -> dict[str, Count]:
    exprs: dict[str, Count] = {"measured": Count("id")}
    for z, f in _Z_FIELD.values():
        valid = Q(**{f"{z}__isnull": False, f: False})
        exprs[f"n_{z}"] = Count("id", filter=valid)
        exprs[f"flag_{z}"] = Count("id", filter=Q(**{f: True}))
    for name, (zname, op, cut) in CUTOFFS.items():
        z, f = _Z_FIELD[zname]
        lookup = "lt" if op == "<" else "gt"
        exprs[f"cases_{name}"] = Count(
            "id", filter=Q(**{f"{z}__isnull": False, f: False, f"{z}__{lookup}": cut})
        )
    return exprs


def in_prefix(prefix: str, field: str = "desa_code") -> Q:
    """Codes equal to ``prefix`` or below it, as a range (index-friendly on every backend,
    unlike LIKE): "53.02." <= code < "53.02/" ('/' follows '.' in ASCII)."""
    return Q(**{field: prefix}) | Q(**{f"{field}__gte": prefix + ".", f"{field}__lt": prefix + "/"})


def count_by(
    period: Period, key: str, *, prefix: str, scope: Scope | None = None, **filters: Any
) -> dict[Any, np.ndarray]:
    """Count matrix rows (``COLUMNS``) per value of ``key`` (desa_code or posyandu_id) for the
    last measurement per child in the period, among desa whose code starts with ``prefix``.

    Per desa in a measurement round: from the round's stored summary (``round_counts``),
    brought up to date first. Otherwise one aggregate query, cached (see ``data_version``):
    a dictionary read until the data change."""
    if key == "desa_code" and not filters and period.round_id is not None:
        stored = round_counts(period, prefix)
        if stored is not None:
            return {
                code: counts
                for code, counts in stored.items()
                if within(code, prefix) and (scope is None or scope.contains(code))
            }
    scope_key = "all" if scope is None else f"{scope.prefixes}|{sorted(scope.desa_codes or [])}"
    raw = f"{key}|{prefix}|{period.start}|{period.end}|{scope_key}|{sorted(filters.items())}"
    cache_key = "prev:" + hashlib.sha1(f"{raw}|{data_version()}".encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is not None:
        return {k: np.array(v, dtype=np.int64) for k, v in cached.items()}
    result = _count_live(period, key, prefix, scope, **filters)
    cache.set(cache_key, result, CACHE_SECONDS)
    return {k: np.array(v, dtype=np.int64) for k, v in result.items()}


def _count_live(
    period: Period, key: str, prefix: str, scope: Scope | None = None, **filters: Any
) -> dict[Any, list[int]]:
    qs = last_measurements(period, scope).filter(**filters)
    if prefix:
        qs = qs.filter(in_prefix(prefix))
    rows = qs.order_by().values(key).annotate(**_count_expressions())
    return {r[key]: [r[c] for c in COLUMNS] for r in rows}


# The counts are cached under a key that changes with the data: the highest measurement id
# and the highest audit-history id (any save, delete, import or recompute through the
# history helpers adds one; both are index look-ups), and a counter that ``invalidate``
# bumps for writers that bypass the history (raw SQL, QuerySet.update/delete). The timeout
# bounds staleness from anything else.
CACHE_SECONDS = 600
_VERSION_KEY = "prev:version"


def data_version() -> str:
    top = Measurement.objects.aggregate(top=Max("id"))["top"]
    hist = apps.get_model("measurements", "HistoricalMeasurement").objects.aggregate(
        top=Max("history_id")
    )["top"]
    return f"{top}:{hist}:{cache.get(_VERSION_KEY, 0)}"


def invalidate() -> None:
    """Call after writing measurements without the history helpers (raw SQL, bulk_update):
    drops the cached counts and the stored round summaries (rebuilt on their next read)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)
    RoundSummary.objects.all().delete()


# --- stored round summaries ---------------------------------------------------------------------
#
# A round's per-desa counts are stored (``RoundSummary``) with the highest measurement id and
# audit-history id they include. Reading them first recounts only the desa whose counts may
# have changed since: the desa of every recorded state (history) of each measurement written,
# changed or deleted since, and the desa of the other measurements in the round of the same
# children (a child's last measurement may have moved to another desa). The recount is the live
# query restricted to those desa, so the figures are the live query's figures. An import
# refreshes the rounds it wrote into when it finishes (``refresh_after_import``), so the first
# page after it reads ~300 stored rows instead of aggregating the whole round. Writers that
# bypass the history call ``invalidate``; free date ranges are always counted live.

# More changed rows than this: recount the whole round (cheaper than tracing each one).
FULL_RECOUNT_ROWS = 20_000
_COLUMNS_KEY = ",".join(COLUMNS)


def _history_model() -> Any:
    return apps.get_model("measurements", "HistoricalMeasurement")


def _tops() -> tuple[int, int, bool]:
    """(highest measurement id, highest history id, whether every lower id is committed).

    On SQLite writers are serialised, so ids become visible in order. On PostgreSQL a
    transaction still writing may commit ids below the highest visible one later: the highest
    ids are read under a share lock tried without waiting, which no writer can hold at the same
    time; when a writer holds its lock (or the caller is inside a transaction), the ids are
    read anyway but not certain."""
    history = _history_model()

    def read() -> tuple[int, int]:
        top = Measurement.objects.aggregate(top=Max("id"))["top"] or 0
        return top, history.objects.aggregate(top=Max("history_id"))["top"] or 0

    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            # Locked here, the tables would stay locked until the caller's transaction ends.
            return (*read(), False)
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table) for m in (Measurement, history)
        )
        try:
            with transaction.atomic():
                with connection.cursor() as cur:
                    cur.execute(f"LOCK TABLE {tables} IN SHARE MODE NOWAIT")
                return (*read(), True)
        except DatabaseError:
            return (*read(), False)
    return (*read(), True)


def _changed_desa(period: Period, summary: RoundSummary, top: int, hist: int) -> set[str] | None:
    """Desa whose counts in the period may differ from the summary's; None: recount all."""
    history = _history_model()
    changed = history.objects.filter(history_id__gt=summary.history_top, history_id__lte=hist)
    new = Measurement.objects.filter(id__gt=summary.measurement_top, id__lte=top)
    if hist < summary.history_top or changed.count() + new.count() > FULL_RECOUNT_ROWS:
        return None
    in_period = Q(measured_on__gte=period.start, measured_on__lte=period.end)
    states = history.objects.filter(id__in=changed.values("id"))
    desa = set(states.filter(in_period).values_list("desa_code", flat=True))
    desa |= set(new.filter(in_period).values_list("desa_code", flat=True))
    for children in (states.values("child_id"), new.values("child_id")):
        others = Measurement.objects.filter(in_period, child_id__in=children)
        desa |= set(others.values_list("desa_code", flat=True).distinct())
    return desa


def _count_desa(period: Period, prefix: str, desa: set[str] | None) -> dict[str, list[int]]:
    if desa is None:
        return _count_live(period, "desa_code", prefix)
    counts: dict[str, list[int]] = {}
    codes = sorted(desa)
    for i in range(0, len(codes), 500):
        counts.update(_count_live(period, "desa_code", prefix, desa_code__in=codes[i : i + 500]))
    return counts


def refresh_round(rnd: MeasurementRound) -> dict[str, list[int]]:
    """The round's per-desa counts (desa of the round's kabupaten), stored summary brought up
    to date: unchanged, recounted for the desa touched since, or recounted whole."""
    summary = RoundSummary.objects.filter(round=rnd).first()
    if summary is not None and (summary.start_date, summary.end_date, summary.columns) != (
        rnd.start_date,
        rnd.end_date,
        _COLUMNS_KEY,
    ):
        summary = None  # the round's dates (or the columns) changed: recount it whole
    top, hist, certain = _tops()
    seen = None if summary is None else (summary.measurement_top, summary.history_top)
    if summary is not None and certain and seen == (top, hist):
        return summary.counts
    period = Period.of_round(rnd)
    touched = None if summary is None else _changed_desa(period, summary, top, hist)
    if summary is None or touched is None:
        counts = _count_desa(period, rnd.region_id, None)
    else:
        counts = {c: v for c, v in summary.counts.items() if c not in touched}
        counts.update(_count_desa(period, rnd.region_id, touched))
    if not certain:
        # Ids below the tops may still be committed: keep the old tops, so that the next read
        # looks again at everything since them (recounting is idempotent).
        top, hist = seen or (-1, -1)
    values = {
        "start_date": rnd.start_date,
        "end_date": rnd.end_date,
        "columns": _COLUMNS_KEY,
        "measurement_top": top,
        "history_top": hist,
        "counts": counts,
    }
    try:
        with transaction.atomic():
            RoundSummary.objects.update_or_create(round=rnd, defaults=values)
    except IntegrityError:
        pass  # another process stored the summary at the same moment; ours is used this once
    return counts


def round_counts(period: Period, prefix: str) -> dict[str, np.ndarray] | None:
    """Per-desa counts of the period's round from its summary; None when the period is not
    (or no longer) exactly the round's, or ``prefix`` lies outside the round's kabupaten."""
    rnd = MeasurementRound.objects.filter(pk=period.round_id).first()
    if rnd is None or (rnd.start_date, rnd.end_date) != (period.start, period.end):
        return None
    if not within(prefix, rnd.region_id):
        return None
    return {code: np.array(v, dtype=np.int64) for code, v in refresh_round(rnd).items()}


def refresh_after_import(batch: ImportBatch) -> None:
    """Bring the summaries of the rounds a finished import wrote into up to date (called when
    the batch is saved as done). A failure here only leaves the work to the next page view."""
    dates = Measurement.objects.filter(batch=batch).aggregate(
        lo=Min("measured_on"), hi=Max("measured_on")
    )
    if dates["lo"] is None:
        return
    code = batch.region_id  # the kabupaten's rounds; a province's import: all its kabupaten's
    where = Q(region_id=code[:5]) if len(code) >= 5 else Q(region_id__startswith=code + ".")
    rounds = MeasurementRound.objects.filter(
        where, start_date__lte=dates["hi"], end_date__gte=dates["lo"]
    )
    for rnd in rounds:
        try:
            if connection.in_atomic_block:  # a savepoint keeps the caller's transaction usable
                with transaction.atomic():
                    refresh_round(rnd)
            else:  # (not wrapped: on PostgreSQL the tops are then read under a lock, see _tops)
                refresh_round(rnd)
        except DatabaseError:
            logger.exception("refreshing the summary of round %s failed", rnd.pk)


# --- sasaran ----------------------------------------------------------------------------------


def sasaran_by_desa(desa_codes: Iterable[str], year: int) -> dict[str, tuple[int, str]]:
    rows = Sasaran.objects.filter(year=year, desa_id__in=list(desa_codes)).values_list(
        "desa_id", "count", "source"
    )
    return {code: (count, source) for code, count, source in rows}


def _source_text(sources: set[str], missing: bool) -> str:
    if not sources:
        return _("tidak ada")
    if sources == {TargetSource.ENTERED}:
        text = _("dimasukkan")
    elif sources == {TargetSource.ESTIMATED}:
        text = _("perkiraan")
    else:
        text = _("sebagian perkiraan")
    return text + (_(", sebagian desa tanpa sasaran") if missing else "")


# --- building rows ----------------------------------------------------------------------------


def _figures_many(matrix: np.ndarray) -> list[dict[str, Figure]]:
    """Figures for every row of a (units × COLUMNS) count matrix: one vectorised Wilson
    interval per indicator over all units."""
    out: list[dict[str, Figure]] = [{} for _ in range(matrix.shape[0])]
    if matrix.shape[0] == 0:
        return out
    for name, (zname, _op, _cut) in CUTOFFS.items():
        z, _f = _Z_FIELD[zname]
        cases, n = matrix[:, _COL[f"cases_{name}"]], matrix[:, _COL[f"n_{z}"]]
        flagged = matrix[:, _COL[f"flag_{z}"]]
        lower, upper = wilson_interval(cases, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(n > 0, cases / np.maximum(n, 1), np.nan)
        for i in range(matrix.shape[0]):
            out[i][name] = Figure(
                name, int(cases[i]), int(n[i]), int(flagged[i]), float(value[i]),
                float(lower[i]), float(upper[i]),
            )  # fmt: skip
    return out


def _figures(counts: np.ndarray) -> dict[str, Figure]:
    return _figures_many(counts.reshape(1, -1))[0]


def _row(
    code: str,
    name: str,
    level: str,
    counts: np.ndarray,
    desa: Sequence[str] | None,
    desa_counts: dict[str, np.ndarray],
    sasaran: dict[str, tuple[int, str]],
    figures: dict[str, Figure] | None = None,
) -> Row:
    """A unit's row; ``desa`` are the desa whose sasaran it sums (None: no sasaran level)."""
    measured = int(counts[_COL["measured"]])
    total, sources, missing, covered = 0, set(), False, 0
    for d in desa or ():
        if d in sasaran:
            total += sasaran[d][0]
            sources.add(sasaran[d][1])
            if d in desa_counts:
                covered += int(desa_counts[d][_COL["measured"]])
        else:
            missing = True
    has = bool(sources)
    coverage = covered * 100.0 / total if has and total > 0 else math.nan
    return Row(
        code,
        name,
        level,
        measured,
        figures if figures is not None else _figures(counts),
        total if has else None,
        _source_text(sources, missing),
        coverage,
        covered,
    )


_ZERO = np.zeros(len(COLUMNS), dtype=np.int64)


def _sum(arrays: Iterable[np.ndarray]) -> np.ndarray:
    total = _ZERO.copy()
    for a in arrays:
        total += a
    return total


def denominator_text(period: Period) -> tuple[str, tuple[str, ...]]:
    main = _(
        "Prevalensi = balita pendek dan sangat pendek ÷ balita diukur dengan nilai TB/U valid; "
        "periode %(period)s; satu pengukuran terakhir per anak"
    ) % {"period": period.words}
    notes = (
        _(
            "Wasting dan gizi lebih dihitung dari balita dengan nilai BB/TB valid, berat badan "
            "kurang dari nilai BB/U valid."
        ),
        _(
            "Nilai yang ditandai tidak masuk akal (flag WHO) dikeluarkan dari pembilang dan "
            "penyebut; jumlahnya ditampilkan."
        ),
        _(
            "Cakupan pengukuran = balita diukur ÷ sasaran balita tahun %(year)s (desa dengan "
            "sasaran)."
        )
        % {"year": period.sasaran_year},
    )
    return main, notes


def visible_desa(within: Region, scope: Scope | None) -> list[tuple[str, str]]:
    """(code, name) of the desa inside ``within`` (or ``within`` itself) visible in scope."""
    if within.level == Level.DESA:
        qs = Region.objects.filter(code=within.code)
    else:
        qs = Region.objects.filter(level=Level.DESA, code__startswith=within.code + ".")
    if scope is not None:
        qs = qs.filter(scope.q("code"))
    return list(qs.order_by("code").values_list("code", "name"))


def _units(
    level: str, within: Region, desa: list[tuple[str, str]]
) -> list[tuple[str, str, list[str]]]:
    """(code, name, desa codes) of the units at ``level`` made of the given desa."""
    desa_codes = [c for c, _n in desa]
    if level == "desa":
        return [(c, n, [c]) for c, n in desa]
    if level in ("kecamatan", "kabupaten"):
        length = 8 if level == "kecamatan" else 5
        grouped: dict[str, list[str]] = {}
        for c in desa_codes:
            grouped.setdefault(c[:length], []).append(c)
        if level == "kabupaten" and not grouped and within.level == Level.KABUPATEN:
            grouped[within.code] = []
        names = dict(Region.objects.filter(code__in=list(grouped)).values_list("code", "name"))
        return [(k, names.get(k, k), v) for k, v in sorted(grouped.items())]
    if level == "puskesmas":
        served: dict[int, list[str]] = {}
        through = Puskesmas.desa.through.objects.filter(region_id__in=desa_codes)
        for pk, code in through.values_list("puskesmas_id", "region_id"):
            served.setdefault(pk, []).append(code)
        qs = Puskesmas.objects.filter(pk__in=list(served)).order_by("kecamatan_id", "name")
        return [(str(p.pk), f"Puskesmas {p.name}", sorted(served[p.pk])) for p in qs]
    raise ValueError(f"level must be one of {LEVELS}, got {level!r}")


def prevalence_table(
    period: Period, level: str, within: Region, *, scope: Scope | None = None
) -> PrevalenceTable:
    """Rows for the units at ``level`` inside ``within`` (and the scope), with a total row.

    ``scope`` None means everything (the CLI); a puskesmas user's scope holds exactly its desa,
    so every aggregate above is built from those desa only. Units without measurements are
    listed with n = 0 ("tidak ada data")."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    if level == "posyandu":
        return _posyandu_table(period, within, scope)
    desa = visible_desa(within, scope)
    units = _units(level, within, desa)
    desa_codes = [c for c, _n in desa]
    desa_counts = count_by(period, "desa_code", prefix=within.code, scope=scope)
    sasaran = sasaran_by_desa(desa_codes, period.sasaran_year)
    rolled: dict[str, tuple[int, ...]] = {}
    if level in ("kecamatan", "kabupaten") and desa_counts:
        codes = sorted(c for c in desa_counts if len(c) == 13)
        if codes:
            matrix = np.vstack([desa_counts[c] for c in codes])
            rolled = aggregate_by_prefix(codes, *matrix.T, level=level)
    unit_counts = []
    for code, _name, members in units:
        if level in ("kecamatan", "kabupaten"):
            unit_counts.append(np.array(rolled.get(code, _ZERO), dtype=np.int64))
        else:
            unit_counts.append(_sum(desa_counts[d] for d in members if d in desa_counts))
    matrix = np.vstack(unit_counts) if unit_counts else np.zeros((0, len(COLUMNS)), np.int64)
    figures = _figures_many(matrix)
    rows = [
        _row(code, name, level, unit_counts[i], members, desa_counts, sasaran, figures[i])
        for i, (code, name, members) in enumerate(units)
    ]
    # The total holds every measurement of the region in scope, also in a desa whose code
    # is no longer in the region table.
    total = _row(
        within.code,
        within.name,
        str(within.level),
        _sum(desa_counts.values()),
        desa_codes,
        desa_counts,
        sasaran,
    )
    main, notes = denominator_text(period)
    return PrevalenceTable(period, level, within.code, within.name, main, notes, tuple(rows), total)


def _posyandu_table(period: Period, desa: Region, scope: Scope | None) -> PrevalenceTable:
    if desa.level != Level.DESA:
        raise ValueError("posyandu rows are listed within one desa")
    if scope is not None and not scope.contains(desa.code):
        by_pos: dict[Any, np.ndarray] = {}
    else:
        by_pos = count_by(period, "posyandu_id", prefix="", desa_code=desa.code)
    rows = []
    names = dict(Posyandu.objects.filter(desa=desa).values_list("pk", "name"))
    for pk in sorted(names, key=lambda k: names[k]):
        counts = by_pos.get(pk, _ZERO)
        rows.append(_row(str(pk), f"Posyandu {names[pk]}", "posyandu", counts, None, {}, {}))
    if None in by_pos:
        rows.append(_row("", _("Tanpa posyandu"), "posyandu", by_pos[None], None, {}, {}))
    for pk, counts in by_pos.items():  # a posyandu moved to another desa since
        if pk is not None and pk not in names:
            rows.append(_row(str(pk), f"Posyandu #{pk}", "posyandu", counts, None, {}, {}))
    desa_counts = {desa.code: _sum(by_pos.values())} if by_pos else {}
    sasaran = sasaran_by_desa([desa.code], period.sasaran_year)
    total = _row(
        desa.code, desa.name, "desa", _sum(by_pos.values()), [desa.code], desa_counts, sasaran
    )
    main, notes = denominator_text(period)
    return PrevalenceTable(
        period, "posyandu", desa.code, desa.name, main, notes, tuple(rows), total
    )


# --- choosing the period ----------------------------------------------------------------------


def rounds_for(region_code: str):
    """Measurement rounds of the kabupaten the region sits in (newest first); none for a
    province, whose kab/kota each have their own."""
    if "." not in region_code:
        return MeasurementRound.objects.none()
    return MeasurementRound.objects.filter(region_id=region_code[:5]).order_by("-start_date")


def period_from_params(params: Any, region_code: str, *, today: dt.date | None = None) -> Period:
    """The period of a request: ``putaran`` (round id) or ``dari``/``sampai`` (ISO dates);
    by default the latest round that has started, else this year so far."""
    today = today or dt.date.today()
    rounds = rounds_for(region_code)
    round_id = str(params.get("putaran") or "")
    # From the address bar: str.isdigit holds for "²", which int() refuses, as it refuses more
    # than 4,300 digits; an id has at most 18 (a bigint).
    if round_id.isascii() and round_id.isdigit() and len(round_id) <= 18:
        rnd = rounds.filter(pk=int(round_id)).first()
        if rnd is not None:
            return Period.of_round(rnd)
    try:
        start = dt.date.fromisoformat(str(params.get("dari") or ""))
        end = dt.date.fromisoformat(str(params.get("sampai") or ""))
        if start <= end:
            return Period.of_dates(start, end)
    except ValueError:
        pass
    rnd = rounds.filter(start_date__lte=today).first()
    if rnd is not None:
        return Period.of_round(rnd)
    return Period.of_dates(dt.date(today.year, 1, 1), today)


# --- children of a desa or posyandu (personal data: the caller checks access) ------------------

_CATEGORY_LABELS = {
    field: dict(growth.INDICATORS[key].classes)
    for field, key in (("cat_hfa", "tb_u"), ("cat_wfa", "bb_u"), ("cat_wfh", "bb_tb"))
}


def category_label(field_name: str, code: str) -> str:
    return _CATEGORY_LABELS[field_name].get(code, "") if code else ""


def mask_nik(nik: str) -> str:
    """ "5302011234561234" → "5302••••••••1234"; short or empty values are masked whole."""
    nik = (nik or "").strip()
    if len(nik) < 9:
        return "•" * len(nik)
    return nik[:4] + "•" * (len(nik) - 8) + nik[-4:]


def age_text(age_days: int) -> str:
    months = int(age_days // 30.4375)
    years, rest = divmod(months, 12)
    if years == 0:
        return _("%(m)s bl") % {"m": rest}
    return _("%(y)s th %(m)s bl") % {"y": years, "m": rest}


def children_measurements(period: Period, *, desa_code: str | None = None, posyandu=None):
    """The last measurement in the period of each child measured in a desa or posyandu."""
    qs = last_measurements(period)
    if desa_code is not None:
        qs = qs.filter(desa_code=desa_code)
    if posyandu is not None:
        qs = qs.filter(posyandu=posyandu)
    return qs.select_related("child").order_by("child__name", "child_id")
