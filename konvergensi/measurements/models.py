"""Children, their measurements, imports and measurement rounds (Aksi 7 data, Pedoman 7 Tahap 1–4).

A measurement is keyed by child + date. Each stores its inputs and what the growth engine made of
them (z-scores, flags, Permenkes 2/2020 categories), so that prevalence is an aggregate query on
the region-code prefix (``desa_code``) and period (``measured_on``). ``manage.py
recompute_zscores`` refreshes the stored results after an engine change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from konvergensi.regions.models import Posyandu, Puskesmas, Region


class ImportedHistory(HistoricalRecords):
    """The audit trail of a table that imports write in bulk (children, measurements).

    Its "who" (``history_user``) has no database foreign key: that constraint cost a deferred
    check per history row at commit (~1 s for a 100k-row import on PostgreSQL) and guarded
    nothing the application does not: users are deactivated, never deleted. It is PROTECT,
    not simple-history's SET_NULL, so that deleting a user through Django is refused rather
    than silently erasing who made each change (as ``ImportBatch.user`` already does); a user
    row removed outside Django leaves the records and their user id untouched."""

    def __init__(self, **kwargs) -> None:
        super().__init__(user_db_constraint=False, **kwargs)

    def _get_history_user_fields(self) -> dict:
        fields = super()._get_history_user_fields()
        fields["history_user"].remote_field.on_delete = models.PROTECT
        return fields


class Sex(models.IntegerChoices):
    MALE = 1, _("Laki-laki")
    FEMALE = 2, _("Perempuan")


class Measure(models.TextChoices):
    LYING = "l", _("Terlentang")
    STANDING = "h", _("Berdiri")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Pratinjau")
    RUNNING = "running", _("Sedang diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


class ImportBatch(models.Model):
    """One uploaded file: who, when, its checksum, what validation found and what was written."""

    file = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    filename = models.CharField(_("nama berkas"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_ok = models.PositiveIntegerField(default=0)
    rows_warning = models.PositiveIntegerField(default=0)
    rows_error = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # Rows by desa and status for the preview, file-level error, and the desa-name
    # confirmations the user made (near-miss name → code).
    summary = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    error_file = models.FileField(upload_to="impor/galat/%Y/%m/", blank=True)
    # The background job (core.JobProgress) writing the batch, for the progress page.
    job_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%d-%m-%Y})"


class Child(models.Model):
    """A child under five as registered by the posyandu (personal data: UU 27/2022 PDP)."""

    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    name = models.CharField(_("nama"), max_length=120)
    sex = models.PositiveSmallIntegerField(_("jenis kelamin"), choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    mother_name = models.CharField(_("nama ibu/orang tua"), max_length=120, blank=True)
    father_name = models.CharField(_("nama ayah"), max_length=120, blank=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    rt = models.CharField(_("RT"), max_length=5, blank=True)
    rw = models.CharField(_("RW"), max_length=5, blank=True)
    # Indexed by child_desa_key (equality) and child_desa_like (scope prefixes), not alone.
    desa = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="children_registered",
        verbose_name=_("desa"),
        db_index=False,
    )
    posyandu = models.ForeignKey(
        Posyandu, on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    # Normalised match key within the desa when there is no NIK: name|birth date|mother.
    # Looked up only together with the desa (index child_desa_key).
    match_key = models.CharField(max_length=300)

    # The audit trail is read per object (by id); indexes on its other columns only slow down
    # every import, which writes a history row per child.
    history = ImportedHistory(no_db_index=["nik", "match_key", "desa", "posyandu"])

    class Meta:
        ordering = ["desa_id", "name"]
        indexes = [
            models.Index(fields=["desa", "match_key"], name="child_desa_key"),
            # Scopes filter children by code prefix (desa_id LIKE '53.02.%'): on PostgreSQL only
            # a pattern index serves that; elsewhere the opclass is ignored.
            models.Index(
                fields=["desa"], name="child_desa_like", opclasses=["varchar_pattern_ops"]
            ),
            # Equality look-ups only: a plain index (db_index would add a LIKE index on
            # PostgreSQL that every import has to maintain too).
            models.Index(fields=["nik"], name="child_nik"),
        ]
        verbose_name = _("anak")
        verbose_name_plural = _("anak")

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    # No index of its own: measurement_child_date (child, measured_on) serves look-ups by child.
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="measurements", db_index=False
    )
    measured_on = models.DateField(_("tanggal pengukuran"))
    # Denormalised from the child at the time of measurement: prevalence aggregates on the
    # code prefix and period without a join.
    # Indexed by meas_desa_date (equality, leading column) and meas_desa_like (prefixes).
    desa_code = models.CharField(max_length=13)
    posyandu = models.ForeignKey(
        Posyandu, on_delete=models.SET_NULL, null=True, blank=True, related_name="measurements"
    )
    age_days = models.PositiveIntegerField(_("umur (hari)"))
    weight_kg = models.FloatField(_("berat (kg)"), null=True, blank=True)
    lenhei_cm = models.FloatField(_("panjang/tinggi (cm)"), null=True, blank=True)
    measure = models.CharField(_("cara ukur"), max_length=1, choices=Measure.choices, blank=True)
    oedema = models.BooleanField(_("edema"), default=False)
    muac_cm = models.FloatField(_("LiLA (cm)"), null=True, blank=True)
    headc_cm = models.FloatField(_("lingkar kepala (cm)"), null=True, blank=True)
    measurer = models.CharField(_("pengukur"), max_length=120, blank=True)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="measurements"
    )
    # Growth engine results (growth.zscores / growth.classify); NaN is stored as NULL.
    clenhei = models.FloatField(null=True, blank=True)
    zlen = models.FloatField(null=True, blank=True)
    zwei = models.FloatField(null=True, blank=True)
    zwfl = models.FloatField(null=True, blank=True)
    zbmi = models.FloatField(null=True, blank=True)
    zac = models.FloatField(null=True, blank=True)
    zhc = models.FloatField(null=True, blank=True)
    flen = models.BooleanField(default=False)
    fwei = models.BooleanField(default=False)
    fwfl = models.BooleanField(default=False)
    fbmi = models.BooleanField(default=False)
    cat_wfa = models.CharField(_("BB/U"), max_length=24, blank=True)
    cat_hfa = models.CharField(_("TB/U"), max_length=24, blank=True)
    cat_wfh = models.CharField(_("BB/TB"), max_length=24, blank=True)
    cat_bfa = models.CharField(_("IMT/U"), max_length=24, blank=True)
    engine_version = models.CharField(max_length=20, blank=True)

    # Read per object (by id), like Child's: no indexes on the copied columns.
    history = ImportedHistory(no_db_index=["desa_code", "child", "posyandu", "batch"])

    class Meta:
        ordering = ["child_id", "measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "measured_on"], name="measurement_child_date")
        ]
        indexes = [
            models.Index(fields=["desa_code", "measured_on"], name="meas_desa_date"),
            # The prevalence query selects a period first, then groups by desa.
            models.Index(fields=["measured_on", "desa_code"], name="meas_date_desa"),
            # Prefix filters (desa_code LIKE '53.02.%') on PostgreSQL; see child_desa_like.
            models.Index(
                fields=["desa_code"], name="meas_desa_like", opclasses=["varchar_pattern_ops"]
            ),
        ]
        verbose_name = _("pengukuran")
        verbose_name_plural = _("pengukuran")

    def __str__(self) -> str:
        return f"{self.child_id} {self.measured_on}"


class Remeasurement(models.Model):
    """A second measurer's measurement of the same child on the same day (quality control,
    Pedoman 7 Tahap Kedua 5): the pairs give the technical error of measurement (TEM)."""

    measurement = models.ForeignKey(
        Measurement, on_delete=models.CASCADE, related_name="remeasurements"
    )
    measurer = models.CharField(_("pengukur kedua"), max_length=120)
    weight_kg = models.FloatField(_("berat (kg)"), null=True, blank=True)
    lenhei_cm = models.FloatField(_("panjang/tinggi (cm)"), null=True, blank=True)
    muac_cm = models.FloatField(_("LiLA (cm)"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengukuran ulang")
        verbose_name_plural = _("pengukuran ulang")

    def __str__(self) -> str:
        return f"Ulang {self.measurement_id} ({self.measurer})"


class MeasurementRound(models.Model):
    """A measurement round (e.g. "Februari 2026", Bulan Penimbangan) of a kabupaten, with its
    dates; prevalence is computed per round or any date range."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("nama putaran"), max_length=60)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="round_unique_name"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="round_dates"
            ),
        ]
        verbose_name = _("putaran pengukuran")
        verbose_name_plural = _("putaran pengukuran")

    def __str__(self) -> str:
        return self.name


class RoundSchedule(models.Model):
    """When each puskesmas measures in a round (Pedoman 7 Tahap Pertama: jadwal pengukuran)."""

    round = models.ForeignKey(MeasurementRound, on_delete=models.CASCADE, related_name="schedule")
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="schedule")
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "puskesmas"], name="schedule_unique")
        ]
        verbose_name = _("jadwal pengukuran")
        verbose_name_plural = _("jadwal pengukuran")

    def __str__(self) -> str:
        return f"{self.round} · {self.puskesmas}"


class TargetSource(models.TextChoices):
    ENTERED = "entered", _("Dimasukkan")
    ESTIMATED = "estimated", _("Perkiraan")


class Sasaran(models.Model):
    """The number of children under five expected in a desa in a year (sasaran balita), the
    denominator of measurement coverage."""

    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sasaran")
    year = models.PositiveSmallIntegerField(_("tahun"))
    count = models.PositiveIntegerField(_("jumlah sasaran balita"))
    source = models.CharField(max_length=10, choices=TargetSource.choices)
    note = models.CharField(_("sumber/catatan"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["desa", "year"], name="sasaran_unique")]
        verbose_name = _("sasaran balita")
        verbose_name_plural = _("sasaran balita")

    def __str__(self) -> str:
        return f"{self.desa_id} {self.year}: {self.count}"


class RoundSummary(models.Model):
    """The prevalence counts per desa of one measurement round, stored so that the first page
    after an import need not aggregate every measurement of the round again.

    Derived data, never edited: ``counts`` maps a desa code to its row of
    ``prevalence.COLUMNS`` (the last measurement per child in the round), as of the highest
    measurement id and history id it includes. ``prevalence.refresh_round`` recounts only the
    desa touched since, and everything when the round's dates or the columns changed."""

    round = models.OneToOneField(MeasurementRound, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField()
    end_date = models.DateField()
    columns = models.CharField(max_length=300)
    measurement_top = models.BigIntegerField()
    history_top = models.BigIntegerField()
    counts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.round_id} {self.start_date}–{self.end_date}"
