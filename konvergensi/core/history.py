"""The audit trail of one object, read from django-simple-history (who, when, before → after)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}


@dataclass
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str
    kind_label: str
    changes: list[FieldChange] = field(default_factory=list)


def history_model(app_label: str, model_name: str) -> type[models.Model] | None:
    """The model if it exists and is audited (has HistoricalRecords), else None."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model if hasattr(model, "history") else None


def region_code_of(obj: Any) -> str | None:
    """The region an audited object belongs to, for scoping the audit page."""
    for path in (
        "region_id",
        "desa_id",
        "kecamatan_id",
        "progress.region_id",
        "institution.region_id",
    ):
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if isinstance(value, str) and value[:1].isdigit():
            return value
    return None


def _display(model: type[models.Model], name: str, value: Any) -> Any:
    try:
        f = model._meta.get_field(name)
    except Exception:
        return value
    if getattr(f, "choices", None):
        return dict(f.flatchoices).get(value, value)  # type: ignore[attr-defined]
    if isinstance(value, list):  # m2m: a list of through-rows
        return ", ".join(str(list(v.values())[-1]) for v in value if isinstance(v, dict)) or "—"
    return value


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def object_history(model: type[models.Model], pk: Any) -> list[HistoryEntry]:
    """Every recorded change of one object, newest first."""
    records = list(
        model.history.filter(**{model._meta.pk.attname: pk})  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    tracked = [
        f.attname
        for f in model.history.model.tracked_fields  # type: ignore[attr-defined]
    ]
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            kind=record.history_type,
            kind_label=str(CHANGE_TYPES.get(record.history_type, record.history_type)),
        )
        if previous is None:
            for name in tracked:
                value = getattr(record, name, None)
                if value not in (None, ""):
                    entry.changes.append(
                        FieldChange(_label(model, name), None, _display(model, name, value))
                    )
        else:
            delta = record.diff_against(previous)
            for change in delta.changes:
                entry.changes.append(
                    FieldChange(
                        _label(model, change.field),
                        _display(model, change.field, change.old),
                        _display(model, change.field, change.new),
                    )
                )
        entries.append(entry)
        previous = record
    entries.reverse()
    return entries
