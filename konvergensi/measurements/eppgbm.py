"""Importing e-PPGBM measurement exports, without Django (DESIGN §4 "Imports").

Three steps, each usable alone::

    raw = read_table(uploaded_bytes, filename="februari.xlsx")   # ImportFileError if unusable
    parsed = parse_rows(raw, today=date.today(), regions=desa_list)
    write_error_file(raw, parsed.issues, "februari-galat.xlsx", only_problems=True)

``parsed.data`` is a polars frame of typed rows; ``parsed.issues`` the row problems with
Indonesian messages; ``parsed.growth_inputs()`` gives the arrays for ``growth`` z-scores, whose
plausibility flags the caller adds before writing ``parsed.importable`` rows.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from typing import Literal

from .eppgbm_headers import ALIASES, LABELS, field_for_header, normalise_header
from .eppgbm_issues import RowIssue
from .eppgbm_match import region_key
from .eppgbm_parse import ParsedRows, parse_rows
from .eppgbm_read import ImportFileError, RawTable, gc_paused, read_table
from .eppgbm_values import cell_text
from .eppgbm_xlsx import write_xlsx

__all__ = [
    "ALIASES",
    "LABELS",
    "STATUS_LABELS",
    "ImportFileError",
    "ParsedRows",
    "RawTable",
    "RowIssue",
    "field_for_header",
    "normalise_header",
    "parse_rows",
    "read_table",
    "region_key",
    "write_error_file",
]

STATUS_LABELS = {"ok": "OK", "warning": "Peringatan", "error": "Galat"}
ERROR_FILE_COLUMNS = ("Status", "Alasan", "Baris Asal")
_CHUNK = 10_000  # rows fetched from the columns at a time when writing them back


def write_error_file(
    raw: RawTable,
    issues: Iterable[RowIssue],
    path: str | os.PathLike[str],
    *,
    only_problems: bool = False,
    fmt: Literal["xlsx", "csv"] | None = None,
) -> int:
    """Write the rows back with their original header and cells plus "Status" (OK / Peringatan /
    Galat), "Alasan" (every reason, joined by "; ") and "Baris Asal" (the row number in the
    uploaded file, since title and blank rows are not written).

    ``only_problems`` keeps only rows with an issue. ``fmt`` defaults to the input's kind:
    xlsx for spreadsheets, csv (same delimiter and encoding, decimal commas as typed) for csv.
    The file can be corrected and uploaded again: the three extra columns are not e-PPGBM
    columns and are ignored. Returns the number of data rows written.
    """
    fmt = fmt or ("csv" if raw.format == "csv" else "xlsx")
    reasons: dict[int, list[str]] = {}
    worst: dict[int, str] = {}
    for issue in issues:
        reasons.setdefault(issue.row, []).append(issue.message.rstrip("."))
        if issue.severity == "error" or issue.row not in worst:
            worst[issue.row] = issue.severity
    header: list[object] = [*raw.header, *ERROR_FILE_COLUMNS]

    def body() -> Iterable[list[object]]:
        numbers = raw.rows.tolist()
        idx = [i for i, n in enumerate(numbers) if n in reasons] if only_problems else None
        for start in range(0, len(numbers) if idx is None else len(idx), _CHUNK):
            part = (
                list(range(start, min(start + _CHUNK, len(numbers))))
                if idx is None
                else idx[start : start + _CHUNK]
            )
            for i, cells in zip(part, raw.rows_values(part), strict=True):
                number = numbers[i]
                status = STATUS_LABELS[worst.get(number, "ok")]
                if fmt == "csv":
                    cells = [cell_text(v) for v in cells]
                yield [*cells, status, "; ".join(reasons.get(number, ())), number]

    count = 0

    def counted() -> Iterable[list[object]]:
        nonlocal count
        yield header
        for row in body():
            count += 1
            yield row

    with gc_paused():
        if fmt == "xlsx":
            write_xlsx(os.fspath(path), counted(), sheet_name="Hasil Pemeriksaan", bold_rows=[0])
        else:
            encoding = raw.encoding if raw.encoding in ("cp1252", "latin-1") else "utf-8-sig"
            with open(path, "w", newline="", encoding=encoding, errors="replace") as fh:
                csv.writer(fh, delimiter=raw.delimiter or ";").writerows(counted())
    return count
