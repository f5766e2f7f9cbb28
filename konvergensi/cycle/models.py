"""The yearly cycle of the 8 aksi (Pedoman "Kerangka Kegiatan"): status and evidence per aksi."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from konvergensi.regions.models import Region


class Status(models.TextChoices):
    BELUM = "belum", _("Belum mulai")
    SEDANG = "sedang", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")


class AksiProgress(models.Model):
    """Progress of one aksi in one year for one kabupaten/kota."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="aksi_progress")
    year = models.PositiveSmallIntegerField(_("tahun"))
    aksi = models.PositiveSmallIntegerField(_("aksi"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.BELUM
    )
    notes = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region_id", "year", "aksi"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "aksi"], name="aksi_progress_unique"),
            models.CheckConstraint(condition=models.Q(aksi__gte=1, aksi__lte=8), name="aksi_1_8"),
        ]
        verbose_name = _("kemajuan aksi")
        verbose_name_plural = _("kemajuan aksi")

    def __str__(self) -> str:
        return f"Aksi {self.aksi} {self.year}"


def evidence_path(instance: Evidence, filename: str) -> str:
    p = instance.progress
    return f"bukti/{p.region_id}/{p.year}/aksi{p.aksi}/{filename}"


class Evidence(models.Model):
    """A document uploaded as evidence that an aksi was carried out (e.g. berita acara)."""

    progress = models.ForeignKey(AksiProgress, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to=evidence_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("dokumen bukti")
        verbose_name_plural = _("dokumen bukti")

    def __str__(self) -> str:
        return self.title
