"""Run a whole-array computation over slices of rows, on two threads for large inputs.

numpy releases the GIL inside its loops, so two threads use both cores of the target machines;
slices of `CHUNK` rows keep the many temporaries of the LMS formulas in the CPU cache. Each
slice is computed by the same vectorised function: no Python code runs per row.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

CHUNK = 16_384


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))


def run_chunked(
    compute: Callable[[dict[str, npt.NDArray[Any]]], Mapping[str, npt.NDArray[np.float64]]],
    columns: Mapping[str, npt.NDArray[Any]],
    n: int,
    names: Sequence[str],
) -> dict[str, npt.NDArray[Any]]:
    """Float64 outputs ``names`` of length ``n``, from ``compute`` applied to row slices."""
    if n <= CHUNK:
        return {name: np.asarray(v, dtype=np.float64) for name, v in compute(dict(columns)).items()}
    out = {name: np.empty(n, dtype=np.float64) for name in names}

    def one(start: int) -> None:
        part = {name: col[start : start + CHUNK] for name, col in columns.items()}
        for name, values in compute(part).items():
            out[name][start : start + CHUNK] = values

    workers = _pool()
    for future in [workers.submit(one, start) for start in range(0, n, CHUNK)]:
        future.result()
    return out
