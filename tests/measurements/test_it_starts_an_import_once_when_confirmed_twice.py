"""A double click on "Simpan" sends two confirmations that may both have read the batch as a
preview. Only the first starts an import: a second job would write the same batch again (on
PostgreSQL failing on the first one's rows and calling the saved import failed; on SQLite
overwriting its counts with "nothing new")."""

import pytest
from django.urls import reverse

from konvergensi.core.models import JobProgress
from konvergensi.measurements import views
from konvergensi.measurements.models import ImportBatch, ImportStatus
from konvergensi.measurements.services import ImportRejected, preview_import, start_import

from .conftest import row, write_csv


def test_a_second_start_from_a_stale_preview_is_refused(tmp_path, operator, kabupaten):
    batch = preview_import(write_csv(tmp_path / "a.csv", [row()]), user=operator, region=kabupaten)
    second_request = ImportBatch.objects.get(pk=batch.pk)  # read before the first one started
    start_import(batch, user=operator, desa_confirmations={})
    with pytest.raises(ImportRejected):
        start_import(second_request, user=operator, desa_confirmations={})
    assert JobProgress.objects.count() == 1
    assert ImportBatch.objects.get(pk=batch.pk).job_id == batch.job_id


def test_the_second_confirmation_is_told_so(client, monkeypatch, tmp_path, operator, kabupaten):
    batch = preview_import(write_csv(tmp_path / "a.csv", [row()]), user=operator, region=kabupaten)
    stale = ImportBatch.objects.get(pk=batch.pk)
    start_import(batch, user=operator, desa_confirmations={})
    monkeypatch.setattr(views, "_batch", lambda request, pk: stale)
    client.force_login(operator)
    response = client.post(reverse("measurements:confirm", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    assert "tidak bisa dikonfirmasi lagi" in response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.RUNNING
    assert JobProgress.objects.count() == 1
