"""Vectorised conversion of raw e-PPGBM cells to typed arrays.

Each converter takes one raw column (``str`` cells from csv; typed cells from spreadsheets) and
returns the values plus a mask of cells that were filled but could not be read. Empty cells and
a lone dash ("-", used by e-PPGBM for "none") are missing, never invalid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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


def _only_str(col: Sequence[object]) -> bool:
    return set(map(type, col)) <= {str}


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


def texts(col: Sequence[object], *, text_only: bool | None = None) -> pl.Series:
    """Stripped cell text, null where the cell is empty or a lone dash.

    ``text_only``: the caller knows every cell is a ``str`` (csv), skipping the check.
    """
    if _only_str(col) if text_only is None else text_only:
        s = pl.Series(col, dtype=pl.String)
    else:
        s = pl.Series([cell_text(v) for v in col], dtype=pl.String)
    s = s.str.strip_chars()
    return pl.select(
        pl.when(s.is_in(["", "-", "–", "—"])).then(None).otherwise(s).alias("t")
    ).to_series()


def numbers(
    col: Sequence[object], *, text_only: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where missing or unreadable) and the mask of unreadable cells.

    Accepts decimal commas ("8,5"), decimal points, a thousands dot with a decimal comma
    ("1.250,5") and a trailing unit ("8,5 kg").
    """
    n = len(col)
    values = np.full(n, np.nan)
    if _only_str(col) if text_only is None else text_only:
        text_idx = None
        text_vals: Sequence[object] = col
    else:
        text_idx = []
        text_list = []
        for i, v in enumerate(col):
            t = type(v)
            if t is float or t is int:
                values[i] = v
            elif t is str:
                if v.strip():
                    text_idx.append(i)
                    text_list.append(v)
            elif v is not None:
                text_idx.append(i)
                text_list.append(cell_text(v))
        text_vals = text_list
    s = texts(text_vals, text_only=True)
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
    bad = (parsed.is_null() & s.is_not_null()).to_numpy()
    parsed_np = parsed.fill_null(np.nan).to_numpy()
    invalid = np.zeros(n, dtype=bool)
    if text_idx is None:
        values = parsed_np.astype(float, copy=True)
        invalid = bad
    elif text_idx:
        idx = np.asarray(text_idx, dtype=np.int64)
        values[idx] = parsed_np
        invalid[idx] = bad
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


def _parse_date_texts(s: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Dates written as dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, "5 Februari 2025"
    (an optional time part is ignored) or an Excel serial number typed as text."""
    t = s.str.strip_chars().str.replace(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2}(\.\d+)?)?$", "")
    df = pl.DataFrame({"t": t}).select(
        dmy=pl.col("t").str.extract_groups(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$"),
        ymd=pl.col("t").str.extract_groups(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$"),
        named=pl.col("t")
        .str.to_lowercase()
        .str.extract_groups(r"^(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})$"),
        serial=pl.col("t").str.extract(r"^(\d{2,5})(?:[.,]0+)?$").cast(pl.Int64, strict=False),
    )
    month_names = (
        df["named"].struct.field("2").replace_strict(_MONTHS, default=None, return_dtype=pl.Int64)
    )
    day = pl.coalesce(
        df["dmy"].struct.field("1"), df["ymd"].struct.field("3"), df["named"].struct.field("1")
    ).cast(pl.Int64)
    month = pl.select(
        pl.coalesce(
            df["dmy"].struct.field("2").cast(pl.Int64),
            df["ymd"].struct.field("2").cast(pl.Int64),
            pl.lit(month_names),
        )
    ).to_series()
    year = pl.coalesce(
        df["dmy"].struct.field("3"), df["ymd"].struct.field("1"), df["named"].struct.field("3")
    ).cast(pl.Int64)
    y = pl.select(year).to_series().fill_null(-1).to_numpy()
    m = month.fill_null(-1).to_numpy()
    d = pl.select(day).to_series().fill_null(-1).to_numpy()
    out, bad = _ymd_to_days(y, m, d)
    serial = df["serial"].fill_null(-1).to_numpy()
    is_serial = (serial >= _SERIAL_MIN) & (serial <= _SERIAL_MAX)
    out = np.where(is_serial, EXCEL_EPOCH + serial.astype("timedelta64[D]"), out)
    present = s.is_not_null().to_numpy()
    invalid = present & bad & ~is_serial
    return out, invalid


def dates(col: Sequence[object], *, text_only: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """datetime64[D] values (NaT where missing or unreadable) and the unreadable mask.

    Spreadsheet date cells and Excel serial numbers (1900 date system) are taken as dates;
    text in the formats of :func:`_parse_date_texts`. Day first: e-PPGBM writes dd/mm/yyyy.
    """
    n = len(col)
    if _only_str(col) if text_only is None else text_only:
        return _parse_date_texts(texts(col, text_only=True))
    kinds = [_DATE_KIND.get(type(v), 4) for v in col]  # 0 empty/str, 1 date, 2 number, 4 other
    kind = np.asarray(kinds, dtype=np.int8)
    out = np.full(n, np.datetime64("NaT", "D"))
    is_date = np.flatnonzero(kind == 1)
    if len(is_date):
        ordinals = np.fromiter((col[i].toordinal() for i in is_date), np.int64, len(is_date))  # type: ignore[attr-defined]
        out[is_date] = (ordinals - _UNIX_ORDINAL).astype("timedelta64[D]") + np.datetime64(
            "1970-01-01", "D"
        )
    is_num = np.flatnonzero(kind == 2)
    invalid = kind == 4
    if len(is_num):
        serial = np.fromiter((col[i] for i in is_num), float, len(is_num))
        ok = (serial >= _SERIAL_MIN) & (serial <= _SERIAL_MAX)
        out[is_num[ok]] = EXCEL_EPOCH + np.floor(serial[ok]).astype(np.int64).astype(
            "timedelta64[D]"
        )
        invalid[is_num[~ok]] = True
    text_idx = [i for i in np.flatnonzero(kind == 0).tolist() if col[i] and col[i].strip()]  # type: ignore[union-attr]
    if text_idx:
        parsed, bad = _parse_date_texts(texts([col[i] for i in text_idx], text_only=True))
        idx = np.asarray(text_idx, dtype=np.int64)
        out[idx] = parsed
        invalid[idx] = bad
    return out, invalid


_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()
_DATE_KIND: dict[type, int] = {
    str: 0,
    type(None): 3,
    dt.date: 1,
    dt.datetime: 1,
    float: 2,
    int: 2,
}


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
