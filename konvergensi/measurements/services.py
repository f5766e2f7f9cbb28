"""The e-PPGBM import pipeline (Aksi 7 data; DESIGN §4 "Imports").

``preview_import`` stores the file, reads and validates it (``eppgbm_read`` / ``eppgbm_parse``),
finds each row's desa and child, runs the growth engine and predicts what a confirmation would
do; nothing but the ``ImportBatch`` is written. ``confirm_import`` repeats the same analysis
(the file is the source of truth, so the web, the worker and the CLI take one path) and writes
every good row in one transaction: all rows or none.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Posyandu, Region

from . import engine, fastwrite, matching
from .eppgbm import (
    ImportFileError,
    ParsedRows,
    RawTable,
    RowIssue,
    parse_rows,
    read_table,
    write_error_file,
)
from .models import Child, ImportBatch, ImportStatus, Measurement

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
MAX_STORED_ISSUES = 20_000
ProgressFn = Callable[[int, int, str], None]

# Measurement inputs compared with what is stored: (model field, file field or None = always)
COMPARED = (
    ("age_days", None),
    ("weight_kg", "weight_kg"),
    ("lenhei_cm", "lenhei_cm"),
    ("measure", "measure"),
    ("oedema", "oedema"),
    ("muac_cm", "muac_cm"),
    ("headc_cm", "headc_cm"),
    ("desa_code", None),
)


class ImportRejected(ValueError):
    """An import cannot go ahead; ``str(err)`` is the Indonesian message for the user."""


# --- the analysis shared by preview and confirm ------------------------------------------------


@dataclass(eq=False)
class Analysis:
    raw: RawTable
    parsed: ParsedRows
    status: np.ndarray  # "ok" / "warning" / "error" per row, file order
    region_code: list[str | None]
    issues: list[RowIssue]
    suggestions: list[dict[str, Any]]
    importable: np.ndarray  # bool per row
    results: dict[str, np.ndarray] = field(default_factory=dict)  # engine output, importable rows
    # filled by _match (per importable row, in order)
    child_id: np.ndarray | None = None  # existing child pk or 0
    new_child: list[tuple | None] | None = None  # identity of a child to create
    action: np.ndarray | None = None  # "create" / "update" / "unchanged"
    # stored measurement of (child, date): its pk and the compared fields
    existing: dict[tuple[int, dt.date], tuple[int, dict[str, Any]]] = field(default_factory=dict)
    nik_fill: dict[int, str] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # Child.match_key per row (importable rows)

    @property
    def idx(self) -> np.ndarray:
        return np.flatnonzero(self.importable)


def _today() -> dt.date:
    return timezone.localdate()


def _analyse(
    data: bytes,
    filename: str,
    *,
    user,
    region: Region,
    confirmations: dict[str, str] | None = None,
) -> Analysis:
    raw = read_table(data, filename=filename)
    parsed = parse_rows(raw, today=_today())
    d = parsed.data
    status = d["status"].to_numpy().astype(object)
    issues = list(parsed.issues)
    extra: list[RowIssue] = []
    region_code, suggestions = _resolve_desa(
        raw, d, user=user, region=region, confirmations=confirmations or {}, issues=extra
    )
    if extra:
        index = _row_index(raw)
        for issue in extra:
            if issue.severity == "error":
                status[index[issue.row]] = "error"
    dup = d["duplicate_of"].is_not_null().to_numpy()
    importable = (status != "error") & ~dup
    analysis = Analysis(raw, parsed, status, region_code, issues + extra, suggestions, importable)
    _compute_growth(analysis)
    analysis.issues.sort(key=lambda i: (i.row, i.severity != "error"))
    return analysis


def _row_index(raw: RawTable) -> dict[int, int]:
    return {int(r): i for i, r in enumerate(raw.rows)}


def _universe(region: Region) -> tuple[list[Region], list[Region]]:
    """Kecamatan and desa an import into ``region`` is matched against: its kabupaten's."""
    code = region.code[:5] if region.code.count(".") >= 1 else region.code
    qs = Region.objects.filter(code__startswith=code + ".") if code else Region.objects.all()
    kec = list(qs.filter(level=Level.KECAMATAN).only("code", "name"))
    desa = list(qs.filter(level=Level.DESA).only("code", "name", "parent_id"))
    return kec, desa


def suggestion_key(kecamatan: str | None, desa: str | None) -> str:
    return f"{matching.norm_place(kecamatan)}|{matching.norm_place(desa)}"


def _resolve_desa(
    raw: RawTable,
    d: pl.DataFrame,
    *,
    user,
    region: Region,
    confirmations: dict[str, str],
    issues: list[RowIssue],
) -> tuple[list[str | None], list[dict[str, Any]]]:
    """Each row's desa code: by Kemendagri code, else by name within the kecamatan. Near-miss
    names become suggestions the user confirms; unknown or out-of-scope desa are row errors."""
    access = Access(user)
    kecs, desas = _universe(region)
    kec_name = {k.code: k.name for k in kecs}
    desa_name = {x.code: x.name for x in desas}
    kec_by_norm: dict[str, list[str]] = defaultdict(list)
    for k in kecs:
        kec_by_norm[matching.norm_place(k.name)].append(k.code)
    desa_by_kec: dict[str, dict[str, str]] = defaultdict(dict)
    desa_by_norm: dict[str, list[str]] = defaultdict(list)
    for x in desas:
        desa_by_kec[x.parent_id][matching.norm_place(x.name)] = x.code
        desa_by_norm[matching.norm_place(x.name)].append(x.code)

    desa_label = raw.label("desa") if "desa" in raw.fields else raw.label("desa_code")
    kec_label = raw.label("kecamatan") if "kecamatan" in raw.fields else desa_label
    code_label = raw.label("desa_code") if "desa_code" in raw.fields else desa_label
    region_name = region.name

    suggestions: dict[str, dict[str, Any]] = {}
    resolved: dict[tuple, tuple[str | None, tuple[str, str, str] | None]] = {}

    def resolve(kec: str | None, ds: str | None, code: str | None):
        if code and code in desa_name:
            return code, None
        if not ds:
            if code:
                return None, (
                    code_label,
                    "desa_code_unknown",
                    f"Kode desa {code} tidak ada di {region_name}.",
                )
            return None, None  # reported by the parser as missing
        kn, dn = matching.norm_place(kec), matching.norm_place(ds)
        kec_codes = kec_by_norm.get(kn, []) if kec else []
        if kec and not kec_codes:
            only = desa_by_norm.get(dn, [])
            if len(only) == 1:
                return only[0], None
            near = matching.near_misses(kn, {n: n for n in kec_by_norm})
            hint = (
                f" Mungkin maksudnya Kecamatan {kec_name[kec_by_norm[near[0]][0]]}?" if near else ""
            )
            return None, (
                kec_label,
                "kecamatan_unknown",
                f"Kecamatan '{kec}' tidak ditemukan di {region_name}.{hint}",
            )
        if not kec:
            only = desa_by_norm.get(dn, [])
            if len(only) == 1:
                return only[0], None
            return None, (
                kec_label,
                "kecamatan_missing",
                f"Kecamatan kosong dan desa '{ds}' tidak bisa dipastikan.",
            )
        pool = {n: c for k in kec_codes for n, c in desa_by_kec[k].items()}
        if dn in pool:
            return pool[dn], None
        near = matching.near_misses(dn, pool)
        where = kec_name[kec_codes[0]]
        if near:
            key = suggestion_key(kec, ds)
            chosen = confirmations.get(key)
            allowed = set(pool.values())
            if chosen and chosen in allowed:
                return chosen, None
            entry = suggestions.setdefault(
                key,
                {
                    "key": key,
                    "kecamatan": kec,
                    "desa": ds,
                    "rows": 0,
                    "options": [{"code": pool[n], "name": desa_name[pool[n]]} for n in near],
                },
            )
            names = ", ".join(o["name"] for o in entry["options"])
            return None, (
                desa_label,
                "desa_suggestion",
                f"Desa/kelurahan '{ds}' tidak ditemukan di Kecamatan {where}. "
                f"Mungkin maksudnya: {names}? Pilih di halaman pratinjau.",
            )
        return None, (
            desa_label,
            "desa_unknown",
            f"Desa/kelurahan '{ds}' tidak ditemukan di Kecamatan {where}.",
        )

    kec_col = d["kecamatan"].to_list()
    desa_col = d["desa"].to_list()
    code_col = d["desa_code"].to_list()
    rows = raw.rows
    out: list[str | None] = []
    scope_ok: dict[str, bool] = {}
    for i, key in enumerate(zip(kec_col, desa_col, code_col, strict=True)):
        hit = resolved.get(key)
        if hit is None:
            hit = resolved[key] = resolve(*key)
        code, problem = hit
        if problem is not None:
            issues.append(RowIssue(int(rows[i]), problem[0], "error", problem[1], problem[2]))
            if problem[1] == "desa_suggestion":
                suggestions[suggestion_key(key[0], key[1])]["rows"] += 1
        if code is not None:
            ok = scope_ok.get(code)
            if ok is None:
                ok = scope_ok[code] = access.can_edit_region_data(code)
            if not ok:
                issues.append(
                    RowIssue(
                        int(rows[i]),
                        desa_label,
                        "error",
                        "desa_out_of_scope",
                        f"Desa {desa_name[code]} ({code}) di luar wilayah kerja Anda; baris tidak "
                        "diimpor.",
                    )
                )
                code = None
        out.append(code)
    return out, list(suggestions.values())


def _compute_growth(a: Analysis) -> None:
    """Z-scores for the importable rows; a WHO implausibility flag becomes a warning."""
    idx = a.idx
    d = a.parsed.data
    sub = d[idx] if len(idx) else d.clear()

    def f(name: str) -> np.ndarray:
        return sub[name].cast(pl.Float64).fill_null(np.nan).to_numpy()

    a.results = engine.compute(
        sex=sub["sex"].fill_null(0).to_numpy(),
        age_days=f("age_days"),
        weight_kg=f("weight_kg"),
        lenhei_cm=f("lenhei_cm"),
        measure=sub["measure"].fill_null("").to_numpy().astype(object),
        oedema=sub["oedema"].fill_null(False).to_numpy(),
        muac_cm=f("muac_cm"),
        headc_cm=f("headc_cm"),
    )
    for flag, (indicator, zname, column) in engine.FLAG_INDICATORS.items():
        hits = np.flatnonzero(a.results[flag])
        label = a.raw.label(column) if column in a.raw.fields else ""
        for j in hits:
            i = int(idx[j])
            msg = engine.flag_message(indicator, float(a.results[zname][j]))
            a.issues.append(RowIssue(int(a.raw.rows[i]), label, "warning", f"flag_{zname}", msg))
            if a.status[i] == "ok":
                a.status[i] = "warning"


# --- children and measurements already stored ----------------------------------------------


def _chunks(seq: list, n: int = 900) -> Iterable[list]:
    for k in range(0, len(seq), n):
        yield seq[k : k + n]


def _match(a: Analysis) -> None:
    """Find each importable row's child (NIK within the kabupaten, else name + birth date +
    mother within the desa) and what writing it would do: create, update or leave unchanged."""
    idx = a.idx
    d = a.parsed.data
    niks = d["nik"].fill_null("").to_list()  # 16 digits or null (eppgbm_parse)
    names, mothers = d["name"].to_list(), d["mother_name"].to_list()
    births = d["birth_date"].to_list()
    keys = [""] * d.height
    for i, key in zip(
        idx,
        matching.match_keys(
            [names[i] for i in idx], [births[i] for i in idx], [mothers[i] for i in idx]
        ),
        strict=True,
    ):
        keys[i] = key
    a.keys = keys
    desa_codes = sorted({a.region_code[i] for i in idx})
    wanted_niks = sorted({niks[i] for i in idx if niks[i]})

    by_nik: dict[tuple[str, str], int] = {}
    for chunk in _chunks(wanted_niks):
        for pk, nik, desa in Child.objects.filter(nik__in=chunk).values_list(
            "id", "nik", "desa_id"
        ):
            by_nik.setdefault((desa[:5], nik), pk)
    by_key: dict[tuple[str, str], int] = {}
    child_nik: dict[int, str] = {}
    for chunk in _chunks(desa_codes):
        qs = Child.objects.filter(desa_id__in=chunk).values_list(
            "id", "desa_id", "match_key", "nik"
        )
        for pk, desa, key, nik in qs:
            by_key.setdefault((desa, key), pk)
            child_nik[pk] = nik

    child_id = np.zeros(len(idx), dtype=np.int64)
    new_child: list[tuple | None] = [None] * len(idx)
    nik_fill: dict[int, str] = {}
    for j, i in enumerate(idx):
        code = a.region_code[i]
        pk = by_nik.get((code[:5], niks[i])) if niks[i] else None
        if pk is None:
            pk = by_key.get((code, keys[i]))
            if pk is not None and niks[i] and not child_nik.get(pk):
                nik_fill[pk] = niks[i]
        if pk is None:
            new_child[j] = ("nik", code[:5], niks[i]) if niks[i] else ("key", code, keys[i])
        else:
            child_id[j] = pk

    existing: dict[tuple[int, dt.date], tuple[int, dict[str, Any]]] = {}
    known = sorted({int(c) for c in child_id if c})
    names = [f for f, _ in COMPARED]
    for chunk in _chunks(known):
        qs = Measurement.objects.filter(child_id__in=chunk)
        for pk, child, day, *vals in qs.values_list("id", "child_id", "measured_on", *names):
            existing[(child, day)] = (pk, dict(zip(names, vals, strict=True)))

    values = _row_values(a)
    present = set(a.raw.fields)
    compared = [(f, src) for f, src in COMPARED if src is None or src in present]
    dates = d["measurement_date"].to_list()
    action = np.empty(len(idx), dtype=object)
    for j, i in enumerate(idx):
        m = existing.get((int(child_id[j]), dates[i])) if child_id[j] else None
        if m is None:
            action[j] = "create"
        elif all(_same(m[1][f], values[f][j]) for f, _ in compared):
            action[j] = "unchanged"
        else:
            action[j] = "update"
    a.child_id, a.new_child, a.action, a.existing, a.nik_fill = (
        child_id,
        new_child,
        action,
        existing,
        nik_fill,
    )


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, float) or isinstance(new, float):
        if stored is None or new is None:
            return stored is None and new is None
        return abs(float(stored) - float(new)) < 1e-9
    return stored == new


def _row_values(a: Analysis) -> dict[str, list[Any]]:
    """Measurement input fields of the importable rows, as stored (None for missing)."""
    idx = a.idx
    sub = a.parsed.data[idx] if len(idx) else a.parsed.data.clear()

    def floats(name: str) -> list[float | None]:
        return sub[name].cast(pl.Float64).to_list()

    return {
        "age_days": sub["age_days"].to_list(),
        "weight_kg": floats("weight_kg"),
        "lenhei_cm": floats("lenhei_cm"),
        "measure": sub["measure"].fill_null("").to_list(),
        "oedema": sub["oedema"].fill_null(False).to_list(),
        "muac_cm": floats("muac_cm"),
        "headc_cm": floats("headc_cm"),
        "desa_code": [a.region_code[i] for i in idx],
    }


# --- summary, issues and the error file -----------------------------------------------------


def _summary(a: Analysis, confirmations: dict[str, str]) -> dict[str, Any]:
    d = a.parsed.data
    status = a.status
    by_desa: dict[str, dict[str, Any]] = {}
    names = dict(
        Region.objects.filter(code__in={c for c in a.region_code if c}).values_list("code", "name")
    )
    kec_col, desa_col = d["kecamatan"].to_list(), d["desa"].to_list()
    for i, code in enumerate(a.region_code):
        if code:
            key, label = code, names.get(code, code)
        else:
            key = label = " / ".join(x for x in (kec_col[i], desa_col[i]) if x) or "(tanpa desa)"
        entry = by_desa.setdefault(
            key, {"code": code or "", "name": label, "ok": 0, "warning": 0, "error": 0}
        )
        entry[str(status[i])] += 1
    actions = a.action if a.action is not None else np.array([])
    issues = [[i.row, i.column, i.severity, i.code, i.message] for i in a.issues]
    return {
        "format": a.raw.format,
        "header_row": a.raw.header_row,
        "by_desa": sorted(by_desa.values(), key=lambda e: (e["code"] == "", e["code"], e["name"])),
        "suggestions": a.suggestions,
        "desa_confirmations": confirmations,
        "duplicates": int(d["duplicate_of"].is_not_null().sum()),
        "children_new": len({c for c in (a.new_child or []) if c is not None}),
        "predicted": {
            "created": int((actions == "create").sum()),
            "updated": int((actions == "update").sum()),
            "unchanged": int((actions == "unchanged").sum()),
        },
        "issues_total": len(issues),
        "issues": issues[:MAX_STORED_ISSUES],
    }


def _counts(a: Analysis) -> dict[str, int]:
    return {
        "rows_total": len(a.status),
        "rows_ok": int((a.status == "ok").sum()),
        "rows_warning": int((a.status == "warning").sum()),
        "rows_error": int((a.status == "error").sum()),
    }


def error_file_name(filename: str, fmt: str) -> str:
    stem = Path(filename).stem or "impor"
    return f"{stem}.galat.{'csv' if fmt == 'csv' else 'xlsx'}"


def write_error_rows(a: Analysis, path: str | os.PathLike[str]) -> int:
    """The rows with a problem, as the user wrote them, plus Status / Alasan / Baris Asal
    (helper ``eppgbm.write_error_file``); same format as the upload. Returns the row count."""
    return write_error_file(a.raw, a.issues, path, only_problems=True)


def _save_error_file(batch: ImportBatch, a: Analysis) -> None:
    if batch.error_file:
        batch.error_file.delete(save=False)
    if not a.issues:
        return
    name = error_file_name(batch.filename, a.raw.format)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        write_error_rows(a, path)
        batch.error_file.save(name, ContentFile(path.read_bytes()), save=False)


# --- public API ------------------------------------------------------------------------------


def _file_bytes(file) -> tuple[bytes, str]:
    if isinstance(file, str | os.PathLike):
        path = Path(file)
        return path.read_bytes(), path.name
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data, os.path.basename(getattr(file, "name", "") or "berkas")


def preview_import(file, *, user, region: Region) -> ImportBatch:
    """Store the upload and report what importing it would do. Never writes measurements.

    A file that cannot be read gives a batch with status ``failed`` and the Indonesian message
    (``batch.message``); otherwise status ``preview`` with counts and ``summary``.
    """
    data, filename = _file_bytes(file)
    batch = ImportBatch(
        filename=filename[:255],
        checksum=hashlib.sha256(data).hexdigest(),
        region=region,
        user=user,
    )
    batch.file.save(filename, ContentFile(data), save=False)
    try:
        a = _analyse(data, filename, user=user, region=region)
        _match(a)
    except ImportFileError as exc:
        batch.status = ImportStatus.FAILED
        batch.message = str(exc)
        batch.summary = {"file_error": str(exc)}
        batch.finished_at = timezone.now()
        batch.save()
        return batch
    for name, value in _counts(a).items():
        setattr(batch, name, value)
    batch.summary = _summary(a, {})
    pred = batch.summary["predicted"]
    batch.created, batch.updated, batch.unchanged = (
        pred["created"],
        pred["updated"],
        pred["unchanged"],
    )
    _save_error_file(batch, a)
    batch.save()
    _CACHE.put(batch, {}, a)
    return batch


def apply_confirmations(
    batch: ImportBatch, *, user, desa_confirmations: dict[str, str]
) -> ImportBatch:
    """Re-run the preview with the user's choices for near-miss desa names."""
    _require_preview(batch)
    a = _load_analysis(batch, user, desa_confirmations)
    _match(a)
    for name, value in _counts(a).items():
        setattr(batch, name, value)
    batch.summary = _summary(a, desa_confirmations)
    pred = batch.summary["predicted"]
    batch.created, batch.updated, batch.unchanged = (
        pred["created"],
        pred["updated"],
        pred["unchanged"],
    )
    _save_error_file(batch, a)
    batch.save()
    return batch


def confirm_import(
    batch: ImportBatch,
    *,
    user,
    desa_confirmations: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportBatch:
    """Write every good row (ok and warning) of a previewed batch in one transaction.

    On any failure nothing is written, the batch is ``failed`` and ``batch.message`` says why
    in Indonesian. Rows already stored with the same values are left alone (``unchanged``).
    """
    _require_preview(batch, allow_running=True)
    confirmations = dict(
        desa_confirmations
        if desa_confirmations is not None
        else batch.summary.get("desa_confirmations", {})
    )
    progress = progress or (lambda done, total, message: None)
    batch.status = ImportStatus.RUNNING
    batch.save(update_fields=["status"])
    try:
        a = _load_analysis(batch, user, confirmations)
        progress(0, int(a.importable.sum()), "Menyimpan data")
        with transaction.atomic():
            _match(a)
            counts = _write(a, batch=batch, user=user, progress=progress)
    except Exception as exc:
        logger.exception("import %s failed", batch.pk)
        batch.status = ImportStatus.FAILED
        detail = (
            str(exc)
            if isinstance(exc, ImportFileError | ImportRejected)
            else ("terjadi kesalahan saat menyimpan data")
        )
        batch.message = f"Impor gagal, tidak ada data yang disimpan: {detail}."
        batch.finished_at = timezone.now()
        batch.save()
        return batch
    for name, value in _counts(a).items():
        setattr(batch, name, value)
    batch.created, batch.updated, batch.unchanged = counts
    summary = _summary(a, confirmations)
    summary["predicted"] = {"created": counts[0], "updated": counts[1], "unchanged": counts[2]}
    batch.summary = summary
    batch.status = ImportStatus.DONE
    batch.finished_at = timezone.now()
    batch.message = ""
    _save_error_file(batch, a)
    batch.save()
    _CACHE.drop(batch)
    return batch


def cancel_import(batch: ImportBatch) -> ImportBatch:
    _require_preview(batch)
    batch.status = ImportStatus.CANCELLED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "finished_at"])
    _CACHE.drop(batch)
    return batch


def _require_preview(batch: ImportBatch, allow_running: bool = False) -> None:
    allowed = {ImportStatus.PREVIEW} | ({ImportStatus.RUNNING} if allow_running else set())
    if batch.status not in allowed:
        raise ImportRejected(
            f"Impor ini berstatus '{batch.get_status_display()}' dan tidak bisa diproses lagi."
        )


class _AnalysisCache:
    """The last analysis of each batch in this process: the CLI and a worker that previewed a
    file need not read it twice. Keyed by checksum and the desa confirmations."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self.items: dict[int, tuple[str, str, Analysis]] = {}

    def put(self, batch: ImportBatch, confirmations: dict[str, str], a: Analysis) -> None:
        self.items.pop(batch.pk, None)
        self.items[batch.pk] = (batch.checksum, repr(sorted(confirmations.items())), a)
        while len(self.items) > self.size:
            self.items.pop(next(iter(self.items)))

    def get(self, batch: ImportBatch, confirmations: dict[str, str]) -> Analysis | None:
        hit = self.items.get(batch.pk)
        if hit and hit[0] == batch.checksum and hit[1] == repr(sorted(confirmations.items())):
            return hit[2]
        return None

    def drop(self, batch: ImportBatch) -> None:
        self.items.pop(batch.pk, None)


_CACHE = _AnalysisCache()


def _load_analysis(batch: ImportBatch, user, confirmations: dict[str, str]) -> Analysis:
    cached = _CACHE.get(batch, confirmations)
    if cached is not None:
        return cached
    with batch.file.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != batch.checksum:
        raise ImportRejected("berkas yang tersimpan tidak sama dengan yang diunggah")
    a = _analyse(data, batch.filename, user=user, region=batch.region, confirmations=confirmations)
    _CACHE.put(batch, confirmations, a)
    return a


# --- writing ---------------------------------------------------------------------------------


CHILD_TEXT = {"nik": 16, "name": 120, "mother_name": 120, "father_name": 120, "address": 255,
              "rt": 5, "rw": 5}  # fmt: skip


def _write(a: Analysis, *, batch: ImportBatch, user, progress: ProgressFn) -> tuple[int, int, int]:
    """Children, new and changed measurements, with history, by columns (``fastwrite``)."""
    idx = a.idx
    d = a.parsed.data
    total = len(idx)
    assert a.action is not None and a.child_id is not None and a.new_child is not None
    reason = f"Impor {batch.filename}"
    posyandu = _posyandu_ids(a, user)
    sub = d[idx] if total else d.clear()
    cols = {
        name: sub[name].to_list()
        for name in ("nik", "name", "sex", "birth_date", "mother_name", "father_name", "address",
                     "rt", "rw", "posyandu", "measurement_date")
    }  # fmt: skip
    codes = [a.region_code[i] for i in idx]
    posyandu_of = [
        posyandu.get((codes[j], matching.norm_place(cols["posyandu"][j]))) for j in range(total)
    ]

    # children to create: one per identity, from its first row
    first_row: dict[tuple, int] = {}
    for j, ident in enumerate(a.new_child):
        if ident is not None and ident not in first_row:
            first_row[ident] = j
    rows = list(first_row.values())
    child_cols: dict[str, list[Any]] = {
        f: [(cols[f][j] or "")[:size] for j in rows] for f, size in CHILD_TEXT.items()
    }
    child_cols["sex"] = [int(cols["sex"][j]) for j in rows]
    child_cols["birth_date"] = [cols["birth_date"][j] for j in rows]
    child_cols["desa_id"] = [codes[j] for j in rows]
    child_cols["posyandu_id"] = [posyandu_of[j] for j in rows]
    child_cols["match_key"] = [a.keys[idx[j]] for j in rows]
    new_ids = fastwrite.insert(Child, child_cols, user=user, reason=reason)
    new_pk = dict(zip(first_row, new_ids, strict=True))
    if a.nik_fill:
        filled = list(Child.objects.filter(pk__in=list(a.nik_fill)))
        for c in filled:
            c.nik = a.nik_fill[c.pk]
        fastwrite.update(Child, filled, ["nik"], user=user, reason=reason)
    progress(0, total, "Menyimpan pengukuran")

    values = _row_values(a)
    results = _result_columns(a.results)
    create = [j for j in range(total) if a.action[j] == "create"]
    change = [j for j in range(total) if a.action[j] == "update"]
    unchanged = total - len(create) - len(change)

    def child_of(j: int) -> int:
        return int(a.child_id[j]) or new_pk[a.new_child[j]]

    m_cols: dict[str, list[Any]] = {
        "child_id": [child_of(j) for j in create],
        "measured_on": [cols["measurement_date"][j] for j in create],
        "posyandu_id": [posyandu_of[j] for j in create],
        "measurer": [""] * len(create),
        "batch_id": [batch.pk] * len(create),
    }
    for f, _ in COMPARED:
        m_cols[f] = [values[f][j] for j in create]
    for f, vals in results.items():
        m_cols[f] = [vals[j] for j in create]
    fastwrite.insert(Measurement, m_cols, user=user, reason=reason)
    progress(len(create), total, "Memperbarui pengukuran yang berubah")

    if change:
        present = set(a.raw.fields)
        compared = [f for f, src in COMPARED if src is None or src in present]
        dates = cols["measurement_date"]
        pks = [a.existing[(child_of(j), dates[j])][0] for j in change]
        objs = Measurement.objects.in_bulk(pks)
        changed = []
        for j, pk in zip(change, pks, strict=True):
            m = objs[pk]
            for f in compared:
                setattr(m, f, values[f][j])
            for f, vals in results.items():
                setattr(m, f, vals[j])
            m.posyandu_id = posyandu_of[j]
            m.batch_id = batch.pk
            changed.append(m)
        fields = [*compared, *results, "posyandu", "batch"]
        fastwrite.update(Measurement, changed, fields, user=user, reason=reason)
    progress(total, total, "Selesai")
    return len(create), len(change), unchanged


def _result_columns(results: dict[str, np.ndarray]) -> dict[str, list[Any]]:
    """Engine results as stored column values: NaN → None, flags bool, categories text."""
    out: dict[str, list[Any]] = {}
    n = len(next(iter(results.values()))) if results else 0
    for f in engine.Z_FIELDS:
        v = np.asarray(results[f], dtype=float)
        out[f] = np.where(np.isnan(v), None, v).tolist()
    for f in engine.FLAG_FIELDS:
        out[f] = np.asarray(results[f], dtype=bool).tolist()
    for f in engine.CAT_FIELDS:
        out[f] = [str(c or "") for c in results[f]]
    out["engine_version"] = [engine.ENGINE_VERSION] * n
    return out


def _posyandu_ids(a: Analysis, user) -> dict[tuple[str, str], int]:
    """Posyandu by (desa, normalised name); those named in the file and missing are created."""
    idx = a.idx
    names = a.parsed.data["posyandu"].to_list()
    wanted: dict[tuple[str, str], str] = {}
    for i in idx:
        if names[i]:
            wanted.setdefault((a.region_code[i], matching.norm_place(names[i])), names[i].strip())
    if not wanted:
        return {}
    desa_codes = sorted({c for c, _ in wanted})
    found: dict[tuple[str, str], int] = {}
    for chunk in _chunks(desa_codes):
        for pk, desa, name in Posyandu.objects.filter(desa_id__in=chunk).values_list(
            "id", "desa_id", "name"
        ):
            found.setdefault((desa, matching.norm_place(name)), pk)
    missing = [
        Posyandu(desa_id=c, name=wanted[(c, n)][:120]) for (c, n) in wanted if (c, n) not in found
    ]
    if missing:
        # distinct normalised names can still collide on the exact unique name; keep the first
        seen: set[tuple[str, str]] = set()
        unique = []
        for p in missing:
            if (p.desa_id, p.name) not in seen:
                seen.add((p.desa_id, p.name))
                unique.append(p)
        fastwrite.insert(
            Posyandu,
            {"name": [p.name for p in unique], "desa_id": [p.desa_id for p in unique],
             "puskesmas_id": [None] * len(unique)},
            user=user,
            reason="Impor: posyandu baru",
        )  # fmt: skip
        for pk, desa, name in Posyandu.objects.filter(desa_id__in=desa_codes).values_list(
            "id", "desa_id", "name"
        ):
            found.setdefault((desa, matching.norm_place(name)), pk)
    return found


# --- background confirmation, single entry, recomputation -----------------------------------


def start_import(batch: ImportBatch, *, user, desa_confirmations: dict[str, str]):
    """Hand a previewed batch to the worker (django-tasks); returns the ``JobProgress`` the
    progress page polls. The batch is ``running`` from now on, so it cannot be confirmed twice."""
    from konvergensi.core.jobs import start_job

    from .tasks import run_import

    _require_preview(batch)
    batch.status = ImportStatus.RUNNING
    summary = dict(batch.summary)
    summary["desa_confirmations"] = desa_confirmations
    batch.summary = summary
    job = start_job(
        run_import,
        job_kind="impor-pengukuran",
        user=user,
        message=f"Impor {batch.filename}",
        batch_id=batch.pk,
        user_id=user.pk,
        desa_confirmations=desa_confirmations,
    )
    batch.job_id = job.pk
    batch.save(update_fields=["status", "summary", "job_id"])
    return job


ENTRY_HEADER = [
    "NIK", "Nama", "JK", "Tgl Lahir", "Nama Ortu", "Kec", "Desa/Kel", "Kode Desa", "Posyandu",
    "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur", "LiLA", "Lingkar Kepala", "Edema",
]  # fmt: skip


def record_measurement(values: dict[str, Any], *, user, region: Region) -> ImportBatch:
    """One measurement typed into the web form, validated and written exactly like a file row:
    it becomes a one-row e-PPGBM csv that goes through preview and confirmation. When the row
    has errors the batch is cancelled and returned with its issues; nothing is written."""

    def num(v: Any) -> str:
        return "" if v is None else str(v).replace(".", ",")

    def day(v: Any) -> str:
        return v.strftime("%d/%m/%Y") if v else ""

    desa = values["desa"]
    cells = [
        values.get("nik") or "",
        values["name"],
        "L" if int(values["sex"]) == 1 else "P",
        day(values["birth_date"]),
        values.get("mother_name") or "",
        desa.parent.name if desa.parent_id else "",
        desa.name,
        desa.code,
        values.get("posyandu") or "",
        day(values["measured_on"]),
        num(values.get("weight_kg")),
        num(values.get("lenhei_cm")),
        {"l": "Terlentang", "h": "Berdiri"}.get(values.get("measure") or "", ""),
        num(values.get("muac_cm")),
        num(values.get("headc_cm")),
        "Ya" if values.get("oedema") else "Tidak",
    ]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(ENTRY_HEADER)
    writer.writerow(cells)
    name = f"entri-{timezone.localdate():%Y%m%d}.csv"
    batch = preview_import(
        ContentFile(buf.getvalue().encode("utf-8"), name=name), user=user, region=region
    )
    if batch.status != ImportStatus.PREVIEW:
        return batch
    if batch.rows_error:
        return cancel_import(batch)
    return confirm_import(batch, user=user, desa_confirmations={})


def recompute_zscores(*, batch_size: int = 5000, progress: ProgressFn | None = None) -> int:
    """Recompute stored z-scores, flags and categories of every measurement with the current
    engine (after an engine change); writes only the rows whose results differ. Returns how
    many changed. Vectorised per chunk of ``batch_size``, one bulk update per chunk."""
    fields = list(engine.RESULT_FIELDS)
    inputs = ["id", "child__sex", "age_days", "weight_kg", "lenhei_cm", "measure", "oedema",
              "muac_cm", "headc_cm"]  # fmt: skip
    total = Measurement.objects.count()
    changed = 0
    last = 0
    done = 0
    while True:
        rows = list(
            Measurement.objects.filter(pk__gt=last).order_by("pk").values_list(*inputs)[:batch_size]
        )
        if not rows:
            break
        last = rows[-1][0]
        cols = list(zip(*rows, strict=True))

        def floats(k: int, cols=cols) -> np.ndarray:
            return np.array([np.nan if v is None else v for v in cols[k]], dtype=float)

        result = engine.compute(
            sex=np.array(cols[1]),
            age_days=floats(2),
            weight_kg=floats(3),
            lenhei_cm=floats(4),
            measure=np.array(cols[5], dtype=object),
            oedema=np.array(cols[6], dtype=bool),
            muac_cm=floats(7),
            headc_cm=floats(8),
        )
        stored = {m.pk: m for m in Measurement.objects.filter(pk__in=[r[0] for r in rows])}
        dirty = []
        for j, r in enumerate(rows):
            m = stored[r[0]]
            new = engine.field_values(result, j)
            if any(not _same(getattr(m, f), v) for f, v in new.items()):
                for f, v in new.items():
                    setattr(m, f, v)
                dirty.append(m)
        if dirty:
            bulk_update_with_history(
                dirty, Measurement, fields, batch_size=BATCH_SIZE,
                default_change_reason="Hitung ulang z-score",
            )  # fmt: skip
        changed += len(dirty)
        done += len(rows)
        if progress:
            progress(done, total, "Menghitung ulang z-score")
    return changed
