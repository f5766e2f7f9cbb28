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
import json
import logging
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import CharField, Max
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Posyandu, Region, within
from konvergensi.regions.services import national_kabupaten

from . import engine, eppgbm_match, fastwrite, matching
from .eppgbm import (
    ImportFileError,
    ParsedRows,
    RawTable,
    RowIssue,
    parse_rows,
    read_table,
    write_error_file,
)
from .eppgbm_issues import Severity
from .eppgbm_values import texts
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
    importable: np.ndarray  # bool per row: passed the file's checks (``_match`` may refuse more)
    results: dict[str, np.ndarray] = field(default_factory=dict)  # engine output, importable rows
    # filled by _match: one row per importable row, in order (see _match for the columns)
    matched: pl.DataFrame | None = None
    # "create" / "update" / "unchanged" per importable row, "skip" when _match refused it
    action: np.ndarray | None = None
    children_new: int = 0
    nik_fill: dict[int, str] = field(default_factory=dict)  # child pk → NIK it was missing
    rows: pl.DataFrame | None = None  # _importable_rows, kept for a second _match
    version: tuple | None = None  # _data_version() when _match read the database
    access: Access | None = None  # the importing user's: may a message name a stored child?
    # what _match added, so that matching again starts from the file's own verdict
    match_issues: list[RowIssue] = field(default_factory=list)
    status_before_match: np.ndarray | None = None

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
            elif status[index[issue.row]] == "ok":
                status[index[issue.row]] = "warning"
    dup = d["duplicate_of"].is_not_null().to_numpy()
    importable = (status != "error") & ~dup
    analysis = Analysis(raw, parsed, status, region_code, issues + extra, suggestions, importable)
    analysis.access = Access(user)
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


def _other_kabupaten(raw: RawTable, region: Region, issues: list[RowIssue]) -> np.ndarray:
    """Rows whose Kab/Kota names another kabupaten/kota than the one the import's desa are
    looked up in: errors (a desa of the same name there is not this one). A name that is no
    kabupaten of the Kemendagri list and no near miss or initials of this one's is a warning:
    the row is matched here. Only for an import within one kabupaten."""
    n = len(raw)
    bad = np.zeros(n, dtype=bool)
    col = raw.column("kabupaten")
    if col is None or region.code.count(".") < 1:
        return bad
    kab_code = region.code[:5]
    own_name = Region.objects.filter(code=kab_code).values_list("name", flat=True).first()
    if own_name is None:
        return bad
    national = national_kabupaten()
    keys = {c: matching.kabupaten_key(nm) for c, nm in national}
    own_keys = [matching.kabupaten_key(own_name)]
    own_keys += [matching.kabupaten_key(nm) for c, nm in national if c == kab_code]
    label = raw.label("kabupaten")

    def verdict(text: str) -> tuple[Severity, str] | None:
        is_code = re.fullmatch(r"[\d.\s]+", text) is not None  # "53.02" or "5302"
        if is_code:
            digits = re.sub(r"\D", "", text)
            if digits == kab_code.replace(".", ""):
                return None
            elsewhere = [nm for c, nm in national if c.replace(".", "") == digits]
        else:
            key = matching.kabupaten_key(text)
            if not key[1] or any(matching.same_kabupaten(key, k) for k in own_keys):
                return None
            elsewhere = [
                nm for c, nm in national if c != kab_code and matching.same_kabupaten(key, keys[c])
            ]
        if elsewhere:
            return "error", (
                f"Kab/Kota '{text}' adalah {' atau '.join(elsewhere)}, bukan {own_name}: baris "
                "tidak diimpor di sini."
            )
        if not is_code and matching.may_abbreviate(text, own_name):
            return None
        return "warning", (f"Kab/Kota '{text}' tidak dikenal; desa baris ini dicari di {own_name}.")

    values = texts(col)
    verdicts = {text: verdict(text) for text in values.drop_nulls().unique().to_list()}
    said = {t: v for t, v in verdicts.items() if v is not None}
    for i in np.flatnonzero(values.is_in(list(said)).fill_null(False).to_numpy()):
        severity, message = said[values[int(i)]]
        code = "kabupaten_other" if severity == "error" else "kabupaten_unknown"
        issues.append(RowIssue(int(raw.rows[i]), label, severity, code, message))
        bad[i] = severity == "error"
    return bad


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
                f"Mungkin maksudnya: {names}? Pilih desa yang dimaksud agar baris ini diimpor.",
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
    other_kab = _other_kabupaten(raw, region, issues)
    for i, key in enumerate(zip(kec_col, desa_col, code_col, strict=True)):
        if other_kab[i]:
            out.append(None)
            continue
        hit = resolved.get(key)
        if hit is None:
            hit = resolved[key] = resolve(*key)
        code, problem = hit
        if problem is not None:
            issues.append(RowIssue(int(rows[i]), problem[0], "error", problem[1], problem[2]))
            if problem[1] == "desa_suggestion":
                suggestions[suggestion_key(key[0], key[1])]["rows"] += 1
        if code is not None and not within(code, region.code):
            # an import for a kecamatan (the CLI's --region) keeps to it
            issues.append(
                RowIssue(
                    int(rows[i]),
                    desa_label,
                    "error",
                    "desa_outside_import_region",
                    f"Desa {desa_name[code]} ({code}) di luar wilayah impor ini ({region_name}); "
                    "baris tidak diimpor.",
                )
            )
            code = None
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
    found: list[tuple[int, str, str, str]] = []  # (row index, column, code, message)
    for flag, (indicator, zname, column) in engine.FLAG_INDICATORS.items():
        label = a.raw.label(column) if column in a.raw.fields else ""
        for j in np.flatnonzero(a.results[flag]):
            msg = engine.flag_message(indicator, float(a.results[zname][j]))
            found.append((int(idx[j]), label, f"flag_{zname}", msg))
    label = a.raw.label("measure") if "measure" in a.raw.fields else ""
    for j in np.flatnonzero(a.results["standing_infant"]):
        found.append((int(idx[j]), label, "standing_infant", engine.STANDING_INFANT_MESSAGE))
    for i, label, code, msg in found:
        a.issues.append(RowIssue(int(a.raw.rows[i]), label, "warning", code, msg))
        if a.status[i] == "ok":
            a.status[i] = "warning"


# --- children and measurements already stored ----------------------------------------------


def _among(values: Iterable[Any] | pl.Series, kind: str) -> Any:
    """``values`` for ``field__in`` as a one-column subquery sent as one parameter (a PostgreSQL
    array, a JSON list on SQLite): an import looks up ~100k NIKs or children at once, and IN
    lists of 900 parameters took a hundred statements and seconds to build. ``kind`` is the
    PostgreSQL element type ("text", "bigint")."""
    values = values.to_list() if isinstance(values, pl.Series) else list(values)
    if connection.vendor == "postgresql":
        return RawSQL(f"SELECT unnest(%s::{kind}[])", [values])
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])
    return values


def _match(a: Analysis) -> None:
    """Find each importable row's child (NIK within the kabupaten, else name + birth date +
    mother within the desa) and what writing it would do: create, update or leave unchanged.

    Three queries whatever the file size, then joins in polars. ``a.matched`` has per importable
    row its file values (``_ROW_COLUMNS``), ``code`` (desa), ``key`` (``Child.match_key``),
    ``child_id`` (0 = new child), ``ident`` (the identity of a new child, one per child to
    create) and ``measurement_id`` (the stored measurement of child + date, 0 = none). The
    oldest child wins when several match.

    One NIK is one child and two NIKs are two children (docs/decisions/0004): a row whose NIK
    is stored with another birth date or sex becomes an error (action "skip"), and a row whose
    name, birth date and mother match a child stored with another NIK makes a new child, with
    a warning. Rows that reach one stored child on one date are errors too."""
    if a.rows is None:
        a.rows = _importable_rows(a)
    f = a.rows
    _forget_match_issues(a)
    a.version = _data_version()  # before reading: a write after it shows as a new version
    # the birth date as ISO text, parsed by polars: Django's per-row date converter made this
    # query on 100k children about 1.8× slower (0.18 s instead of 0.10 s, SQLite)
    by_nik = _frame(
        Child.objects.filter(
            nik__in=_among(f["nik"].drop_nulls().unique().sort(), "text")
        ).annotate(born=Cast("birth_date", CharField())),
        {"nik_child": pl.Int64, "nik": pl.String, "desa": pl.String, "nik_birth": pl.String,
         "nik_sex": pl.Int64},
        "id", "nik", "desa_id", "born", "sex",
    ).select(
        "nik", "nik_sex", kab=pl.col("desa").str.slice(0, 5), nik_child="nik_child",
        nik_birth=pl.col("nik_birth").str.to_date("%Y-%m-%d"),
    ).unique(["kab", "nik"], keep="first", maintain_order=True)  # fmt: skip
    by_key = _frame(
        Child.objects.filter(desa_id__in=_among(f["code"].unique().sort(), "text")),
        {"key_child": pl.Int64, "code": pl.String, "key": pl.String, "child_nik": pl.String},
        "id", "desa_id", "match_key", "nik",
    ).unique(["code", "key"], keep="first", maintain_order=True)  # fmt: skip
    f = (
        f.with_columns(kab=pl.col("code").str.slice(0, 5))
        .join(by_nik, on=["kab", "nik"], how="left", maintain_order="left")
        .join(by_key, on=["code", "key"], how="left", maintain_order="left")
        .with_columns(
            other_nik=(pl.col("child_nik") != "").fill_null(False)
            & (pl.col("child_nik") != pl.col("nik")).fill_null(False),
            skip=(pl.col("nik_birth") != pl.col("birth_date")).fill_null(False)
            | (pl.col("nik_sex") != pl.col("sex").cast(pl.Int64)).fill_null(False),
        )
        .with_columns(
            child_id=pl.coalesce(
                "nik_child",
                pl.when(~pl.col("other_nik")).then("key_child"),
                pl.lit(0, pl.Int64),
            )
        )
    )
    _report_nik_mismatches(a, f)
    fill = f.filter(
        pl.col("nik_child").is_null() & pl.col("key_child").is_not_null()
        & pl.col("nik").is_not_null() & (pl.col("child_nik") == "")
    )  # fmt: skip
    a.nik_fill = dict(zip(fill["key_child"].to_list(), fill["nik"].to_list(), strict=True))
    f = f.with_columns(
        ident=pl.when((pl.col("child_id") == 0) & ~pl.col("skip")).then(
            pl.when(pl.col("nik").is_not_null())
            .then(pl.concat_str(pl.lit("nik"), "kab", "nik", separator="|"))
            .otherwise(pl.concat_str(pl.lit("key"), "code", "key", separator="|"))
        )
    ).drop("kab", "nik_child", "key_child", "child_nik", "nik_birth", "nik_sex", "other_nik")
    f = _join_rows_without_nik(a, f)

    known = f.filter(pl.col("child_id") > 0)["child_id"].unique().sort()
    names = [name for name, _ in COMPARED]
    stored = _frame(
        Measurement.objects.filter(child_id__in=_among(known, "bigint")) if len(known) else None,
        {"measurement_id": pl.Int64, "child_id": pl.Int64, "measurement_date": pl.Date,
         **{f"old_{n}": f.schema[n] for n in names}, "old_posyandu": pl.Int64},
        "id", "child_id", "measured_on", *names, "posyandu_id",
    )  # fmt: skip
    f = f.join(stored, on=["child_id", "measurement_date"], how="left", maintain_order="left")
    present = set(a.raw.fields)
    # the posyandu only when the file has the column: without it the stored one stays (_write)
    f = _with_same_posyandu(f) if "posyandu" in present else f.with_columns(same_posyandu=True)
    same = pl.col("same_posyandu")
    for name, src in COMPARED:
        if src is None or src in present:
            new, old = pl.col(name), pl.col(f"old_{name}")
            if f.schema[name] == pl.Float64:  # as _same: equal within 1e-9, or both missing
                same &= (new.is_null() & old.is_null()) | ((new - old).abs() < 1e-9).fill_null(
                    False
                )
            else:
                same &= new.eq_missing(old)
    f = f.with_columns(
        action=pl.when(pl.col("skip"))
        .then(pl.lit("skip"))
        .when(pl.col("measurement_id").is_null())
        .then(pl.lit("create"))
        .when(same)
        .then(pl.lit("unchanged"))
        .otherwise(pl.lit("update")),
        measurement_id=pl.col("measurement_id").fill_null(0),
    ).drop("skip", "old_posyandu", "same_posyandu", *(f"old_{n}" for n in names))
    f = _refuse_two_niks_for_one_child(a, f)
    f = _refuse_one_child_twice_a_day(a, f)
    a.matched = f
    a.action = f["action"].to_numpy().astype(object)
    a.children_new = f.filter(pl.col("action") != "skip")["ident"].drop_nulls().n_unique()


def _with_same_posyandu(f: pl.DataFrame) -> pl.DataFrame:
    """``f`` with ``same_posyandu``: is the file's posyandu the stored measurement's
    (``old_posyandu``)? Compared as ``_with_posyandu`` finds it, by desa and normalised name:
    a name written otherwise is the same posyandu, one the write would create is another. None
    on either side is the same; one on one side only is a change."""
    ids = f["old_posyandu"].drop_nulls().unique().sort()
    places = _frame(
        Posyandu.objects.filter(pk__in=_among(ids, "bigint")) if len(ids) else None,
        {"old_posyandu": pl.Int64, "old_desa": pl.String, "old_name": pl.String},
        "id", "desa_id", "name",
    )  # fmt: skip
    names = {*f["posyandu"].drop_nulls().unique(), *places["old_name"]}
    norm = {n: matching.norm_place(n) for n in names}

    def place(desa: str, name: str) -> pl.Expr:
        normalised = pl.col(name).replace_strict(norm, default="", return_dtype=pl.String)
        return pl.when(pl.col(name).fill_null("") != "").then(
            pl.concat_str(desa, normalised, separator="|")
        )

    old = places.select("old_posyandu", old_place=place("old_desa", "old_name"))
    return (
        f.join(old, on="old_posyandu", how="left", maintain_order="left")
        .with_columns(same_posyandu=place("code", "posyandu").eq_missing(pl.col("old_place")))
        .drop("old_place")
    )


def _join_rows_without_nik(a: Analysis, f: pl.DataFrame) -> pl.DataFrame:
    """A row without NIK that would make a new child becomes the child of the file's rows with
    a NIK and the same match key, desa and sex (docs/decisions/0004): a child written once
    with its NIK and once without is registered once. When those rows carry several NIKs the
    row cannot tell which child it is: it keeps a child of its own, with a warning."""
    with_nik = (
        f.with_row_index("j")
        .filter(pl.col("nik").is_not_null() & ~pl.col("skip"))
        .group_by("code", "key", "sex")
        .agg(
            # rows of one NIK and match key share child_id and ident (both follow from them)
            g_niks=pl.col("nik").n_unique(),
            g_rows="j",
            g_child=pl.col("child_id").first(),
            g_ident=pl.col("ident").first(),
        )
    )
    f = f.join(with_nik, on=["code", "key", "sex"], how="left", maintain_order="left")
    lone = pl.col("nik").is_null() & (pl.col("child_id") == 0) & pl.col("g_niks").is_not_null()
    ambiguous = f.with_row_index("j").filter(lone & (pl.col("g_niks") > 1))
    if ambiguous.height:
        rows = a.raw.rows[a.idx]
        at = a.idx[ambiguous["j"].to_numpy()]
        label = a.raw.label("nik") if "nik" in a.raw.fields else ""
        added = []
        for i, js in zip(at.tolist(), ambiguous["g_rows"].to_list(), strict=True):
            others = eppgbm_match.first_few(sorted(int(rows[k]) for k in js), 10)
            message = (
                f"Nama, tanggal lahir dan nama ibu sama dengan baris {others} yang NIK-nya "
                "berbeda: tidak jelas anak yang mana, baris ini dicatat sebagai anak tanpa NIK. "
                "Isi NIK pada baris ini."
            )
            added.append(RowIssue(int(a.raw.rows[i]), label, "warning", "nik_ambiguous", message))
        a.status[at[a.status[at] == "ok"]] = "warning"
        _add_match_issues(a, added)
    join = lone & (pl.col("g_niks") == 1)
    return f.with_columns(
        child_id=pl.when(join).then("g_child").otherwise("child_id"),
        ident=pl.when(join).then("g_ident").otherwise("ident"),
    ).drop("g_niks", "g_rows", "g_child", "g_ident")


def _add_match_issues(a: Analysis, added: list[RowIssue]) -> None:
    a.match_issues.extend(added)
    a.issues.extend(added)
    a.issues.sort(key=lambda i: (i.row, i.severity != "error"))


def _forget_match_issues(a: Analysis) -> None:
    """Back to the status and issues of the file alone, before (another) ``_match``."""
    if a.status_before_match is None:
        a.status_before_match = a.status.copy()
        return
    a.status = a.status_before_match.copy()
    added = {id(i) for i in a.match_issues}
    a.issues = [i for i in a.issues if id(i) not in added]
    a.match_issues = []


def _report_nik_mismatches(a: Analysis, f: pl.DataFrame) -> None:
    """The issues of ``_match``'s NIK rules (docs/decisions/0004): an error on each row whose
    NIK is stored with another birth date or sex (names the stored child only to a user who
    may see its personal data), a warning on each row made a new child because a child with
    its name, birth date and mother is stored with another NIK. Messages are built on whole
    columns: a kabupaten whose stored birth dates are all off gives one per row."""
    clash = f.with_row_index("j").filter(
        pl.col("skip") | (pl.col("other_nik") & (pl.col("child_id") != pl.col("key_child")))
    )
    if not clash.height:
        return
    access = a.access
    stored = _frame(
        Child.objects.filter(
            pk__in=_among(clash.filter("skip")["nik_child"].unique().sort(), "bigint")
        ),
        {"nik_child": pl.Int64, "stored_name": pl.String, "stored_desa": pl.String},
        "id", "name", "desa_id",
    )  # fmt: skip
    clash = clash.join(stored, on="nik_child", how="left", maintain_order="left")

    def allowed(column: str, check: Callable[[Access, str], bool]) -> pl.Expr:
        ok = {c: access is not None and check(access, c) for c in clash[column].drop_nulls()}
        return pl.col(column).replace_strict(ok, default=False, return_dtype=pl.Boolean)

    def day(column: str) -> pl.Expr:
        return pl.col(column).dt.strftime("%d/%m/%Y")

    def sex(column: str) -> pl.Expr:
        words = eppgbm_match.SEX_WORDS
        return (
            pl.col(column).cast(pl.Int64).replace_strict(words, default="", return_dtype=pl.String)
        )

    who = pl.when(allowed("stored_desa", Access.can_view_personal_data))
    who = who.then(pl.concat_str(pl.lit(" ("), "stored_name", pl.lit(")"))).otherwise(pl.lit(""))
    nik = pl.when(allowed("code", Access.can_view_full_nik))
    nik = nik.then(pl.concat_str(pl.lit(" "), "child_nik")).otherwise(pl.lit(""))
    out = clash.select(
        "j",
        "skip",
        birth=pl.when(pl.col("skip") & (pl.col("nik_birth") != pl.col("birth_date"))).then(
            pl.concat_str(
                pl.lit("NIK sudah terdaftar untuk anak dengan tanggal lahir "), day("nik_birth"),
                who, pl.lit(", bukan "), day("birth_date"),
                pl.lit(": periksa tanggal lahir atau NIK."),
            )
        ),
        sex=pl.when(pl.col("skip") & (pl.col("nik_sex") != pl.col("sex"))).then(
            pl.concat_str(
                pl.lit("NIK sudah terdaftar untuk anak "), sex("nik_sex"), who,
                pl.lit(", bukan "), sex("sex"), pl.lit(": periksa jenis kelamin atau NIK."),
            )
        ),
        other=pl.when(~pl.col("skip")).then(
            pl.concat_str(
                pl.lit("Nama, tanggal lahir dan nama ibu sama dengan anak yang sudah terdaftar di "
                       "desa ini dengan NIK lain"), nik,
                pl.lit(": baris ini dicatat sebagai anak lain. Periksa NIK bila keduanya anak "
                       "yang sama."),
            )
        ),
    )  # fmt: skip
    at = a.idx[out["j"].to_numpy()]
    skip = out["skip"].to_numpy()
    a.status[at[skip]] = "error"
    warn = at[~skip]
    a.status[warn[a.status[warn] == "ok"]] = "warning"
    label = {k: a.raw.label(k) if k in a.raw.fields else "" for k in ("nik", "birth_date", "sex")}
    kinds = (
        ("birth", label["birth_date"], "error", "nik_birth_date_stored"),
        ("sex", label["sex"], "error", "nik_sex_stored"),
        ("other", label["nik"], "warning", "nik_other_child"),
    )
    columns = [out[k].to_list() for k, *_ in kinds]
    for row, *messages in zip(a.raw.rows[at].tolist(), *columns, strict=True):
        for message, (_, column, severity, code) in zip(messages, kinds, strict=True):
            if message is not None:
                a.match_issues.append(RowIssue(int(row), column, severity, code, message))
    a.issues.extend(a.match_issues)
    a.issues.sort(key=lambda i: (i.row, i.severity != "error"))


def _refuse_one_child_twice_a_day(a: Analysis, f: pl.DataFrame) -> pl.DataFrame:
    """Rows the file keys apart (by NIK, or without one by name + birth date + mother) that
    reach one stored child, or one new child (``_join_rows_without_nik``), on one date are one
    measurement twice: each becomes an error naming the others, as conflicting rows of one key
    in the file do (the database allows one measurement of a child a day; written, the second
    row failed the whole import)."""
    groups = (
        f.with_row_index("j")
        .filter(
            ((pl.col("child_id") > 0) | pl.col("ident").is_not_null())
            & (pl.col("action") != "skip")
        )
        .group_by("child_id", "ident", "measurement_date")
        .agg("j")
        .filter(pl.col("j").list.len() > 1)
    )
    if not groups.height:
        return f
    rows = a.raw.rows[a.idx]
    refused: list[int] = []
    added: list[RowIssue] = []
    for js in groups["j"].to_list():
        for j in js:
            others = ", ".join(str(int(rows[k])) for k in sorted(js) if k != j)
            message = (
                "Anak yang sama (dikenali lewat NIK atau lewat nama, tanggal lahir dan nama ibu) "
                f"diukur pada tanggal yang sama di baris {others}: periksa NIK kedua baris atau "
                "hapus salah satunya."
            )
            added.append(RowIssue(int(rows[j]), "", "error", "same_child_same_date", message))
        refused.extend(js)
    return _refuse(a, f, refused, added)


def _refuse_two_niks_for_one_child(a: Analysis, f: pl.DataFrame) -> pl.DataFrame:
    """Rows with different NIKs that reach one stored child (one without NIK, found by name +
    birth date + mother: a child with a NIK is reached by no other) are two children or a NIK
    typed wrong, and nobody can tell which NIK is right: each becomes an error naming the rows
    with another NIK (docs/decisions/0004). Written, the child got the measurements of both
    and whichever NIK came last. Messages are built once per NIK, as in
    ``eppgbm_match.check_nik_conflicts``."""
    groups = (
        f.with_row_index("j")
        .filter(
            (pl.col("child_id") > 0) & pl.col("nik").is_not_null() & (pl.col("action") != "skip")
        )
        .group_by("child_id")
        .agg("j", "nik")
        .filter(pl.col("nik").list.n_unique() > 1)
    )
    if not groups.height:
        return f
    rows = a.raw.rows[a.idx]
    label = a.raw.label("nik") if "nik" in a.raw.fields else ""
    messages: dict[int, str] = {}
    for js, niks in zip(groups["j"].to_list(), groups["nik"].to_list(), strict=True):
        by_nik: dict[str, list[int]] = defaultdict(list)
        for j, nik in zip(js, niks, strict=True):
            by_nik[nik].append(j)
        for nik, mine in by_nik.items():
            others = sorted(int(rows[k]) for n, ks in by_nik.items() if n != nik for k in ks)
            text = (
                "Nama, tanggal lahir dan nama ibu sama dengan anak tanpa NIK yang sudah terdaftar, "
                f"seperti baris {eppgbm_match.first_few(others, 10)} tetapi dengan NIK lain "
                f"({eppgbm_match.first_few([n for n in by_nik if n != nik], 5)}): tidak jelas NIK "
                "mana yang benar. Periksa NIK baris-baris ini."
            )
            for j in mine:
                messages[j] = text
    refused = sorted(messages)
    added = [
        RowIssue(int(rows[j]), label, "error", "nik_two_for_one_child", messages[j])
        for j in refused
    ]
    return _refuse(a, f, refused, added)


def _refuse(
    a: Analysis, f: pl.DataFrame, refused: list[int], added: list[RowIssue]
) -> pl.DataFrame:
    """Rows ``refused`` (positions in ``f``) become errors with the issues ``added``: their
    action is "skip" and the children they reach get no NIK from this file."""
    a.status[a.idx[refused]] = "error"
    children = set(f[refused]["child_id"].to_list())
    a.nik_fill = {pk: nik for pk, nik in a.nik_fill.items() if pk not in children}
    _add_match_issues(a, added)
    return f.with_columns(
        action=pl.when(pl.int_range(pl.len()).is_in(refused))
        .then(pl.lit("skip"))
        .otherwise(pl.col("action"))
    )


def _data_version() -> tuple[int | None, ...]:
    """A high-water mark of the stored children and measurements: the largest id of each table
    and of its history. Every write of the app (imports, single entry, edits, deletions,
    recomputation) adds a history record, so an unchanged mark means the database holds what
    ``_match`` saw. Four index look-ups."""
    models = (Child, Child.history.model, Measurement, Measurement.history.model)  # type: ignore[attr-defined]
    return tuple(m._default_manager.aggregate(top=Max("pk"))["top"] for m in models)


def _rematch_if_changed(a: Analysis) -> None:
    """Inside the import transaction: match again unless nothing was written since the preview
    matched (the same analysis, in this process). On SQLite the transaction holds the write
    lock from here to the commit, so the match cannot go stale while it is written."""
    if a.matched is None or a.version is None or a.version != _data_version():
        _match(a)


# The file values of an importable row kept for matching and writing.
_ROW_COLUMNS = ("nik", "name", "sex", "birth_date", "mother_name", "father_name", "address", "rt",
                "rw", "posyandu", "measurement_date")  # fmt: skip


def _importable_rows(a: Analysis) -> pl.DataFrame:
    """The importable rows as stored values: ``_ROW_COLUMNS``, the ``COMPARED`` fields, the
    desa ``code`` and the child's match ``key``."""
    idx = a.idx
    sub = a.parsed.data[idx] if len(idx) else a.parsed.data.clear()
    codes = [a.region_code[i] for i in idx]
    keys = matching.match_keys(
        sub["name"].to_list(), sub["birth_date"].to_list(), sub["mother_name"].to_list()
    )
    floats = ("weight_kg", "lenhei_cm", "muac_cm", "headc_cm")
    return sub.select(
        *(c for c in _ROW_COLUMNS if c != "nik"),
        pl.col("nik").replace("", None),  # 16 digits or null (eppgbm_parse)
        pl.col("age_days").cast(pl.Int64),
        *(pl.col(n).cast(pl.Float64) for n in floats),
        pl.col("measure").fill_null(""),
        pl.col("oedema").fill_null(False),
        code=pl.Series(codes, dtype=pl.String),
        key=pl.Series(keys, dtype=pl.String),
    ).with_columns(desa_code=pl.col("code"))


def _frame(qs: Any, schema: dict[str, Any], *fields: str) -> pl.DataFrame:
    """``qs.values_list(*fields)`` as a polars frame named and typed by ``schema``."""
    rows = list(qs.order_by("id").values_list(*fields)) if qs is not None else []
    return pl.DataFrame(rows, schema=schema, orient="row")


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, float) or isinstance(new, float):
        if stored is None or new is None:
            return stored is None and new is None
        return abs(float(stored) - float(new)) < 1e-9
    return stored == new


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
            # "" = no desa at all: the page names it in the reader's language
            key = label = " / ".join(x for x in (kec_col[i], desa_col[i]) if x)
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
        "children_new": a.children_new,
        # stored children without a NIK that the file gives one (not counted as measurements)
        "nik_filled": len(a.nik_fill),
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
            _rematch_if_changed(a)
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
    assert a.matched is not None
    f = pl.concat([a.matched, _result_frame(a.results, a.matched.height)], how="horizontal").filter(
        pl.col("action") != "skip"
    )
    total = f.height
    reason = f"Impor {batch.filename}"
    f = _with_posyandu(f, user)

    # children to create: one per identity, from its first row with a NIK (rows without one may
    # belong to the child of a row with one: _join_rows_without_nik), else from its first row
    first = (
        f.filter(pl.col("ident").is_not_null())
        .sort(pl.col("nik").is_null(), maintain_order=True)
        .unique("ident", keep="first", maintain_order=True)
    )
    children = first.select(
        *(pl.col(name).fill_null("").str.slice(0, size) for name, size in CHILD_TEXT.items()),
        pl.col("sex").cast(pl.Int64),
        "birth_date",
        "posyandu_id",
        desa_id="code",
        match_key="key",
    )
    new_ids = fastwrite.insert(Child, children.to_dict(), user=user, reason=reason)
    f = f.join(
        first.select("ident", new_id=pl.Series(new_ids, dtype=pl.Int64)),
        on="ident",
        how="left",
        maintain_order="left",
    ).with_columns(child_id=pl.when(pl.col("ident").is_null()).then("child_id").otherwise("new_id"))
    if a.nik_fill:
        filled = list(Child.objects.filter(pk__in=list(a.nik_fill)))
        for c in filled:
            c.nik = a.nik_fill[c.pk]
        fastwrite.update(Child, filled, ["nik"], user=user, reason=reason)
    progress(0, total, "Menyimpan pengukuran")

    stored = [*(name for name, _ in COMPARED), *engine.RESULT_FIELDS]
    create = f.filter(pl.col("action") == "create").select(
        "child_id",
        "posyandu_id",
        *stored,
        measured_on="measurement_date",
        measurer=pl.lit(""),
        batch_id=pl.lit(batch.pk, dtype=pl.Int64),
    )
    fastwrite.insert(Measurement, create.to_dict(), user=user, reason=reason)
    progress(create.height, total, "Memperbarui pengukuran yang berubah")

    change = f.filter(pl.col("action") == "update")
    if change.height:
        # A column the file lacks (Posyandu, Berat, LiLA ...) keeps its stored value, and the
        # results are computed from the stored and the new inputs together: the file's own
        # results would take a missing weight for "no weight" and drop the stored one's z-scores.
        present = set(a.raw.fields)
        compared = [name for name, src in COMPARED if src is None or src in present]
        posyandu = ["posyandu"] if "posyandu" in present else []
        written = [*compared, *(f"{p}_id" for p in posyandu)]
        pks = change["measurement_id"].to_list()
        objs = Measurement.objects.in_bulk(pks)
        changed = []
        for pk, row in zip(pks, change.select(written).rows(named=True), strict=True):
            m = objs[pk]
            for name, value in row.items():
                setattr(m, name, value)
            m.batch_id = batch.pk
            changed.append(m)
        recompute_measurements(changed, sex=change["sex"].fill_null(0).to_numpy())
        fields = [*compared, *engine.RESULT_FIELDS, *posyandu, "batch"]
        fastwrite.update(Measurement, changed, fields, user=user, reason=reason)
    progress(total, total, "Selesai")
    return create.height, change.height, int((f["action"] == "unchanged").sum())


def recompute_measurements(objs: list[Measurement], *, sex: np.ndarray) -> None:
    """Set the growth results of ``objs`` from their input fields (``sex`` per object), without
    saving: for an import's updated measurements and a merge's moved ones (``merge.py``)."""

    def floats(name: str) -> np.ndarray:
        return np.array([getattr(m, name) for m in objs], dtype=float)  # None → NaN

    result = engine.compute(
        sex=sex,
        age_days=floats("age_days"),
        weight_kg=floats("weight_kg"),
        lenhei_cm=floats("lenhei_cm"),
        measure=np.array([m.measure for m in objs], dtype=object),
        oedema=np.array([m.oedema for m in objs], dtype=bool),
        muac_cm=floats("muac_cm"),
        headc_cm=floats("headc_cm"),
    )
    for j, m in enumerate(objs):
        for name, value in engine.field_values(result, j).items():
            setattr(m, name, value)


def _result_frame(results: dict[str, np.ndarray], n: int) -> pl.DataFrame:
    """Engine results as stored column values: NaN → null, flags bool, categories text."""
    if not n:
        results = {}
    columns = [
        *(pl.Series(f, np.asarray(results.get(f, []), dtype=float)).fill_nan(None)
          for f in engine.Z_FIELDS),
        *(pl.Series(f, np.asarray(results.get(f, []), dtype=bool)) for f in engine.FLAG_FIELDS),
        *(pl.Series(f, [str(c or "") for c in results.get(f, [])], dtype=pl.String)
          for f in engine.CAT_FIELDS),
        pl.Series("engine_version", [engine.ENGINE_VERSION] * n, dtype=pl.String),
    ]  # fmt: skip
    return pl.DataFrame(columns)


def _with_posyandu(f: pl.DataFrame, user) -> pl.DataFrame:
    """``f`` with ``posyandu_id`` of each row's posyandu (by desa and normalised name), creating
    those named in the file and missing."""
    combos = f.select("code", "posyandu").unique(maintain_order=True)
    found = _posyandu_ids(combos.rows(), user)
    ids = [found.get((code, matching.norm_place(name))) if name else None
           for code, name in combos.rows()]  # fmt: skip
    combos = combos.with_columns(posyandu_id=pl.Series(ids, dtype=pl.Int64))
    return f.join(combos, on=["code", "posyandu"], how="left", nulls_equal=True,
                  maintain_order="left")  # fmt: skip


def _posyandu_ids(named: list[tuple[str, str | None]], user) -> dict[tuple[str, str], int]:
    """Posyandu by (desa, normalised name) for the (desa code, posyandu name) pairs of a file;
    those named and missing are created."""
    wanted: dict[tuple[str, str], str] = {}
    for code, name in named:
        if name:
            wanted.setdefault((code, matching.norm_place(name)), name.strip())
    if not wanted:
        return {}
    desa_codes = sorted({c for c, _ in wanted})
    found: dict[tuple[str, str], int] = {}
    in_desa = Posyandu.objects.filter(desa_id__in=_among(desa_codes, "text")).order_by("id")
    for pk, desa, name in in_desa.values_list("id", "desa_id", "name"):
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
        for pk, desa, name in in_desa.values_list("id", "desa_id", "name"):
            found.setdefault((desa, matching.norm_place(name)), pk)
    return found


# --- background confirmation, single entry, recomputation -----------------------------------


@transaction.atomic
def start_import(batch: ImportBatch, *, user, desa_confirmations: dict[str, str]):
    """Hand a previewed batch to the worker (django-tasks); returns the ``JobProgress`` the
    progress page polls. The batch is ``running`` from now on, so it cannot be confirmed twice."""
    from konvergensi.core.jobs import start_job

    from .tasks import run_import

    # Two confirmations (a double click) may both have read the batch as a preview: the second
    # waits for the first's row lock (SQLite: its write lock) and then sees it running.
    locked = ImportBatch.objects.select_for_update().values_list("status", flat=True)
    batch.status = locked.get(pk=batch.pk)
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
