"""xlsx out: templates to fill and exported tables, written by ``konvergensi.documents.xlsx``.

Each sheet is ``(title, header, rows)`` with the header on the first row, so that a filled
template is read back by ``indicators/tabular.py`` as it was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from konvergensi.documents import xlsx

SheetRows = tuple[str, Sequence[str], Iterable[Sequence[object]]]


def xlsx_response(filename: str, sheets: Iterable[SheetRows]) -> HttpResponse:
    tables = [xlsx.Sheet(title, header, rows) for title, header, rows in sheets]
    return xlsx.attachment(filename, xlsx.workbook_bytes(tables))
