"""What the analysis pages show and export: rows for the templates and the xlsx column sets
built from the ``prevalence`` and ``quality`` results (one source for page and download)."""

from __future__ import annotations

import math
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Puskesmas, Region

from . import charts, quality
from .exports import DATE, INTEGER, ONE_DECIMAL, TWO_DECIMALS, Column
from .models import Child, Measurement, Sex
from .prevalence import (
    INDICATOR_LABELS,
    LEVEL_LABELS,
    Period,
    PrevalenceTable,
    age_text,
    category_label,
    children_measurements,
    mask_nik,
)

# Desa measured below 80% of their sasaran are highlighted. Pedoman Aksi 7 asks that every
# balita be measured; 80% is the working default for "not fully measured" (change it here).
COVERAGE_THRESHOLD = 80.0


def ancestors(region: Region) -> list[Region]:
    """Kabupaten … parent of the region (not the province), top first."""
    out = []
    parent = region.parent
    while parent is not None and parent.code.count(".") >= 1:
        out.append(parent)
        parent = parent.parent
    return out[::-1]


def row_links(table: PrevalenceTable, access: Access) -> dict[str, str]:
    links: dict[str, str] = {}
    for row in table.rows:
        if table.level in ("kabupaten", "kecamatan", "desa") and access.can_browse_region(row.code):
            links[row.code] = reverse("measurements:prevalence", kwargs={"code": row.code})
        elif table.level == "posyandu" and row.code and access.can_view_personal_data(table.within):
            links[row.code] = reverse("measurements:children_posyandu", kwargs={"pk": row.code})
    return links


def rows_with_links(table: PrevalenceTable, access: Access) -> list[tuple[Any, str | None]]:
    links = row_links(table, access)
    return [(row, links.get(row.code)) for row in table.rows]


def _pct(x: float) -> float | None:
    return None if math.isnan(x) else round(x * 100.0, 1)


def header_block(period: Period, denominator: str, *extra: str) -> list[str]:
    return [
        _("Periode: %(p)s") % {"p": period.words},
        _("Penyebut: %(d)s") % {"d": denominator},
        *extra,
    ]


def prevalence_export(table: PrevalenceTable) -> dict[str, Any]:
    cols = [Column(_("Kode"), None, 16), Column(str(LEVEL_LABELS[table.level]), None, 26)]
    cols.append(Column(_("Balita diukur"), INTEGER))
    for name in table.indicators:
        label = {"label": str(INDICATOR_LABELS[name])}
        cols += [
            Column(_("%(label)s: n") % label, INTEGER),
            Column(_("%(label)s: kasus") % label, INTEGER),
            Column(_("%(label)s: %%") % label, ONE_DECIMAL),
            Column(_("%(label)s: IK95%% bawah") % label, ONE_DECIMAL),
            Column(_("%(label)s: IK95%% atas") % label, ONE_DECIMAL),
            Column(_("%(label)s: dikeluarkan (flag)") % label, INTEGER),
        ]
    cols += [
        Column(_("Sasaran balita"), INTEGER),
        Column(_("Sumber sasaran"), None, 18),
        Column(_("Cakupan pengukuran %"), ONE_DECIMAL),
    ]
    rows = [_prevalence_cells(r, table) for r in (*table.rows, table.total)]
    return {
        "title": _("Prevalensi gizi balita — %(w)s") % {"w": table.within_name},
        "header_lines": header_block(
            table.period,
            table.denominator,
            *table.notes,
            _("Baris terakhir: seluruh %(w)s. Sel kosong = tidak ada data.")
            % {"w": table.within_name},
        ),
        "columns": cols,
        "rows": rows,
        "sheet": _("Prevalensi"),
    }


def _prevalence_cells(row, table: PrevalenceTable) -> list[Any]:
    cells: list[Any] = [row.code, row.name, row.measured]
    for name in table.indicators:
        f = row.figures[name]
        cells += [f.n, f.cases, _pct(f.prevalence), _pct(f.lower), _pct(f.upper), f.flagged]
    coverage = None if math.isnan(row.coverage) else round(row.coverage, 1)
    return [*cells, row.sasaran, row.sasaran_source, coverage]


# --- children ---------------------------------------------------------------------------------


def nik_for(child: Child, access: Access) -> str:
    return child.nik if access.can_view_full_nik(child.desa_id) else mask_nik(child.nik)


def children_rows(period: Period, access: Access, **where: Any) -> list[dict[str, Any]]:
    rows = []
    for m in children_measurements(period, **where):
        child = m.child
        rows.append(
            {
                "child": child,
                "nik": nik_for(child, access),
                "sex": Sex(child.sex).label,
                "age": age_text(m.age_days),
                "m": m,
                "cat_hfa": category_label("cat_hfa", m.cat_hfa),
                "cat_wfa": category_label("cat_wfa", m.cat_wfa),
                "cat_wfh": category_label("cat_wfh", m.cat_wfh),
            }
        )
    return rows


def _measurement_columns() -> list[Column]:
    """Built per export, in the language of the request (not once, at import)."""
    return [
        Column(_("Tanggal ukur"), DATE, 12),
        Column(_("Umur"), None, 10),
        Column(_("Berat (kg)"), ONE_DECIMAL),
        Column(_("Panjang/tinggi (cm)"), ONE_DECIMAL),
        Column(_("Z TB/U"), TWO_DECIMALS),
        Column(_("Z BB/U"), TWO_DECIMALS),
        Column(_("Z BB/TB"), TWO_DECIMALS),
        Column(_("TB/U"), None, 16),
        Column(_("BB/U"), None, 22),
        Column(_("BB/TB"), None, 18),
    ]


def _measurement_cells(m: Measurement) -> list[Any]:
    return [
        m.measured_on,
        age_text(m.age_days),
        m.weight_kg,
        m.lenhei_cm,
        None if m.flen else m.zlen,
        None if m.fwei else m.zwei,
        None if m.fwfl else m.zwfl,
        category_label("cat_hfa", m.cat_hfa),
        category_label("cat_wfa", m.cat_wfa),
        category_label("cat_wfh", m.cat_wfh),
    ]


def children_export(unit: str, period: Period, rows: list[dict[str, Any]]) -> dict[str, Any]:
    cols = [
        Column(_("Nama"), None, 24),
        Column(_("NIK"), None, 18),
        Column(_("Jenis kelamin"), None, 12),
        *_measurement_columns(),
    ]
    return {
        "title": _("Daftar balita diukur — %(u)s") % {"u": unit},
        "header_lines": header_block(
            period,
            _("balita diukur dalam periode; satu pengukuran terakhir per anak"),
            _("Data perorangan (UU 27/2022): jangan disebarkan."),
        ),
        "columns": cols,
        "rows": [[r["child"].name, r["nik"], r["sex"], *_measurement_cells(r["m"])] for r in rows],
        "sheet": _("Balita"),
    }


def child_history(child: Child) -> list[dict[str, Any]]:
    return [
        {
            "m": m,
            "age": age_text(m.age_days),
            "cat_hfa": category_label("cat_hfa", m.cat_hfa),
            "cat_wfa": category_label("cat_wfa", m.cat_wfa),
            "cat_wfh": category_label("cat_wfh", m.cat_wfh),
        }
        for m in child.measurements.order_by("measured_on")
    ]


def child_charts(child: Child, history: list[dict[str, Any]]) -> dict[str, Any]:
    months = [h["m"].age_days / charts.DAYS_PER_MONTH for h in history]
    return {
        "tb_u": charts.growth_chart(
            child.sex, "tb_u", zip(months, [h["m"].lenhei_cm for h in history], strict=True)
        ),
        "bb_u": charts.growth_chart(
            child.sex, "bb_u", zip(months, [h["m"].weight_kg for h in history], strict=True)
        ),
    }


def history_export(child: Child, history: list[dict[str, Any]], access: Access) -> dict:
    return {
        "title": _("Riwayat pengukuran — %(n)s") % {"n": child.name},
        "header_lines": [
            _("NIK: %(nik)s; lahir %(d)s; %(sex)s")
            % {
                "nik": nik_for(child, access) or "-",
                "d": child.birth_date.strftime("%d/%m/%Y"),
                "sex": Sex(child.sex).label,
            },
            _("Semua pengukuran anak ini; z-score yang ditandai tidak masuk akal dikosongkan."),
        ],
        "columns": _measurement_columns(),
        "rows": [_measurement_cells(h["m"]) for h in history],
        "sheet": _("Riwayat"),
    }


# --- coverage ---------------------------------------------------------------------------------


def coverage_rows(table: PrevalenceTable) -> list[dict[str, Any]]:
    """Desa by coverage, lowest first; desa without measurements are "belum diukur" (first)."""
    rows = []
    for r in table.rows:
        if r.measured == 0:
            status = "belum"
        elif math.isnan(r.coverage):
            status = "tanpa_sasaran"
        elif r.coverage < COVERAGE_THRESHOLD:
            status = "kurang"
        else:
            status = "cukup"
        rows.append({"row": r, "status": status})
    order = {"belum": 0, "kurang": 1, "tanpa_sasaran": 2, "cukup": 3}
    return sorted(
        rows,
        key=lambda x: (
            order[x["status"]],
            x["row"].coverage if not math.isnan(x["row"].coverage) else 0,
            x["row"].code,
        ),
    )


STATUS_LABELS = {
    "belum": gettext_lazy("Belum diukur"),
    "kurang": gettext_lazy("Belum lengkap"),
    "tanpa_sasaran": gettext_lazy("Sasaran tidak ada"),
    "cukup": gettext_lazy("Cukup"),
}


def coverage_export(table: PrevalenceTable, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "title": _("Cakupan pengukuran per desa — %(w)s") % {"w": table.within_name},
        "header_lines": header_block(
            table.period,
            _("balita diukur (satu pengukuran terakhir per anak) ÷ sasaran balita tahun %(y)s")
            % {"y": table.period.sasaran_year},
            _("Batas: di bawah %(t)s%% belum lengkap; desa tanpa pengukuran = belum diukur.")
            % {"t": int(COVERAGE_THRESHOLD)},
        ),
        "columns": [
            Column(_("Kode"), None, 16),
            Column(_("Desa"), None, 24),
            Column(_("Balita diukur"), INTEGER),
            Column(_("Sasaran balita"), INTEGER),
            Column(_("Sumber sasaran"), None, 18),
            Column(_("Cakupan %"), ONE_DECIMAL),
            Column(_("Status"), None, 18),
        ],
        "rows": [
            [
                x["row"].code,
                x["row"].name,
                x["row"].measured,
                x["row"].sasaran,
                x["row"].sasaran_source,
                None if math.isnan(x["row"].coverage) else round(x["row"].coverage, 1),
                str(STATUS_LABELS[x["status"]]),
            ]
            for x in rows
        ],
        "sheet": _("Cakupan"),
    }


# --- quality ----------------------------------------------------------------------------------


def quality_limits() -> dict[str, Any]:
    return {
        "heaping": int(quality.HEAPING_LIMIT * 100),
        "sd_low": quality.SD_LOW,
        "sd_high": quality.SD_HIGH,
        "flag": quality.FLAG_LIMIT * 100,
        "min_n": quality.MIN_N,
    }


def quality_export(region: Region, period: Period, rows: list) -> dict[str, Any]:
    return {
        "title": _("Mutu pengukuran per posyandu — %(w)s") % {"w": region.name},
        "header_lines": header_block(
            period,
            _("semua pengukuran dalam periode per posyandu"),
            _("Angka akhir 0/5 > %(h)s%%; SD z TB/U di luar %(lo)s–%(hi)s; flag > 1%%")
            % {
                "h": int(quality.HEAPING_LIMIT * 100),
                "lo": quality.SD_LOW,
                "hi": quality.SD_HIGH,
            },
        ),
        "columns": [
            Column(_("Posyandu"), None, 22),
            Column(_("Desa"), None, 18),
            Column(_("Pengukuran"), INTEGER),
            Column(_("Angka akhir 0/5 tinggi %"), ONE_DECIMAL),
            Column(_("Angka akhir 0/5 berat %"), ONE_DECIMAL),
            Column(_("SD z TB/U"), TWO_DECIMALS),
            Column(_("Nilai flag"), INTEGER),
            Column(_("Nilai flag %"), ONE_DECIMAL),
            Column(_("Jumlah masalah"), INTEGER),
        ],
        "rows": [
            [
                r.name,
                r.desa,
                r.n,
                _pct(r.height_0_5),
                _pct(r.weight_0_5),
                None if math.isnan(r.sd_haz) else round(r.sd_haz, 2),
                r.flagged,
                _pct(r.flagged_share),
                r.problems,
            ]
            for r in rows
        ],
        "sheet": _("Mutu"),
    }


def tem_export(region: Region, period: Period, by_measurer: list, by_posyandu: list) -> dict:
    def cells(kind: str, r) -> list[Any]:
        return [
            kind,
            r.group,
            r.length.n_pairs,
            _round(r.length.tem, 3),
            _round(r.length.relative_tem_pct, 2),
            r.length_label,
            r.weight.n_pairs,
            _round(r.weight.tem, 3),
            _round(r.weight.relative_tem_pct, 2),
            r.weight_label,
        ]

    return {
        "title": _("TEM pengukuran ulang — %(w)s") % {"w": region.name},
        "header_lines": header_block(
            period,
            _("pasangan pengukuran (pengukur pertama dan kedua) pada anak yang sama"),
            _("TEM = √(Σd²/2n); TEM relatif ≤ 1,0% baik, ≤ 1,5% dapat diterima (ISAK)."),
        ),
        "columns": [
            Column(_("Menurut"), None, 12),
            Column(_("Kelompok"), None, 22),
            Column(_("Pasangan PB/TB"), INTEGER),
            Column(_("TEM PB/TB (cm)"), "0.000"),
            Column(_("TEM relatif PB/TB %"), TWO_DECIMALS),
            Column(_("Penilaian PB/TB"), None, 20),
            Column(_("Pasangan BB"), INTEGER),
            Column(_("TEM BB (kg)"), "0.000"),
            Column(_("TEM relatif BB %"), TWO_DECIMALS),
            Column(_("Penilaian BB"), None, 20),
        ],
        "rows": [cells(_("pengukur"), r) for r in by_measurer]
        + [cells(_("posyandu"), r) for r in by_posyandu],
        "sheet": "TEM",
    }


def _round(x: float, digits: int) -> float | None:
    return None if math.isnan(x) else round(x, digits)


def limit_puskesmas(formset, kabupaten_code: str) -> None:
    qs = Puskesmas.objects.filter(kecamatan__code__startswith=kabupaten_code + ".")
    for form in formset.forms:
        form.fields["puskesmas"].queryset = qs
    formset.empty_form.fields["puskesmas"].queryset = qs
