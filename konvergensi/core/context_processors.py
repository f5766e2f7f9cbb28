"""Navigation by aksi for every page (Dashboard, Aksi 1 … 8, Data, Pengaturan)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from konvergensi.cycle.services import specs


def navigation(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {}
    aksi = [(spec.number, spec.short_title) for spec in specs()]
    return {
        "nav_aksi": aksi,
        "nav_labels": {"dashboard": _("Dasbor"), "data": _("Data"), "settings": _("Pengaturan")},
    }
