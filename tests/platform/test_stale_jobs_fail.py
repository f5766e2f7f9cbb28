"""A background job whose worker died stops spinning: after settings.JOB_STALE_MINUTES without
a progress report it is shown as failed; a late report does not bring it back."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from konvergensi.core.jobs import expire_if_stale, fail_job, report_progress
from konvergensi.core.models import JobProgress, JobStatus


def _job(user, minutes_silent: int) -> JobProgress:
    job = JobProgress.objects.create(kind="uji", user=user)
    report_progress(job, 10, 100, "Menyimpan")
    then = timezone.now() - dt.timedelta(minutes=minutes_silent)
    JobProgress.objects.filter(pk=job.pk).update(updated_at=then)
    job.refresh_from_db()
    return job


def test_a_progress_report_counts_as_a_sign_of_life(people):
    job = _job(people.admin, 60)
    report_progress(job, 20, 100)
    job.refresh_from_db()
    assert timezone.now() - job.updated_at < dt.timedelta(minutes=1)
    assert not expire_if_stale(job)


def test_a_silent_job_is_shown_as_failed(client, people, settings):
    settings.JOB_STALE_MINUTES = 15
    job = _job(people.admin, 16)
    client.force_login(people.admin)
    html = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = html.content.decode()
    assert "Gagal" in html and "Proses terhenti" in html and "every 1s" not in html
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_a_job_within_the_limit_keeps_running(client, people, settings):
    settings.JOB_STALE_MINUTES = 15
    job = _job(people.admin, 14)
    client.force_login(people.admin)
    html = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in html.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_a_late_report_does_not_revive_a_failed_job(people):
    job = JobProgress.objects.create(kind="uji", user=people.admin)
    fail_job(job, "Proses terhenti")
    report_progress(job, 50, 100, "Menyimpan")
    job.refresh_from_db()
    assert (job.status, job.done, job.message) == (JobStatus.FAILED, 0, "Proses terhenti")


def test_expiry_runs_the_callers_work_in_the_same_step(people, settings):
    settings.JOB_STALE_MINUTES = 1
    job = _job(people.admin, 2)
    calls = []
    assert expire_if_stale(job, message="Berhenti", also=lambda: calls.append(1))
    assert calls == [1] and job.message == "Berhenti"
    assert expire_if_stale(job, also=lambda: calls.append(2))  # already failed: nothing again
    assert calls == [1]
