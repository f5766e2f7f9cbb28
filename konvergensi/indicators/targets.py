"""Saving a kabupaten's yearly targets (audited with django-simple-history)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from konvergensi.regions.models import Region

from .loading import default_target
from .models import Indicator, Target


@transaction.atomic
def save_targets(
    kabupaten: Region, year: int, values: dict[Indicator, Decimal | None], *, user
) -> int:
    """Store each given target; a blank one removes the kabupaten's own target (the default
    applies again). Returns how many targets changed."""
    stored = {t.indicator_id: t for t in Target.objects.filter(region=kabupaten, year=year)}
    changed = 0
    for indicator, value in values.items():
        obj = stored.get(indicator.pk)
        if value is None or (obj is None and value == default_target(indicator)):
            if obj is not None:
                obj._history_user = user  # type: ignore[attr-defined]
                obj.delete()
                changed += 1
            continue
        value = value.quantize(Decimal("0.01"))
        if obj is not None and obj.value == value:
            continue
        obj = obj or Target(indicator=indicator, region=kabupaten, year=year)
        obj.value = value
        obj._history_user = user  # type: ignore[attr-defined]
        obj.save()
        changed += 1
    return changed
