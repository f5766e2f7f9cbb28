"""The wilayah hierarchy (Kemendagri codes), puskesmas and posyandu.

A region is keyed by its dotted Kemendagri code (``53.02.01.2001``); the code prefix is the
hierarchy, so aggregation is ``code__startswith``. Puskesmas serve a set of desa; a posyandu
sits in one desa (DESIGN.md §2).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa/Kelurahan")


CODE_LENGTH = {Level.PROVINSI: 2, Level.KABUPATEN: 5, Level.KECAMATAN: 8, Level.DESA: 13}


def level_of_code(code: str) -> Level:
    """Level from the number of dotted segments of a Kemendagri code."""
    return [Level.PROVINSI, Level.KABUPATEN, Level.KECAMATAN, Level.DESA][code.count(".")]


def within(code: str, prefix: str) -> bool:
    """Whether region ``code`` is region ``prefix`` or lies below it ("53.02.01" within
    "53.02"; "53.021" is not)."""
    return code == prefix or code.startswith(prefix + ".")


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class Region(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return self.name

    @property
    def is_kelurahan(self) -> bool:
        # 4th segment 1xxx = kelurahan, 2xxx = desa (Kepmendagri coding).
        return self.level == Level.DESA and self.code.rsplit(".", 1)[1].startswith("1")

    def descendants(self, level: str | None = None) -> models.QuerySet[Region]:
        qs = Region.objects.filter(code__startswith=self.code + ".")
        return qs.filter(level=level) if level else qs


class Boundary(models.Model):
    """An optional GeoJSON boundary for one region (uploaded per level, keyed by code)."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField(_("geometri GeoJSON"))
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")

    def __str__(self) -> str:
        return f"Batas {self.region_id}"


class Puskesmas(models.Model):
    code = models.CharField(_("kode puskesmas"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kecamatan = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="puskesmas_set",
        limit_choices_to={"level": Level.KECAMATAN},
    )
    desa = models.ManyToManyField(
        Region,
        related_name="served_by",
        blank=True,
        limit_choices_to={"level": Level.DESA},
        verbose_name=_("desa wilayah kerja"),
    )

    history = HistoricalRecords(m2m_fields=[desa])

    class Meta:
        ordering = ["kecamatan_id", "name"]
        verbose_name = _("puskesmas")
        verbose_name_plural = _("puskesmas")

    def __str__(self) -> str:
        return f"Puskesmas {self.name}"


class Posyandu(models.Model):
    name = models.CharField(_("nama"), max_length=120)
    desa = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="posyandu_set",
        limit_choices_to={"level": Level.DESA},
    )
    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.SET_NULL, null=True, blank=True, related_name="posyandu_set"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["desa_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["desa", "name"], name="posyandu_unique_name_in_desa")
        ]
        verbose_name = _("posyandu")
        verbose_name_plural = _("posyandu")

    def __str__(self) -> str:
        return f"Posyandu {self.name}"
