"""Supply (Pedoman 1.7.3.A "sumber daya"): counts of sarana, SDM and logistik per desa and
year, entered in a grid or imported with the same machinery as coverage (tabular.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Region

from . import access as rules
from .coverage import parse_year
from .entry import owner_institution
from .models import SupplyType, SupplyValue
from .numbers import NotANumber, parse_decimal
from .tabular import RowErrors, TableSpec

COLUMNS = ("kode_jenis", "nama_jenis", "kode_wilayah", "nama_wilayah", "tahun", "jumlah", "sumber")
REQUIRED = ("kode_jenis", "kode_wilayah", "tahun", "jumlah")


class SupplySpec(TableSpec):
    columns = COLUMNS
    required = REQUIRED
    value_columns = ("jumlah",)
    model = SupplyValue
    update_fields = ("count", "source", "institution")

    def __init__(self, user, kabupaten_code: str, filename: str = ""):
        self.user = user
        self.access = Access(user)
        self.kabupaten_code = kabupaten_code
        self.default_source = _("impor %(f)s") % {"f": filename} if filename else _("impor xlsx")

    def prepare(self, rows):
        self.types = {t.code: t for t in SupplyType.objects.all()}
        codes = {str(c.get("kode_wilayah") or "").strip() for _n, c in rows}
        self.regions = {r.code: r for r in Region.objects.filter(code__in=codes)}

    def parse(self, cells, errors: RowErrors):
        code = str(cells.get("kode_jenis") or "").strip()
        st = self.types.get(code)
        if st is None:
            errors.add("kode_jenis", _("jenis sumber daya '%(c)s' tidak dikenal") % {"c": code})
        desa_code = str(cells.get("kode_wilayah") or "").strip()
        desa = self.regions.get(desa_code)
        kab = self.kabupaten_code
        if desa is None:
            errors.add("kode_wilayah", _("kode wilayah '%(c)s' tidak dikenal") % {"c": desa_code})
        elif not desa_code.startswith(kab + "."):
            errors.add("kode_wilayah", _("wilayah %(c)s di luar kabupaten Anda") % {"c": desa_code})
        elif desa.level != Level.DESA:
            errors.add(
                "kode_wilayah",
                _("sumber daya dicatat per desa, bukan per %(l)s") % {"l": desa.level},
            )
        elif st is not None and not rules.can_enter_supply(self.access, st, desa_code):
            errors.add(
                "kode_jenis", _("jenis '%(c)s' bukan tanggung jawab instansi Anda") % {"c": code}
            )
        year = parse_year(cells.get("tahun"))
        if year is None:
            errors.add("tahun", _("tahun kosong atau tidak valid"))
        try:
            count = parse_decimal(cells.get("jumlah"))
        except NotANumber:
            errors.add("jumlah", _("'%(v)s' bukan angka") % {"v": cells.get("jumlah")})
            count = None
        if count is not None and count < 0:
            errors.add("jumlah", _("tidak boleh negatif"))
        if errors or st is None or desa is None or count is None:
            return None
        source = str(cells.get("sumber") or "").strip()[:200] or self.default_source
        inst = owner_institution(self.user, [st.opd_type], kab)
        return (st.pk, desa.code, year), {
            "supply_type": st,
            "desa": desa,
            "year": year,
            "count": count.quantize(Decimal("0.01")),
            "source": source,
            "institution": inst,
        }

    def existing(self, keys):
        if not keys:
            return {}
        wanted = set(keys)
        qs = SupplyValue.objects.filter(
            year__in={k[2] for k in keys}, desa_id__in={k[1] for k in keys}
        )
        return {
            (o.supply_type_id, o.desa_id, o.year): o
            for o in qs
            if (o.supply_type_id, o.desa_id, o.year) in wanted
        }

    def same(self, obj, values):
        return obj.count == values["count"] and obj.source == values["source"]


@transaction.atomic
def save_supply_row(
    *,
    user,
    desa: Region,
    year: int,
    counts: dict[SupplyType, Decimal | None],
    source: str,
    kabupaten_code: str,
) -> int:
    """Write one desa's counts from the grid; an empty cell deletes the stored count.
    Returns how many values changed."""
    stored = {v.supply_type_id: v for v in SupplyValue.objects.filter(desa=desa, year=year)}
    changed = 0
    for st, count in counts.items():
        obj = stored.get(st.pk)
        if count is None:
            if obj is not None:
                obj._history_user = user  # type: ignore[attr-defined]
                obj.delete()
                changed += 1
            continue
        if obj is not None and obj.count == count:
            continue
        obj = obj or SupplyValue(supply_type=st, desa=desa, year=year)
        obj.count, obj.source = count, source or obj.source
        obj.institution = owner_institution(user, [st.opd_type], kabupaten_code)
        obj._history_user = user  # type: ignore[attr-defined]
        obj.save()
        changed += 1
    return changed


def grid(kabupaten: Region, year: int):
    types = list(SupplyType.objects.all())
    desa = list(kabupaten.descendants(Level.DESA).select_related("parent"))
    values: dict[tuple[str, int], Decimal] = {
        (v.desa_id, v.supply_type_id): v.count
        for v in SupplyValue.objects.filter(year=year, desa__in=desa)
    }
    rows = [(d, [values.get((d.code, t.pk)) for t in types]) for d in desa]
    return types, rows


def template_rows(access: Access, kabupaten: Region, year: int):
    types = [
        t
        for t in SupplyType.objects.all()
        if access.is_admin or rules.can_enter_supply(access, t, kabupaten.code + ".x")
    ]
    desa = list(kabupaten.descendants(Level.DESA))
    values = {
        (v.supply_type_id, v.desa_id): v
        for v in SupplyValue.objects.filter(year=year, supply_type__in=types)
    }
    for t in types:
        for d in desa:
            v = values.get((t.pk, d.code))
            yield [
                t.code,
                t.name,
                d.code,
                d.name,
                year,
                v.count if v else None,
                v.source if v else None,
            ]
