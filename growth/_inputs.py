"""Validation and conversion of caller input at the public boundary of `growth`.

Array-likes (lists, numpy arrays, pandas or polars Series) are turned into numpy arrays without
importing pandas or polars: anything with a ``to_numpy()`` method is asked for its array. A 0-d
value (a plain scalar) is repeated to the common length. Missing is ``None`` or NaN (and, for
text codes, the empty string).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]

# WHO: an average month is 365.25 / 12 days (anthro ANTHRO_DAYS_OF_MONTH).
DAYS_PER_MONTH = 30.4375

MISSING_CODE = 0
_MAX_DISTINCT = 16
BAD_CODE = -1


def to_array(value: Any, name: str) -> npt.NDArray[Any] | None:
    """``value`` as a 0-d or 1-d numpy array (``None`` stays ``None``)."""
    if value is None:
        return None
    if not isinstance(value, np.ndarray) and hasattr(value, "to_numpy"):
        value = value.to_numpy()
    arr = np.asarray(value)
    if arr.ndim > 1:
        raise ValueError(f"{name}: expected a one-dimensional array; got shape {arr.shape}")
    return arr


def common_length(arrays: Mapping[str, npt.NDArray[Any] | None]) -> int:
    """The one length shared by the 1-d arrays (0-d arrays repeat); 1 when all are scalars."""
    lengths = {name: arr.shape[0] for name, arr in arrays.items() if arr is not None and arr.ndim}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"arguments must have one length; got {listed}")
    return next(iter(lengths.values()), 1)


def show(value: Any) -> str:
    """A value as error messages quote it: text in double quotes, whole numbers without '.0'."""
    if isinstance(value, str | np.str_):
        return f'"{value}"'
    if isinstance(value, float | np.floating) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    # pandas.NA / polars nulls arrive as objects; compare by type name to avoid importing pandas.
    return type(value).__name__ in ("NAType", "NaTType")


def as_float(arr: npt.NDArray[Any] | None, name: str, n: int) -> FloatArray:
    """A float64 array of length ``n``; missing values become NaN."""
    if arr is None:
        return np.full(n, np.nan)
    if arr.ndim == 0:
        arr = np.full(n, arr.item(), dtype=arr.dtype if arr.dtype.kind != "O" else object)
    if arr.dtype.kind in "fiub":
        return arr.astype(np.float64, copy=False)
    try:
        return arr.astype(np.float64)
    except (TypeError, ValueError):
        pass
    out = np.empty(n, dtype=np.float64)
    for i, v in enumerate(arr.tolist()):
        if _is_missing(v) or (isinstance(v, str) and not v.strip()):
            out[i] = np.nan
            continue
        try:
            out[i] = float(v)
        except (TypeError, ValueError):
            raise ValueError(
                f"{name}: expected a number or missing; got {show(v)} at position {i}"
            ) from None
    return out


class CodeSpec:
    """How to read one coded argument (sex, measure, oedema) into small integer codes.

    ``text`` maps lower-case spellings to codes (>= 1; 0 means missing), ``numbers`` maps
    numeric values to codes, ``allowed`` is the list of values quoted in error messages.
    """

    def __init__(
        self, name: str, text: Mapping[str, int], numbers: Mapping[float, int], allowed: str
    ) -> None:
        self.name = name
        self.text = dict(text)
        self.numbers = dict(numbers)
        self.allowed = allowed
        # Exact spellings tried first on whole arrays: lower, UPPER and Title case.
        spellings: dict[str, int] = {}
        for word, code in self.text.items():
            for variant in (word, word.upper(), word.title()):
                spellings[variant] = code
        self.spellings = spellings
        lookup: dict[Any, int] = dict(spellings)
        lookup.update(self.numbers)
        lookup[None] = MISSING_CODE
        lookup[""] = MISSING_CODE
        self.lookup = lookup

    def error(self, value: Any, position: int) -> ValueError:
        return ValueError(
            f"{self.name}: allowed values are {self.allowed}; got {show(value)} at position "
            f"{position}"
        )

    def _slow(self, value: Any, position: int) -> int:
        if _is_missing(value):
            return MISSING_CODE
        if isinstance(value, str | np.str_):
            code = self.text.get(str(value).strip().lower())
            if code is not None:
                return code
            if not str(value).strip():
                return MISSING_CODE
        else:
            try:
                code = self.numbers.get(float(value))
            except (TypeError, ValueError):
                code = None
            if code is not None:
                return code
        raise self.error(value, position)

    def _object_codes(self, arr: npt.NDArray[Any], n: int) -> CodeArray:
        """Codes of an object array, reading each distinct Python object once.

        Text columns (lists, pandas / polars string columns) usually hold a few objects many
        times over ("l", "h", None). The array's element pointers are compared as integers (the
        objects are never dereferenced), so each distinct object is decoded once. Past
        `_MAX_DISTINCT` distinct objects, or once few rows are left, the rest is mapped with one
        dict look-up per row (errors still name the first bad row: see `codes`).
        """
        pointers = np.ctypeslib.as_array((ctypes.c_size_t * n).from_address(arr.ctypes.data))
        out = np.full(n, BAD_CODE, dtype=np.int8)
        for _ in range(_MAX_DISTINCT):
            todo = out == BAD_CODE
            left = int(np.count_nonzero(todo))
            if left == 0:
                return out
            if left < n // 16:  # a few stragglers: cheaper one by one than one pass each
                break
            first = int(np.argmax(todo))
            out[pointers == pointers[first]] = self._slow(arr[first], first)
        rest = np.flatnonzero(out == BAD_CODE)
        out[rest] = np.fromiter(
            map(self._lookup_or_bad, arr[rest].tolist()), dtype=np.int8, count=rest.size
        )
        return out

    def _lookup_or_bad(self, value: Any) -> int:
        try:
            return self.lookup.get(value, BAD_CODE)
        except TypeError:  # unhashable: the slow path names it
            return BAD_CODE

    def codes(self, arr: npt.NDArray[Any] | None, n: int) -> CodeArray:
        """Codes (int8, length ``n``): 0 missing, else the mapped code; unknown values raise."""
        if arr is None:
            return np.zeros(n, dtype=np.int8)
        if arr.ndim == 0:
            code = self._slow(arr.item(), 0)
            return np.full(n, code, dtype=np.int8)
        out = np.full(n, BAD_CODE, dtype=np.int8)
        kind = arr.dtype.kind
        if kind in "fiub":
            for number, code in self.numbers.items():
                out[arr == number] = code
            if kind == "f":
                out[np.isnan(arr)] = MISSING_CODE
        elif kind == "U":
            # Vectorised comparisons for the usual spellings; odd ones go the slow way below.
            for spelling, code in self.spellings.items():
                out[arr == spelling] = code
            out[arr == ""] = MISSING_CODE
        elif n:
            out = self._object_codes(np.ascontiguousarray(arr), n)
        for i in np.flatnonzero(out == BAD_CODE).tolist():
            out[i] = self._slow(arr[i], i)
        return out


SEX = CodeSpec(
    "sex",
    {"1": 1, "2": 2, "l": 1, "p": 2, "m": 1, "f": 2},
    {1.0: 1, 2.0: 2},
    '1, 2, "L", "P", "m", "f" (any case)',
)

MEASURE_LYING = 1
MEASURE_STANDING = 2
MEASURE = CodeSpec(
    "measure",
    {
        "l": MEASURE_LYING,
        "h": MEASURE_STANDING,
        "terlentang": MEASURE_LYING,
        "berdiri": MEASURE_STANDING,
    },
    {},
    '"l", "h", "Terlentang", "Berdiri" (any case)',
)

OEDEMA_NO = 1
OEDEMA_YES = 2
OEDEMA = CodeSpec(
    "oedema",
    {"n": OEDEMA_NO, "y": OEDEMA_YES, "tidak": OEDEMA_NO, "ya": OEDEMA_YES},
    {},
    '"n", "y", "Tidak", "Ya" (any case)',
)


def ages(
    age_days: npt.NDArray[Any] | None, age_months: npt.NDArray[Any] | None, n: int
) -> tuple[FloatArray, FloatArray]:
    """(age in days, age in months), unrounded, from whichever one the caller gave.

    Days = months x 30.4375 and months = days / 30.4375 (WHO: 365.25 / 12 days a month; anthro
    ``age_to_days`` / ``age_to_months``).
    """
    if age_days is not None and age_months is not None:
        raise ValueError("age_days, age_months: give one of them, not both")
    if age_months is not None:
        months = as_float(age_months, "age_months", n)
        return months * DAYS_PER_MONTH, months
    days = as_float(age_days, "age_days", n)
    return days, days / DAYS_PER_MONTH
