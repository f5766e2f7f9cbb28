"""The data of Aksi 1 as plain values for the analysis (konvergensi/situation/).

Everything returned is keyed by codes (indicator code, Kemendagri region code, supply type
code) and holds ``Decimal`` values: no model instance leaves this module. ``region_code`` is
the kabupaten (or any region: everything under it and the region itself is included).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from konvergensi.regions.models import Level

from .loading import default_target
from .models import CoverageValue, Indicator, Program, SupplyType, SupplyValue, Target


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    number: int
    name: str
    short_name: str
    category: str  # esensial | pendukung
    intervention: str  # spesifik | sensitif | koordinasi
    direction: str  # higher | lower
    level: str  # desa | kecamatan | kabupaten
    unit: str
    is_percent: bool
    national_target: Decimal | None
    opd_types: tuple[str, ...]


@dataclass(frozen=True)
class SupplyTypeInfo:
    code: str
    name: str
    category: str  # sarana | sdm | logistik
    unit: str
    minimum_per_desa: Decimal
    opd_type: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class ProgramInfo:
    id: int
    name: str
    institution: str
    opd_type: str
    intervention: str
    funding_source: str
    budget: Decimal
    indicators: tuple[str, ...]
    desa: tuple[str, ...]


@dataclass(frozen=True)
class Availability:
    """Where coverage data exist for an indicator in a year (for the analysis' data notes)."""

    levels: tuple[str, ...]  # subset of ("desa", "kecamatan", "kabupaten"), () = none
    desa_with_data: int
    desa_total: int

    @property
    def none(self) -> bool:
        return not self.levels


def _under(region_code: str, field: str = "region__code") -> Q:
    return Q(**{field: region_code}) | Q(**{f"{field}__startswith": region_code + "."})


def indicators() -> list[IndicatorInfo]:
    return [
        IndicatorInfo(
            i.code,
            i.number,
            i.name,
            i.short_name,
            i.category,
            i.intervention,
            i.direction,
            i.level,
            i.unit,
            i.is_percent,
            i.national_target,
            tuple(i.opd_type_list),
        )
        for i in Indicator.objects.all()
    ]


def coverage_for_year(
    region_code: str, year: int, *, month: int | None = None
) -> dict[str, dict[str, Decimal]]:
    """``{indicator_code: {region_code: value}}``. With ``month=None``: the annual value
    (month 0) where entered, else the latest month of the year; with a month: that month."""
    qs = CoverageValue.objects.filter(_under(region_code), year=year)
    if month is not None:
        qs = qs.filter(month=month)
    best: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for code, region, m, value in qs.values_list("indicator__code", "region_id", "month", "value"):
        rank = 13 if m == 0 else m  # annual beats any month; later month beats earlier
        if (code, region) not in best or rank > best[(code, region)][0]:
            best[(code, region)] = (rank, value)
    out: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (code, region), (_rank, value) in best.items():
        out[code][region] = value
    return dict(out)


def coverage_years(region_code: str) -> list[int]:
    qs = CoverageValue.objects.filter(_under(region_code)).values_list("year", flat=True)
    return sorted(set(qs))


def targets_for_year(kabupaten_code: str, year: int) -> dict[str, Decimal | None]:
    """``{indicator_code: target}``: the kabupaten's own target for the year, else the default
    (national target for percentages and per-kabupaten counts), else None."""
    own = dict(
        Target.objects.filter(region_id=kabupaten_code, year=year).values_list(
            "indicator__code", "value"
        )
    )
    return {i.code: own.get(i.code, default_target(i)) for i in Indicator.objects.all()}


def supply_types() -> list[SupplyTypeInfo]:
    return [
        SupplyTypeInfo(
            t.code,
            t.name,
            t.category,
            t.unit,
            t.minimum_per_desa,
            t.opd_type,
            tuple(sorted(i.code for i in t.indicators.all())),
        )
        for t in SupplyType.objects.prefetch_related("indicators")
    ]


def supply_for_year(region_code: str, year: int) -> dict[str, dict[str, Decimal]]:
    """``{supply_type_code: {desa_code: count}}`` for the desa under the region."""
    out: dict[str, dict[str, Decimal]] = defaultdict(dict)
    qs = SupplyValue.objects.filter(_under(region_code, "desa__code"), year=year)
    for code, desa, count in qs.values_list("supply_type__code", "desa_id", "count"):
        out[code][desa] = count
    return dict(out)


def programs_for_year(region_code: str, year: int) -> list[ProgramInfo]:
    """Programs of the institutions in the kabupaten for the year, with their reach."""
    qs = (
        Program.objects.filter(_under(region_code[:5], "institution__region__code"), year=year)
        .select_related("institution")
        .prefetch_related("indicators", "desa")
    )
    return [
        ProgramInfo(
            p.pk,
            p.name,
            p.institution.name,
            p.institution.opd_type or p.institution.kind,
            p.intervention,
            p.funding_source,
            Decimal(p.budget),
            tuple(sorted(i.code for i in p.indicators.all())),
            tuple(sorted(d.code for d in p.desa.all() if d.code.startswith(region_code))),
        )
        for p in qs
    ]


def programs_by_desa(region_code: str, year: int) -> dict[str, dict[str, int]]:
    """``{desa_code: {indicator_code: number of programs reaching the desa}}``."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in programs_for_year(region_code, year):
        for d in p.desa:
            for code in p.indicators:
                out[d][code] += 1
    return {d: dict(v) for d, v in out.items()}


def data_availability(region_code: str, year: int) -> dict[str, Availability]:
    """``{indicator_code: Availability}`` for every indicator: at which levels values exist.
    Puskesmas-level figures are entered at the kecamatan the puskesmas sits in."""
    from konvergensi.regions.models import Region

    desa_total = Region.objects.filter(_under(region_code, "code"), level=Level.DESA).count()
    levels: dict[str, set[str]] = defaultdict(set)
    desa_count: dict[str, int] = defaultdict(int)
    qs = (
        CoverageValue.objects.filter(_under(region_code), year=year)
        .values_list("indicator__code", "region__level", "region_id")
        .distinct()
    )
    seen: set[tuple[str, str]] = set()
    for code, level, region in qs:
        levels[code].add(level)
        if level == Level.DESA and (code, region) not in seen:
            seen.add((code, region))
            desa_count[code] += 1
    order = ("desa", "kecamatan", "kabupaten")
    return {
        i.code: Availability(
            tuple(lv for lv in order if lv in levels[i.code]), desa_count[i.code], desa_total
        )
        for i in Indicator.objects.all()
    }
