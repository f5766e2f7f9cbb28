"""The year a page shows: ``?tahun=`` when valid, else the current year."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone


def year_choices() -> list[int]:
    this = timezone.localdate().year
    return list(range(this - 3, this + 2))


def selected_year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year
