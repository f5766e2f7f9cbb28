"""Every Excel workbook the app writes: table exports, coloured matrices and templates to fill.

A ``Sheet`` is an optional header block (title, period, denominator; the first line in bold),
one styled header row (frozen), data rows and, for templates, drop-down lists and text columns
on the rows a user fills in. Numbers stay numbers and dates stay dates, with formats that Excel
shows in the reader's locale (an Indonesian Excel shows 1.234,5 and 05/01/2024); ``None`` and
NaN are empty cells, never 0; text that starts with "=" is written as text, never a formula;
control characters that XML cannot carry are written as Excel writes them (``excel_text``).
Workbooks are written with openpyxl in write-only mode (memory stays flat as rows stream in).

A plain table of 100k rows and more (the e-PPGBM export) goes through ``large_table_bytes``:
``xlsx_stream`` writes it about 15 times faster than openpyxl, with a bold header and dates as
dd/mm/yyyy but no other styles.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .blocks import text_colour
from .xlsx_stream import excel_sheet_name, excel_text, write_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Number formats; Excel swaps the separators for the reader's locale (Indonesian: 1.234,5).
INTEGER = "#,##0"
ONE_DECIMAL = "#,##0.0"
TWO_DECIMALS = "#,##0.00"
DATE = "DD/MM/YYYY"
DATETIME = "DD/MM/YYYY HH:MM"
TEXT = "@"  # digits kept as typed (NIK, region codes): Excel would turn them into a number

HEADER_FILL = "#DDE7F0"
INPUT_ROWS = 1000  # rows of a template that get the drop-down lists


@dataclass(frozen=True)
class Column:
    """A header with its number format (``None``: general, dates as ``DATE``), width in
    characters, and for templates the values a user may pick (``choices``)."""

    label: str
    number_format: str | None = None
    width: float | None = None
    choices: tuple[str, ...] = ()


@dataclass
class Sheet:
    """One worksheet. ``headers``: labels or ``Column`` s (an empty sequence: no header row,
    e.g. an instructions sheet). ``fills``: optional hex colours per cell, same shape as
    ``rows``; the text turns white on dark fills. ``widths`` apply where a ``Column`` has none.
    ``number_format`` is for numbers in columns without a format of their own.
    ``frozen_columns``: how many columns stay in view when scrolling right (rows above the data
    always do). ``input_rows``: how many rows under the header get the ``choices`` lists."""

    title: str
    headers: Sequence[str | Column]
    rows: Iterable[Sequence[object]]
    fills: Sequence[Sequence[str | None]] | None = None
    header_lines: Sequence[str] = ()
    widths: Sequence[float] = ()
    number_format: str | None = None
    frozen_columns: int = 0
    input_rows: int = 0


def fill(hex_colour: str) -> PatternFill:
    rgb = "FF" + hex_colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets, in order, as one xlsx file."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        _write(wb.create_sheet(excel_sheet_name(sheet.title)), sheet)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def large_table_bytes(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> bytes:
    """One plain sheet (bold header row, dates dd/mm/yyyy), fast enough for 100k rows.
    Cells must already be ``str``, ``int``, ``float`` (not NaN), ``bool``, dates or ``None``:
    they are written as they are, with no per-cell conversion (that would double the time)."""

    def all_rows() -> Iterable[Sequence[object]]:
        yield list(headers)
        yield from rows

    out = io.BytesIO()
    write_xlsx(out, all_rows(), sheet_name=title, bold_rows=[0])
    return out.getvalue()


def attachment(filename: str, data: bytes) -> HttpResponse:
    """``data`` as a download named ``filename`` (.xlsx added when missing)."""
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


def _write(ws: Any, sheet: Sheet) -> None:
    columns = [h if isinstance(h, Column) else Column(h) for h in sheet.headers]
    for j, col in enumerate(columns, start=1):
        width = col.width or (sheet.widths[j - 1] if j <= len(sheet.widths) else None)
        dim = ws.column_dimensions[get_column_letter(j)]
        if width:
            dim.width = width
        if col.number_format:  # also the format of what a user types into the column
            dim.number_format = col.number_format
    for j in range(len(columns) + 1, len(sheet.widths) + 1):  # instructions: no headers
        ws.column_dimensions[get_column_letter(j)].width = sheet.widths[j - 1]

    # write-only mode writes the sheet view with the first row: freeze before appending
    header_row = len(sheet.header_lines) + (1 if sheet.header_lines else 0) + 1
    if columns:
        ws.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}{header_row + 1}"
        _add_choices(ws, columns, first=header_row + 1, count=sheet.input_rows)
    for k, line in enumerate(sheet.header_lines):
        text = excel_text(line)
        ws.append([_styled(ws, text, font=Font(bold=True, size=12)) if k == 0 else text])
    if sheet.header_lines:
        ws.append([])
    if columns:
        ws.append([_header_cell(ws, c.label) for c in columns])

    formats = [c.number_format for c in columns]
    for i, values in enumerate(sheet.rows):
        colours = sheet.fills[i] if sheet.fills else ()
        ws.append(
            [
                _data_cell(
                    ws,
                    _value(v),
                    formats[j] if j < len(formats) else None,
                    sheet.number_format,
                    colours[j] if j < len(colours) else None,
                )
                for j, v in enumerate(values)
            ]
        )


def _add_choices(ws: Any, columns: Sequence[Column], *, first: int, count: int) -> None:
    for j, col in enumerate(columns, start=1):
        if col.choices and count:
            letter = get_column_letter(j)
            dv = DataValidation(
                type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True
            )
            dv.add(f"{letter}{first}:{letter}{first + count - 1}")
            ws.data_validations.append(dv)


def _styled(ws: Any, value: object, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _header_cell(ws: Any, label: str) -> WriteOnlyCell:
    return _styled(
        ws,
        excel_text(label),
        font=Font(bold=True),
        fill=fill(HEADER_FILL),
        alignment=Alignment(wrap_text=True, vertical="top"),
    )


def _data_cell(
    ws: Any, value: object, column_format: str | None, number_format: str | None, colour: str | None
) -> object:
    fmt = column_format
    if fmt is None:
        if isinstance(value, dt.datetime):
            fmt = DATETIME
        elif isinstance(value, dt.date):
            fmt = DATE
        elif isinstance(value, int | float) and not isinstance(value, bool):
            fmt = number_format
    formula_like = isinstance(value, str) and value.startswith("=")
    if fmt is None and colour is None and not formula_like:
        return value  # a plain cell: the fast path of write-only mode
    cell = WriteOnlyCell(ws, value=value)
    if formula_like:
        cell.data_type = "s"
    if fmt is not None:
        cell.number_format = fmt
    if colour:
        cell.fill = fill(colour)
        cell.font = Font(color="FF" + text_colour(colour).lstrip("#").upper())
    return cell


def _value(v: object) -> object:
    """A cell value Excel can hold: numbers, text, dates, booleans, or empty."""
    if isinstance(v, str):
        return excel_text(v)
    if v is None or isinstance(v, bool | int):
        return v
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if isinstance(v, Decimal):
        return None if v.is_nan() else float(v)
    if isinstance(v, dt.datetime):
        return timezone.localtime(v).replace(tzinfo=None) if v.tzinfo is not None else v
    if isinstance(v, dt.date):
        return v
    return excel_text(str(v))
