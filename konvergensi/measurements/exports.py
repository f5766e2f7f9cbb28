"""Any analysis table as an .xlsx download: a header block stating what the figures are
(title, period, denominator), then one header row and the data rows.

The workbook is written by ``konvergensi.documents.xlsx`` (numbers stay numbers with Indonesian
display formats; ``None`` and NaN are empty cells: "tidak ada data" is stated in the header
block, not written as 0). Give it ``Column`` s and rows of plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from konvergensi.documents import xlsx
from konvergensi.documents.xlsx import DATE, INTEGER, ONE_DECIMAL, TWO_DECIMALS, Column

__all__ = ["DATE", "INTEGER", "ONE_DECIMAL", "TWO_DECIMALS", "Column", "workbook_bytes"]

DEFAULT_WIDTH = 12


def workbook_bytes(
    *,
    title: str,
    header_lines: Sequence[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    sheet: str = "Data",
) -> bytes:
    return xlsx.workbook_bytes(
        [
            xlsx.Sheet(
                sheet,
                columns,
                rows,
                header_lines=(title, *header_lines),
                widths=[c.width or DEFAULT_WIDTH for c in columns],
            )
        ]
    )


def xlsx_response(filename: str, **kwargs: Any) -> HttpResponse:
    """The workbook as an attachment named ``filename`` (.xlsx added when missing)."""
    return xlsx.attachment(filename, workbook_bytes(**kwargs))


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"
