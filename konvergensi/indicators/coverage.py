"""Coverage values: the single-entry service, the grid, and the spreadsheet template/import.

A value is entered for a region at the indicator's measurement level or coarser (a desa-level
indicator whose data exist only for the kabupaten is stored at the kabupaten: the analysis
then reports where data exist, Pedoman 1.7.2). Regions finer than the level are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Region, within

from . import access as rules
from .entry import compute_figure, owner_institution
from .models import CoverageValue, Indicator
from .numbers import NotANumber, parse_decimal
from .tabular import RowErrors, TableSpec

COLUMNS = (
    "kode_indikator",
    "nama_indikator",
    "kode_wilayah",
    "nama_wilayah",
    "tahun",
    "bulan",
    "pembilang",
    "penyebut",
    "nilai",
    "sumber",
)
REQUIRED = ("kode_indikator", "kode_wilayah", "tahun", "nilai")
DEPTH = {Level.KABUPATEN: 1, Level.KECAMATAN: 2, Level.DESA: 3}


def level_allows(indicator: Indicator, region_level: str) -> bool:
    """A region at the indicator's level or coarser, down from the kabupaten."""
    return region_level in DEPTH and DEPTH[region_level] <= DEPTH[indicator.level]


def grid_regions(indicator: Indicator, kabupaten: Region) -> list[Region]:
    rows = (
        list(kabupaten.descendants(indicator.level)) if indicator.level != Level.KABUPATEN else []
    )
    return [kabupaten, *rows]


def parse_year(value: Any) -> int | None:
    try:
        year = int(parse_decimal(value))  # type: ignore[arg-type]
    except (NotANumber, TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


class CoverageSpec(TableSpec):
    columns = COLUMNS
    required = REQUIRED
    value_columns = ("pembilang", "penyebut", "nilai")
    model = CoverageValue
    update_fields = (
        "numerator",
        "denominator",
        "value",
        "source",
        "institution",
        "entered_by",
        "entered_at",
    )

    def __init__(self, user, kabupaten_code: str, filename: str = ""):
        self.user = user
        self.access = Access(user)
        self.kabupaten_code = kabupaten_code
        self.default_source = _("impor %(f)s") % {"f": filename} if filename else _("impor xlsx")
        self.now = timezone.now()
        self._owners: dict[int, Any] = {}

    def prepare(self, rows):
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        codes = {str(c.get("kode_wilayah") or "").strip() for _n, c in rows}
        self.regions = {r.code: r for r in Region.objects.filter(code__in=codes)}

    def owner(self, indicator: Indicator):
        if indicator.pk not in self._owners:
            self._owners[indicator.pk] = owner_institution(
                self.user, indicator.opd_type_list, self.kabupaten_code
            )
        return self._owners[indicator.pk]

    def parse(self, cells, errors: RowErrors):
        code = str(cells.get("kode_indikator") or "").strip()
        indicator = self.indicators.get(code)
        if indicator is None:
            errors.add("kode_indikator", _("indikator '%(c)s' tidak dikenal") % {"c": code})
        elif not rules.can_enter_indicator(self.access, indicator):
            errors.add(
                "kode_indikator",
                _("indikator '%(c)s' bukan tanggung jawab instansi Anda") % {"c": code},
            )
        region = self._region(cells, indicator, errors)
        year = parse_year(cells.get("tahun"))
        if year is None:
            errors.add("tahun", _("tahun kosong atau tidak valid"))
        month = self._month(cells.get("bulan"), errors)
        numbers = {}
        for col in ("pembilang", "penyebut", "nilai"):
            try:
                numbers[col] = parse_decimal(cells.get(col))
            except NotANumber:
                errors.add(col, _("'%(v)s' bukan angka") % {"v": cells.get(col)})
        if errors or indicator is None or region is None:
            return None
        figure, problems = compute_figure(
            indicator, numbers["pembilang"], numbers["penyebut"], numbers["nilai"]
        )
        for col, message in problems:
            errors.add(col, message)
        if figure is None:
            return None
        source = str(cells.get("sumber") or "").strip()[:200] or self.default_source
        key = (indicator.pk, region.code, year, month)
        return key, {
            "indicator": indicator,
            "region": region,
            "year": year,
            "month": month,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "value": figure.value,
            "source": source,
            "institution": self.owner(indicator),
            "entered_by": self.user,
            "entered_at": self.now,
        }

    def _region(self, cells, indicator, errors) -> Region | None:
        code = str(cells.get("kode_wilayah") or "").strip()
        region = self.regions.get(code)
        kab = self.kabupaten_code
        if region is None:
            errors.add("kode_wilayah", _("kode wilayah '%(c)s' tidak dikenal") % {"c": code})
        elif not within(code, kab):
            errors.add("kode_wilayah", _("wilayah %(c)s di luar kabupaten Anda") % {"c": code})
        elif indicator is not None and not level_allows(indicator, region.level):
            errors.add(
                "kode_wilayah",
                _("tingkat wilayah %(l)s tidak sesuai: indikator ini diukur per %(i)s")
                % {"l": region.level, "i": indicator.level},
            )
        elif not rules.in_user_kabupaten(self.access, code):
            errors.add("kode_wilayah", _("wilayah %(c)s di luar wilayah kerja Anda") % {"c": code})
        else:
            return region
        return None

    def _month(self, value, errors) -> int:
        if value is None or str(value).strip() == "":
            return 0
        try:
            month = int(parse_decimal(value))  # type: ignore[arg-type]
        except (NotANumber, TypeError, ValueError):
            month = -1
        if not 0 <= month <= 12:
            errors.add("bulan", _("bulan harus 1–12 (kosong = tahunan)"))
            return 0
        return month

    def existing(self, keys):
        if not keys:
            return {}
        years = {k[2] for k in keys}
        wanted = set(keys)
        qs = CoverageValue.objects.filter(year__in=years, indicator_id__in={k[0] for k in keys})
        out = {}
        for obj in qs.filter(region_id__in={k[1] for k in keys}):
            key = (obj.indicator_id, obj.region_id, obj.year, obj.month)
            if key in wanted:
                out[key] = obj
        return out

    def same(self, obj, values):
        return all(
            getattr(obj, k) == values[k] for k in ("numerator", "denominator", "value", "source")
        )


@transaction.atomic
def save_coverage(
    *,
    user,
    indicator: Indicator,
    region: Region,
    year: int,
    month: int,
    numerator: Decimal | None,
    denominator: Decimal | None,
    value: Decimal,
    source: str,
    kabupaten_code: str,
) -> tuple[CoverageValue, bool]:
    """Create or update one value (the caller checked access and computed the figure).
    Returns (object, created); an unchanged value is not saved again."""
    obj = CoverageValue.objects.filter(
        indicator=indicator, region=region, year=year, month=month
    ).first()
    created = obj is None
    if obj is None:
        obj = CoverageValue(indicator=indicator, region=region, year=year, month=month)
    elif (obj.numerator, obj.denominator, obj.value, obj.source) == (
        numerator,
        denominator,
        value,
        source,
    ):
        return obj, False
    obj.numerator, obj.denominator, obj.value, obj.source = numerator, denominator, value, source
    obj.institution = owner_institution(user, indicator.opd_type_list, kabupaten_code)
    obj.entered_by = user
    obj._history_user = user  # type: ignore[attr-defined]
    obj.save()
    return obj, created


@dataclass
class GridRow:
    region: Region
    value: CoverageValue | None
    can_edit: bool


def grid(access: Access, indicator: Indicator, kabupaten: Region, year: int, month: int):
    regions = grid_regions(indicator, kabupaten)
    values = {
        v.region_id: v
        for v in CoverageValue.objects.filter(
            indicator=indicator, year=year, month=month, region__in=regions
        ).select_related("entered_by", "institution")
    }
    return [
        GridRow(r, values.get(r.code), rules.can_enter_coverage(access, indicator, r.code))
        for r in regions
    ]


def template_rows(access: Access, kabupaten: Region, year: int, indicator_code: str | None = None):
    """Rows of the xlsx template: the user's indicators × the regions of each one's level,
    with what is already stored for the year (annual values) pre-filled."""
    indicators = rules.enterable_indicators(access)
    if indicator_code:
        indicators = indicators.filter(code=indicator_code)
    by_level = {
        level: [
            r
            for r in Region.objects.filter(code__startswith=kabupaten.code + ".", level=level)
            if access.user.is_superuser or access.is_admin or access.scope.contains(r.code)
        ]
        for level in (Level.KECAMATAN, Level.DESA)
    }
    by_level[Level.KABUPATEN] = [kabupaten]
    stored = {
        (v.indicator_id, v.region_id): v
        for v in CoverageValue.objects.filter(year=year, month=0, indicator__in=indicators)
    }
    for ind in indicators:
        for r in by_level[ind.level]:
            v = stored.get((ind.pk, r.code))
            yield [
                ind.code,
                ind.short_name,
                r.code,
                r.name,
                year,
                None,
                v.numerator if v else None,
                v.denominator if v else None,
                v.value if v else None,
                v.source if v else None,
            ]
