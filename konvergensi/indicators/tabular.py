"""One import pattern for every table a user fills in a spreadsheet (coverage, supply, ...).

A :class:`TableSpec` names its columns and knows how to parse one row into a keyed record, how
to find the stored records for a set of keys and how to write. :func:`run_import` reads the
xlsx, validates every row (collecting every problem with its row and column), compares with
what is stored and — unless ``dry_run`` — writes all good rows in ONE transaction with
history attributed to the user. The preview is the same call with ``dry_run=True``, so that
what the user saw is what is written. Rows with an error are never written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

HEADER_SEARCH_ROWS = 10
MAX_ISSUES_SHOWN = 500


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; ``str(err)`` is the user's message."""


@dataclass(frozen=True)
class Issue:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)s, kolom %(column)s: %(message)s") % asdict(self)


@dataclass
class ImportReport:
    ok: int = 0
    errors: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    empty: int = 0
    issues: list[Issue] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["issues"] = [asdict(i) for i in self.issues[:MAX_ISSUES_SHOWN]]
        d["issues_total"] = len(self.issues)
        return d

    def summary(self) -> str:
        return (
            f"ok={self.ok} errors={self.errors} created={self.created} "
            f"updated={self.updated} unchanged={self.unchanged}"
        )


class RowErrors:
    """Collects the problems of one row; a spec's ``parse`` appends and carries on."""

    def __init__(self, row: int):
        self.row = row
        self.items: list[Issue] = []

    def add(self, column: str, message: str) -> None:
        self.items.append(Issue(self.row, column, str(message)))

    def __bool__(self) -> bool:
        return bool(self.items)


class TableSpec:
    """What one kind of table provides to :func:`run_import` (subclass and fill in)."""

    columns: tuple[str, ...] = ()  # the template's columns, in order
    required: tuple[str, ...] = ()  # columns a file must have
    value_columns: tuple[str, ...] = ()  # a row with all of these empty is skipped
    model: Any = None
    update_fields: tuple[str, ...] = ()

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        """Load the look-ups the rows need in a few queries."""

    def parse(self, cells: dict[str, Any], errors: RowErrors) -> tuple[Hashable, dict] | None:
        raise NotImplementedError

    def existing(self, keys: list[Hashable]) -> dict[Hashable, Any]:
        raise NotImplementedError

    def same(self, obj: Any, values: dict) -> bool:
        return all(getattr(obj, k) == v for k, v in values.items() if k in self.update_fields)

    def build(self, key: Hashable, values: dict) -> Any:
        return self.model(**values)

    def apply(self, obj: Any, values: dict) -> None:
        for k in self.update_fields:
            setattr(obj, k, values[k])


def read_rows(data: bytes, columns: tuple[str, ...], required: tuple[str, ...]):
    """The data rows of the first sheet with our header: ``[(excel_row, {column: cell})]``."""
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("Berkas bukan spreadsheet xlsx. Unduh templat lalu isi."))
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(_("Berkas xlsx rusak atau tidak dapat dibaca.")) from None
    best_missing: list[str] | None = None
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            for number, values in enumerate(rows, start=1):
                if number > HEADER_SEARCH_ROWS:
                    break
                header = [str(v).strip().lower() if v is not None else "" for v in values]
                if not any(c in header for c in required):
                    continue
                missing = [c for c in required if c not in header]
                if missing:
                    best_missing = missing
                    break
                index = {c: header.index(c) for c in columns if c in header}
                out = []
                for n, raw in enumerate(rows, start=number + 1):
                    if raw is None or all(v is None or str(v).strip() == "" for v in raw):
                        continue
                    cells = {c: (raw[j] if j < len(raw) else None) for c, j in index.items()}
                    out.append((n, cells))
                return out
    finally:
        wb.close()
    missing = best_missing or list(required)
    raise ImportFileError(
        _("Kolom wajib tidak ditemukan: %(cols)s. Gunakan templat yang diunduh.")
        % {"cols": ", ".join(missing)}
    )


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def run_import(spec: TableSpec, data: bytes, *, user, dry_run: bool) -> ImportReport:
    """Validate every row; unless ``dry_run``, write the good ones in one transaction."""
    rows = read_rows(data, spec.columns, spec.required)
    report = ImportReport()
    spec.prepare(rows)
    parsed: dict[Hashable, tuple[int, dict]] = {}
    for number, cells in rows:
        if spec.value_columns and all(_blank(cells.get(c)) for c in spec.value_columns):
            report.empty += 1
            continue
        errors = RowErrors(number)
        result = spec.parse(cells, errors)
        if result is not None and not errors:
            key, values = result
            if key in parsed:
                errors.add(spec.required[0], _("duplikat dari baris %(n)s") % {"n": parsed[key][0]})
            else:
                parsed[key] = (number, values)
        if errors:
            report.errors += 1
            report.issues.extend(errors.items)
    report.ok = len(parsed)
    with transaction.atomic():
        stored = spec.existing(list(parsed))
        new, changed = [], []
        for key, (_n, values) in parsed.items():
            obj = stored.get(key)
            if obj is None:
                new.append(spec.build(key, values))
            elif spec.same(obj, values):
                report.unchanged += 1
            else:
                spec.apply(obj, values)
                changed.append(obj)
        report.created, report.updated = len(new), len(changed)
        if not dry_run:
            write(spec.model, new, changed, spec.update_fields, user=user)
            report.written = True
    return report


def write(model, new: Iterable, changed: Iterable, fields: Iterable[str], *, user) -> None:
    """Create and update with one history row each, attributed to ``user``."""
    new, changed = list(new), list(changed)
    if new:
        bulk_create_with_history(new, model, batch_size=500, default_user=user)
    if changed:
        bulk_update_with_history(changed, model, list(fields), batch_size=500, default_user=user)
