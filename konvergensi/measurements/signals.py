"""Receivers of the measurements app, connected in ``MeasurementsConfig.ready``."""

from __future__ import annotations

from typing import Any

from .models import ImportBatch, ImportStatus


def refresh_round_summaries(
    sender: type[ImportBatch], instance: ImportBatch, **kwargs: Any
) -> None:
    """An import (file or single entry) ends by saving its batch as done: the round summaries
    it touched are refreshed then, in the import's process, so the first page after it is fast
    (docs/decisions/0006-round-summaries.md)."""
    if instance.status == ImportStatus.DONE:
        # prevalence pulls in numpy and the growth engine: loaded when an import ends, not at
        # every start-up.
        from . import prevalence

        prevalence.refresh_after_import(instance)
