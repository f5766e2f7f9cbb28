"""Any table as an .xlsx download (openpyxl): a header block stating what the figures are
(title, period, denominator), then one header row and the data rows.

Generic on purpose, so other apps reuse it: give it ``Column`` s and rows of plain values.
Numbers stay numbers (never text) with number formats Excel shows in the reader's locale
(an Indonesian Excel shows 1.234 and 24,3); ``None`` and NaN become empty cells ("tidak ada
data" is stated in the header block, not written as 0).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

INTEGER = "#,##0"
ONE_DECIMAL = "#,##0.0"
TWO_DECIMALS = "#,##0.00"
DATE = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    label: str
    number_format: str | None = None  # None: text / general
    width: float = 12


def workbook_bytes(
    *,
    title: str,
    header_lines: Sequence[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    sheet: str = "Data",
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_name(sheet)
    ws.append([title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    for line in header_lines:
        ws.append([line])
    ws.append([])
    header_row = ws.max_row + 1
    ws.append([c.label for c in columns])
    fill = PatternFill("solid", fgColor="DDE7F0")
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=j)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = col.width
    for values in rows:
        ws.append([_cell_value(v) for v in values])
        r = ws.max_row
        for j, col in enumerate(columns, start=1):
            if col.number_format:
                ws.cell(row=r, column=j).number_format = col.number_format
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, **kwargs: Any) -> HttpResponse:
    """The workbook as an attachment named ``filename`` (.xlsx added when missing)."""
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)
    response = HttpResponse(workbook_bytes(**kwargs), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


def _cell_value(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dt.datetime) and v.tzinfo is not None:
        return v.replace(tzinfo=None)
    if v is not None and not isinstance(v, (int, float, str, dt.date, bool)):
        return str(v)
    return v


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Data"
