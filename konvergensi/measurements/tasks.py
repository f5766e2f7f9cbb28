"""Background work of the measurements app (django-tasks; ``manage.py db_worker`` runs it)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from konvergensi.core.jobs import fail_job, finish_job, report_progress

from .models import ImportBatch, ImportStatus


@task()
def run_import(*, job_id: str, batch_id: int, user_id: int, desa_confirmations: dict) -> None:
    from .services import confirm_import

    batch = ImportBatch.objects.get(pk=batch_id)
    user = get_user_model().objects.get(pk=user_id)

    def progress(done: int, total: int, message: str) -> None:
        report_progress(job_id, done, total, message)

    report_progress(job_id, 0, batch.rows_total, "Membaca dan memeriksa berkas")
    batch = confirm_import(
        batch, user=user, desa_confirmations=desa_confirmations, progress=progress
    )
    if batch.status == ImportStatus.DONE:
        finish_job(
            job_id,
            {
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "next_url": reverse("measurements:batch", args=[batch.pk]),
            },
            message=f"{batch.created} baru, {batch.updated} diperbarui, "
            f"{batch.unchanged} tidak berubah",
        )
    else:
        fail_job(job_id, batch.message)
