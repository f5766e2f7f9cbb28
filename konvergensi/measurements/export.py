"""Measurements out as an e-PPGBM export (issue item 10), so that data flows back.

The headers and cell conventions are those of the e-PPGBM "Data Pengukuran" export (dates as
dates, NIK as text, categories as the Permenkes 2/2020 labels); a file written here imports
again with nothing changed. Only a user who may see the full NIK gets it: a viewer's export
masks it as the child list does (decision 0003), so it imports again without the NIK.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import QuerySet

import growth
from konvergensi.accounts.access import Access
from konvergensi.documents import xlsx
from konvergensi.regions.models import Puskesmas, Region

from .models import Measurement, Sex
from .prevalence import mask_nik

EXPORT_HEADER = (
    "NIK", "Nama", "JK", "Tgl Lahir", "Nama Ortu", "Prov", "Kab/Kota", "Kec", "Pukesmas",
    "Desa/Kel", "Posyandu", "RT", "RW", "Alamat", "Usia Saat Ukur", "Tanggal Pengukuran",
    "Berat", "Tinggi", "Cara Ukur", "LiLA", "BB/U", "ZS BB/U", "TB/U", "ZS TB/U", "BB/TB",
    "ZS BB/TB",
)  # fmt: skip

_LABELS = {key: dict(growth.INDICATORS[key].classes) for key in ("bb_u", "tb_u", "bb_tb")}
_MEASURE = {"l": "Terlentang", "h": "Berdiri"}


def age_text(born: dt.date, measured: dt.date) -> str:
    """Calendar age as e-PPGBM writes it: "2 Tahun - 3 Bulan - 5 Hari"."""
    months = (measured.year - born.year) * 12 + measured.month - born.month
    if measured.day < born.day:
        months -= 1
    year, month0 = divmod(born.month - 1 + months, 12)
    year += born.year
    day = min(born.day, calendar.monthrange(year, month0 + 1)[1])
    anchor = dt.date(year, month0 + 1, day)
    days = (measured - anchor).days
    return f"{months // 12} Tahun - {months % 12} Bulan - {days} Hari"


def _region_names(codes: set[str]) -> dict[str, str]:
    wanted: set[str] = set()
    for code in codes:
        parts = code.split(".")
        wanted.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
    return dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))


def _puskesmas_of(codes: set[str]) -> dict[str, str]:
    through = Puskesmas.desa.through.objects.filter(region_id__in=codes)
    names = dict(Puskesmas.objects.values_list("id", "name"))
    out: dict[str, str] = {}
    for desa, pkm in through.values_list("region_id", "puskesmas_id"):
        out.setdefault(desa, names[pkm])
    return out


def export_rows(queryset: QuerySet[Measurement], access: Access) -> list[list[object]]:
    """The data rows (no header), in the order of ``EXPORT_HEADER``; the NIK is masked where
    ``access``'s user may not see it whole (always asked: no caller gets whole NIKs by default)."""
    fields = (
        "child__desa_id", "child__nik", "child__name", "child__sex", "child__birth_date",
        "child__mother_name", "child__rt", "child__rw", "child__address", "desa_code",
        "posyandu__name", "measured_on", "weight_kg", "lenhei_cm", "measure", "muac_cm",
        "cat_wfa", "zwei", "cat_hfa", "zlen", "cat_wfh", "zwfl",
    )  # fmt: skip
    data = list(queryset.order_by("desa_code", "child__name", "measured_on").values_list(*fields))
    codes = {r[9] for r in data}
    names = _region_names(codes)
    pkm = _puskesmas_of(codes)
    full_nik: dict[str, bool] = {}  # per desa of the child, as the child list decides
    rows: list[list[object]] = []
    for (child_desa, nik, name, sex, born, mother, rt, rw, address, code, posyandu,
         measured, weight, lenhei, measure, muac, cat_wfa, zwei, cat_hfa, zlen, cat_wfh,
         zwfl) in data:  # fmt: skip
        if child_desa not in full_nik:
            full_nik[child_desa] = access.can_view_full_nik(child_desa)
        nik = nik if full_nik[child_desa] else mask_nik(nik)
        rows.append([
            nik, name, "L" if sex == Sex.MALE else "P", born, mother,
            names.get(code[:2], ""), names.get(code[:5], ""), names.get(code[:8], ""),
            pkm.get(code, ""), names.get(code, ""), posyandu or "", rt, rw, address,
            age_text(born, measured), measured, weight, lenhei, _MEASURE.get(measure, ""), muac,
            _LABELS["bb_u"].get(cat_wfa, ""), zwei, _LABELS["tb_u"].get(cat_hfa, ""), zlen,
            _LABELS["bb_tb"].get(cat_wfh, ""), zwfl,
        ])  # fmt: skip
    return rows


def export_eppgbm(queryset: QuerySet[Measurement], access: Access) -> bytes:
    """The measurements of ``queryset`` as an e-PPGBM-compatible xlsx (bytes). The caller has
    already limited the queryset to what the user may see (personal data); ``access`` masks
    the NIK where that user may not see it whole (see ``export_rows``)."""
    rows = export_rows(queryset, access)
    return xlsx.large_table_bytes("Data Pengukuran", EXPORT_HEADER, rows)
