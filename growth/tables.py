"""The bundled WHO LMS tables — the only module of `growth` that reads files.

Each table is read once, on first use (``functools.cache``), into flat float64 arrays laid out
for O(1) vectorised look-up: the row for sex ``s`` (1 male, 2 female) and key ``k`` sits at
``(s - 1) * n + (k - first)``, where the key is the age in days (WHO 2006 age tables), the age
in months (WHO 2007 reference) or the length/height in tenths of a centimetre (WFL/WFH tables).

Sources: ``growth/data/SOURCE-2006.md`` (WHO Child Growth Standards 2006, as shipped by the WHO
``anthro`` R package) and ``growth/data/SOURCE-2007.md`` (WHO Growth Reference 2007, as shipped by
the WHO ``anthroplus`` R package). The files are copied unchanged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# name -> (file, key scale): the key column is multiplied by the scale and must then be a whole
# number; 10 turns the 0.1 cm length/height grid into integers 450..1100 / 650..1200.
_FILES: dict[str, tuple[str, int]] = {
    "len": ("lenanthro.txt", 1),
    "wei": ("weianthro.txt", 1),
    "bmi": ("bmianthro.txt", 1),
    "hc": ("hcanthro.txt", 1),
    "ac": ("acanthro.txt", 1),
    "wfl": ("wflanthro.txt", 10),
    "wfh": ("wfhanthro.txt", 10),
    "hfa2007": ("hfawho2007.txt", 1),
    "bfa2007": ("bfawho2007.txt", 1),
    "wfa2007": ("wfawho2007.txt", 1),
}

TABLE_NAMES: tuple[str, ...] = tuple(_FILES)


@dataclass(frozen=True)
class LMSTable:
    """L, M, S of one WHO table for both sexes.

    ``l``, ``m``, ``s`` have shape ``(2 * n,)``: rows ``0..n-1`` are boys (sex 1), rows
    ``n..2n-1`` girls (sex 2); row ``i`` within a sex holds key ``first + i`` (days, months or
    tenths of a cm, see the module docstring). ``l_is_one`` is true when every L equals 1
    (length/height- and head circumference-for-age), where the Box-Cox power is the identity.
    """

    name: str
    first: int
    last: int
    l: FloatArray  # noqa: E741 - WHO's own name for the Box-Cox power
    m: FloatArray
    s: FloatArray
    l_is_one: bool

    @property
    def n(self) -> int:
        """Number of rows per sex."""
        return self.last - self.first + 1


def _read(name: str) -> LMSTable:
    file_name, scale = _FILES[name]
    text = resources.files("growth").joinpath("data", file_name).read_text(encoding="utf-8")
    lines = text.splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    sex = np.array([int(r[0]) for r in rows], dtype=np.int64)
    key_float = np.array([float(r[1]) for r in rows], dtype=np.float64) * scale
    key = np.rint(key_float).astype(np.int64)
    if not np.allclose(key, key_float, rtol=0.0, atol=1e-6):
        raise RuntimeError(f"{file_name}: key column is not on a 1/{scale} grid")
    lms = np.array([[float(r[2]), float(r[3]), float(r[4])] for r in rows], dtype=np.float64)
    first, last = int(key[sex == 1].min()), int(key[sex == 1].max())
    n = last - first + 1
    expected_key = np.tile(np.arange(first, last + 1), 2)
    expected_sex = np.repeat([1, 2], n)
    # The flat layout below relies on complete, sorted tables: check once instead of trusting.
    if len(rows) != 2 * n or not (
        np.array_equal(sex, expected_sex) and np.array_equal(key, expected_key)
    ):
        raise RuntimeError(f"{file_name}: rows are not one per sex and key, in order")
    l_col = np.ascontiguousarray(lms[:, 0])
    return LMSTable(
        name=name,
        first=first,
        last=last,
        l=l_col,
        m=np.ascontiguousarray(lms[:, 1]),
        s=np.ascontiguousarray(lms[:, 2]),
        l_is_one=bool(np.all(l_col == 1.0)),
    )


@functools.cache
def table(name: str) -> LMSTable:
    """The LMS table ``name`` (one of `TABLE_NAMES`), read on first use and then cached."""
    if name not in _FILES:
        raise ValueError(f"table: allowed values are {', '.join(_FILES)}; got {name!r}")
    return _read(name)
