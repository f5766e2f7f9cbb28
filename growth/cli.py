"""Command-line tool: WHO z-scores and Permenkes 2/2020 categories for a whole file.

``python -m growth INPUT -o OUTPUT [--sheet NAME] [--lang id|en]``

Reads a CSV (``,`` or ``;``, decimal point or comma, UTF-8 or latin-1) or an xlsx sheet with one
child measurement per row, calls :func:`growth.zscores` and :func:`growth.classify` on whole
columns and writes every input column followed by the engine outputs and the category columns.
The formats are chosen by file extension. A CSV output keeps the input's convention: ``;`` input
gives ``;`` with decimal commas (Excel in an Indonesian locale), anything else gives ``,`` with
decimal points.

User errors (unreadable file, missing column, bad cell values) are reported in Bahasa Indonesia,
naming the row as seen in a spreadsheet (header = row 1) and the column, with exit code 2.
This module imports the I/O libraries (calamine, openpyxl) lazily; ``growth/__init__.py`` must
never import it, so that ``import growth`` stays light.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

EXIT_OK = 0
EXIT_USER_ERROR = 2
MAX_REPORTED_ERRORS = 50
DAYS_PER_MONTH = 30.4375  # WHO anthro: 365.25 / 12

Cell = Any  # a raw cell: str from CSV; str/float/int/bool/date/datetime/None from xlsx


# --------------------------------------------------------------------------------------------
# Messages (Indonesian first; English with --lang en)
# --------------------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "id": {
        "bad_value": 'Baris {row}, kolom "{col}": nilai "{value}" tidak dikenal '
        "(yang diizinkan: {allowed})",
        "not_number": 'Baris {row}, kolom "{col}": nilai "{value}" bukan angka',
        "negative": 'Baris {row}, kolom "{col}": nilai "{value}" tidak boleh negatif',
        "empty_sex": 'Baris {row}, kolom "{col}": jenis kelamin kosong (yang diizinkan: {allowed})',
        "bad_date": 'Baris {row}, kolom "{col}": tanggal "{value}" tidak dikenal '
        "(format: yyyy-mm-dd, dd/mm/yyyy, atau sel tanggal Excel)",
        "date_order": 'Baris {row}, kolom "{col}": tanggal pengukuran {measured} '
        "sebelum tanggal lahir {born}",
        "more_errors": "... dan {n} kesalahan lain (hanya {shown} pertama yang ditampilkan)",
        "missing_column": 'Kolom "{col}" tidak ditemukan. Kolom yang ada: {present}. '
        "Nama yang dikenali untuk kolom ini: {aliases}",
        "missing_measure_columns": "Tidak ada kolom pengukuran. Sediakan minimal salah satu: "
        "{cols}. Kolom yang ada: {present}",
        "missing_pair": 'Kolom "{have}" ada, tetapi pasangannya "{need}" tidak ditemukan '
        "(nama yang dikenali: {aliases})",
        "duplicate_column": 'Kolom "{a}" dan "{b}" sama-sama berarti "{canonical}"; '
        "hapus atau ganti nama salah satunya",
        "no_age": "Peringatan: tidak ada kolom umur (age_days, age_months, atau birth_date + "
        "measurement_date); hanya BB/PB dan BB/TB yang dihitung",
        "replaced": "Peringatan: kolom {cols} di masukan diganti dengan hasil perhitungan baru",
        "no_file": 'Berkas "{path}" tidak ditemukan',
        "unreadable": 'Berkas "{path}" tidak dapat dibaca: {reason}',
        "empty_file": 'Berkas "{path}" kosong: tidak ada baris judul kolom',
        "no_rows": 'Berkas "{path}" tidak berisi baris data (hanya judul kolom)',
        "bad_extension": 'Jenis berkas "{path}" tidak didukung (gunakan .csv atau .xlsx)',
        "no_sheet": 'Sheet "{sheet}" tidak ada di "{path}". Sheet yang ada: {sheets}',
        "same_file": "Berkas keluaran tidak boleh sama dengan berkas masukan",
        "cannot_write": 'Berkas "{path}" tidak dapat ditulis: {reason}',
        "engine_error": "Data tidak dapat diproses: {reason}",
        "errors_header": "Ditemukan {n} kesalahan di {path}:",
        "done": 'Selesai: {n} baris ditulis ke "{path}"',
    },
    "en": {
        "bad_value": 'Row {row}, column "{col}": value "{value}" is not recognised '
        "(allowed: {allowed})",
        "not_number": 'Row {row}, column "{col}": value "{value}" is not a number',
        "negative": 'Row {row}, column "{col}": value "{value}" must not be negative',
        "empty_sex": 'Row {row}, column "{col}": sex is empty (allowed: {allowed})',
        "bad_date": 'Row {row}, column "{col}": date "{value}" is not recognised '
        "(formats: yyyy-mm-dd, dd/mm/yyyy, or an Excel date cell)",
        "date_order": 'Row {row}, column "{col}": measurement date {measured} '
        "is before birth date {born}",
        "more_errors": "... and {n} more errors (only the first {shown} are shown)",
        "missing_column": 'Column "{col}" not found. Columns present: {present}. '
        "Names recognised for this column: {aliases}",
        "missing_measure_columns": "No measurement column. Provide at least one of: "
        "{cols}. Columns present: {present}",
        "missing_pair": 'Column "{have}" is present but its pair "{need}" is missing '
        "(names recognised: {aliases})",
        "duplicate_column": 'Columns "{a}" and "{b}" both mean "{canonical}"; '
        "remove or rename one of them",
        "no_age": "Warning: no age column (age_days, age_months, or birth_date + "
        "measurement_date); only weight-for-length/height is computed",
        "replaced": "Warning: input columns {cols} are replaced by the new results",
        "no_file": 'File "{path}" not found',
        "unreadable": 'File "{path}" cannot be read: {reason}',
        "empty_file": 'File "{path}" is empty: no header row',
        "no_rows": 'File "{path}" has no data rows (header only)',
        "bad_extension": 'File type of "{path}" is not supported (use .csv or .xlsx)',
        "no_sheet": 'Sheet "{sheet}" is not in "{path}". Sheets present: {sheets}',
        "same_file": "The output file must differ from the input file",
        "cannot_write": 'File "{path}" cannot be written: {reason}',
        "engine_error": "The data cannot be processed: {reason}",
        "errors_header": "{n} errors found in {path}:",
        "done": 'Done: {n} rows written to "{path}"',
    },
}


class UserError(Exception):
    """An error in the user's file or arguments: reported as text, exit code 2, no traceback."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


def _msg(lang: str, key: str, **kwargs: object) -> str:
    return MESSAGES.get(lang, MESSAGES["id"])[key].format(**kwargs)


# --------------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------------

# Canonical name (the zscores argument) -> other accepted header spellings. Headers are
# compared after _normalise_header, so "Tgl Lahir", "tgl_lahir" and "TGL-LAHIR" are one name.
# The Indonesian spellings are those of e-PPGBM exports (DESIGN.md §4, Imports).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "sex": ("jk", "jenis_kelamin", "kelamin", "gender", "l_p"),
    "age_days": ("umur_hari", "usia_hari", "age_in_days"),
    "age_months": ("umur_bulan", "usia_bulan", "age_in_months", "bulan"),
    "weight_kg": ("weight", "berat", "berat_badan", "bb", "bb_kg", "berat_kg"),
    "lenhei_cm": (
        "lenhei",
        "height",
        "length",
        "height_cm",
        "length_cm",
        "tinggi",
        "tinggi_badan",
        "panjang_badan",
        "tb",
        "pb",
        "tb_pb",
        "pb_tb",
        "tinggi_cm",
    ),
    "measure": ("cara_ukur", "posisi", "posisi_ukur", "cara_pengukuran"),
    "oedema": ("edema", "edema_bilateral", "oedema_bilateral", "bengkak"),
    "muac_cm": ("muac", "lila", "lila_cm", "lingkar_lengan_atas"),
    "headc_cm": ("headc", "head_circumference", "lingkar_kepala", "lk", "lk_cm"),
    "birth_date": ("tgl_lahir", "tanggal_lahir", "dob", "date_of_birth", "birthdate"),
    "measurement_date": (
        "tanggal_pengukuran",
        "tgl_pengukuran",
        "tgl_ukur",
        "tanggal_ukur",
        "date_measured",
        "measured",
        "visit_date",
    ),
}
NUMERIC_COLUMNS = ("age_days", "age_months", "weight_kg", "lenhei_cm", "muac_cm", "headc_cm")
MEASUREMENT_COLUMNS = ("weight_kg", "lenhei_cm", "muac_cm", "headc_cm")

SEX_VALUES: dict[str, int] = {
    "1": 1,
    "2": 2,
    "l": 1,
    "p": 2,
    "m": 1,
    "f": 2,
    "lk": 1,
    "pr": 2,
    "laki-laki": 1,
    "laki laki": 1,
    "perempuan": 2,
    "male": 1,
    "female": 2,
}
SEX_ALLOWED = "1, 2, L, P, m, f"
MEASURE_VALUES: dict[str, str] = {
    "l": "l",
    "h": "h",
    "terlentang": "l",
    "berdiri": "h",
    "lying": "l",
    "standing": "h",
    "recumbent": "l",
}
MEASURE_ALLOWED = "l, h, Terlentang, Berdiri"
OEDEMA_VALUES: dict[str, str] = {
    "n": "n",
    "y": "y",
    "tidak": "n",
    "ya": "y",
    "no": "n",
    "yes": "y",
    "0": "n",
    "1": "y",
}
OEDEMA_ALLOWED = "n, y, Tidak, Ya"
# Spreadsheet ways of writing "no value" (e-PPGBM exports use "-").
MISSING_TEXT = frozenset({"", "-", "na", "n/a", "nan", "null", "none", "."})


def _normalise_header(name: object) -> str:
    text = str(name if name is not None else "").strip().lower()
    text = re.sub(r"\(([^)]*)\)", r"_\1", text)  # "Berat (kg)" -> "berat_kg"
    text = re.sub(r"[^0-9a-z]+", "_", text)
    return text.strip("_")


_ALIAS_LOOKUP: dict[str, str] = {
    _normalise_header(alias): canonical
    for canonical, aliases in COLUMN_ALIASES.items()
    for alias in (canonical, *aliases)
}


def canonical_name(header: object) -> str | None:
    """The engine argument a header stands for (``"Tgl Lahir"`` -> ``"birth_date"``), or None."""
    return _ALIAS_LOOKUP.get(_normalise_header(header))


def map_columns(headers: Sequence[str], *, lang: str = "id") -> dict[str, int]:
    """Map canonical input names to column positions; raise UserError on missing/duplicate.

    Returns ``{canonical: index}`` for every recognised column.
    """
    found: dict[str, int] = {}
    errors: list[str] = []
    for index, header in enumerate(headers):
        canonical = canonical_name(header)
        if canonical is None:
            continue
        if canonical in found:
            errors.append(
                _msg(
                    lang,
                    "duplicate_column",
                    a=headers[found[canonical]],
                    b=header,
                    canonical=canonical,
                )
            )
            continue
        found[canonical] = index
    present = ", ".join(f'"{h}"' for h in headers)

    def aliases(canonical: str) -> str:
        return ", ".join((canonical, *COLUMN_ALIASES[canonical]))

    if "sex" not in found:
        errors.append(
            _msg(lang, "missing_column", col="sex", present=present, aliases=aliases("sex"))
        )
    if not any(c in found for c in MEASUREMENT_COLUMNS):
        errors.append(
            _msg(
                lang,
                "missing_measure_columns",
                cols=", ".join(MEASUREMENT_COLUMNS),
                present=present,
            )
        )
    for have, need in (("birth_date", "measurement_date"), ("measurement_date", "birth_date")):
        if have in found and need not in found:
            errors.append(
                _msg(
                    lang,
                    "missing_pair",
                    have=headers[found[have]],
                    need=need,
                    aliases=aliases(need),
                )
            )
    if errors:
        raise UserError(errors)
    return found


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass
class Table:
    """A rectangular sheet: header texts, data rows and their spreadsheet row numbers."""

    headers: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]
    delimiter: str | None = None  # CSV only: the delimiter detected in the input
    encoding: str | None = None  # CSV only


def _decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252, else latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # never fails: every byte is a character


def _detect_delimiter(header_line: str) -> str:
    # The header row has no decimal commas, so the most frequent candidate there is the
    # delimiter; ties and single-column files fall back to the comma.
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _is_blank_row(row: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and c.strip() == "") for c in row)


def read_csv(path: Path, *, lang: str = "id") -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError([_msg(lang, "unreadable", path=path, reason=exc.strerror or exc)]) from exc
    text, encoding = _decode(data)
    first = next((line for line in io.StringIO(text) if line.strip()), None)
    if first is None:
        raise UserError([_msg(lang, "empty_file", path=path)])
    delimiter = _detect_delimiter(first)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UserError([_msg(lang, "unreadable", path=path, reason=exc)]) from exc
    return _table_from_records(records, path, lang, delimiter=delimiter, encoding=encoding)


def read_xlsx(path: Path, *, sheet: str | None = None, lang: str = "id") -> Table:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types for a bad file
        raise UserError([_msg(lang, "unreadable", path=path, reason=exc)]) from exc
    names = workbook.sheet_names
    if sheet is not None and sheet not in names:
        raise UserError(
            [
                _msg(
                    lang,
                    "no_sheet",
                    sheet=sheet,
                    path=path,
                    sheets=", ".join(f'"{n}"' for n in names),
                )
            ]
        )
    if not names:
        raise UserError([_msg(lang, "empty_file", path=path)])
    try:
        # skip_empty_area=False keeps leading empty rows so that row numbers match Excel's.
        records = workbook.get_sheet_by_name(sheet or names[0]).to_python(skip_empty_area=False)
    except Exception as exc:
        raise UserError([_msg(lang, "unreadable", path=path, reason=exc)]) from exc
    return _table_from_records(records, path, lang)


def _table_from_records(
    records: Sequence[Sequence[Cell]],
    path: Path,
    lang: str,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> Table:
    header_at = next((i for i, r in enumerate(records) if not _is_blank_row(r)), None)
    if header_at is None:
        raise UserError([_msg(lang, "empty_file", path=path)])
    raw_headers = list(records[header_at])
    # Trailing unnamed empty columns are Excel formatting residue, not data.
    while raw_headers and (raw_headers[-1] is None or str(raw_headers[-1]).strip() == ""):
        raw_headers.pop()
    headers = [
        str(h).strip() if h is not None and str(h).strip() else f"kolom_{i + 1}"
        for i, h in enumerate(raw_headers)
    ]
    width = len(headers)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    for i in range(header_at + 1, len(records)):
        record = records[i]
        if _is_blank_row(record):
            continue
        row = list(record[:width])
        row.extend([""] * (width - len(row)))
        rows.append(row)
        numbers.append(i + 1)  # spreadsheet rows count from 1
    if not rows:
        raise UserError([_msg(lang, "no_rows", path=path)])
    return Table(headers, rows, numbers, delimiter=delimiter, encoding=encoding)


def read_table(path: Path, *, sheet: str | None = None, lang: str = "id") -> Table:
    """Read a .csv or .xlsx file into a Table (chosen by extension)."""
    if not path.exists():
        raise UserError([_msg(lang, "no_file", path=path)])
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv(path, lang=lang)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return read_xlsx(path, sheet=sheet, lang=lang)
    raise UserError([_msg(lang, "bad_extension", path=path)])


# --------------------------------------------------------------------------------------------
# Parsing cells into engine arguments
# --------------------------------------------------------------------------------------------


@dataclass
class ParsedInputs:
    """Engine keyword arguments built from a Table, plus the errors found on the way."""

    kwargs: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error_count: int = 0


class _Errors:
    """Collects every cell error; reports them in sheet order (row, then column), up to a cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._found: list[tuple[int, int, str]] = []

    def add(self, row: int, column: int, message: str) -> None:
        self._found.append((row, column, message))

    @property
    def count(self) -> int:
        return len(self._found)

    @property
    def messages(self) -> list[str]:
        return [message for _, _, message in sorted(self._found)[: self.cap]]


def _cell_text(cell: Cell) -> str:
    """How a cell reads to the user (for messages and code lookups)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    return str(cell).strip()


def _is_missing(cell: Cell) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    return isinstance(cell, str) and cell.strip().lower() in MISSING_TEXT


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def _parse_number(cell: Cell) -> float | None:
    """A float from a number cell or text with a decimal point or comma; None if not a number."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip()
    if not _NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", "."))


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 after Excel's 1900 leap-year bug
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y")


def _parse_date(cell: Cell) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        serial = float(cell)
    else:
        text = str(cell).strip()
        # Exports often carry a midnight time: "2024-01-05 00:00:00" or "2024-01-05T00:00".
        head = re.split(r"[ T]", text, maxsplit=1)[0]
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(head, fmt).date()
            except ValueError:
                continue
        number = _parse_number(text)
        if number is None:
            return None
        serial = number
    # An Excel serial in a plausible range (1900-01-01 .. 9999-12-31).
    if not (1 <= serial < 2958466) or not float(serial).is_integer():
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


@dataclass(frozen=True)
class _Column:
    """One recognised input column: its position, the user's header text and its cells."""

    index: int
    header: str
    cells: list[Cell]
    rows: Sequence[int]


def _parse_numeric(col: _Column, errors: _Errors, lang: str) -> NDArray[np.float64]:
    values = np.full(len(col.rows), np.nan)
    for i, (cell, row) in enumerate(zip(col.cells, col.rows, strict=True)):
        if _is_missing(cell):
            continue
        number = _parse_number(cell)
        if number is None or not math.isfinite(number):
            text = _cell_text(cell)
            errors.add(
                row, col.index, _msg(lang, "not_number", row=row, col=col.header, value=text)
            )
        elif number < 0:
            text = _cell_text(cell)
            errors.add(row, col.index, _msg(lang, "negative", row=row, col=col.header, value=text))
        else:
            values[i] = number
    return values


def _parse_codes(
    col: _Column,
    mapping: dict[str, Any],
    allowed: str,
    errors: _Errors,
    lang: str,
    *,
    required: bool = False,
) -> list[Any]:
    out: list[Any] = []
    for cell, row in zip(col.cells, col.rows, strict=True):
        if _is_missing(cell):
            if required:
                message = _msg(lang, "empty_sex", row=row, col=col.header, allowed=allowed)
                errors.add(row, col.index, message)
            out.append(None)
            continue
        text = _cell_text(cell)
        code = mapping.get(text.lower())
        if code is None:
            message = _msg(lang, "bad_value", row=row, col=col.header, value=text, allowed=allowed)
            errors.add(row, col.index, message)
        out.append(code)
    return out


def _parse_dates(col: _Column, errors: _Errors, lang: str) -> list[dt.date | None]:
    out: list[dt.date | None] = []
    for cell, row in zip(col.cells, col.rows, strict=True):
        if _is_missing(cell):
            out.append(None)
            continue
        parsed = _parse_date(cell)
        if parsed is None:
            text = _cell_text(cell)
            errors.add(row, col.index, _msg(lang, "bad_date", row=row, col=col.header, value=text))
        out.append(parsed)
    return out


def _age_from_dates(
    born_col: _Column, measured_col: _Column, errors: _Errors, lang: str
) -> NDArray[np.float64]:
    born = _parse_dates(born_col, errors, lang)
    measured = _parse_dates(measured_col, errors, lang)
    age = np.full(len(born), np.nan)
    for i, (b, m) in enumerate(zip(born, measured, strict=True)):
        if b is None or m is None:
            continue  # a blank date is a missing age, not an error
        if m < b:
            row = measured_col.rows[i]
            message = _msg(
                lang,
                "date_order",
                row=row,
                col=measured_col.header,
                measured=m.isoformat(),
                born=b.isoformat(),
            )
            errors.add(row, measured_col.index, message)
            continue
        age[i] = (m - b).days
    return age


def parse_inputs(
    table: Table, columns: dict[str, int], *, lang: str = "id", cap: int = MAX_REPORTED_ERRORS
) -> ParsedInputs:
    """Turn the recognised columns into arrays for growth.zscores, collecting every bad cell.

    Age precedence per row: birth/measurement dates, else age_days, else age_months × 30.4375
    (DESIGN.md §3: months only when days are unknown). Errors come back in sheet order.
    """
    errors = _Errors(cap)

    def col(canonical: str) -> _Column:
        index = columns[canonical]
        cells = [row[index] for row in table.rows]
        return _Column(index, table.headers[index], cells, table.row_numbers)

    sex = _parse_codes(col("sex"), SEX_VALUES, SEX_ALLOWED, errors, lang, required=True)
    numeric = {
        name: _parse_numeric(col(name), errors, lang) for name in NUMERIC_COLUMNS if name in columns
    }
    codes = {
        name: _parse_codes(col(name), mapping, allowed, errors, lang)
        for name, mapping, allowed in (
            ("measure", MEASURE_VALUES, MEASURE_ALLOWED),
            ("oedema", OEDEMA_VALUES, OEDEMA_ALLOWED),
        )
        if name in columns
    }
    age_days: NDArray[np.float64] | None = None
    if "birth_date" in columns:
        age_days = _age_from_dates(col("birth_date"), col("measurement_date"), errors, lang)
    for name, factor in (("age_days", 1.0), ("age_months", DAYS_PER_MONTH)):
        if name in numeric:
            days = numeric[name] * factor
            age_days = days if age_days is None else np.where(np.isnan(age_days), days, age_days)

    result = ParsedInputs(errors=errors.messages, error_count=errors.count)
    if age_days is None:
        result.warnings.append(_msg(lang, "no_age"))
    kwargs: dict[str, Any] = {"sex": np.array(sex, dtype=object), "age_days": age_days}
    for name in MEASUREMENT_COLUMNS:
        if name in numeric:
            kwargs[name] = numeric[name]
    for name, values in codes.items():
        kwargs[name] = _code_array(values)
    result.kwargs = kwargs
    return result


def _code_array(codes: list[str | None]) -> NDArray[np.object_]:
    # Missing code cells pass through as None; the engine treats them as unknown.
    return np.array(codes, dtype=object)


# --------------------------------------------------------------------------------------------
# Computing
# --------------------------------------------------------------------------------------------


def compute(kwargs: dict[str, Any]) -> dict[str, NDArray[Any]]:
    """Engine outputs (with reason codes) followed by category columns, in output order.

    Categories come from `growth.classify` with ``drop_flagged=True``: a z-score WHO flags as
    implausible gets no category, so that counting a category column counts valid z only
    (DESIGN.md §4: stunting among children with a valid, unflagged z). Each indicator gives a
    stable code column ``<indicator>_code`` and an Indonesian label column ``<indicator>_label``.
    """
    import growth

    given = {k: v for k, v in kwargs.items() if v is not None}
    outputs: dict[str, NDArray[Any]] = dict(growth.zscores(**given, reasons=True))
    for key, found in growth.classify(outputs, drop_flagged=True).items():
        outputs[f"{key}_code"] = np.asarray(found.code)
        outputs[f"{key}_label"] = np.asarray(found.label)
    return outputs


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _input_text(cell: Cell) -> str | None:
    """An input cell as CSV text (None = empty); Excel dates as ISO dates."""
    if cell is None or (isinstance(cell, str) and cell == ""):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float):
        return _cell_text(cell) if math.isfinite(cell) else None
    return str(cell)


def _unique_names(names: Sequence[str]) -> list[str]:
    # Column names only need to be unique inside polars; the header row is written as given.
    return [f"c{i}" for i in range(len(names))]


def write_csv(
    path: Path,
    table: Table,
    outputs: dict[str, NDArray[Any]],
    *,
    delimiter: str,
    decimal_comma: bool,
) -> None:
    """Write input columns (text as read) and outputs; floats in shortest round-trip form.

    UTF-8 with a BOM for the ";" convention, so that Excel in an Indonesian locale opens it
    with the right characters; plain UTF-8 otherwise.
    """
    import polars as pl

    headers = [*table.headers, *outputs]
    names = _unique_names(headers)
    series: list[pl.Series] = []
    for i in range(len(table.headers)):
        series.append(pl.Series(names[i], [_input_text(row[i]) for row in table.rows], pl.String))
    for name, values in zip(names[len(table.headers) :], outputs.values(), strict=True):
        if values.dtype.kind == "f":
            series.append(pl.Series(name, values, nan_to_null=True))
        else:
            texts = [None if v is None or v == "" else str(v) for v in values.tolist()]
            series.append(pl.Series(name, texts, pl.String))
    with path.open("wb") as handle:
        header = io.StringIO()
        csv.writer(header, delimiter=delimiter, lineterminator="\n").writerow(headers)
        if delimiter == ";":
            handle.write(b"\xef\xbb\xbf")
        handle.write(header.getvalue().encode("utf-8"))
        pl.DataFrame(series).write_csv(
            handle,
            include_header=False,
            separator=delimiter,
            decimal_comma=decimal_comma,
            float_scientific=False,
        )


# A minimal xlsx writer: one sheet, inline strings, dates styled as dates. openpyxl's
# write-only mode needs about 100 s for 200,000 rows x 40 columns; this needs a few seconds.
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "http://schemas.openxmlformats.org"
_SML_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL_TYPE = f"{_OOXML}/officeDocument/2006/relationships"
_XLSX_CONTENT_TYPES = (
    f'{_XML_DECL}<Types xmlns="{_OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SML_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SML_TYPE}.styles+xml"/>'
    "</Types>"
)
_XLSX_RELS = (
    f'{_XML_DECL}<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_TYPE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_XLSX_WORKBOOK = (
    f'{_XML_DECL}<workbook xmlns="{_OOXML}/spreadsheetml/2006/main" xmlns:r="{_REL_TYPE}">'
    '<sheets><sheet name="zscore" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_WORKBOOK_RELS = (
    f'{_XML_DECL}<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_TYPE}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Cell styles: 0 plain, 1 date (numFmt 14), 2 date and time (numFmt 22), 3 bold header.
_XLSX_STYLES = (
    f'{_XML_DECL}<styleSheet xmlns="{_OOXML}/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_XLSX_SHEET_HEAD = (
    f'{_XML_DECL}<worksheet xmlns="{_OOXML}/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
)
# XML 1.0 forbids most control characters even when escaped; they are dropped.
_XML_DROP = {c: None for c in range(32) if c not in (9, 10, 13)}


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.translate(_XML_DROP)


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _xlsx_cell(value: Any) -> str | None:
    """The part of a <c> element after its reference, or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        return f"><v>{value!r}</v></c>"
    if isinstance(value, dt.datetime):
        serial = (value - dt.datetime(1899, 12, 30)) / dt.timedelta(days=1)
        style = 1 if value.time() == dt.time() else 2
        return f' s="{style}"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        return f' s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    text = str(value)
    if text == "":
        return None
    return f' t="inlineStr"><is><t xml:space="preserve">{_xml_text(text)}</t></is></c>'


def write_xlsx(path: Path, table: Table, outputs: dict[str, NDArray[Any]]) -> None:
    """Write one sheet "zscore": the header (bold, frozen), input cells as read, the outputs.

    Numbers stay numbers, Excel date cells stay dates, CSV text stays text; NaN is an empty cell.
    """
    import zipfile

    headers = [*table.headers, *outputs]
    letters = [_column_letters(i) for i in range(len(headers))]
    # Per column, the cell bodies are made once, vectorised over rows where possible.
    bodies: list[list[str | None]] = []
    for i in range(len(table.headers)):
        bodies.append([_xlsx_cell(row[i]) for row in table.rows])
    for values in outputs.values():
        if values.dtype.kind == "f":
            bodies.append([None if v != v else f"><v>{v!r}</v></c>" for v in values.tolist()])
        else:
            bodies.append([_xlsx_cell(v) for v in values.tolist()])

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _XLSX_CONTENT_TYPES)
        book.writestr("_rels/.rels", _XLSX_RELS)
        book.writestr("xl/workbook.xml", _XLSX_WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _XLSX_STYLES)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_XLSX_SHEET_HEAD.encode())
            head = "".join(
                f'<c r="{col}1" s="3" t="inlineStr"><is><t xml:space="preserve">'
                f"{_xml_text(name)}</t></is></c>"
                for col, name in zip(letters, headers, strict=True)
            )
            sheet.write(f'<row r="1">{head}</row>'.encode())
            chunk: list[str] = []
            for r in range(len(table.rows)):
                n = r + 2
                cells = "".join(
                    f'<c r="{col}{n}"{body[r]}'
                    for col, body in zip(letters, bodies, strict=True)
                    if body[r] is not None
                )
                chunk.append(f'<row r="{n}">{cells}</row>')
                if len(chunk) == 5000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def run(
    input_path: Path,
    output_path: Path,
    *,
    sheet: str | None = None,
    lang: str = "id",
    stderr: Any = None,
) -> int:
    """Do the whole job; returns the exit code. User errors go to ``stderr`` as text."""
    err = stderr if stderr is not None else sys.stderr
    try:
        rows = convert(input_path, output_path, sheet=sheet, lang=lang, stderr=err)
    except UserError as exc:
        for message in exc.messages:
            print(message, file=err)
        return EXIT_USER_ERROR
    print(_msg(lang, "done", n=rows, path=output_path), file=err)
    return EXIT_OK


def convert(
    input_path: Path,
    output_path: Path,
    *,
    sheet: str | None = None,
    lang: str = "id",
    stderr: Any = None,
) -> int:
    """Read, validate, compute, write; returns the number of rows written, raises UserError."""
    out_suffix = output_path.suffix.lower()
    if out_suffix not in (".csv", ".xlsx"):
        raise UserError([_msg(lang, "bad_extension", path=output_path)])
    if input_path.exists() and output_path.exists() and input_path.samefile(output_path):
        raise UserError([_msg(lang, "same_file")])
    table = read_table(input_path, sheet=sheet, lang=lang)
    columns = map_columns(table.headers, lang=lang)
    parsed = parse_inputs(table, columns, lang=lang)
    if parsed.errors:
        lines = [_msg(lang, "errors_header", n=parsed.error_count, path=input_path), *parsed.errors]
        if parsed.error_count > len(parsed.errors):
            lines.append(
                _msg(
                    lang,
                    "more_errors",
                    n=parsed.error_count - len(parsed.errors),
                    shown=len(parsed.errors),
                )
            )
        raise UserError(lines)
    for warning in parsed.warnings:
        print(warning, file=stderr if stderr is not None else sys.stderr)
    try:
        outputs = compute(parsed.kwargs)
    except ValueError as exc:  # the engine validates its own arguments; show its words
        raise UserError([_msg(lang, "engine_error", reason=exc)]) from exc
    table = _drop_stale_outputs(table, outputs, lang, stderr)
    try:
        if out_suffix == ".xlsx":
            write_xlsx(output_path, table, outputs)
        else:
            delimiter = table.delimiter if table.delimiter == ";" else ","
            write_csv(
                output_path, table, outputs, delimiter=delimiter, decimal_comma=delimiter == ";"
            )
    except OSError as exc:
        raise UserError(
            [_msg(lang, "cannot_write", path=output_path, reason=exc.strerror or exc)]
        ) from exc
    return len(table.rows)


def _drop_stale_outputs(
    table: Table, outputs: dict[str, NDArray[Any]], lang: str, stderr: Any
) -> Table:
    """Without input columns named like an output (a file that was run through before).

    Keeping both would give two "zlen" columns with different numbers; the fresh ones win.
    """
    fresh = {name.lower() for name in outputs}
    keep = [i for i, h in enumerate(table.headers) if h.strip().lower() not in fresh]
    if len(keep) == len(table.headers):
        return table
    dropped = ", ".join(f'"{h}"' for i, h in enumerate(table.headers) if i not in keep)
    print(_msg(lang, "replaced", cols=dropped), file=stderr if stderr is not None else sys.stderr)
    return Table(
        [table.headers[i] for i in keep],
        [[row[i] for i in keep] for row in table.rows],
        table.row_numbers,
        delimiter=table.delimiter,
        encoding=table.encoding,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m growth",
        description=(
            "Hitung z-skor WHO dan kategori Permenkes 2/2020 untuk satu berkas CSV/xlsx. "
            "Compute WHO z-scores and Permenkes 2/2020 categories for a CSV/xlsx file."
        ),
        epilog=(
            "Kolom masukan / input columns: sex (1/2/L/P), age_days | age_months | "
            "birth_date + measurement_date, weight_kg, lenhei_cm, measure (l/h), oedema (n/y), "
            "muac_cm, headc_cm. Nama kolom tidak peka huruf besar-kecil; alias seperti jk, berat, "
            "tinggi, cara_ukur, tgl_lahir, tanggal_pengukuran juga dikenali. "
            "Keluaran CSV memakai ';' dan koma desimal bila masukan memakai ';', "
            "selain itu ',' dan titik desimal."
        ),
    )
    parser.add_argument("input", type=Path, help="berkas masukan / input file (.csv, .xlsx)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="berkas keluaran / output file (.csv, .xlsx)",
    )
    parser.add_argument("--sheet", help="nama sheet xlsx / xlsx sheet name (bawaan: sheet pertama)")
    parser.add_argument(
        "--lang", choices=("id", "en"), default="id", help="bahasa pesan / message language"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args.input, args.output, sheet=args.sheet, lang=args.lang)
