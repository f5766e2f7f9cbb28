"""A command-line import killed mid-way is failed like a dead worker's (acceptance P4/P9).

The command reports through a job as the worker does; killed with SIGKILL it reports nothing
more, the job goes silent, and the web shows the batch as failed instead of "Sedang diproses".
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from konvergensi.core.models import JobProgress, JobStatus
from konvergensi.measurements import services, tasks
from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

from .conftest import row, write_csv


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even ``except BaseException``."""


@pytest.fixture
def killed_mid_import(monkeypatch, tmp_path, operator) -> ImportBatch:
    def confirm_then_die(batch, *, user, desa_confirmations=None, progress=None):
        batch.status = ImportStatus.RUNNING
        batch.save(update_fields=["status"])
        progress(0, 2, "Menyimpan data")
        raise Killed

    monkeypatch.setattr(services, "confirm_import", confirm_then_die)
    monkeypatch.setattr(tasks, "fail_job", lambda *a, **k: None)  # a killed process reports nothing
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L")])
    with pytest.raises(Killed):
        call_command("import_measurements", str(path), "--user", operator.username,
                     stdout=StringIO(), stderr=StringIO())  # fmt: skip
    monkeypatch.undo()
    return ImportBatch.objects.get()


def test_it_fails_the_batch_once_the_command_has_been_silent_too_long(
    client, operator, killed_mid_import, settings
):
    batch = killed_mid_import
    assert batch.status == ImportStatus.RUNNING and batch.job_id
    settings.JOB_STALE_MINUTES = 15
    client.force_login(operator)

    client.get(reverse("measurements:batch", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.RUNNING  # it reported just now: maybe still busy

    then = timezone.now() - dt.timedelta(minutes=16)
    JobProgress.objects.filter(pk=batch.job_id).update(updated_at=then)
    html = client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "Tidak ada data yang disimpan" in batch.message and batch.message in html
    assert JobProgress.objects.get(pk=batch.job_id).status == JobStatus.FAILED
    assert Measurement.objects.count() == 0


def test_a_finished_command_line_import_finishes_its_job(tmp_path, operator):
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    call_command("import_measurements", str(path), "--user", operator.username,
                 stdout=StringIO(), stderr=StringIO())  # fmt: skip
    batch = ImportBatch.objects.get()
    job = JobProgress.objects.get(pk=batch.job_id)
    assert (batch.status, job.status, job.kind) == (
        ImportStatus.DONE,
        JobStatus.DONE,
        tasks.IMPORT_KIND,
    )
    assert job.user == operator and job.result["created"] == 1
