"""Dinas Kesehatan creates a round with a schedule per puskesmas; Bappeda operators and
readers may look but not change."""

from django.urls import reverse

from konvergensi.measurements.models import MeasurementRound, RoundSchedule


def test_it_manages_rounds_and_schedules(client, kabupaten, puskesmas, dinkes_operator):
    client.force_login(dinkes_operator)
    data = {
        "name": "Agustus 2026", "start_date": "2026-08-01", "end_date": "2026-08-31",
        "jadwal-TOTAL_FORMS": "1", "jadwal-INITIAL_FORMS": "0",
        "jadwal-0-puskesmas": puskesmas.pk, "jadwal-0-start_date": "2026-08-03",
        "jadwal-0-end_date": "2026-08-12",
    }  # fmt: skip
    response = client.post(reverse("measurements:round_new"), data)
    assert response.status_code == 302
    rnd = MeasurementRound.objects.get(name="Agustus 2026")
    assert rnd.region_id == "53.02"
    assert RoundSchedule.objects.get(round=rnd).puskesmas == puskesmas
    assert "Agustus 2026" in client.get(reverse("measurements:rounds")).content.decode()


def test_it_forbids_readers_to_change_rounds(client, kabupaten, dinkes_viewer):
    client.force_login(dinkes_viewer)
    assert client.get(reverse("measurements:rounds")).status_code == 200
    assert client.get(reverse("measurements:round_new")).status_code == 403
