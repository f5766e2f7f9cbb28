"""Users, the institutions they belong to, their role and region scope (DESIGN.md §2).

A user belongs to one institution and holds one role. The institution's kind and region give
the scope: Bappeda and the OPD see their kabupaten, a kecamatan its kecamatan, a puskesmas the
desa it serves, a desa (KPM) itself, the province its kabupaten/kota. What a user may do is
decided in ``accounts/access.py`` and nowhere else.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from konvergensi.regions.models import Puskesmas, Region


class InstitutionKind(models.TextChoices):
    BAPPEDA = "bappeda", _("Bappeda")
    OPD = "opd", _("Organisasi Perangkat Daerah (OPD)")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa/Kelurahan (KPM)")
    PIMPINAN = "pimpinan", _("Bupati/Walikota")
    PROVINSI = "provinsi", _("Pemerintah Provinsi")


class Institution(models.Model):
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(_("jenis"), max_length=12, choices=InstitutionKind.choices)
    # For an OPD: its type (dinkes, dinsos, dppkb, dpmd, pupr, ...) and urusan.
    opd_type = models.CharField(_("jenis OPD"), max_length=20, blank=True)
    urusan = models.CharField(_("urusan"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("wilayah")
    )
    puskesmas = models.OneToOneField(
        Puskesmas,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institution",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["region_id", "kind", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.name

    @property
    def is_dinkes(self) -> bool:
        return self.kind == InstitutionKind.OPD and self.opd_type == "dinkes"


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin kabupaten/kota")
    OPERATOR = "operator", _("Operator (entri data)")
    VIEWER = "viewer", _("Pembaca")


class User(AbstractUser):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("instansi"),
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
