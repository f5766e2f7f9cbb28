"""A batch whose worker died is shown as failed, saying truthfully that nothing was saved (the
confirmation is one transaction), and can be uploaded again. A worker that is merely slow is
left alone, and a worker that comes back late writes nothing."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from konvergensi.core.models import JobProgress, JobStatus
from konvergensi.measurements import services, tasks
from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

from .conftest import row, write_csv


@pytest.fixture
def running(operator, kabupaten, tmp_path) -> ImportBatch:
    """A confirmed batch whose job was enqueued but (in a test transaction) never ran."""
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L")])
    batch = services.preview_import(path, user=operator, region=kabupaten)
    services.start_import(batch, user=operator, desa_confirmations={})
    batch.refresh_from_db()
    assert batch.status == ImportStatus.RUNNING and batch.job_id
    return batch


def _silent_for(batch: ImportBatch, minutes: int) -> None:
    then = timezone.now() - dt.timedelta(minutes=minutes)
    JobProgress.objects.filter(pk=batch.job_id).update(updated_at=then)


def _worker_runs(batch: ImportBatch, user) -> ImportBatch:
    """The batch's job as a worker runs it (late, or while failed from outside); the batch as
    it is afterwards."""
    tasks.run_import.call(
        job_id=str(batch.job_id), batch_id=batch.pk, user_id=user.pk, desa_confirmations={}
    )
    batch.refresh_from_db()
    return batch


def test_it_fails_a_batch_whose_job_went_silent(client, operator, running, settings):
    settings.JOB_STALE_MINUTES = 15
    _silent_for(running, 16)
    client.force_login(operator)
    html = client.get(reverse("measurements:batch", args=[running.pk])).content.decode()

    running.refresh_from_db()
    assert running.status == ImportStatus.FAILED and running.finished_at is not None
    assert "Proses terhenti" in running.message
    assert "Tidak ada data yang disimpan; unggah ulang berkas" in running.message
    assert running.message in html and reverse("measurements:upload") in html
    assert JobProgress.objects.get(pk=running.job_id).status == JobStatus.FAILED
    assert Measurement.objects.count() == 0


def test_it_leaves_a_job_that_reported_recently(client, operator, running, settings):
    settings.JOB_STALE_MINUTES = 15
    _silent_for(running, 14)
    client.force_login(operator)
    status = client.get(reverse("measurements:batch_status", args=[running.pk]))
    assert status.status_code == 204
    html = client.get(reverse("measurements:batch", args=[running.pk])).content.decode()
    assert reverse("measurements:batch_status", args=[running.pk]) in html
    running.refresh_from_db()
    assert running.status == ImportStatus.RUNNING


def test_the_stale_time_is_a_setting(client, operator, running, settings):
    settings.JOB_STALE_MINUTES = 5
    _silent_for(running, 6)
    client.force_login(operator)
    response = client.get(reverse("measurements:batch_status", args=[running.pk]))
    assert response["HX-Refresh"] == "true"
    running.refresh_from_db()
    assert running.status == ImportStatus.FAILED


def test_it_fails_a_batch_whose_job_failed(client, operator, running):
    JobProgress.objects.filter(pk=running.job_id).update(status=JobStatus.FAILED)
    client.force_login(operator)
    client.get(reverse("measurements:imports"))
    running.refresh_from_db()
    assert running.status == ImportStatus.FAILED
    assert "Tidak ada data yang disimpan" in running.message


def test_it_says_so_when_rows_were_saved_before_the_worker_died(running, operator):
    # The worker died after its transaction committed (e.g. while writing the error file).
    services.confirm_import(ImportBatch.objects.get(pk=running.pk), user=operator)
    ImportBatch.objects.filter(pk=running.pk).update(status=ImportStatus.RUNNING)
    JobProgress.objects.filter(pk=running.job_id).update(status=JobStatus.FAILED)

    batch = tasks.fail_if_stuck(ImportBatch.objects.get(pk=running.pk))
    assert batch.status == ImportStatus.FAILED
    assert "setelah data tersimpan" in batch.message
    assert "Tidak ada data yang disimpan" not in batch.message


def test_a_worker_that_comes_back_late_writes_nothing(running, operator, settings):
    _silent_for(running, settings.JOB_STALE_MINUTES + 1)
    tasks.fail_if_stuck(running)
    batch = _worker_runs(running, operator)
    assert Measurement.objects.count() == 0
    assert batch.status == ImportStatus.FAILED
    assert JobProgress.objects.get(pk=running.job_id).status == JobStatus.FAILED


def test_an_import_failed_as_stuck_midway_rolls_back(running, operator, monkeypatch):
    # Another process fails the batch while the worker writes: the worker's next progress
    # report notices before its transaction commits, and nothing is saved.
    outside = len(connection.atomic_blocks)  # the test's own transaction
    real = tasks.report_progress

    def report(job_id, done, total, message=""):
        real(job_id, done, total, message)
        if len(connection.atomic_blocks) > outside:  # inside the import's transaction
            ImportBatch.objects.filter(pk=running.pk).update(status=ImportStatus.FAILED)

    monkeypatch.setattr(tasks, "report_progress", report)
    batch = _worker_runs(running, operator)
    assert Measurement.objects.count() == 0
    assert batch.status == ImportStatus.FAILED
    assert "tidak ada data yang disimpan" in batch.message


def test_a_batch_without_a_job_is_left_alone(running):
    # The command line confirms in its own process, without a job.
    ImportBatch.objects.filter(pk=running.pk).update(job_id=None)
    batch = tasks.fail_if_stuck(ImportBatch.objects.get(pk=running.pk))
    assert batch.status == ImportStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_worker_inside_its_transaction_is_never_failed(operator, kabupaten, tmp_path, settings):
    # Needs two real connections and row locks: PostgreSQL (on SQLite the worker's write lock
    # makes the other side wait for the timeout instead, with the same outcome).
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    batch = services.preview_import(path, user=operator, region=kabupaten)
    job = JobProgress.objects.create(kind=tasks.IMPORT_KIND, user=operator)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING, job_id=job.pk)
    batch.refresh_from_db()
    _silent_for(batch, settings.JOB_STALE_MINUTES + 5)

    seen = []

    def web_request() -> None:
        try:
            seen.append(tasks.fail_if_stuck(ImportBatch.objects.get(pk=batch.pk)).status)
        finally:
            connection.close()

    with transaction.atomic():  # the worker, writing: it holds the rows it reported into
        ImportBatch.objects.select_for_update().filter(pk=batch.pk).exists()
        tasks.report_progress(str(job.pk), 1, 2, "Menyimpan pengukuran")
        other = threading.Thread(target=web_request)
        other.start()
        other.join(timeout=30)
    assert seen == [ImportStatus.RUNNING]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.RUNNING
    assert JobProgress.objects.get(pk=job.pk).status == JobStatus.RUNNING
