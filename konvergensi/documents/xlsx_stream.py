# ruff: noqa: E501  (SpreadsheetML boilerplate reads best unwrapped)
"""A minimal, fast xlsx writer: one sheet of strings, numbers and dates, header rows in bold,
and optionally a few cells filled with a colour (the problem cells of an error file).

openpyxl's write-only mode spends ~10 µs a cell; e-PPGBM exports of 100k rows × 34 columns
would take most of a minute. This writes the same SpreadsheetML by string formatting (shared
strings, dates as serials styled dd/mm/yyyy) and is several times faster. Files open in Excel,
LibreOffice, openpyxl and calamine. Callers go through ``documents.xlsx.large_table_bytes``
(or ``write_xlsx`` for a path); styled workbooks (fills, formats, templates) are openpyxl's there.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import IO
from xml.sax.saxutils import escape

_EPOCH = dt.date(1899, 12, 30).toordinal()

# what XML 1.0 cannot carry (control characters but tab, line feed and carriage return; U+FFFE,
# U+FFFF), and an underscore that starts "_xHHHH_", which readers would take for an escape
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def excel_text(text: str) -> str:
    """``text`` as a worksheet stores it: what XML cannot carry (a vertical tab pasted from
    Word, a stray control character in a csv) as ``_xHHHH_``, and the underscore of a literal
    "_x0041_" as ``_x005F_``, as Excel writes them (ECMA-376 Part 1, ST_Xstring). Excel,
    LibreOffice and calamine read back ``text`` itself."""
    if _UNWRITABLE.search(text) is None:
        return text
    return _UNWRITABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def excel_sheet_name(name: str) -> str:
    """A name Excel accepts: no []:*?/\\ or control characters and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\\x00-\x1f\ufffe\uffff]", "-", name)[:31] or "Data"


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""

# style 1 = date dd/mm/yyyy, style 2 = bold (header); then per fill colour k (from 0) style
# 3 + 2k = that fill, 4 + 2k = that fill on a date
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="{n_fills}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>{fills}</fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="{n_xfs}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{xfs}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _styles(colours: Sequence[str]) -> str:
    fills = "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="{c}"/><bgColor indexed="64"/>'
        "</patternFill></fill>"
        for c in colours
    )
    xfs = "".join(
        f'<xf numFmtId="0" fontId="0" fillId="{2 + k}" borderId="0" xfId="0" applyFill="1"/>'
        f'<xf numFmtId="164" fontId="0" fillId="{2 + k}" borderId="0" xfId="0" '
        'applyNumberFormat="1" applyFill="1"/>'
        for k in range(len(colours))
    )
    return _STYLES.format(
        n_fills=2 + len(colours), fills=fills, n_xfs=3 + 2 * len(colours), xfs=xfs
    )


_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _cell(value: object, style: str, sst: dict[str, int], date_style: str = ' s="1"') -> str:
    if value is None or value == "":
        return f"<c{style}/>"  # keeps the position; cells carry no reference (it is optional)
    t = type(value)
    if t is float or t is int:
        return f"<c{style}><v>{value!r}</v></c>"
    if t is bool:
        return f'<c t="b"{style}><v>{int(value)}</v></c>'  # type: ignore[call-overload]
    if t is dt.date:
        return f"<c{date_style}><v>{value.toordinal() - _EPOCH}</v></c>"  # type: ignore[attr-defined]
    if t is dt.datetime:
        v: dt.datetime = value  # type: ignore[assignment]
        serial = v.toordinal() - _EPOCH + (v.hour * 3600 + v.minute * 60 + v.second) / 86400
        return f"<c{date_style}><v>{serial!r}</v></c>"
    text = value if t is str else str(value)
    return f'<c t="s"{style}><v>{sst.setdefault(text, len(sst))}</v></c>'  # type: ignore[arg-type]


def _column_xml(col: Sequence[object], style: str, sst: dict[str, int]) -> list[str]:
    """The cells of one column of a block of rows; one comprehension per common case."""
    types = set(map(type, col))
    sd = sst.setdefault
    if types <= {str}:
        return [f'<c t="s"{style}><v>{sd(v, len(sst))}</v></c>' if v else "<c/>" for v in col]  # type: ignore[arg-type]
    if types <= {float, int}:
        return [f"<c><v>{v!r}</v></c>" for v in col]
    return [_cell(v, style, sst) for v in col]


def _block_xml(
    first: int,
    block: list[Sequence[object]],
    bold: set[int],
    sst: dict[str, int],
    fills: Mapping[int, Mapping[int, int]],
) -> str:
    """``fills``: row index → column index → colour number (styles 3 + 2k and 4 + 2k)."""
    width = max((len(r) for r in block), default=0)
    rows = [list(r) + [""] * (width - len(r)) if len(r) < width else r for r in block]
    cells_by_row: list[Sequence[str]]
    if any(first + k in bold for k in range(len(rows))):  # the header: style row by row
        cells_by_row = [
            [_cell(v, ' s="2"' if first + k in bold else "", sst) for v in row]
            for k, row in enumerate(rows)
        ]
    else:
        columns = [_column_xml(col, "", sst) for col in zip(*rows, strict=True)]
        cells_by_row = list(zip(*columns, strict=True)) if columns else [[] for _ in rows]
    for k, row in enumerate(rows):
        marks = fills.get(first + k)
        if marks:  # the few filled rows are written again, cell by cell, with their styles
            cells = list(cells_by_row[k])
            for j, colour in marks.items():
                if j < len(row):
                    cells[j] = _cell(
                        row[j], f' s="{3 + 2 * colour}"', sst, f' s="{4 + 2 * colour}"'
                    )
            cells_by_row[k] = cells
    return "".join(
        f'<row r="{first + k + 1}">{"".join(cells)}</row>' for k, cells in enumerate(cells_by_row)
    )


def _shared_strings(sst: dict[str, int]) -> bytes:
    def item(text: str) -> str:
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f"<si><t{space}>{escape(excel_text(text))}</t></si>"

    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(sst)}" uniqueCount="{len(sst)}">'
    )
    return (head + "".join(map(item, sst)) + "</sst>").encode()


def write_xlsx(
    path: str | IO[bytes],
    rows: Iterable[Sequence[object]],
    *,
    sheet_name: str = "Sheet1",
    bold_rows: Iterable[int] = (),
    fills: Mapping[int, Mapping[int, str]] | None = None,
) -> None:
    """Write ``rows`` (cells: str, int, float, bool, date, datetime, None) as one sheet.

    ``bold_rows`` are 0-based indexes of rows to set in bold (the header). ``fills`` colours
    single cells: row index → column index → ARGB colour ("FFFFC7CE"); both 0-based. Strings go
    to the shared-strings table, as Excel writes them (smaller files, faster to read back).
    """
    bold = set(bold_rows)
    colours = sorted({c for marks in (fills or {}).values() for c in marks.values()})
    number = {c: k for k, c in enumerate(colours)}
    cell_fills = {
        i: {j: number[c] for j, c in marks.items()} for i, marks in (fills or {}).items() if marks
    }
    sst: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr(
            "xl/workbook.xml",
            _WORKBOOK.format(name=escape(excel_sheet_name(sheet_name), {'"': "&quot;"})),
        )
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _styles(colours))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(_SHEET_HEAD.encode())
            block: list[Sequence[object]] = []
            first = 0
            for row in rows:
                block.append(row)
                if len(block) >= 5000 or (first + len(block)) in bold or first in bold:
                    fh.write(_block_xml(first, block, bold, sst, cell_fills).encode())
                    first += len(block)
                    block = []
            fh.write(_block_xml(first, block, bold, sst, cell_fills).encode())
            fh.write(_SHEET_TAIL.encode())
        zf.writestr("xl/sharedStrings.xml", _shared_strings(sst))
