"""The yearly cycle of the 8 aksi: progress rows per (kabupaten, year), status, evidence."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from konvergensi.accounts.models import Institution, InstitutionKind
from konvergensi.reference_data import AksiSpec, load_calendar, load_opd_types

from .models import AksiProgress, Evidence, Status

PERCENT = {Status.BELUM: 0, Status.SEDANG: 50, Status.SELESAI: 100}


@functools.cache
def specs() -> tuple[AksiSpec, ...]:
    """The calendar, read once per process (the files ship with the code)."""
    return tuple(load_calendar())


def calendar() -> dict[int, AksiSpec]:
    return {spec.number: spec for spec in specs()}


@functools.cache
def opd_type_names() -> dict[str, str]:
    return {t.code: t.name for t in load_opd_types()}


def responsible_text(spec: AksiSpec) -> str:
    return opd_type_names().get(spec.responsible, spec.responsible)


def supporting_text(spec: AksiSpec) -> str:
    return ", ".join(opd_type_names().get(code, code) for code in spec.supporting)


def _institution_q(code: str) -> Q:
    """An OPD-type code of the calendar as a filter on institutions."""
    if code == "bappeda":
        return Q(kind=InstitutionKind.BAPPEDA)
    if code == "kecamatan":
        return Q(kind=InstitutionKind.KECAMATAN)
    return Q(kind=InstitutionKind.OPD, opd_type=code)


def responsible_institutions(spec: AksiSpec, kabupaten_code: str) -> QuerySet[Institution]:
    """The institutions of this kabupaten responsible for an aksi (Pedoman Kerangka Kegiatan)."""
    in_kabupaten = Q(region__code=kabupaten_code) | Q(region__code__startswith=kabupaten_code + ".")
    return Institution.objects.filter(_institution_q(spec.responsible) & in_kabupaten)


@dataclass
class AksiRow:
    spec: AksiSpec
    progress: AksiProgress
    due_now: bool
    overdue: bool

    @property
    def percent(self) -> int:
        return PERCENT[Status(self.progress.status)]


def get_progress(kabupaten_code: str, year: int) -> dict[int, AksiProgress]:
    """The 8 progress rows of a kabupaten for a year, created on demand."""
    existing = {p.aksi: p for p in AksiProgress.objects.filter(region_id=kabupaten_code, year=year)}
    missing = [n for n in range(1, 9) if n not in existing]
    if missing:
        with transaction.atomic():
            for n in missing:
                existing[n], _ = AksiProgress.objects.get_or_create(
                    region_id=kabupaten_code, year=year, aksi=n
                )
    return existing


def months_of(spec: AksiSpec) -> list[int]:
    return sorted(int(m) for m in spec.months)


def aksi_rows(kabupaten_code: str, year: int, today: datetime.date) -> list[AksiRow]:
    """Every aksi with its progress, whether it is due this month and whether it is late."""
    progress = get_progress(kabupaten_code, year)
    rows = []
    for spec in specs():
        p = progress[spec.number]
        months = months_of(spec)
        done = p.status == Status.SELESAI
        due_now = year == today.year and today.month in months and not done
        overdue = not done and (
            year < today.year or (year == today.year and bool(months) and max(months) < today.month)
        )
        rows.append(AksiRow(spec=spec, progress=p, due_now=due_now, overdue=overdue))
    return rows


def overall_percent(rows: Iterable[AksiRow]) -> int:
    rows = list(rows)
    return round(sum(r.percent for r in rows) / len(rows)) if rows else 0


@transaction.atomic
def update_status(progress: AksiProgress, *, status: str, notes: str) -> AksiProgress:
    progress.status = status
    progress.notes = notes
    progress.save()
    return progress


@transaction.atomic
def add_evidence(progress: AksiProgress, *, title: str, file: Any, user: Any) -> Evidence:
    return Evidence.objects.create(progress=progress, title=title, file=file, uploaded_by=user)
