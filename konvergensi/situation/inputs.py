"""Everything the analysis reads from the other apps, in one place (easy to switch sources).

Measurements come through ``measurements.prevalence`` (each child's last measurement in the
period, stunting = valid unflagged HAZ < −2); indicators, targets, coverage, supply and programs
through ``indicators.services``. Nothing here computes an analysis: it returns plain values
keyed by codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from konvergensi.accounts.models import Institution, InstitutionKind
from konvergensi.indicators import services as ind
from konvergensi.measurements.models import MeasurementRound
from konvergensi.measurements.prevalence import Period, prevalence_table
from konvergensi.regions.models import Boundary, Level, Region


@dataclass
class Inputs:
    kabupaten: Region
    year: int
    period: Period
    denominator: str
    desa: list[tuple[str, str, str]]  # (code, name, kecamatan code)
    kecamatan: dict[str, str]  # code → name
    stunting: dict[str, tuple[int, int]]  # desa code → (stunted, valid HAZ); absent = no data
    indicators: list[ind.IndicatorInfo]
    targets: dict[str, Decimal | None]
    coverage: dict[str, dict[str, Decimal]]
    availability: dict[str, ind.Availability]
    supply_types: list[ind.SupplyTypeInfo]
    supply: dict[str, dict[str, Decimal]]
    programs: list[ind.ProgramInfo]
    institutions: dict[str, int] = field(default_factory=dict)  # opd_type → institution id

    @property
    def has_measurements(self) -> bool:
        return any(n > 0 for _c, n in self.stunting.values())


def period_for(analysis) -> Period:
    if analysis.round_id is not None:
        return Period.of_round(analysis.round)
    return Period.of_dates(analysis.period_start, analysis.period_end)


def default_period(
    kabupaten_code: str, year: int
) -> tuple[MeasurementRound | None, dt.date, dt.date]:
    """The latest measurement round of the year, else the whole calendar year."""
    rnd = (
        MeasurementRound.objects.filter(region_id=kabupaten_code, end_date__year=year)
        .order_by("-end_date")
        .first()
    )
    if rnd is not None:
        return rnd, rnd.start_date, rnd.end_date
    return None, dt.date(year, 1, 1), dt.date(year, 12, 31)


def gather(analysis) -> Inputs:
    kab = analysis.region
    period = period_for(analysis)
    table = prevalence_table(period, "desa", kab)
    stunting = {r.code: (r.stunting.cases, r.stunting.n) for r in table.rows if r.stunting.n > 0}
    desa = list(
        Region.objects.filter(level=Level.DESA, code__startswith=kab.code + ".")
        .order_by("code")
        .values_list("code", "name", "parent_id")
    )
    kecamatan = dict(
        Region.objects.filter(level=Level.KECAMATAN, code__startswith=kab.code + ".").values_list(
            "code", "name"
        )
    )
    institutions: dict[str, int] = {}
    for pk, opd_type in (
        Institution.objects.filter(kind=InstitutionKind.OPD, region__code__startswith=kab.code)
        .order_by("pk")
        .values_list("pk", "opd_type")
    ):
        if opd_type:
            institutions.setdefault(opd_type, pk)
    return Inputs(
        kabupaten=kab,
        year=analysis.year,
        period=period,
        denominator=table.denominator,
        desa=[(c, n, p or "") for c, n, p in desa],
        kecamatan=kecamatan,
        stunting=stunting,
        indicators=ind.indicators(),
        targets=ind.targets_for_year(kab.code, analysis.year),
        coverage=ind.coverage_for_year(kab.code, analysis.year),
        availability=ind.data_availability(kab.code, analysis.year),
        supply_types=ind.supply_types(),
        supply=ind.supply_for_year(kab.code, analysis.year),
        programs=ind.programs_for_year(kab.code, analysis.year),
        institutions=institutions,
    )


def boundaries(kabupaten_code: str) -> dict[str, dict]:
    """GeoJSON geometry per desa code (empty when no boundaries were uploaded)."""
    return dict(
        Boundary.objects.filter(
            region__code__startswith=kabupaten_code + ".", region__level=Level.DESA
        ).values_list("region_id", "geometry")
    )
