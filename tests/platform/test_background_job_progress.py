"""The progress pattern for background tasks: a JobProgress row the task reports into and an
htmx fragment that polls itself until the job is finished."""

from django.urls import reverse

from konvergensi.core.jobs import fail_job, finish_job, report_progress
from konvergensi.core.models import JobProgress, JobStatus


def _job(user):
    return JobProgress.objects.create(kind="uji", user=user)


def test_it_polls_while_the_job_runs(client, people):
    job = _job(people.admin)
    report_progress(job, 25, 100, "Memeriksa baris")
    client.force_login(people.admin)
    response = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "25%" in html and "Memeriksa baris" in html
    assert "<html" not in html  # a fragment for htmx, not a page


def test_it_stops_polling_when_done(client, people):
    job = _job(people.admin)
    finish_job(job, {"created": 3}, message="3 baru")
    client.force_login(people.admin)
    html = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "every 1s" not in html
    assert "100%" in html and "3 baru" in html
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"created": 3}


def test_it_shows_a_failure(client, people):
    job = _job(people.admin)
    fail_job(job, "Impor gagal: berkas rusak")
    client.force_login(people.admin)
    html = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Gagal" in html and "berkas rusak" in html and "every 1s" not in html


def test_it_hides_a_job_from_other_users(client, people):
    job = _job(people.admin)
    client.force_login(people.dinsos_operator)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404
