"""xlsx out: templates to fill and exported tables (openpyxl, write-only)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

import openpyxl
from django.http import HttpResponse
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(v):
    # Decimal is written as a number (openpyxl stores it as float: fine for display).
    return float(v) if isinstance(v, Decimal) else v


def workbook_bytes(
    sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]],
) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        head = []
        for h in header:
            c = openpyxl.cell.WriteOnlyCell(ws, value=h)
            c.font = bold
            head.append(c)
        ws.append(head)
        for r in rows:
            ws.append([_cell(v) for v in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, sheets) -> HttpResponse:
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
