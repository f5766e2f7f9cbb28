"""Who may see and change an Analisis Situasi (built on accounts.access.Access).

Bappeda (its admin and operators) of the kabupaten runs and edits the analysis; every other
logged-in institution of the kabupaten (OPD, puskesmas, desa, the bupati) reads it; another
kabupaten's users see nothing.
"""

from __future__ import annotations

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind


def can_view(access: Access, kabupaten_code: str) -> bool:
    return access.can_view_cycle(kabupaten_code)


def can_edit(access: Access, kabupaten_code: str) -> bool:
    if access.user.is_superuser:
        return True
    inst = access.institution
    return (
        inst is not None
        and inst.kind == InstitutionKind.BAPPEDA
        and not access.is_reader
        and access.scope.contains(kabupaten_code)
    )
