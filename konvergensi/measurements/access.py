"""Who may import, enter, see and export measurements — built on ``accounts.access.Access``.

Measurements are entered by the health side: Dinas Kesehatan operators for their kabupaten and
puskesmas operators for the desa they serve; the kabupaten admin may do so too. Readers
(``Access.is_reader``: the viewer role, and the province whatever its role) and non-health OPD
never do. Per-row scope is ``Access.can_edit_region_data``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind
from konvergensi.regions.models import Level, Region

from .models import Child, ImportBatch, Measurement


def can_import_measurements(access: Access) -> bool:
    user = access.user
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    inst = access.institution
    if inst is None or access.is_reader:
        return False
    return inst.is_dinkes or inst.kind == InstitutionKind.PUSKESMAS or access.is_admin


def import_region_for_user(access: Access) -> Region | None:
    """The region an import of this user is resolved in: its kabupaten (desa names are
    looked up there; rows outside the user's own scope become row errors)."""
    inst = access.institution
    code = inst.region_id if inst is not None else settings.KONVERGENSI_REGION
    if code and code.count(".") >= 1:
        code = code[:5]
    return Region.objects.filter(code=code).first() if code else None


def desa_in_scope(access: Access) -> QuerySet[Region]:
    """Desa whose measurements the user may change."""
    qs = Region.objects.filter(level=Level.DESA)
    return qs if access.user.is_superuser else qs.filter(access.scope.q("code"))


def get_batches_for_user(user) -> QuerySet[ImportBatch]:
    """Imports the user may see: its own, and another user's only where it may import and see
    the personal data of the batch's region. A batch's issues quote NIK values and its error
    file holds names, NIK and mothers' names, so the Bappeda admin, which may import but sees
    aggregates only (decision 0003), sees its own batches and no others."""
    access = Access(user)
    qs = ImportBatch.objects.select_related("user", "region")
    if user.is_superuser:
        return qs
    if not user.is_authenticated:
        return qs.none()
    own = Q(user=user)
    if not can_import_measurements(access):
        return qs.filter(own)
    # A batch's region is the kabupaten it was resolved in: a handful of codes, each asked.
    regions = ImportBatch.objects.filter(access.scope.q("region__code")).order_by()
    codes = regions.values_list("region_id", flat=True).distinct()
    named = [code for code in codes if access.can_view_personal_data(code)]
    return qs.filter(own | Q(region_id__in=named))


def get_batch_for_user(user, pk: int) -> ImportBatch | None:
    return get_batches_for_user(user).filter(pk=pk).first()


def get_children_for_user(user) -> QuerySet[Child]:
    """Children (personal data) the user may see: institutions that serve them."""
    access = Access(user)
    if user.is_superuser:
        return Child.objects.all()
    if access.institution is None or not _sees_personal_data(access):
        return Child.objects.none()
    return Child.objects.filter(access.scope.q("desa__code"))


def get_measurements_for_user(user) -> QuerySet[Measurement]:
    return Measurement.objects.filter(child__in=get_children_for_user(user))


def _sees_personal_data(access: Access) -> bool:
    inst = access.institution
    if inst is None:
        return False
    # A puskesmas' scope is its desa list, not its kecamatan: ask about one of its desa.
    codes = access.scope.desa_codes
    probe = next(iter(codes), "") if codes is not None else inst.region_id
    return bool(probe) and access.can_view_personal_data(probe)


def can_export_personal_data(access: Access) -> bool:
    """The e-PPGBM export (names, mothers' names): who sees children's names. The NIK in it is
    whole only where ``Access.can_view_full_nik``; a viewer's is masked (``export.export_rows``)."""
    if access.user.is_superuser:
        return True
    return _sees_personal_data(access)
