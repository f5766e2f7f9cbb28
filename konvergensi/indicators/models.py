"""The 64 Perpres 72/2021 indicators (Pedoman Tabel 1.1), their yearly targets, coverage values
per region and period, supply (sarana, SDM, logistik) and the programs that deliver them.

Every figure carries its period (year, optionally a month or quarter), its source and the
institution that owns it (DESIGN.md §6). Values are Decimal: the traffic light compares class
boundaries exactly (DESIGN.md §4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from konvergensi.accounts.models import Institution
from konvergensi.regions.models import Level, Region


class Category(models.TextChoices):
    ESENSIAL = "esensial", _("Esensial")
    PENDUKUNG = "pendukung", _("Pendukung")


class Intervention(models.TextChoices):
    SPESIFIK = "spesifik", _("Intervensi spesifik")
    SENSITIF = "sensitif", _("Intervensi sensitif")
    KOORDINASI = "koordinasi", _("Koordinasi/tata kelola")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Makin tinggi makin baik")
    LOWER = "lower", _("Makin rendah makin baik")


class Indicator(models.Model):
    number = models.PositiveSmallIntegerField(_("nomor"), unique=True)
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=400)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    category = models.CharField(_("kategori"), max_length=10, choices=Category.choices)
    intervention = models.CharField(_("intervensi"), max_length=10, choices=Intervention.choices)
    direction = models.CharField(_("arah"), max_length=6, choices=Direction.choices)
    level = models.CharField(_("tingkat pengukuran"), max_length=10, choices=Level.choices)
    unit = models.CharField(_("satuan"), max_length=20)
    national_target = models.DecimalField(
        _("target nasional 2021"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_text = models.CharField(_("target (teks Pedoman)"), max_length=60, blank=True)
    definition = models.TextField(_("definisi operasional"))
    numerator_text = models.TextField(_("pembilang"), blank=True)
    denominator_text = models.TextField(_("penyebut"), blank=True)
    urusan = models.CharField(_("urusan"), max_length=200)
    opd_types = models.CharField(_("OPD penanggung jawab"), max_length=120)
    erratum = models.TextField(_("ralat terhadap Pedoman"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"

    @property
    def opd_type_list(self) -> list[str]:
        return [t for t in self.opd_types.split(";") if t]

    @property
    def is_percent(self) -> bool:
        # persen_desa, persen_posyandu, ... are shares too (reference_data.PERCENT_UNITS).
        return self.unit.startswith("persen")


class Target(models.Model):
    """The kabupaten's target for an indicator in a year (editable; defaults to the national)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "year"], name="target_unique")
        ]
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.value}"


class CoverageValue(models.Model):
    """The coverage of one indicator in one region for one period, as reported by its OPD.

    The current value is unique per (indicator, region, year, month); every earlier value is
    kept in the history table with who changed it and when.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="coverage_values")
    year = models.PositiveSmallIntegerField(_("tahun"))
    # 0 = the whole year; 1–12 a month (a quarter is stored as its last month).
    month = models.PositiveSmallIntegerField(_("bulan"), default=0)
    numerator = models.DecimalField(
        _("pembilang"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("penyebut"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(_("nilai"), max_digits=14, decimal_places=2)
    source = models.CharField(_("sumber data"), max_length=200)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="coverage_values"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__number", "region_id", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "month"], name="coverage_unique"
            ),
            models.CheckConstraint(condition=models.Q(month__lte=12), name="coverage_month"),
        ]
        indexes = [models.Index(fields=["year", "indicator"], name="coverage_year_ind")]
        verbose_name = _("nilai cakupan")
        verbose_name_plural = _("nilai cakupan")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.year}: {self.value}"


class SupplyCategory(models.TextChoices):
    SARANA = "sarana", _("Sarana/prasarana")
    SDM = "sdm", _("Tenaga (SDM)")
    LOGISTIK = "logistik", _("Logistik/peralatan")


class SupplyType(models.Model):
    """A configurable resource type counted per desa (posyandu, bidan desa, PAUD, SPAM, ...)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    category = models.CharField(_("kategori"), max_length=10, choices=SupplyCategory.choices)
    unit = models.CharField(_("satuan"), max_length=30, default="unit")
    # What one desa needs at least to call the supply adequate (used by the recommendations).
    minimum_per_desa = models.DecimalField(
        _("kebutuhan minimal per desa"), max_digits=10, decimal_places=2, default=1
    )
    indicators = models.ManyToManyField(Indicator, related_name="supply_types", blank=True)
    opd_type = models.CharField(_("OPD penanggung jawab"), max_length=20, blank=True)

    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("jenis sumber daya")
        verbose_name_plural = _("jenis sumber daya")

    def __str__(self) -> str:
        return self.name


class SupplyValue(models.Model):
    supply_type = models.ForeignKey(SupplyType, on_delete=models.PROTECT, related_name="values")
    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="supply_values")
    year = models.PositiveSmallIntegerField(_("tahun"))
    count = models.DecimalField(_("jumlah"), max_digits=10, decimal_places=2)
    source = models.CharField(_("sumber data"), max_length=200, blank=True)
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["supply_type", "desa", "year"], name="supply_unique")
        ]
        verbose_name = _("ketersediaan sumber daya")
        verbose_name_plural = _("ketersediaan sumber daya")

    def __str__(self) -> str:
        return f"{self.supply_type_id} {self.desa_id} {self.year}: {self.count}"


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD_PROV = "apbd_prov", _("APBD Provinsi")
    APBD_KAB = "apbd_kab", _("APBD Kabupaten/Kota")
    DAK_FISIK = "dak_fisik", _("DAK Fisik")
    DAK_NONFISIK = "dak_nonfisik", _("DAK Non-fisik")
    APBDES = "apbdes", _("APBDes/Dana Desa")
    OTHER = "lainnya", _("Lainnya")


class Program(models.Model):
    """A program/kegiatan delivering an intervention (Pedoman 1.7.3.A), with its reach."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama program/kegiatan"), max_length=300)
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="programs")
    intervention = models.CharField(_("intervensi"), max_length=10, choices=Intervention.choices)
    indicators = models.ManyToManyField(Indicator, related_name="programs", blank=True)
    funding_source = models.CharField(
        _("sumber dana"), max_length=14, choices=FundingSource.choices
    )
    budget = models.DecimalField(_("anggaran (Rp)"), max_digits=16, decimal_places=0, default=0)
    desa = models.ManyToManyField(Region, related_name="programs", blank=True)

    history = HistoricalRecords(m2m_fields=[indicators, desa])

    class Meta:
        ordering = ["year", "institution_id", "name"]
        verbose_name = _("program/kegiatan")
        verbose_name_plural = _("program/kegiatan")

    def __str__(self) -> str:
        return self.name


class UploadKind(models.TextChoices):
    COVERAGE = "coverage", _("Nilai cakupan indikator")
    SUPPLY = "supply", _("Ketersediaan sumber daya")


class UploadStatus(models.TextChoices):
    PREVIEW = "preview", _("Pratinjau")
    DONE = "done", _("Tersimpan")
    FAILED = "failed", _("Gagal")


class Upload(models.Model):
    """An uploaded xlsx kept between its preview and the user's confirmation.

    Confirming re-validates the stored bytes with the same code as the preview, so that the
    rows written are exactly those checked against the data as it is at that moment.
    """

    kind = models.CharField(_("jenis"), max_length=10, choices=UploadKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("nama berkas"), max_length=200)
    content = models.BinaryField(_("isi berkas"))
    status = models.CharField(
        _("status"), max_length=8, choices=UploadStatus.choices, default=UploadStatus.PREVIEW
    )
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unggahan")
        verbose_name_plural = _("unggahan")

    def __str__(self) -> str:
        return self.filename
