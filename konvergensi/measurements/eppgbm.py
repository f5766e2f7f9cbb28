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

from konvergensi.documents.xlsx_stream import write_xlsx

from .eppgbm_headers import ALIASES, LABELS, field_for_header, normalise_header
from .eppgbm_issues import RowIssue
from .eppgbm_match import region_key
from .eppgbm_parse import ParsedRows, parse_rows
from .eppgbm_read import ImportFileError, RawTable, gc_paused, read_table
from .eppgbm_values import cell_text

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
ERROR_FILE_COLUMNS = ("Status", "Kolom", "Alasan", "Baris Asal")
# the problem cells of an xlsx error file: Excel's own light red ("Bad") and yellow ("Neutral")
FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}
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
    Galat), "Kolom" (the header of each column with a problem, joined by "; "), "Alasan" (every
    reason, joined by "; "; both list errors before warnings) and "Baris Asal" (the row number
    in the uploaded file, since title and blank rows are not written). In xlsx the problem
    cells are filled light red (galat) or yellow (peringatan).

    ``only_problems`` keeps only rows with an issue. ``fmt`` defaults to the input's kind:
    xlsx for spreadsheets, csv (same delimiter and encoding, decimal commas as typed) for csv.
    The file can be corrected and uploaded again: the four extra columns are not e-PPGBM
    columns and are ignored. Returns the number of data rows written.
    """
    fmt = fmt or ("csv" if raw.format == "csv" else "xlsx")
    by_row: dict[int, list[RowIssue]] = {}
    for issue in issues:
        by_row.setdefault(issue.row, []).append(issue)
    reasons: dict[int, list[str]] = {}
    columns: dict[int, list[str]] = {}
    worst: dict[int, str] = {}
    cells: dict[int, dict[int, str]] = {}  # row number → column index → worst severity
    position = {label: j for j, label in reversed(list(enumerate(raw.header)))}
    for number, found in by_row.items():
        found.sort(key=lambda issue: issue.severity != "error")  # errors first, stable
        worst[number] = found[0].severity
        reasons[number] = [issue.message.rstrip(".") for issue in found]
        named = columns[number] = []
        marks: dict[int, str] = {}
        for issue in found:
            for label in _labels(issue.column, position):
                if label not in named:
                    named.append(label)
                j = position.get(label)
                if j is not None and marks.get(j) != "error":
                    marks[j] = issue.severity
        if marks:
            cells[number] = marks
    header: list[object] = [*raw.header, *ERROR_FILE_COLUMNS]
    numbers = raw.rows.tolist()
    idx = [i for i, n in enumerate(numbers) if n in reasons] if only_problems else None

    def body() -> Iterable[list[object]]:
        for start in range(0, len(numbers) if idx is None else len(idx), _CHUNK):
            part = (
                list(range(start, min(start + _CHUNK, len(numbers))))
                if idx is None
                else idx[start : start + _CHUNK]
            )
            for i, values in zip(part, raw.rows_values(part), strict=True):
                number = numbers[i]
                status = STATUS_LABELS[worst.get(number, "ok")]
                if fmt == "csv":
                    values = [cell_text(v) for v in values]
                named = "; ".join(columns.get(number, ()))
                yield [*values, status, named, "; ".join(reasons.get(number, ())), number]

    count = 0

    def counted() -> Iterable[list[object]]:
        nonlocal count
        yield header
        for row in body():
            count += 1
            yield row

    with gc_paused():
        if fmt == "xlsx":
            write_xlsx(
                os.fspath(path),
                counted(),
                sheet_name="Hasil Pemeriksaan",
                bold_rows=[0],
                fills=_fills(cells, numbers, idx),
            )
        else:
            encoding = raw.encoding if raw.encoding in ("cp1252", "latin-1") else "utf-8-sig"
            with open(path, "w", newline="", encoding=encoding, errors="replace") as fh:
                csv.writer(fh, delimiter=raw.delimiter or ";").writerows(counted())
    return count


def _labels(column: str, position: dict[str, int]) -> list[str]:
    """The headers an issue names: none, one, or several joined by "; " (a conflict between
    rows names each column whose values differ)."""
    if not column:
        return []
    if column in position:
        return [column]
    return column.split("; ")


def _fills(
    cells: dict[int, dict[int, str]], numbers: list[int], idx: list[int] | None
) -> dict[int, dict[int, str]]:
    """The fills of the problem cells by output row (0 is the header): the row numbers of
    ``cells`` placed where ``idx`` (or, when None, every row) writes them."""
    written = numbers if idx is None else [numbers[i] for i in idx]
    return {
        k + 1: {j: FILLS[severity] for j, severity in cells[n].items()}
        for k, n in enumerate(written)
        if n in cells
    }
