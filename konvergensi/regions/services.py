"""Loading the Kemendagri code lists shipped in ``regions/data`` (idn-area-data, ODbL 1.0),
importing puskesmas and posyandu from a template, and optional GeoJSON boundaries."""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from konvergensi.documents import xlsx

from .models import Boundary, Level, Posyandu, Puskesmas, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = [
    (Level.PROVINSI, "provinces.csv"),
    (Level.KABUPATEN, "regencies.csv"),
    (Level.KECAMATAN, "districts.csv"),
    (Level.DESA, "villages.csv"),
]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _rows(level: Level, filename: str) -> Iterator[tuple[str, str | None, str]]:
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            if level == Level.PROVINSI:
                yield row[0], None, row[1]
            else:
                yield row[0], row[1], row[2]


@functools.cache
def national_kabupaten() -> tuple[tuple[str, str], ...]:
    """Every kabupaten/kota of the shipped Kemendagri list as (code, name), loaded into the
    database or not: an import names the kabupaten of a file that is not this one's."""
    return tuple((code, name) for code, _, name in _rows(Level.KABUPATEN, "regencies.csv"))


def _wanted(code: str, scope: str) -> bool:
    """A row belongs to the scope when it is inside it or one of its ancestors."""
    return (
        not scope or code.startswith(scope + ".") or code == scope or scope.startswith(code + ".")
    )


@transaction.atomic
def load_regions(scope: str = "") -> LoadResult:
    """Load (or refresh) the regions inside ``scope`` (a code, or "" for the nation) and their
    ancestors. Idempotent: a second run changes nothing and reports everything unchanged."""
    existing = dict(Region.objects.values_list("code", "name"))
    to_create: list[Region] = []
    to_update: list[Region] = []
    unchanged = 0
    for level, filename in FILES:
        for code, parent, name in _rows(level, filename):
            if not _wanted(code, scope):
                continue
            if code not in existing:
                to_create.append(Region(code=code, name=name, level=level, parent_id=parent))
            elif existing[code] != name:
                to_update.append(Region(code=code, name=name))
            else:
                unchanged += 1
    # Parents are created before children because FILES runs top-down.
    Region.objects.bulk_create(to_create, batch_size=2000)
    Region.objects.bulk_update(to_update, ["name"], batch_size=2000)
    return LoadResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)


# -- facilities import (puskesmas, posyandu) ------------------------------------------------
# A template (xlsx) is downloaded, filled and uploaded; every row is validated first and
# nothing is written if any row is wrong; confirming writes all rows in one transaction.
# Re-importing the same file changes nothing (rows are compared with what is stored).

COLUMNS = {
    "puskesmas": ["kode_puskesmas", "nama_puskesmas", "kode_kecamatan", "kode_desa_wilayah_kerja"],
    "posyandu": ["nama_posyandu", "kode_desa", "kode_puskesmas"],
}
REQUIRED = {
    "puskesmas": ["kode_puskesmas", "nama_puskesmas", "kode_kecamatan"],
    "posyandu": ["nama_posyandu", "kode_desa"],
}
EXAMPLES = {
    "puskesmas": ["P5302010101", "Soe", "53.02.01", "53.02.01.1001;53.02.01.1002"],
    "posyandu": ["Mawar", "53.02.01.1001", "P5302010101"],
}


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportPlan:
    kind: str
    kabupaten: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # validated, ready to write
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class ImportFileError(ValueError):
    """The file itself cannot be read (wrong type, no header, missing columns)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(fh: BinaryIO | Path | str, filename: str) -> list[dict[str, str]]:
    """Rows of an xlsx/xls/ods (first sheet) or csv (`,` or `;`) file as dicts keyed by the
    lower-cased header; a row's spreadsheet number is in ``_row``."""
    name = filename.lower()
    data = Path(fh).read_bytes() if isinstance(fh, str | Path) else fh.read()
    if name.endswith(".csv"):
        text = data.decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else None
        raw = list(csv.reader(io.StringIO(text), dialect or csv.excel))
    elif name.endswith((".xlsx", ".xls", ".ods", ".xlsm")):
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            raw = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as e:
            raise ImportFileError(_("Berkas tidak dapat dibaca sebagai lembar kerja.")) from e
    else:
        raise ImportFileError(_("Jenis berkas tidak didukung. Gunakan XLSX atau CSV."))
    if not raw:
        raise ImportFileError(_("Berkas kosong."))
    header = [_cell(h).lower() for h in raw[0]]
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        row["_row"] = str(number)
        rows.append(row)
    return rows


def _check_columns(kind: str, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    missing = [c for c in REQUIRED[kind] if c not in rows[0]]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)}
        )


def _in(code: str, kabupaten: str) -> bool:
    return code.startswith(kabupaten + ".")


def plan_puskesmas(rows: list[dict[str, str]], kabupaten: str) -> ImportPlan:
    plan = ImportPlan(kind="puskesmas", kabupaten=kabupaten)
    _check_columns("puskesmas", rows)
    levels = dict(
        Region.objects.filter(code__startswith=kabupaten + ".").values_list("code", "level")
    )
    existing = {p.code: p for p in Puskesmas.objects.prefetch_related("desa")}
    seen: dict[str, int] = {}
    served_in_file: dict[str, str] = {}
    for row in rows:
        n = int(row["_row"])
        errors_before = len(plan.errors)

        def err(column: str, message: str, n: int = n) -> None:
            plan.errors.append(RowError(n, column, message))

        code, name = row.get("kode_puskesmas", ""), row.get("nama_puskesmas", "")
        kec = row.get("kode_kecamatan", "")
        desa = [c.strip() for c in row.get("kode_desa_wilayah_kerja", "").split(";") if c.strip()]
        if not code:
            err("kode_puskesmas", _("kode puskesmas kosong"))
        elif code in seen:
            err(
                "kode_puskesmas",
                _("kode %(code)s ganda (sudah ada di baris %(row)s)")
                % {"code": code, "row": seen[code]},
            )
        elif code in existing and not _in(existing[code].kecamatan_id, kabupaten):
            err(
                "kode_puskesmas",
                _("kode %(code)s sudah dipakai puskesmas di luar kabupaten ini") % {"code": code},
            )
        seen.setdefault(code, n)
        if not name:
            err("nama_puskesmas", _("nama puskesmas kosong"))
        if not kec:
            err("kode_kecamatan", _("kode kecamatan kosong"))
        elif not _in(kec, kabupaten):
            err("kode_kecamatan", _("kecamatan %(code)s di luar kabupaten ini") % {"code": kec})
        elif levels.get(kec) != Level.KECAMATAN:
            err("kode_kecamatan", _("kode kecamatan %(code)s tidak dikenal") % {"code": kec})
        for d in desa:
            if not _in(d, kabupaten):
                err(
                    "kode_desa_wilayah_kerja",
                    _("desa %(code)s di luar kabupaten ini") % {"code": d},
                )
            elif levels.get(d) != Level.DESA:
                err("kode_desa_wilayah_kerja", _("kode desa %(code)s tidak dikenal") % {"code": d})
            elif d in served_in_file and served_in_file[d] != code:
                err(
                    "kode_desa_wilayah_kerja",
                    _("desa %(code)s sudah masuk wilayah kerja puskesmas %(other)s")
                    % {"code": d, "other": served_in_file[d]},
                )
            else:
                served_in_file[d] = code
        if len(plan.errors) > errors_before:
            continue
        current = existing.get(code)
        wanted = {"code": code, "name": name, "kecamatan": kec, "desa": sorted(set(desa))}
        if current is None:
            plan.created += 1
        elif (current.name, current.kecamatan_id, sorted(d.code for d in current.desa.all())) == (
            name,
            kec,
            wanted["desa"],
        ):
            plan.unchanged += 1
            continue
        else:
            plan.updated += 1
        plan.rows.append(wanted)
    return plan


def plan_posyandu(rows: list[dict[str, str]], kabupaten: str) -> ImportPlan:
    plan = ImportPlan(kind="posyandu", kabupaten=kabupaten)
    _check_columns("posyandu", rows)
    levels = dict(
        Region.objects.filter(code__startswith=kabupaten + ".").values_list("code", "level")
    )
    puskesmas = {
        p.code: p
        for p in Puskesmas.objects.filter(
            kecamatan__code__startswith=kabupaten + "."
        ).prefetch_related("desa")
    }
    existing = {
        (p.desa_id, p.name.casefold()): p
        for p in Posyandu.objects.filter(desa__code__startswith=kabupaten + ".").select_related(
            "puskesmas"
        )
    }
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        n = int(row["_row"])
        errors_before = len(plan.errors)

        def err(column: str, message: str, n: int = n) -> None:
            plan.errors.append(RowError(n, column, message))

        name, desa, pkm = (
            row.get("nama_posyandu", ""),
            row.get("kode_desa", ""),
            row.get("kode_puskesmas", ""),
        )
        if not name:
            err("nama_posyandu", _("nama posyandu kosong"))
        if not desa:
            err("kode_desa", _("kode desa kosong"))
        elif not _in(desa, kabupaten):
            err("kode_desa", _("desa %(code)s di luar kabupaten ini") % {"code": desa})
        elif levels.get(desa) != Level.DESA:
            err("kode_desa", _("kode desa %(code)s tidak dikenal") % {"code": desa})
        key = (desa, name.casefold())
        if name and desa and key in seen:
            err(
                "nama_posyandu",
                _("posyandu %(name)s di desa %(code)s ganda (baris %(row)s)")
                % {"name": name, "code": desa, "row": seen[key]},
            )
        seen.setdefault(key, n)
        if pkm:
            if pkm not in puskesmas:
                err(
                    "kode_puskesmas",
                    _("kode puskesmas %(code)s tidak dikenal di kabupaten ini") % {"code": pkm},
                )
            elif desa and desa not in {d.code for d in puskesmas[pkm].desa.all()}:
                err(
                    "kode_puskesmas",
                    _("puskesmas %(code)s tidak melayani desa %(desa)s")
                    % {"code": pkm, "desa": desa},
                )
        if len(plan.errors) > errors_before:
            continue
        current = existing.get(key)
        wanted = {"name": name, "desa": desa, "puskesmas": pkm or None}
        if current is None:
            plan.created += 1
        elif (current.name, current.puskesmas.code if current.puskesmas else None) == (
            name,
            pkm or None,
        ):
            plan.unchanged += 1
            continue
        else:
            plan.updated += 1
        plan.rows.append(wanted)
    return plan


PLANNERS = {"puskesmas": plan_puskesmas, "posyandu": plan_posyandu}
ProgressCallback = Callable[[int, int], None]


def plan_import(kind: str, rows: list[dict[str, str]], kabupaten: str) -> ImportPlan:
    if kind not in PLANNERS:
        raise ValueError(f"kind must be one of {sorted(PLANNERS)}, got {kind!r}")
    return PLANNERS[kind](rows, kabupaten)


@transaction.atomic
def apply_plan(plan: ImportPlan, progress: ProgressCallback | None = None) -> ImportPlan:
    """Write a validated plan in one transaction. Refuses a plan with errors."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    total = len(plan.rows)
    for i, row in enumerate(plan.rows, start=1):
        if plan.kind == "puskesmas":
            pkm, _created = Puskesmas.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "kecamatan_id": row["kecamatan"]}
            )
            if sorted(pkm.desa.values_list("code", flat=True)) != row["desa"]:
                pkm.desa.set(row["desa"])
        else:
            pkm_id = Puskesmas.objects.get(code=row["puskesmas"]).pk if row["puskesmas"] else None
            match = Posyandu.objects.filter(desa_id=row["desa"], name__iexact=row["name"]).first()
            if match is None:
                Posyandu.objects.create(name=row["name"], desa_id=row["desa"], puskesmas_id=pkm_id)
            else:
                match.name, match.puskesmas_id = row["name"], pkm_id
                match.save()
        if progress and (i % 50 == 0 or i == total):
            progress(i, total)
    return plan


def import_facilities(
    source: BinaryIO | Path | str,
    filename: str,
    *,
    kind: str,
    kabupaten: str,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Read, validate and (unless ``dry_run`` or on any error) write a facilities file.
    The web upload, the background task and ``manage.py import_facilities`` all call this."""
    rows = read_table(source, filename)
    plan = plan_import(kind, rows, kabupaten)
    if plan.ok and not dry_run:
        apply_plan(plan, progress)
    return plan


def template_workbook(kind: str) -> bytes:
    """An xlsx template with the columns of ``kind``, one example row and a notes sheet.
    Code columns are text, so that Excel keeps 53.02.10 as typed instead of a number."""
    columns = [
        xlsx.Column(name, xlsx.TEXT if name.startswith("kode") else None, width=28)
        for name in COLUMNS[kind]
    ]
    notes = [
        _("Isi satu baris per %(kind)s; hapus baris contoh.") % {"kind": kind},
        _("Kode wilayah memakai kode Kemendagri bertitik, mis. 53.02.01.2001."),
        _("kode_desa_wilayah_kerja: kode desa dipisah titik koma (;).")
        if kind == "puskesmas"
        else _("kode_puskesmas boleh kosong; jika diisi, puskesmas harus melayani desa."),
    ]
    return xlsx.workbook_bytes(
        [
            xlsx.Sheet(kind, columns, [EXAMPLES[kind]]),
            xlsx.Sheet(_("petunjuk"), (), [[line] for line in notes], widths=(90,)),
        ]
    )


# -- boundaries (optional GeoJSON per level) --------------------------------------------------

GEOMETRY_TYPES = {"Polygon", "MultiPolygon"}
CODE_PROPERTIES = ("code", "kode", "kode_wilayah", "kdepum", "kode_kemendagri")


@dataclass
class BoundaryResult:
    errors: list[str] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def import_boundaries(
    data: bytes, *, level: str, scope_codes: set[str], source: str = ""
) -> BoundaryResult:
    """Validate a GeoJSON FeatureCollection and store each feature's geometry for the region
    whose code its ``code`` (or ``kode``) property names. Nothing is written if the file or any
    feature is malformed; codes that match no region of ``level`` in scope are reported."""
    result = BoundaryResult()
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        result.errors.append(_("Berkas bukan JSON yang sah: %(error)s") % {"error": e})
        return result
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        result.errors.append(_("GeoJSON harus berupa FeatureCollection."))
        return result
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        result.errors.append(_("FeatureCollection tidak berisi fitur."))
        return result
    matched: dict[str, dict[str, Any]] = {}
    for i, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {}
        code = next((str(props[k]).strip() for k in CODE_PROPERTIES if props.get(k)), "")
        geometry = (feature or {}).get("geometry") or {}
        if not code:
            result.errors.append(
                _("Fitur ke-%(n)s: tidak ada properti kode (code/kode).") % {"n": i}
            )
            continue
        if geometry.get("type") not in GEOMETRY_TYPES or not geometry.get("coordinates"):
            result.errors.append(
                _("Fitur ke-%(n)s (%(code)s): geometri harus Polygon atau MultiPolygon.")
                % {"n": i, "code": code}
            )
            continue
        if code in scope_codes:
            matched[code] = geometry
        else:
            result.unmatched.append(code)
    if result.errors:
        return result
    wanted = set(
        Region.objects.filter(code__in=matched, level=level).values_list("code", flat=True)
    )
    result.unmatched += sorted(set(matched) - wanted)
    with transaction.atomic():
        for code in sorted(wanted):
            Boundary.objects.update_or_create(
                region_id=code, defaults={"geometry": matched[code], "source": source[:200]}
            )
            result.saved.append(code)
    return result
