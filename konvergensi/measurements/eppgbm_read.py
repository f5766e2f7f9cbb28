"""Reading an e-PPGBM export (xlsx/xls/ods, csv or an HTML table) into a :class:`RawTable`.

The format is told by content, never by the file name: a zip (xlsx, ods) or OLE2 (xls)
container goes to python-calamine, an HTML page (what many web applications send as their
"export to Excel" .xls) to lxml's HTML parser, anything else must decode as text and is read
as csv.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import numpy as np
import polars as pl
import python_calamine
from lxml import etree

from .eppgbm_headers import field_for_header, missing_required, near_header
from .eppgbm_values import Cells, cell_text

HEADER_SEARCH_ROWS = 15
MIN_HEADER_MATCHES = 3

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (";", ",", "\t")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; ``str(err)`` is the message for the user."""


@dataclass(frozen=True, eq=False)
class RawTable:
    """The data rows of an export exactly as read, with their spreadsheet row numbers.

    ``columns[j]`` holds the cells of the data rows under ``header[j]`` (:class:`Cells`:
    ``columns[j][i]`` is a ``str`` for csv and html; for spreadsheets whatever the cell held
    (``str``, ``float``, ``bool``, ``date``, ``datetime``; ``""`` when empty)). ``rows[i]`` is
    the 1-based row number the user sees in Excel (the record number in a csv, the row of its
    table in an HTML page), counting title and blank rows. Blank rows are dropped. ``fields``
    maps canonical field names (see ``eppgbm_headers.ALIASES``) to column indexes; columns that
    are not e-PPGBM columns are kept but not mapped. ``header`` is the user's header text; under
    a two-row header (a merged "Pengukuran" above "Tanggal | Berat | Tinggi") it is
    "Tanggal (Pengukuran)".
    """

    filename: str
    format: Literal["xlsx", "xls", "ods", "csv", "html"]
    header: tuple[str, ...]
    header_row: int
    fields: dict[str, int]
    rows: np.ndarray
    columns: tuple[Cells, ...]
    title_rows: tuple[tuple[str, ...], ...] = ()
    sheet_name: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    unmapped: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.rows)

    def label(self, field_name: str) -> str:
        """The user's header text for a canonical field ("Tgl. Lahir" for ``birth_date``)."""
        return self.header[self.fields[field_name]]

    def column(self, field_name: str) -> Cells | None:
        index = self.fields.get(field_name)
        return None if index is None else self.columns[index]

    def is_text(self, field_name: str) -> bool:
        """Whether every cell of the field's column is text (always so for csv)."""
        return self.columns[self.fields[field_name]].text_only

    def row_values(self, i: int) -> list[object]:
        return [col[i] for col in self.columns]

    def rows_values(self, idx: Sequence[int] | np.ndarray) -> list[list[object]]:
        """The cells of the data rows at ``idx`` (positions, not row numbers), row by row."""
        take = np.asarray(idx, dtype=np.int64)
        return [list(r) for r in zip(*(col.take(take) for col in self.columns), strict=True)]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of cells are allocated.

    A 100k-row export is ~3.4 million cell objects; the collector would rescan them again and
    again (a quarter of the run time) although they form no reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_table(source: str | os.PathLike[str] | bytes, *, filename: str | None = None) -> RawTable:
    """Read an e-PPGBM export from a path or from the uploaded bytes.

    Raises :class:`ImportFileError` (message in Bahasa Indonesia) when the content is not a
    spreadsheet, is empty, has no e-PPGBM header in its first 15 rows or lacks a required column.
    """
    with gc_paused():
        return _read_table(source, filename)


def _read_table(source: str | os.PathLike[str] | bytes, filename: str | None) -> RawTable:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename or "berkas"
    else:
        with open(source, "rb") as fh:
            data = fh.read()
        name = filename or os.path.basename(os.fspath(source))
    if not data.strip():
        raise ImportFileError("Berkas kosong: tidak ada data yang bisa dibaca.")
    kind = _other_kind(data)
    if kind is not None:
        raise ImportFileError(
            f"Berkas ini bukan spreadsheet (xlsx, xls, ods atau csv), melainkan {kind}. Unggah "
            "ekspor e-PPGBM yang disimpan sebagai Excel atau csv."
        )
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return _read_workbook(data, name)
    if _is_html(data):
        return _read_html(data, name)
    return _read_csv(data, name)


# what users upload by mistake, told by its first bytes (a renamed file keeps its content)
_OTHER_MAGIC = (
    (b"%PDF", "dokumen PDF"),
    (b"\x89PNG", "gambar"),
    (b"\xff\xd8\xff", "gambar"),
    (b"GIF8", "gambar"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip gzip"),
)
# a zip is a workbook when it holds an Excel part (xlsx/xlsm/xlsb: "xl/...") or an OpenDocument
# body ("content.xml")
_ZIP_KINDS = (("word/", "dokumen Word"), ("ppt/", "presentasi PowerPoint"))


def _other_kind(data: bytes) -> str | None:
    """What a file that is surely not a spreadsheet is ("dokumen PDF"), else None."""
    for magic, kind in _OTHER_MAGIC:
        if data.startswith(magic):
            return kind
    if not data.startswith(_ZIP_MAGIC):
        return None
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return None  # damaged: calamine says it cannot be read
    if any(n.startswith("xl/") or n == "content.xml" for n in names):
        return None
    for prefix, kind in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return kind
    return "arsip zip"


# --- spreadsheets --------------------------------------------------------------------------


def _read_workbook(data: bytes, name: str) -> RawTable:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several unrelated types for non-workbooks
        raise ImportFileError(
            "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
        ) from exc
    fmt: Literal["xlsx", "xls", "ods"] = "xls" if data.startswith(_OLE_MAGIC) else "xlsx"
    if fmt == "xlsx" and b"mimetypeapplication/vnd.oasis.opendocument" in data[:100]:
        fmt = "ods"  # an OpenDocument zip starts with its uncompressed "mimetype" entry
    # visible sheets first: a hidden sheet holds lookup lists more often than data
    names = [m.name for m in book.sheets_metadata if str(m.visible).lower().endswith("visible")]
    names += [n for n in book.sheet_names if n not in names]
    any_cells = False

    def heads() -> Iterator[tuple[python_calamine.CalamineSheet, list[list[object]]]]:
        nonlocal any_cells
        for sheet_name in names:
            try:
                sheet = book.get_sheet_by_name(sheet_name)
                head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
            except Exception as exc:  # a damaged sheet: say so rather than show a stack trace
                raise ImportFileError(
                    f"Sheet '{sheet_name}' tidak bisa dibaca; simpan ulang berkas dari Excel "
                    "atau LibreOffice lalu unggah kembali."
                ) from exc
            any_cells = any_cells or any(v != "" for row in head for v in row)
            yield sheet, head

    best, nearest = _best_header(heads())
    if best is None:
        if not any_cells:
            raise ImportFileError("Berkas kosong: tidak ada data yang bisa dibaca.")
        raise _no_header_error(nearest)
    found, sheet = best
    _check_required(found)
    cells = sheet.to_python(skip_empty_area=False)
    _fill_merged_down(cells, _merged_ranges(sheet), below=found.row)
    width = len(found.labels)
    body = cells[found.row + 1 :]
    del cells
    if not body:
        raise _no_rows_error()
    columns = [Cells.of(col) for col in _transpose(body, width)]
    del body
    return _finish(columns, found, name=name, fmt=fmt, sheet_name=sheet.name)


Merged = Sequence[tuple[tuple[int, int], tuple[int, int]]]  # ((row, col), (last row, last col))


def _merged_ranges(sheet: python_calamine.CalamineSheet) -> Merged:
    try:
        return sheet.merged_cell_ranges or []
    except Exception:  # a format calamine reads no merges from: none
        return []


def _fill_merged_down(rows: list[list[Any]], merged: Merged, *, below: int) -> None:
    """Give a cell merged down over data rows to every row of the merge, as the sheet shows
    it: a clerk merges "CENDANA" over the rows of one desa, and the file stores it in the top
    cell only. Rows 0-based, as ``rows``; merges in the header (at or above ``below``) and
    merges across columns of one row (a total line) are left alone. In place."""
    for (r0, c0), (r1, _) in merged:
        if r1 <= r0 or r0 <= below or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value == "" or value is None:
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 < len(row) and row[c0] == "":
                row[c0] = value


def _transpose(rows: Sequence[Sequence[object]], width: int) -> list[Sequence[object]]:
    """The first ``width`` columns of ``rows`` (calamine's rows all have the sheet's width:
    one flat list sliced with a stride is several times faster than ``zip(*rows)``)."""
    lengths = set(map(len, rows))
    if len(lengths) == 1 and (stride := lengths.pop()) >= width:
        flat = list(itertools.chain.from_iterable(rows))
        return [flat[j::stride] for j in range(width)]
    padded = [(list(r) + [""] * width)[:width] for r in rows]
    return [list(col) for col in zip(*padded, strict=True)]


# --- html ----------------------------------------------------------------------------------

HTML_PAGE_MESSAGE = (
    "Berkas ini halaman web (HTML), bukan spreadsheet: buka di Excel lalu simpan sebagai "
    ".xlsx, atau unduh ulang ekspornya."
)
_HTML_SNIFF_BYTES = 16 * 1024
# a page starts with one of these tags (after an XML declaration or comments: XHTML, Office);
# an exporter writing a bare fragment may put <meta> or <style> first, or a title paragraph
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|style|title|table)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TABLE = re.compile(rb"<table[\s>]", re.IGNORECASE)
# Excel's "XML Spreadsheet 2003" has <Table> elements too but is no HTML
_SPREADSHEET_ML = b"urn:schemas-microsoft-com:office:spreadsheet"
# HTML's limits on spans, Excel's on columns: a broken or hostile span cannot make rows endless
_MAX_COLSPAN, _MAX_ROWSPAN, _MAX_COLUMNS = 1000, 65534, 16384
_HTML_CHUNK = 1 << 20


def _is_html(data: bytes) -> bool:
    """Whether ``data`` (not a zip or OLE2 container) is an HTML page or table fragment."""
    head = data[:_HTML_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _SPREADSHEET_ML in head:
        return False
    return bool(_HTML_START.match(head) or _HTML_TABLE.search(head))


def _read_html(data: bytes, name: str) -> RawTable:
    """The table of an HTML page whose header names most e-PPGBM columns, picked like a sheet.

    Every cell is the text the page shows (``&nbsp;``, ``<br>`` and the start of a ``<p>`` or
    ``<div>`` as spaces, runs of spaces as one), kept as text like a csv cell: "11,5" and
    "05/02/2025" are parsed later.
    """
    # the bytes decide the encoding as for csv, not a <meta charset>: web applications often
    # declare iso-8859-1 and send UTF-8
    text, encoding = _decode(data)
    collector = _HtmlTables()
    parser = etree.HTMLParser(target=collector, huge_tree=True)
    try:
        # lxml copies what it is fed as UTF-8: a slice at a time, not the whole page at once
        for start in range(0, len(text), _HTML_CHUNK):
            parser.feed(text[start : start + _HTML_CHUNK])
        grids: list[_HtmlGrid] = parser.close()
    except etree.LxmlError as exc:
        raise ImportFileError(HTML_PAGE_MESSAGE) from exc
    del text
    if not any(cell for g in grids for row in g.rows for cell in row):
        raise ImportFileError(HTML_PAGE_MESSAGE)
    best, nearest = _best_header((g, _even(g.rows[:HEADER_SEARCH_ROWS])) for g in grids)
    if best is None:
        raise _no_header_error(nearest)
    found, grid = best
    _check_required(found)
    rows = grid.rows
    _fill_merged_down(rows, grid.merged, below=found.row)
    body = rows[found.row + 1 :]
    if not body:
        raise _no_rows_error()
    width = len(found.labels)
    columns = [Cells(pl.Series(col, dtype=pl.String)) for col in _transpose(body, width)]
    del body, rows, grids, grid, best
    return _finish(columns, found, name=name, fmt="html", encoding=encoding)


def _even(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` padded with "" to one width, as a sheet's rows are: a header cell spanning two
    rows leaves the lower row shorter than the upper."""
    width = max(map(len, rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


class _HtmlTables:
    """An lxml parser target keeping the rows of every ``<table>`` in the order they open.

    No tree is built (a 50 MB page becomes only its cell texts). A table inside a cell is a
    table of its own and its text is not part of that cell; ``<script>`` and ``<style>``
    text is no cell text. lxml closes the cells and rows a broken page leaves open.
    """

    def __init__(self) -> None:
        self.tables: list[_HtmlGrid] = []
        self._open: list[_HtmlGrid] = []  # the tables being read, innermost last
        self._hidden = 0  # depth inside <script> or <style>

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == "table":
            grid = _HtmlGrid()
            self.tables.append(grid)
            self._open.append(grid)
        elif tag in ("script", "style"):
            self._hidden += 1
        elif self._open:
            grid = self._open[-1]
            if tag == "tr":
                grid.start_row()
            elif tag in ("td", "th"):
                colspan = _span(attrib.get("colspan"), _MAX_COLSPAN, zero=1)
                rowspan = _span(attrib.get("rowspan"), _MAX_ROWSPAN, zero=_MAX_ROWSPAN)
                grid.start_cell(colspan, rowspan)
            elif tag in ("br", "p", "div"):
                grid.data(" ")

    def end(self, tag: str) -> None:
        if tag == "table":
            if self._open:
                self._open.pop().end_row()
        elif tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif self._open:
            if tag == "tr":
                self._open[-1].end_row()
            elif tag in ("td", "th"):
                self._open[-1].end_cell()

    def data(self, text: str) -> None:
        if self._open and not self._hidden:
            self._open[-1].data(text)

    def close(self) -> list[_HtmlGrid]:
        while self._open:
            self._open.pop().end_row()
        return self.tables


class _HtmlGrid:
    """The rows of one table with every cell in the column a browser (or Excel) shows it in:
    a cell spanning columns or rows leaves "" in the others, as a merged cell does in a sheet."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._covered: dict[int, int] = {}  # column → last row index a rowspan above covers
        self.merged: list[tuple[tuple[int, int], tuple[int, int]]] = []  # rowspans, as a sheet's

    def start_row(self) -> None:
        self.end_row()
        self._row = []

    def end_row(self) -> None:
        self.end_cell()
        if self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def start_cell(self, colspan: int, rowspan: int) -> None:
        self.end_cell()
        if self._row is None:  # a cell without <tr>
            self._row = []
        self._cell = []
        self._span = (colspan, rowspan)

    def data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)

    def end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        text = " ".join("".join(self._cell).split())  # str.split() also splits at &nbsp;
        self._cell = None
        row, r = self._row, len(self.rows)
        col = len(row)
        while self._covered.get(col, -1) >= r:
            col += 1
        if col >= _MAX_COLUMNS:
            return
        colspan, rowspan = self._span
        end = min(col + colspan, _MAX_COLUMNS)
        row.extend([""] * (col - len(row)))
        row.append(text)
        row.extend([""] * (end - col - 1))
        if rowspan > 1:
            for j in range(col, end):
                self._covered[j] = r + rowspan - 1
            self.merged.append(((r, col), (r + rowspan - 1, end - 1)))


def _span(value: str | None, limit: int, *, zero: int) -> int:
    """A colspan or rowspan as browsers read it: its leading digits, 1 when there are none,
    ``zero`` for 0 (rowspan="0" spans the rest of the table), at most ``limit``."""
    m = re.match(r"\s*\+?(\d{1,6})", value or "")
    n = int(m.group(1)) if m else 1
    return min(n, limit) if n else zero


# --- csv -----------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" (tab-separated)
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as the csv module reads them: ended by \\r\\n, \\n or \\r."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end does not start another record
    return lines


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = _decode(data)
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 8:
        raise ImportFileError(
            "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
        )
    if not text.strip():
        raise ImportFileError("Berkas kosong: tidak ada data yang bisa dibaca.")
    lines = _lines(text)
    head_lines = "\n".join(lines[:HEADER_SEARCH_ROWS])
    best: tuple[_Header, str] | None = None
    nearest: _Header | None = None  # for the message when no delimiter gives a header
    for delimiter in _DELIMITERS:
        head = list(csv.reader(io.StringIO(head_lines), delimiter=delimiter))
        found = _find_header(head)
        if found is not None and (best is None or found.matches > best[0].matches):
            best = (found, delimiter)
        near = found or _find_header(head, min_matches=1)
        if near is not None and (nearest is None or near.matches > nearest.matches):
            nearest = near
    if best is None:
        raise _no_header_error(nearest)
    found, delimiter = best
    _check_required(found)
    columns = _csv_columns(lines, found.row + 1, len(found.labels), delimiter)
    if columns is None:  # a quoted cell runs over several lines: records are not lines
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        body = [
            (r + [""] * len(found.labels))[: len(found.labels)] for r in records[found.row + 1 :]
        ]
        if not body:
            raise _no_rows_error()
        columns = [Cells(pl.Series(col, dtype=pl.String)) for col in zip(*body, strict=True)]
    return _finish(columns, found, name=name, fmt="csv", encoding=encoding, delimiter=delimiter)


def _csv_columns(lines: list[str], start: int, width: int, delimiter: str) -> list[Cells] | None:
    """The cells of ``lines[start:]``, one record per line, split by polars; lines with quotes
    go through the csv module. None when a quoted cell spans lines (then records ≠ lines)."""
    body = lines[start:]
    if not body:
        raise _no_rows_error()
    s = pl.Series(body, dtype=pl.String)
    parts = s.str.split(delimiter)
    cols = [parts.list.get(j, null_on_oob=True).fill_null("") for j in range(width)]
    quoted = np.flatnonzero(s.str.contains('"', literal=True).to_numpy())
    if len(quoted):
        records = []
        for i in quoted.tolist():
            # a second line tells a closed record from a quoted cell still open at the line end
            got = list(csv.reader([body[i], _SENTINEL], delimiter=delimiter))
            if len(got) != 2 or got[1] != [_SENTINEL]:
                return None
            records.append((got[0] + [""] * width)[:width])
        for j, col in enumerate(cols):
            col.scatter(quoted, [r[j] for r in records])
    return [Cells(col) for col in cols]


_SENTINEL = "\uffff"


# --- shared --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    """Where the header is (0-based row), its labels and the fields they name."""

    row: int
    labels: tuple[str, ...]
    fields: dict[str, int]
    matches: int
    titles: tuple[tuple[str, ...], ...]  # the non-blank rows above the header


_T = TypeVar("_T")


def _best_header(
    candidates: Iterable[tuple[_T, Sequence[Sequence[object]]]],
) -> tuple[tuple[_Header, _T] | None, _Header | None]:
    """Of the candidates (sheets, HTML tables: each with its first rows), in order: the one
    whose header names most e-PPGBM columns (the first naming every required column wins at
    once) and, when none has a header, the nearest row, naming most columns, for the message."""
    best: tuple[_Header, _T] | None = None
    nearest: _Header | None = None
    for key, head in candidates:
        found = _find_header(head)
        if found is not None and (best is None or found.matches > best[0].matches):
            best = (found, key)
            if not missing_required(set(found.fields)):
                break
        if best is None:
            near = _find_header(head, min_matches=1)
            if near is not None and (nearest is None or near.matches > nearest.matches):
                nearest = near
    return best, nearest


def _no_header_error(nearest: _Header | None) -> ImportFileError:
    """No row names three e-PPGBM columns: list the required ones that the nearest row (the one
    naming most, if any) lacks, so a user holding the wrong sheet sees what is expected."""
    missing = missing_required(set(nearest.fields) if nearest else set())
    return ImportFileError(
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan di "
        f"{HEADER_SEARCH_ROWS} baris pertama: {', '.join(missing)}."
    )


def _no_rows_error() -> ImportFileError:
    return ImportFileError("Berkas tidak berisi data: tidak ada baris di bawah judul kolom.")


def _check_required(found: _Header) -> None:
    missing = missing_required(set(found.fields))
    if not missing:
        return
    taken = set(found.fields.values())
    named, hinted = [], False
    for name in missing:
        near = near_header(name, found.labels, taken)
        hinted = hinted or near is not None
        named.append(f"{name} (mungkin kolom '{near}'?)" if near else name)
    advice = " Perbaiki judul kolomnya sesuai ekspor e-PPGBM lalu unggah kembali." if hinted else ""
    raise ImportFileError(
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
        + ", ".join(named)
        + "."
        + advice
    )


def _header_text(value: object) -> str:
    """A header or title cell as the user reads it (:func:`cell_text`: ``2025.0`` → "2025", a
    date → "05/02/2025"), non-breaking and other odd spaces from Excel or the web as one space."""
    return " ".join(cell_text(value).split())


def _labels(rows: Sequence[Sequence[object]], i: int) -> tuple[list[str], bool]:
    """Header labels of row ``i``, using row ``i - 1`` when it is a group row above it.

    A two-row header has group cells merged across the columns they cover ("Pengukuran" over
    "Tanggal | Berat | Tinggi", the merged cell's text in its first column only) and the other
    headers merged down both rows (their text in the upper row). A lower cell is read with its
    group ("Tanggal" under "Pengukuran" is "Tanggal Pengukuran") when that names a column and
    the lower cell alone does not name the same one; an empty lower cell takes the upper text.
    """
    sub = [_header_text(v) for v in rows[i]]
    if i == 0:
        return sub, False
    top = [_header_text(v) for v in rows[i - 1]]
    top += [""] * (len(sub) - len(top))
    labels, used, group = [], False, ""
    for j, text in enumerate(sub):
        if top[j]:
            group = top[j]
        if not text:
            labels.append(top[j])
            used = used or bool(top[j])
            continue
        if group:
            for combined in (f"{text} {group}", f"{group} {text}"):
                f = field_for_header(combined)
                if f is not None and f != field_for_header(text):
                    labels.append(f"{text} ({group})")
                    used = True
                    break
            else:
                labels.append(text)
        else:
            labels.append(text)
    return labels, used


def _label_field(label: str) -> str | None:
    """The field of a label: as written ("Berat (kg)"), else "Tanggal (Pengukuran)" read as
    "Tanggal Pengukuran" or "Pengukuran Tanggal"."""
    f = field_for_header(label)
    if f is not None or not label.endswith(")") or " (" not in label:
        return f
    text, _, group = label.rpartition(" (")
    group = group[:-1]
    return field_for_header(f"{text} {group}") or field_for_header(f"{group} {text}")


def _find_header(
    rows: Sequence[Sequence[object]], min_matches: int = MIN_HEADER_MATCHES
) -> _Header | None:
    """The row (within the first 15) naming the most e-PPGBM columns, read alone or under a
    group row; None when no row names at least ``min_matches``."""
    best: _Header | None = None
    for i in range(min(len(rows), HEADER_SEARCH_ROWS)):
        single = [_header_text(v) for v in rows[i]]
        candidates = [(single, False)]
        grouped, used = _labels(rows, i)
        if used:
            candidates.append((grouped, True))
        for labels, group_row in candidates:
            while labels and not labels[-1]:
                labels = labels[:-1]
            fields: dict[str, int] = {}
            for j, text in enumerate(labels):
                f = _label_field(text)
                if f is not None:
                    fields.setdefault(f, j)
            n = len(fields)
            if n >= min_matches and (best is None or n > best.matches):
                end = i - 1 if group_row else i
                titles = tuple(
                    tuple(_header_text(v) for v in row if v != "")
                    for row in rows[:end]
                    if any(_header_text(v) for v in row)
                )
                best = _Header(i, tuple(labels), fields, n, titles)
    return best


def _finish(
    columns: list[Cells],
    found: _Header,
    *,
    name: str,
    fmt: Literal["xlsx", "xls", "ods", "csv", "html"],
    sheet_name: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RawTable:
    blank = np.ones(len(columns[0]), dtype=bool)
    for col in columns:
        blank &= col.blank()
    keep = ~blank
    if not keep.any():
        raise _no_rows_error()
    numbers = np.flatnonzero(keep) + found.row + 2
    header = tuple(h or f"Kolom {j + 1}" for j, h in enumerate(found.labels))
    mapped = set(found.fields.values())
    unmapped = tuple(h for j, h in enumerate(found.labels) if h and j not in mapped)
    return RawTable(
        filename=name,
        format=fmt,
        header=header,
        header_row=found.row + 1,
        fields=dict(found.fields),
        rows=numbers.astype(np.int64),
        columns=tuple(col if keep.all() else col.filter(keep) for col in columns),
        title_rows=found.titles,
        sheet_name=sheet_name,
        encoding=encoding,
        delimiter=delimiter,
        unmapped=unmapped,
    )
