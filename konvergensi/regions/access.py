"""What of the regions app a user may see (DESIGN.md §2: ``get_<thing>_for_user``).
The decisions themselves are in konvergensi.accounts.access."""

from __future__ import annotations

from django.db.models import QuerySet

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind

from .models import Posyandu, Puskesmas, Region


def get_regions_for_user(user) -> QuerySet[Region]:
    return Access(user).visible_regions()


def get_puskesmas_for_user(user) -> QuerySet[Puskesmas]:
    """A puskesmas user sees its own puskesmas; others those whose kecamatan is in scope."""
    access = Access(user)
    qs = Puskesmas.objects.select_related("kecamatan")
    if user.is_superuser:
        return qs
    inst = access.institution
    if inst is not None and inst.kind == InstitutionKind.PUSKESMAS:
        return qs.filter(pk=inst.puskesmas_id)
    return qs.filter(access.scope.q("kecamatan__code"))


def get_posyandu_for_user(user) -> QuerySet[Posyandu]:
    access = Access(user)
    qs = Posyandu.objects.select_related("desa", "puskesmas")
    return qs if user.is_superuser else qs.filter(access.scope.q("desa__code"))
