from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.dates import MONTHS

register = template.Library()


@register.filter
def month_name(number: int) -> str:
    return str(MONTHS.get(int(number), number))


@register.filter
def months_label(months: Iterable[int]) -> str:
    """[1] → "Januari"; [4, 5, …, 12] → "April – Desember"; [2, 8] → "Februari, Agustus"."""
    ms = sorted(int(m) for m in months)
    if not ms:
        return ""
    if len(ms) > 2 and ms == list(range(ms[0], ms[-1] + 1)):
        return f"{month_name(ms[0])} – {month_name(ms[-1])}"
    return ", ".join(month_name(m) for m in ms)
