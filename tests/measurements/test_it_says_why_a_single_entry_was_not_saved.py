"""A single entry whose check found only warnings, but whose saving then failed, comes back
with the reason: never the form again without a word."""

from django.db import DatabaseError
from django.urls import reverse

from konvergensi.measurements import services
from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

# Two years old and 60 cm: length-for-age beyond the WHO flag limit, a warning; the row is
# still saved (flagged), so the check says nothing is wrong.
ENTRY = {
    "name": "Ani", "sex": "2", "birth_date": "2024-01-01", "desa": "53.02.01.1002",
    "measured_on": "2026-02-10", "weight_kg": "11", "lenhei_cm": "60", "measure": "h",
}  # fmt: skip


def test_it_shows_why_the_measurement_was_not_saved(client, operator, monkeypatch):
    def broken_write(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "_write", broken_write)
    client.force_login(operator)
    response = client.post(reverse("measurements:entry"), ENTRY)
    assert response.status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.FAILED
    assert {i[2] for i in batch.summary["issues"]} == {"warning"}  # nothing said it would fail
    html = response.content.decode()
    assert "Pengukuran tidak tersimpan" in html
    assert "terjadi kesalahan saat menyimpan data" in html
    assert Measurement.objects.count() == 0


def test_the_same_entry_without_the_failure_is_saved(client, operator):
    client.force_login(operator)
    assert client.post(reverse("measurements:entry"), ENTRY).status_code == 302
    assert Measurement.objects.count() == 1
