"""A file above the inline limit is stored and previewed by the worker; the user follows a
progress page to the preview. Small files are still previewed in the request."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.core.models import JobProgress, JobStatus
from konvergensi.measurements import tasks, views
from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

from .conftest import row, write_csv


@pytest.fixture
def background(monkeypatch):
    monkeypatch.setattr(views, "INLINE_PREVIEW_MAX_BYTES", 0)


def _upload(client, name, content, capture):
    with capture(execute=True):
        return client.post(
            reverse("measurements:upload"), {"file": SimpleUploadedFile(name, content)}
        )


def test_it_previews_a_large_file_in_the_background(
    client, operator, tmp_path, background, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", sex="L", weight="x")])
    response = _upload(client, "feb.csv", path.read_bytes(), django_capture_on_commit_callbacks)

    job = JobProgress.objects.get(kind=tasks.PREVIEW_KIND)
    assert response["Location"] == reverse("measurements:preview_job", args=[job.pk])
    assert job.status == JobStatus.DONE
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.filename, batch.rows_ok, batch.rows_error) == (
        ImportStatus.PREVIEW, "feb.csv", 1, 1,
    )  # fmt: skip
    # The progress page moves on to the preview; nothing is written yet.
    response = client.get(response["Location"])
    assert response["Location"] == reverse("measurements:batch", args=[batch.pk])
    assert "Berat badan bukan angka" in client.get(response["Location"]).content.decode()
    assert Measurement.objects.count() == 0
    # The waiting copy of the upload is gone; the batch keeps its own.
    assert default_storage.listdir(tasks.PENDING_DIR) == ([], [])
    assert default_storage.exists(batch.file.name)


def test_it_shows_a_file_level_error_after_a_background_preview(
    client, operator, background, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    content = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    response = _upload(client, "foto.png", content, django_capture_on_commit_callbacks)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "bukan spreadsheet" in html and "Unggah ulang" in html
    assert "Traceback" not in html
    assert JobProgress.objects.get().status == JobStatus.FAILED


def test_the_watcher_reloads_the_page_only_when_the_preview_is_finished(client, operator):
    client.force_login(operator)
    job = JobProgress.objects.create(kind=tasks.PREVIEW_KIND, user=operator)
    url = reverse("measurements:preview_job_status", args=[job.pk])
    running = client.get(url, headers={"HX-Request": "true"})
    assert running.status_code == 204 and "HX-Refresh" not in running
    page = client.get(reverse("measurements:preview_job", args=[job.pk])).content.decode()
    assert url in page and 'role="progressbar"' in page

    JobProgress.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_a_preview_is_seen_only_by_its_uploader(client, operator, viewer):
    job = JobProgress.objects.create(kind=tasks.PREVIEW_KIND, user=operator)
    client.force_login(viewer)
    assert client.get(reverse("measurements:preview_job", args=[job.pk])).status_code == 404
    other = JobProgress.objects.create(kind="lain", user=viewer)
    assert client.get(reverse("measurements:preview_job", args=[other.pk])).status_code == 404


def test_a_small_file_is_still_previewed_in_the_request(client, operator, tmp_path):
    client.force_login(operator)
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    assert path.stat().st_size <= views.INLINE_PREVIEW_MAX_BYTES
    response = client.post(
        reverse("measurements:upload"), {"file": SimpleUploadedFile("feb.csv", path.read_bytes())}
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("measurements:batch", args=[batch.pk])
    assert not JobProgress.objects.exists()


def test_the_import_list_shows_previews_still_running(client, operator):
    client.force_login(operator)
    job = JobProgress.objects.create(
        kind=tasks.PREVIEW_KIND, user=operator, message="Memeriksa besar.xlsx"
    )
    html = client.get(reverse("measurements:imports")).content.decode()
    assert "Memeriksa besar.xlsx" in html
    assert reverse("measurements:preview_job", args=[job.pk]) in html
