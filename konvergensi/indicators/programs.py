"""Program mapping (Pedoman 1.7.3.A): which programs reach which desa, for which
intervention and indicator, with what funding. Matrices are plain lists for pages and xlsx."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from konvergensi.regions.models import Level, Region

from .models import Category, Indicator, Intervention, Program


@transaction.atomic
def save_program(program: Program, *, indicators, desa, user) -> Program:
    program._history_user = user  # type: ignore[attr-defined]
    program.save()
    program.indicators.set(indicators)
    program.desa.set(desa)
    return program


@transaction.atomic
def delete_program(program: Program, *, user) -> None:
    program._history_user = user  # type: ignore[attr-defined]
    program.delete()


def expand_desa(desa, kecamatan) -> list[Region]:
    """The chosen desa plus every desa of the chosen kecamatan ("semua desa di kecamatan X")."""
    chosen = {d.code: d for d in desa}
    for kec in kecamatan:
        for d in kec.descendants(Level.DESA):
            chosen.setdefault(d.code, d)
    return [chosen[c] for c in sorted(chosen)]


def _programs(kabupaten_code: str, year: int):
    return (
        Program.objects.filter(year=year, institution__region__code__startswith=kabupaten_code)
        .select_related("institution")
        .prefetch_related("indicators", "desa")
    )


@dataclass
class InterventionCell:
    programs: int = 0
    budget: Decimal = Decimal(0)


@dataclass
class DesaRow:
    desa: Region
    cells: list = field(default_factory=list)
    complete: Decimal = Decimal(0)  # share (0–100) of esensial indicators reached
    reached: int = 0
    total: int = 0


def intervention_matrix(kabupaten: Region, year: int) -> tuple[list, list[DesaRow]]:
    """Desa × intervention: programs reaching the desa and their budget. A program's budget is
    shared equally among the desa it reaches, so the column sums are the true totals."""
    kinds = list(Intervention)
    rows = {
        d.code: DesaRow(d, [InterventionCell() for _k in kinds])
        for d in kabupaten.descendants(Level.DESA)
    }
    for p in _programs(kabupaten.code, year):
        reached = [d for d in p.desa.all() if d.code in rows]
        if not reached:
            continue
        share = Decimal(p.budget) / len(p.desa.all())
        for d in reached:
            cell = rows[d.code].cells[kinds.index(p.intervention)]
            cell.programs += 1
            cell.budget += share
    for row in rows.values():
        for cell in row.cells:
            cell.budget = cell.budget.quantize(Decimal(1))
    return kinds, list(rows.values())


def indicator_matrix(kabupaten: Region, year: int, *, esensial_only: bool = True):
    """Desa × indicator: number of programs linked to the indicator reaching the desa, and
    per desa the share of (esensial) indicators with at least one program."""
    indicators = list(Indicator.objects.all())
    if esensial_only:
        indicators = [i for i in indicators if i.category == Category.ESENSIAL]
    pos = {i.pk: n for n, i in enumerate(indicators)}
    rows = {d.code: DesaRow(d, [0] * len(indicators)) for d in kabupaten.descendants(Level.DESA)}
    for p in _programs(kabupaten.code, year):
        linked = [pos[i.pk] for i in p.indicators.all() if i.pk in pos]
        for d in p.desa.all():
            if d.code in rows:
                for j in linked:
                    rows[d.code].cells[j] += 1
    for row in rows.values():
        row.total = len(indicators)
        row.reached = sum(1 for c in row.cells if c)
        row.complete = (
            (Decimal(100) * row.reached / row.total).quantize(Decimal("0.1"))
            if row.total
            else Decimal(0)
        )
    return indicators, list(rows.values())


def completeness(kabupaten: Region, year: int) -> list[DesaRow]:
    """Desa ordered from the least to the most complete program coverage of the esensial
    indicators (ties by code), so that gaps come first."""
    _ind, rows = indicator_matrix(kabupaten, year)
    return sorted(rows, key=lambda r: (r.complete, r.desa.code))
