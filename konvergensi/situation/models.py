"""Aksi 1 Analisis Situasi: one analysis per kabupaten and year, its lokus desa, its
recommendations and the FGD answers (Pedoman 1.7). Audited with simple_history.

The computed figures live in ``SituationAnalysis.snapshot`` (JSON, every figure with its
period and denominator) so that a document or a later year's comparison reads exactly what was
shown when the analysis ran; the rows the user edits (lokus selection, recommendations, FGD
answers) are models of their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from konvergensi.accounts.models import Institution
from konvergensi.indicators.models import Indicator, Program
from konvergensi.regions.models import Region


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class SituationAnalysis(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    # The measurement period used: a round, or a date range (the round's dates when a round).
    round = models.ForeignKey(
        "measurements.MeasurementRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("putaran pengukuran"),
    )
    period_start = models.DateField(_("awal periode pengukuran"))
    period_end = models.DateField(_("akhir periode pengukuran"))
    config = models.JSONField(_("pengaturan"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    snapshot = models.JSONField(_("hasil perhitungan"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"), null=True, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="situation_unique_year")
        ]
        verbose_name = _("analisis situasi")
        verbose_name_plural = _("analisis situasi")

    def __str__(self) -> str:
        return f"Analisis Situasi {self.region_id} {self.year}"

    @property
    def computed(self) -> bool:
        return bool(self.snapshot) and self.computed_at is not None


class LokusDesa(models.Model):
    """One desa of the ranked list (candidates and the others); ``selected`` is what counts,
    ``computed_selected`` what the rule chose; an override keeps its note across re-runs."""

    analysis = models.ForeignKey(SituationAnalysis, on_delete=models.CASCADE, related_name="lokus")
    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    prevalence = models.DecimalField(
        _("prevalensi (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cases = models.PositiveIntegerField(_("jumlah kasus"), null=True, blank=True)
    n = models.PositiveIntegerField(_("balita diukur (TB/U valid)"), null=True, blank=True)
    poor_count = models.PositiveSmallIntegerField(_("indikator utama kurang"), default=0)
    main_count = models.PositiveSmallIntegerField(_("indikator utama dengan data"), default=0)
    meets_a = models.BooleanField(_("kriteria a"), default=False)
    meets_b = models.BooleanField(_("kriteria b"), default=False)
    meets_c = models.BooleanField(_("kriteria c"), default=False)
    reasons = models.JSONField(_("alasan"), default=list, blank=True)
    poor_indicators = models.JSONField(_("indikator kurang"), default=list, blank=True)
    computed_selected = models.BooleanField(_("terpilih menurut aturan"), default=False)
    selected = models.BooleanField(_("terpilih"), default=False)
    overridden = models.BooleanField(_("diubah pengguna"), default=False)
    override_note = models.TextField(_("catatan perubahan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["analysis_id", models.F("rank").asc(nulls_last=True), "desa_id"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "desa"], name="lokus_unique_desa")
        ]
        verbose_name = _("desa lokus")
        verbose_name_plural = _("desa lokus")

    def __str__(self) -> str:
        return f"{self.desa_id} #{self.rank}"

    @property
    def candidate(self) -> bool:
        return self.meets_a or self.meets_b or self.meets_c


class Origin(models.TextChoices):
    PROPOSED = "proposed", _("Usulan sistem")
    MANUAL = "manual", _("Ditambahkan pengguna")


class Recommendation(models.Model):
    analysis = models.ForeignKey(
        SituationAnalysis, on_delete=models.CASCADE, related_name="recommendations"
    )
    type_code = models.CharField(_("jenis rekomendasi"), max_length=40)
    text = models.TextField(_("rekomendasi"))
    institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    desa = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(
        _("asal"), max_length=8, choices=Origin.choices, default=Origin.MANUAL
    )
    # A proposed record's identity across re-runs (type, indicator, desa); empty for manual.
    key = models.CharField(max_length=200, blank=True)
    edited = models.BooleanField(_("diubah pengguna"), default=False)
    accepted = models.BooleanField(_("diterima"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["analysis_id", "type_code", "id"]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")

    def __str__(self) -> str:
        return self.text[:60]


class FgdAnswer(models.Model):
    """An answer to one FGD key question (fgd_questions.toml) from one OPD or forum."""

    analysis = models.ForeignKey(SituationAnalysis, on_delete=models.CASCADE, related_name="fgd")
    group_id = models.CharField(_("kelompok pertanyaan"), max_length=40)
    question_id = models.CharField(_("pertanyaan"), max_length=40)
    respondent = models.CharField(_("OPD/forum"), max_length=160)
    answer = models.TextField(_("jawaban"), blank=True)
    done = models.BooleanField(_("selesai"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["analysis_id", "group_id", "respondent", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "group_id", "question_id", "respondent"],
                name="fgd_unique_answer",
            )
        ]
        verbose_name = _("jawaban FGD")
        verbose_name_plural = _("jawaban FGD")

    def __str__(self) -> str:
        return f"{self.group_id}/{self.question_id} · {self.respondent}"
