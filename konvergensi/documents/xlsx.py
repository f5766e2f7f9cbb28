"""A coloured table as XLSX (openpyxl): a header block (title, period, denominator), one
header row, data rows with optional fills, and optional extra sheets (e.g. a legend)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .blocks import text_colour

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fill(hex_colour: str) -> PatternFill:
    rgb = "FF" + hex_colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    fills: Sequence[Sequence[str | None]] | None = None
    header_lines: Sequence[str] = ()
    widths: Sequence[float] = field(default_factory=tuple)
    number_format: str = "#,##0.0"


def _write(ws, sheet: Sheet) -> None:
    for line in sheet.header_lines:
        ws.append([line])
    if sheet.header_lines:
        ws["A1"].font = Font(bold=True, size=12)
        ws.append([])
    ws.append(list(sheet.headers))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(sheet.rows):
        ws.append(list(row))
        r = ws.max_row
        for j, value in enumerate(row):
            cell = ws.cell(row=r, column=j + 1)
            if isinstance(value, float | int) and not isinstance(value, bool):
                cell.number_format = sheet.number_format
            colour = sheet.fills[i][j] if sheet.fills else None
            if colour:
                cell.fill = fill(colour)
                cell.font = Font(color="FF" + text_colour(colour).lstrip("#").upper())
    for j, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write(wb.create_sheet(sheet.title[:31]), sheet)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
