"""Raw e-PPGBM cells as columns (:class:`Cells`) and their vectorised conversion to typed arrays.

Each converter takes one raw column (``Cells``, or any sequence of cell values) and returns the
values plus a mask of cells that were filled but could not be read. Empty cells and a lone dash
("-", used by e-PPGBM for "none") are missing, never invalid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
# Excel serials read as dates only between 1900-03-01 and 2100-12-31
_SERIAL_MIN, _SERIAL_MAX = 61, 73415

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ]
    )
    for name in names
}


def cell_text(value: object) -> str:
    """A cell as the user would read it: ``8.5`` → ``"8.5"``, a date → ``"05/02/2025"``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e17 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


# kinds of spreadsheet cells
TEXT, NUMBER, DATE, DATETIME, BOOL, OTHER = range(6)


class _Kinds(dict[type, int]):
    def __missing__(self, key: type) -> int:
        return OTHER


_KIND = _Kinds(
    {str: TEXT, float: NUMBER, int: NUMBER, dt.date: DATE, dt.datetime: DATETIME, bool: BOOL}
)
_EPOCH_DATE = dt.date(1970, 1, 1)
_ordinal: Callable[[object], int] = dt.date.toordinal  # type: ignore[assignment]
_EPOCH_DATETIME = dt.datetime(1970, 1, 1)


@dataclass(frozen=True, eq=False)
class Cells(Sequence[object]):
    """One column of raw cells, held as arrays rather than a Python object per cell.

    ``text`` holds the text cells exactly as read ("" when empty; csv cells are all text).
    Spreadsheet columns with other cells also have ``kind`` (``TEXT``, ``NUMBER``, ``DATE``,
    ``DATETIME``, ``BOOL`` or ``OTHER`` per cell; ``text`` is null where the cell is not text,
    except ``OTHER`` cells such as times, kept as their text) and ``value`` (the number, days
    since 1970-01-01 for dates, microseconds since 1970 for date-times, 0/1 for booleans).
    ``cells[i]`` gives the cell as the spreadsheet held it.
    """

    text: pl.Series
    kind: np.ndarray | None = None
    value: np.ndarray | None = None

    @classmethod
    def of(cls, values: Sequence[object]) -> Cells:
        """Cells from Python cell values (``str``, ``float``, ``int``, ``bool``, ``date``,
        ``datetime``, ``None`` for empty, anything else kept as its text)."""
        if isinstance(values, Cells):
            return values
        try:
            return cls(pl.Series(values, dtype=pl.String))  # every cell a str: the usual case
        except TypeError:
            pass
        n = len(values)
        kind = np.fromiter(map(_KIND.__getitem__, map(type, values)), np.int8, n)
        value = np.full(n, np.nan)
        get = values.__getitem__
        idx = np.flatnonzero((kind == NUMBER) | (kind == BOOL)).tolist()
        if idx:
            value[idx] = np.fromiter(map(get, idx), float, len(idx))
        idx = np.flatnonzero(kind == DATE).tolist()
        if idx:
            ordinals = np.fromiter(map(_ordinal, map(get, idx)), np.float64, len(idx))
            value[idx] = ordinals - float(_EPOCH_DATE.toordinal())
        idx = np.flatnonzero(kind == DATETIME).tolist()
        if idx:
            stamps = np.array(list(map(get, idx)), dtype="datetime64[us]")
            value[idx] = stamps.astype(np.int64).astype(float)
        text = pl.Series([v if type(v) is str else None for v in values], dtype=pl.String)
        other = np.flatnonzero(kind == OTHER)
        if len(other):
            empty = [i for i in other.tolist() if values[i] is None]
            kind[empty] = TEXT
            text.scatter(other, [cell_text(values[i]) for i in other.tolist()])
        return cls(text, kind, value)

    @property
    def text_only(self) -> bool:
        return self.kind is None

    def __len__(self) -> int:
        return self.text.len()

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        k = TEXT if self.kind is None else int(self.kind[i])
        if k in (TEXT, OTHER):
            t = self.text[i]
            return "" if t is None else t
        assert self.value is not None
        v = float(self.value[i])
        if k == NUMBER:
            return v
        if k == BOOL:
            return bool(v)
        if k == DATE:
            return dt.date.fromordinal(int(v) + _EPOCH_DATE.toordinal())
        return _EPOCH_DATETIME + dt.timedelta(microseconds=int(v))

    def __iter__(self) -> Iterator[object]:
        if self.kind is None:
            return iter(self.text.fill_null("").to_list())
        return (self[i] for i in range(len(self)))

    def take(self, idx: np.ndarray) -> list[object]:
        """The cells at ``idx`` as Python values, for writing rows back: a whole number as an
        ``int`` (Excel shows 3 and 46306, not 3.0) and a whole 16-digit number that was not cut
        (a NIK, :func:`whole_16_digits`) as its text, which Excel shows in full rather than as
        5,30201E+15. A 16-digit number that may have been cut stays a number, so that the
        corrected file, imported again, is checked again."""
        if self.kind is None:
            return self.text.gather(idx).fill_null("").to_list()
        assert self.value is not None
        out = [self[int(i)] for i in idx]
        value = self.value[idx]
        with np.errstate(invalid="ignore"):
            whole = (self.kind[idx] == NUMBER) & (value == np.floor(value)) & (np.abs(value) < 1e17)
        text = whole_16_digits(value)
        for k in np.flatnonzero(whole).tolist():
            out[k] = str(int(value[k])) if text[k] else int(value[k])
        return out

    def filter(self, keep: np.ndarray) -> Cells:
        if self.kind is None:
            return Cells(self.text.filter(pl.Series(keep)))
        assert self.value is not None
        return Cells(self.text.filter(pl.Series(keep)), self.kind[keep], self.value[keep])

    def blank(self) -> np.ndarray:
        """Cells that are empty or only whitespace."""
        empty = (self.text.str.strip_chars().fill_null("") == "").to_numpy()
        if self.kind is not None:
            empty &= (self.kind == TEXT) | (self.kind == OTHER)
        return empty

    def display(self) -> pl.Series:
        """Every cell as the user reads it (:func:`cell_text`), nulls never."""
        if self.kind is None:
            return self.text.fill_null("")
        idx = np.flatnonzero((self.kind != TEXT) & (self.kind != OTHER))
        out = self.text.fill_null("").clone()
        if len(idx):
            out.scatter(idx, [cell_text(self[int(i)]) for i in idx])
        return out


_MISSING = ["", "-", "–", "—"]


def _missing_to_null(s: pl.Series) -> pl.Series:
    s = s.str.strip_chars()
    return pl.select(pl.when(s.is_in(_MISSING)).then(None).otherwise(s).alias("t")).to_series()


def texts(col: Sequence[object]) -> pl.Series:
    """Stripped cell text (numbers and dates as :func:`cell_text` writes them), null where the
    cell is empty or a lone dash."""
    return _missing_to_null(Cells.of(col).display())


def numbers(col: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where missing or unreadable) and the mask of unreadable cells.

    Accepts decimal commas ("8,5"), decimal points, a thousands dot with a decimal comma
    ("1.250,5") and a trailing unit ("8,5 kg"). Date and boolean cells are unreadable.
    """
    cells = Cells.of(col)
    s = _missing_to_null(cells.text)
    cleaned = (
        s.str.to_lowercase().str.replace(r"\s*(kg|cm|gr|gram|g)\.?$", "").str.replace_all(r"\s", "")
    )
    cleaned = pl.select(
        pl.when(cleaned.str.contains(r"^-?\d{1,3}(\.\d{3})+,\d+$"))
        .then(cleaned.str.replace_all(r"\.", ""))
        .otherwise(cleaned)
        .str.replace(",", ".", literal=True)
        .alias("n")
    ).to_series()
    parsed = cleaned.cast(pl.Float64, strict=False)
    invalid = (parsed.is_null() & s.is_not_null()).to_numpy()
    values = parsed.fill_null(np.nan).to_numpy().astype(float, copy=True)
    if cells.kind is not None:
        assert cells.value is not None
        is_num = cells.kind == NUMBER
        values[is_num] = cells.value[is_num]
        other = (cells.kind == DATE) | (cells.kind == DATETIME) | (cells.kind == BOOL)
        values[other] = np.nan
        invalid |= other
    values[~np.isfinite(values)] = np.nan
    return values, invalid


def _ymd_to_days(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """datetime64[D] from year/month/day ints (-1 missing), and the mask of impossible dates."""
    ok = (y >= 1900) & (y <= 2100) & (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31)
    months = np.where(ok, (y - 1970) * 12 + (m - 1), 0).astype("timedelta64[M]")
    first = np.datetime64("1970-01", "M") + months
    days = first.astype("datetime64[D]") + np.where(ok, d - 1, 0).astype("timedelta64[D]")
    ok &= days.astype("datetime64[M]") == first  # 31/02 rolls into March
    out = np.where(ok, days, np.datetime64("NaT", "D"))
    return out, ~ok


# three numbers: "17/05/2023", "17-5-23", "17.05.2023" (which is day and which month varies)
_NUMERIC_DATE = r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})$"


def _date_text(s: pl.Series) -> pl.Series:
    """Date text without surrounding spaces or a time part ("06/11/2026 08:30")."""
    return s.str.strip_chars().str.replace(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2}(\.\d+)?)?$", "")


def _two_digit_years(y: np.ndarray) -> np.ndarray:
    return np.where((y >= 0) & (y < 100), y + 2000, y)  # "17/5/23": born this century


def _parse_date_texts(s: pl.Series, *, month_first: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Dates written as dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (mm/dd/yyyy and so on when
    ``month_first``), yyyy-mm-dd, "5 Februari 2025" (an optional time part is ignored), with a
    two-digit year taken as 20yy ("17/5/23"), or an Excel serial number typed as text."""
    df = pl.DataFrame({"t": _date_text(s)}).select(
        dmy=pl.col("t").str.extract_groups(_NUMERIC_DATE),
        ymd=pl.col("t").str.extract_groups(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$"),
        named=pl.col("t")
        .str.to_lowercase()
        .str.extract_groups(r"^(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4}|\d{2})$"),
        serial=pl.col("t").str.extract(r"^(\d{2,5})(?:[.,]0+)?$").cast(pl.Int64, strict=False),
    )
    month_names = (
        df["named"].struct.field("2").replace_strict(_MONTHS, default=None, return_dtype=pl.Int64)
    )
    first, second = ("2", "1") if month_first else ("1", "2")
    day = pl.coalesce(
        df["dmy"].struct.field(first), df["ymd"].struct.field("3"), df["named"].struct.field("1")
    ).cast(pl.Int64)
    month = pl.select(
        pl.coalesce(
            df["dmy"].struct.field(second).cast(pl.Int64),
            df["ymd"].struct.field("2").cast(pl.Int64),
            pl.lit(month_names),
        )
    ).to_series()
    year = pl.coalesce(
        df["dmy"].struct.field("3"), df["ymd"].struct.field("1"), df["named"].struct.field("3")
    ).cast(pl.Int64)
    y = _two_digit_years(pl.select(year).to_series().fill_null(-1).to_numpy())
    m = month.fill_null(-1).to_numpy()
    d = pl.select(day).to_series().fill_null(-1).to_numpy()
    out, bad = _ymd_to_days(y, m, d)
    serial = df["serial"].fill_null(-1).to_numpy()
    is_serial = (serial >= _SERIAL_MIN) & (serial <= _SERIAL_MAX)
    out = np.where(is_serial, EXCEL_EPOCH + serial.astype("timedelta64[D]"), out)
    present = s.is_not_null().to_numpy()
    invalid = present & bad & ~is_serial
    return out, invalid


def dates(col: Sequence[object], *, month_first: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """datetime64[D] values (NaT where missing or unreadable) and the unreadable mask.

    Spreadsheet date cells and Excel serial numbers (1900 date system) are taken as dates;
    text in the formats of :func:`_parse_date_texts`. Day first (e-PPGBM writes dd/mm/yyyy)
    unless ``month_first``, which :func:`date_order` decides for a whole file.
    """
    cells = Cells.of(col)
    text = _missing_to_null(cells.text)
    out, invalid = _parse_date_texts(text, month_first=month_first)
    if cells.kind is None:
        return out, invalid
    assert cells.value is not None
    kind, value = cells.kind, cells.value
    is_date = kind == DATE
    out[is_date] = value[is_date].astype(np.int64).astype("timedelta64[D]") + _UNIX_DAY
    is_dt = kind == DATETIME
    out[is_dt] = (value[is_dt].astype(np.int64).astype("datetime64[us]")).astype("datetime64[D]")
    is_num = kind == NUMBER
    serial = np.where(is_num, value, 0.0)
    ok = is_num & (serial >= _SERIAL_MIN) & (serial <= _SERIAL_MAX)
    out[ok] = EXCEL_EPOCH + np.floor(serial[ok]).astype(np.int64).astype("timedelta64[D]")
    out[is_num & ~ok] = np.datetime64("NaT", "D")
    # text and other cells (times) were read as text above
    invalid = np.where((kind == TEXT) | (kind == OTHER), invalid, (is_num & ~ok) | (kind == BOOL))
    return out, invalid


def _numeric_date_parts(col: Sequence[object]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each text cell written with three numbers ("11/5/2026"): whether it is a date read
    day first, whether it is one read month first (both false for any other cell), and whether
    its first two numbers are equal (so both orders read the same date)."""
    text = _date_text(_missing_to_null(Cells.of(col).text))
    parts = pl.DataFrame({"t": text}).select(p=pl.col("t").str.extract_groups(_NUMERIC_DATE))["p"]
    a, b, y = (parts.struct.field(k).cast(pl.Int64).fill_null(-1).to_numpy() for k in "123")
    y = _two_digit_years(y)
    return ~_ymd_to_days(y, b, a)[1], ~_ymd_to_days(y, a, b)[1], a == b


@dataclass(frozen=True)
class DateOrder:
    """How one file writes its numeric text dates: day first (dd/mm/yyyy, the Indonesian and
    e-PPGBM order) or month first (mm/dd/yyyy, Excel in an English locale). ``example`` is
    (column, position) of a date that only month first can read, when month first."""

    month_first: bool = False
    example: tuple[int, int] | None = None


def date_order(cols: Sequence[Sequence[object]]) -> DateOrder:
    """The order of the numeric text dates in ``cols`` (decision 0008): month first when some
    date can only be read month first (11/25/2026) and none only day first (25/11/2026); else
    day first, also when both are seen (the dates day first cannot read are then invalid)."""
    example: tuple[int, int] | None = None
    for j, col in enumerate(cols):
        day_ok, month_ok, _ = _numeric_date_parts(col)
        if (day_ok & ~month_ok).any():
            return DateOrder()
        only_month = np.flatnonzero(month_ok & ~day_ok)
        if example is None and len(only_month):
            example = (j, int(only_month[0]))
    return DateOrder() if example is None else DateOrder(month_first=True, example=example)


def read_either_way(col: Sequence[object]) -> np.ndarray:
    """Text dates both orders read, as different dates: 11/5/2026 but not 11/11/2026."""
    day_ok, month_ok, same = _numeric_date_parts(col)
    return day_ok & month_ok & ~same


_UNIX_DAY = np.datetime64("1970-01-01", "D")

# integers up to 2**53 are exact in a float64; above it only even ones (then multiples of 4, ...)
EXACT_INTEGER_LIMIT = 2**53


def whole_16_digits(values: np.ndarray) -> np.ndarray:
    """Numbers that are a 16-digit NIK (or KK number) stored whole: integers of 16 digits below
    2**53 whose last digit is not 0. Excel keeps 15 significant digits and writes a 0 in the
    16th place, so a number ending in another digit was not cut (a program wrote it)."""
    with np.errstate(invalid="ignore"):
        return (
            (values >= 1e15)
            & (values < EXACT_INTEGER_LIMIT)
            & (values == np.floor(values))
            & (np.fmod(values, 10) != 0)
        )


def codes(
    s: pl.Series, mapping: dict[str, object], dtype: pl.DataType
) -> tuple[pl.Series, np.ndarray]:
    """Map code text (compared upper-case, letters and digits only) through ``mapping``.

    Returns the mapped series (null where missing or unknown) and the unknown mask.
    """
    key = s.str.to_uppercase().str.replace_all(r"[^0-9A-Z]", "")
    mapped = key.replace_strict(mapping, default=None, return_dtype=dtype)
    unknown = (mapped.is_null() & s.is_not_null()).to_numpy()
    return mapped, unknown
