"""Why a z-score is missing: stable reason codes, computed only when the caller asks.

The first matching reason wins, in the order of `REASONS`. The empty string means the z-score
exists; ``"not_computable"`` is a safety net that no known input reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]

REASONS: tuple[str, ...] = (
    "",
    "measurement_missing",  # the measurement (or, for BMI / WFL, weight or length) is missing
    "sex_missing",
    "age_missing",  # only for indicators by age; weight-for-length/height does without
    "age_out_of_range",  # negative, 60 months or more, or (LiLA/U) below 91 days
    "measurement_not_positive",  # a measurement <= 0
    "oedema",  # weight-based z-scores are undefined with bilateral pitting oedema
    "lenhei_out_of_range",  # outside 45-110 cm (length) / 65-120 cm (height)
    "not_computable",
)
_TEXT = np.array(REASONS)


@dataclass(frozen=True)
class Common:
    """Per-row conditions shared by every indicator of one call."""

    sex_missing: BoolArray
    age_missing: BoolArray
    age_out_of_range: BoolArray
    oedema: BoolArray


def explain(
    z: FloatArray,
    common: Common,
    measurements: Sequence[FloatArray],
    *,
    by_age: bool,
    weight_based: bool,
    age_outside_table: BoolArray | None = None,
    lenhei_out_of_range: BoolArray | None = None,
) -> StrArray:
    """Reason codes (a str array) for the z-scores ``z`` computed from ``measurements``."""
    missing = np.zeros(z.shape, dtype=bool)
    not_positive = np.zeros(z.shape, dtype=bool)
    for x in measurements:
        missing |= np.isnan(x)
        not_positive |= x <= 0.0
    no = np.zeros(z.shape, dtype=bool)
    out_of_age = common.age_out_of_range | (
        age_outside_table if age_outside_table is not None else no
    )
    conditions = [
        ~np.isnan(z),
        missing,
        common.sex_missing,
        common.age_missing if by_age else no,
        out_of_age,
        not_positive,
        common.oedema if weight_based else no,
        lenhei_out_of_range if lenhei_out_of_range is not None else no,
    ]
    code = np.select(conditions, list(range(len(conditions))), default=len(REASONS) - 1)
    text: StrArray = _TEXT[code]
    return text
