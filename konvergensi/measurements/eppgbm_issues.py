"""Row issues of an e-PPGBM import and the collector that builds them from column masks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .eppgbm_read import RawTable
from .eppgbm_values import cell_text

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class RowIssue:
    """One problem in one row. ``row`` is the spreadsheet row number the user sees; ``column``
    the user's header text ("" when the issue is about the whole row; several joined by "; "
    when the issue is a difference in several columns, as a conflict between rows)."""

    row: int
    column: str
    severity: Severity
    code: str
    message: str


class Collector:
    """Gathers issues from whole-column masks, formatting messages only for flagged rows."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.found: list[tuple[int, int, RowIssue]] = []
        self.error = np.zeros(len(raw), dtype=bool)
        self.warning = np.zeros(len(raw), dtype=bool)

    def text(self, field: str, i: int) -> str:
        col = self.raw.column(field)
        return "" if col is None else cell_text(col[i])

    def label(self, field: str) -> str:
        return self.raw.label(field) if field in self.raw.fields else ""

    def add(
        self,
        mask: np.ndarray,
        field: str,
        severity: Severity,
        code: str,
        message: Callable[[int], str],
    ) -> None:
        column = self.label(field)
        order = self.raw.fields.get(field, -1)
        for i in np.flatnonzero(mask):
            i = int(i)
            issue = RowIssue(int(self.raw.rows[i]), column, severity, code, message(i))
            self.found.append((i, order, issue))
        (self.error if severity == "error" else self.warning)[mask] = True

    def sorted(self) -> list[RowIssue]:
        return [issue for _, _, issue in sorted(self.found, key=lambda t: (t[0], t[1]))]
