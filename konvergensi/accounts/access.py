"""Who may see and change what: the one place where access is decided (DESIGN.md §2).

Every view and service asks these functions; tests exercise them with negative cases.
Personal data (children's names, NIK; UU 27/2022 PDP) is limited to the institutions that
serve the child: Dinas Kesehatan for its kabupaten, a puskesmas for the desa it serves, a desa
(KPM) for itself. Bappeda coordinates with aggregates and does not need names.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from django.conf import settings
from django.db.models import Q, QuerySet

from konvergensi.regions.models import Region, within

from .models import Institution, InstitutionKind, Role, User


class Scope:
    """The set of regions a user may see, as Kemendagri code prefixes or explicit desa codes."""

    def __init__(self, prefixes: tuple[str, ...], desa_codes: frozenset[str] | None = None):
        self.prefixes = prefixes
        self.desa_codes = desa_codes  # set for a puskesmas: exactly the desa it serves

    @classmethod
    def nothing(cls) -> Scope:
        return cls(prefixes=())

    def contains(self, code: str) -> bool:
        if self.desa_codes is not None:
            # A puskesmas sees exactly the desa it serves, never a sibling desa; aggregates
            # above them are built from those desa only.
            return code in self.desa_codes
        return any(within(code, p) for p in self.prefixes)

    def reaches(self, code: str) -> bool:
        """The region is visible, or on the way down to a visible one (for drill-down)."""
        if self.contains(code):
            return True
        inner = self.desa_codes if self.desa_codes is not None else self.prefixes
        return any(c.startswith(code + ".") for c in inner if c)

    def q(self, field: str = "code") -> Q:
        """A filter for a queryset whose ``field`` holds a region code."""
        if self.desa_codes is not None:
            return Q(**{f"{field}__in": sorted(self.desa_codes)})
        if not self.prefixes:
            return Q(pk__in=[])
        q = Q()
        for p in self.prefixes:
            q |= Q(**{field: p}) | Q(**{f"{field}__startswith": p + "."})
        return q


class Access:
    """Answers for one user; cheap to build per request."""

    def __init__(self, user: User):
        self.user = user

    @cached_property
    def institution(self) -> Institution | None:
        if not self.user.is_authenticated or not self.user.is_active:
            return None
        return self.user.institution

    @cached_property
    def scope(self) -> Scope:
        inst = self.institution
        if inst is None:
            return Scope(prefixes=("",) if self.user.is_superuser else ())
        if inst.kind == InstitutionKind.PUSKESMAS:
            if inst.puskesmas_id is None:
                return Scope.nothing()
            codes = frozenset(inst.puskesmas.desa.values_list("code", flat=True))  # type: ignore[union-attr]
            return Scope(prefixes=(), desa_codes=codes)
        return Scope(prefixes=(inst.region_id,))

    # -- seeing ---------------------------------------------------------------------------
    def can_view_region(self, code: str) -> bool:
        return self.user.is_superuser or self.scope.contains(code)

    def can_browse_region(self, code: str) -> bool:
        return self.user.is_superuser or self.scope.reaches(code)

    def visible_regions(self):
        qs = Region.objects.all()
        return qs if self.user.is_superuser else qs.filter(self.scope.q("code"))

    def can_view_personal_data(self, desa_code: str) -> bool:
        """Names and NIK of children: only institutions that serve them, in their own area
        (never one at the province's level, which serves no child itself)."""
        inst = self.institution
        if inst is None or self._at_province or not self.can_view_region(desa_code):
            return False
        return inst.is_dinkes or inst.kind in {InstitutionKind.PUSKESMAS, InstitutionKind.DESA}

    def can_view_full_nik(self, desa_code: str) -> bool:
        """Full NIK only for those who enter and reconcile it (operators); others see it masked."""
        return self.can_view_personal_data(desa_code) and self.user.role in {
            Role.OPERATOR,
            Role.ADMIN,
        }

    # -- changing -------------------------------------------------------------------------
    @property
    def is_reader(self) -> bool:
        """Never changes anything: the viewer role, and every user of the province, which
        follows and assesses its kab/kota (Pedoman Aksi 8) without entering their data. Any
        institution placed at a province's level counts (a province OPD made in the Django
        admin, which the institution form does not offer): data belongs to a kabupaten."""
        inst = self.institution
        return self.user.role == Role.VIEWER or (
            inst is not None and (inst.kind == InstitutionKind.PROVINSI or self._at_province)
        )

    @property
    def _at_province(self) -> bool:
        """The institution sits at a province's level (a code without a dot)."""
        code = self.institution.region_id if self.institution is not None else None
        return bool(code) and "." not in code

    @property
    def is_admin(self) -> bool:
        """The kabupaten's admin: a Bappeda user with the admin role (or a superuser)."""
        inst = self.institution
        return self.user.is_superuser or (
            inst is not None
            and inst.kind == InstitutionKind.BAPPEDA
            and self.user.role == Role.ADMIN
        )

    def can_edit_for(self, institution: Institution) -> bool:
        """Data owned by an institution (an OPD's coverage values, a puskesmas' measurements)
        may be changed by that institution's operators and admins, or by the kabupaten admin
        of the same kabupaten."""
        if self.user.is_superuser:
            return True
        inst = self.institution
        if inst is None or self.is_reader:
            return False
        if inst.pk == institution.pk:
            return True
        return self.is_admin and self.scope.contains(institution.region_id)

    def can_edit_region_data(self, code: str) -> bool:
        """Region-keyed data without an owning institution (e.g. a measurement in a desa):
        operators of an institution whose scope contains the region."""
        if self.user.is_superuser:
            return True
        if self.institution is None or self.is_reader:
            return False
        return self.scope.contains(code)

    def can_manage_users(self) -> bool:
        return self.is_admin

    def can_manage_institution(self, institution: Institution) -> bool:
        """The kabupaten admin manages the institutions (and their users) inside its scope."""
        return self.can_manage_users() and self.can_view_region(institution.region_id)

    def can_view_audit(self) -> bool:
        return self.is_admin

    def can_manage_facilities(self, kabupaten_code: str) -> bool:
        """Puskesmas and posyandu lists: the kabupaten admin or Dinas Kesehatan (not a viewer)."""
        if self.user.is_superuser:
            return True
        inst = self.institution
        if inst is None or self.is_reader:
            return False
        return (self.is_admin or inst.is_dinkes) and self.scope.contains(kabupaten_code)

    def can_manage_rounds(self, kabupaten_code: str) -> bool:
        """Measurement rounds and their schedule per puskesmas (Pedoman Aksi 7, Tahap Pertama):
        Dinas Kesehatan of that kabupaten (operators and admins) and the kabupaten admin.
        Puskesmas follow the schedule and do not set it; other OPD, readers, the province and
        other kabupaten never change it (the province follows, it does not plan)."""
        if self.user.is_superuser:
            return True
        inst = self.institution
        if inst is None or self.is_reader:
            return False
        # The institution must sit at this kabupaten itself: not a province-level Dinkes or
        # admin whose scope merely contains it, not a puskesmas or desa inside it.
        if inst.region_id != kabupaten_code:
            return False
        return inst.is_dinkes or self.is_admin

    def can_manage_boundaries(self, kabupaten_code: str) -> bool:
        return self.user.is_superuser or (self.is_admin and self.scope.contains(kabupaten_code))

    def can_view_audit_of(self, region_code: str | None) -> bool:
        """An admin sees the history of objects in its own kabupaten (or without a region)."""
        if not self.can_view_audit():
            return False
        return region_code is None or self.can_view_region(region_code) or self.user.is_superuser

    # -- the kabupaten's yearly cycle -------------------------------------------------------
    @cached_property
    def kabupaten_code(self) -> str | None:
        """The kabupaten/kota whose 8-aksi cycle this user works in: the one its institution
        sits in, or the deployment's region for a province or a superuser."""
        inst = self.institution
        if inst is not None and inst.region_id.count(".") >= 1:
            return inst.region_id[:5]
        deployment = settings.KONVERGENSI_REGION
        if deployment.count(".") == 1 and (
            self.user.is_superuser or self.scope.contains(deployment)
        ):
            return deployment
        return None

    def can_view_cycle(self, kabupaten_code: str) -> bool:
        """Every institution inside a kabupaten (a puskesmas too) follows its 8-aksi cycle;
        the province follows its kabupaten/kota."""
        if self.user.is_superuser:
            return True
        inst = self.institution
        if inst is None:
            return False
        return self.kabupaten_code == kabupaten_code or self.scope.contains(kabupaten_code)

    def can_edit_aksi(self, kabupaten_code: str, responsible: Iterable[Institution]) -> bool:
        """An aksi's status, notes and evidence: the kabupaten admin, or operators/admins of the
        institutions responsible for the aksi in that same kabupaten."""
        if self.user.is_superuser:
            return True
        if self.is_admin and self.scope.contains(kabupaten_code):
            return True
        return any(
            self.can_edit_for(inst)
            for inst in responsible
            if within(inst.region_id, kabupaten_code)
        )


def get_institutions_for_user(user: User) -> QuerySet[Institution]:
    """Institutions a user may manage: those inside the admin's scope; none for others."""
    access = Access(user)
    if not access.can_manage_users():
        return Institution.objects.none()
    qs = Institution.objects.select_related("region", "puskesmas")
    return qs if user.is_superuser else qs.filter(access.scope.q("region__code"))


def get_users_for_user(user: User) -> QuerySet[User]:
    """Users a user may manage: those of the institutions it may manage."""
    institutions = get_institutions_for_user(user)
    return User.objects.filter(institution__in=institutions).select_related("institution")


def access_for(user: User) -> Access:
    return Access(user)
