"""Reading an e-PPGBM export (xlsx/xls/ods or csv) into a :class:`RawTable`.

The format is told by content, never by the file name: a zip (xlsx, ods) or OLE2 (xls)
container goes to python-calamine, anything else must decode as text and is read as csv.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import python_calamine

from .eppgbm_headers import field_for_header, missing_required

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

    ``columns[j][i]`` is the cell of data row ``i`` under ``header[j]``: a ``str`` for csv;
    for spreadsheets whatever the cell held (``str``, ``float``, ``bool``, ``date``,
    ``datetime``; ``""`` when empty). ``rows[i]`` is the 1-based row number the user sees in
    Excel (or the record number in a csv), counting title and blank rows. Blank rows are
    dropped. ``fields`` maps canonical field names (see ``eppgbm_headers.ALIASES``) to column
    indexes; columns that are not e-PPGBM columns are kept but not mapped.
    """

    filename: str
    format: Literal["xlsx", "xls", "ods", "csv"]
    header: tuple[str, ...]
    header_row: int
    fields: dict[str, int]
    rows: np.ndarray
    columns: tuple[Sequence[object], ...]
    title_rows: tuple[tuple[str, ...], ...] = ()
    sheet_name: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    unmapped: tuple[str, ...] = field(default=())
    _text_only: dict[int, bool] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def label(self, field_name: str) -> str:
        """The user's header text for a canonical field ("Tgl. Lahir" for ``birth_date``)."""
        return self.header[self.fields[field_name]]

    def column(self, field_name: str) -> Sequence[object] | None:
        index = self.fields.get(field_name)
        return None if index is None else self.columns[index]

    def is_text(self, field_name: str) -> bool:
        """Whether every cell of the field's column is a ``str`` (always so for csv)."""
        index = self.fields[field_name]
        if index not in self._text_only:
            self._text_only[index] = self.format == "csv" or set(
                map(type, self.columns[index])
            ) <= {str}
        return self._text_only[index]

    def row_values(self, i: int) -> list[object]:
        return [col[i] for col in self.columns]


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
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return _read_workbook(data, name)
    return _read_csv(data, name)


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
    best: tuple[int, int, python_calamine.CalamineSheet] | None = None
    any_cells = False
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
        any_cells = any_cells or any(v != "" for row in head for v in row)
        header_at, matches = _find_header(head)
        if header_at is not None and (best is None or matches > best[1]):
            best = (header_at, matches, sheet)
            if not missing_required(_fields_of(head[header_at])):
                break
    if best is None:
        if not any_cells:
            raise ImportFileError("Berkas kosong: tidak ada data yang bisa dibaca.")
        raise _no_header_error()
    header_at, _, sheet = best
    cells = sheet.to_python(skip_empty_area=False)
    return _build(cells, header_at, name=name, fmt=fmt, sheet_name=sheet.name)


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


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = _decode(data)
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 8:
        raise ImportFileError(
            "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
        )
    if not text.strip():
        raise ImportFileError("Berkas kosong: tidak ada data yang bisa dibaca.")
    head_lines = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best: tuple[int, int, str] | None = None
    for delimiter in _DELIMITERS:
        head = list(csv.reader(io.StringIO(head_lines), delimiter=delimiter))
        header_at, matches = _find_header(head)
        if header_at is not None and (best is None or matches > best[1]):
            best = (matches, header_at, delimiter)
    if best is None:
        raise _no_header_error()
    _, header_at, delimiter = best
    cells: list[list[object]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return _build(cells, header_at, name=name, fmt="csv", encoding=encoding, delimiter=delimiter)


# --- shared --------------------------------------------------------------------------------


def _no_header_error() -> ImportFileError:
    return ImportFileError(
        "Berkas ini bukan ekspor e-PPGBM: baris judul kolom (Nama, JK, Tgl Lahir, ...) "
        f"tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama."
    )


def _fields_of(row: Sequence[object]) -> set[str]:
    return {f for f in map(field_for_header, row) if f is not None}


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int | None, int]:
    """Index of the row (within the first 15) naming the most e-PPGBM columns, and how many."""
    best_at, best_n = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        n = len(_fields_of(row))
        if n >= MIN_HEADER_MATCHES and n > best_n:
            best_at, best_n = i, n
    return best_at, best_n


def _header_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_blank(row: Sequence[object]) -> bool:
    if row.count("") == len(row):  # type: ignore[attr-defined]
        return True
    try:
        return not "".join(row).strip()  # type: ignore[arg-type]
    except TypeError:  # numbers or dates: not blank
        return False


def _build(
    cells: list[list[object]],
    header_at: int,
    *,
    name: str,
    fmt: Literal["xlsx", "xls", "ods", "csv"],
    sheet_name: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RawTable:
    raw_header = [_header_text(v) for v in cells[header_at]]
    # a header ends at its last named cell; trailing unnamed columns carry no data we can use
    while raw_header and not raw_header[-1]:
        raw_header.pop()
    width = len(raw_header)
    header = tuple(h or f"Kolom {j + 1}" for j, h in enumerate(raw_header))
    fields: dict[str, int] = {}
    unmapped = []
    for j, text in enumerate(raw_header):
        f = field_for_header(text)
        if f is None:
            if text:
                unmapped.append(text)
        else:
            fields.setdefault(f, j)
    missing = missing_required(set(fields))
    if missing:
        raise ImportFileError(
            "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
            + ", ".join(missing)
            + "."
        )
    numbers: list[int] = []
    kept: list[Sequence[object]] = []
    for offset, row in enumerate(cells[header_at + 1 :], start=header_at + 2):
        if len(row) != width:
            row = (list(row) + [""] * width)[:width]
        elif not isinstance(row, list):
            row = list(row)
        if not _is_blank(row):
            numbers.append(offset)
            kept.append(row)
    if not kept:
        raise ImportFileError("Berkas tidak berisi data: tidak ada baris di bawah judul kolom.")
    columns: tuple[Sequence[object], ...] = tuple(zip(*kept, strict=True))
    titles = tuple(
        tuple(_header_text(v) for v in row if v != "")
        for row in cells[:header_at]
        if not _is_blank(row)
    )
    return RawTable(
        filename=name,
        format=fmt,
        header=header,
        header_row=header_at + 1,
        fields=fields,
        rows=np.asarray(numbers, dtype=np.int64),
        columns=columns,
        title_rows=titles,
        sheet_name=sheet_name,
        encoding=encoding,
        delimiter=delimiter,
        unmapped=tuple(unmapped),
    )
