"""Who may enter indicator data, targets, supply and programs (built on accounts.access.Access).

- Targets: the kabupaten admin (Bappeda admin) of that kabupaten.
- Coverage values: an OPD operator/admin for the indicators whose OPD types include its own
  ``opd_type``, in regions of its kabupaten; the kabupaten admin for every indicator there.
- Supply values: the OPD named on the supply type, and the kabupaten admin.
- Programs: operators of the owning institution, and the kabupaten admin.
Readers (viewers, and every user of the province) never change anything; everyone in the
kabupaten reads.
"""

from __future__ import annotations

from django.db.models import QuerySet

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Institution, InstitutionKind
from konvergensi.regions.models import within

from .models import Indicator, Program, SupplyType, Upload


def _writer(access: Access) -> bool:
    if access.user.is_superuser:
        return True
    return access.institution is not None and not access.is_reader


def can_view_data(access: Access, kabupaten_code: str) -> bool:
    return access.can_view_cycle(kabupaten_code)


def can_edit_targets(access: Access, kabupaten_code: str) -> bool:
    return access.user.is_superuser or (access.is_admin and access.scope.contains(kabupaten_code))


def in_user_kabupaten(access: Access, region_code: str) -> bool:
    kab = access.kabupaten_code
    inside = kab is not None and within(region_code, kab)
    return access.user.is_superuser or (inside and access.scope.contains(region_code))


def _is_responsible(access: Access, types: list[str]) -> bool:
    """The user's institution is of one of these OPD types. Bappeda and kecamatan appear in the
    Pedoman's list for a few coordination indicators under their kind."""
    inst = access.institution
    if inst is None:
        return False
    if inst.kind == InstitutionKind.OPD:
        return bool(inst.opd_type) and inst.opd_type in types
    return inst.kind in types


def can_enter_indicator(access: Access, indicator: Indicator) -> bool:
    """May enter this indicator somewhere (the region is checked by can_enter_coverage)."""
    return _writer(access) and (access.is_admin or _is_responsible(access, indicator.opd_type_list))


def can_enter_coverage(access: Access, indicator: Indicator, region_code: str) -> bool:
    return can_enter_indicator(access, indicator) and in_user_kabupaten(access, region_code)


def enterable_indicators(access: Access) -> QuerySet[Indicator]:
    ids = [i.pk for i in Indicator.objects.all() if can_enter_indicator(access, i)]
    return Indicator.objects.filter(pk__in=ids)


def can_enter_supply(access: Access, supply_type: SupplyType, desa_code: str) -> bool:
    if not _writer(access) or not in_user_kabupaten(access, desa_code):
        return False
    return access.is_admin or (
        bool(supply_type.opd_type) and _is_responsible(access, [supply_type.opd_type])
    )


def can_manage_supply_types(access: Access) -> bool:
    return access.is_admin


def can_edit_program(access: Access, program: Program) -> bool:
    return _writer(access) and access.can_edit_for(program.institution)


def can_create_program(access: Access) -> bool:
    inst = access.institution
    return access.is_admin or (
        _writer(access) and inst is not None and inst.kind == InstitutionKind.OPD
    )


def program_institutions(access: Access) -> QuerySet[Institution]:
    """The institutions a user may file a program under: its own, or any in the kabupaten
    (OPD, Bappeda, kecamatan) for the admin."""
    if access.is_admin and access.kabupaten_code:
        kab = access.kabupaten_code
        return Institution.objects.filter(region__code__startswith=kab).exclude(
            kind__in=[InstitutionKind.PUSKESMAS, InstitutionKind.PROVINSI]
        )
    inst = access.institution
    return Institution.objects.filter(pk=inst.pk if inst else None)


def get_programs_for_user(user, kabupaten_code: str) -> QuerySet[Program]:
    access = Access(user)
    if not can_view_data(access, kabupaten_code):
        return Program.objects.none()
    return Program.objects.filter(
        institution__region__code__startswith=kabupaten_code
    ).select_related("institution")


def get_upload_for_user(user, pk: int) -> Upload | None:
    qs = Upload.objects.all() if user.is_superuser else Upload.objects.filter(user=user)
    return qs.filter(pk=pk).first()
