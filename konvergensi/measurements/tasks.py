"""Background work of the measurements app (django-tasks; ``manage.py db_worker`` runs it).

Two jobs: the preview of a large upload (``run_preview``, started by :func:`start_preview`)
and the confirmation of a previewed batch (``run_import``, started by
``services.start_import``; the command line runs the same in its own process through
:func:`confirm_here`). Both report through ``core.jobs``. A worker (or command) that dies leaves
its job silent: :func:`fail_if_stuck` then shows the batch as failed, saying truthfully whether
anything was saved (the confirmation is one transaction, so normally nothing was).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from konvergensi.core.jobs import (
    begin_job,
    expire_if_stale,
    fail_job,
    finish_job,
    report_progress,
    stale_after,
    start_job,
)
from konvergensi.core.models import JobProgress, JobStatus
from konvergensi.regions.models import Region

from .models import ImportBatch, ImportStatus, Measurement

logger = logging.getLogger(__name__)

PREVIEW_KIND = "pratinjau-impor"
IMPORT_KIND = "impor-pengukuran"  # as services.start_import names it
# Uploads waiting for a worker to preview them; the preview stores its own copy in the batch.
PENDING_DIR = "impor/antrean"


def stuck_preview_message() -> str:
    return _(
        "Pemeriksaan berkas terhenti: pekerja latar belakang tidak memberi kabar. "
        "Tidak ada data yang disimpan; unggah ulang berkas."
    )


def stuck_import_message(*, written: bool) -> str:
    if written:
        # Only when the worker died after its transaction committed (e.g. writing the error
        # file): the rows are in, the batch's counts are not.
        return _(
            "Proses terhenti setelah data tersimpan, tetapi jumlahnya tidak tercatat. Unggah "
            "ulang berkas yang sama: baris yang sudah tersimpan akan tercatat tidak berubah."
        )
    return _(
        "Proses terhenti sebelum selesai (pekerja latar belakang berhenti atau tidak memberi "
        "kabar). Tidak ada data yang disimpan; unggah ulang berkas."
    )


# --- the preview of a large upload -------------------------------------------------------------


def start_preview(upload: File[Any], *, user: Any, region: Region) -> JobProgress:
    """Store ``upload`` and let a worker preview it; returns the job the progress page polls."""
    _sweep_pending()
    filename = PurePosixPath(getattr(upload, "name", "") or "berkas").name
    path = default_storage.save(f"{PENDING_DIR}/{uuid.uuid4().hex}/{filename}", upload)
    return start_job(
        run_preview,
        job_kind=PREVIEW_KIND,
        user=user,
        message=_("Memeriksa %(file)s") % {"file": filename},
        path=path,
        filename=filename,
        region_code=region.code,
        user_id=user.pk,
    )


@task()
def run_preview(*, job_id: str, path: str, filename: str, region_code: str, user_id: int) -> None:
    from .services import preview_import

    try:
        if _job_failed(job_id):  # failed as stale before a worker took it up
            return
        report_progress(job_id, 0, 0, _("Membaca dan memeriksa %(file)s") % {"file": filename})
        user = get_user_model().objects.get(pk=user_id)
        region = Region.objects.get(code=region_code)
        with default_storage.open(path, "rb") as fh:
            data = fh.read()
        batch = preview_import(ContentFile(data, name=filename), user=user, region=region)
    except Exception:
        logger.exception("preview of %s failed", path)
        fail_job(
            job_id,
            _(
                "Pemeriksaan berkas gagal karena kesalahan sistem. Tidak ada data yang "
                "disimpan; unggah ulang berkas atau hubungi admin."
            ),
        )
        return
    finally:
        _delete_pending(path)
    if _job_failed(job_id):
        return  # the page already said "unggah ulang"; the late preview stays in the list
    if batch.status == ImportStatus.FAILED:
        fail_job(job_id, batch.message)  # the file-level reason, in Indonesian
        return
    finish_job(
        job_id,
        {"batch_id": batch.pk, "next_url": reverse("measurements:batch", args=[batch.pk])},
        message=_("%(n)s baris diperiksa") % {"n": batch.rows_total},
    )


def _job_failed(job_id: str) -> bool:
    return JobProgress.objects.filter(pk=job_id, status=JobStatus.FAILED).exists()


def _delete_pending(path: str) -> None:
    try:
        default_storage.delete(path)
        folder = str(PurePosixPath(path).parent)
        if not default_storage.listdir(folder)[1]:
            default_storage.delete(folder)
    except OSError:
        logger.warning("could not remove the pending upload %s", path)


def _sweep_pending() -> None:
    """Remove uploads a dead worker left behind (older than twice the stale time)."""
    try:
        folders = default_storage.listdir(PENDING_DIR)[0]
    except (FileNotFoundError, NotADirectoryError):
        return
    limit = timezone.now() - 2 * stale_after()
    for folder in folders:
        base = f"{PENDING_DIR}/{folder}"
        for name in default_storage.listdir(base)[1]:
            if default_storage.get_modified_time(f"{base}/{name}") < limit:
                _delete_pending(f"{base}/{name}")


# --- the confirmation --------------------------------------------------------------------------


@task()
def run_import(
    *, job_id: str, batch_id: int, user_id: int, desa_confirmations: dict[str, str]
) -> None:
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    waiting = {ImportStatus.PREVIEW, ImportStatus.RUNNING}
    if batch is None or batch.status not in waiting or _job_failed(job_id):
        # Failed as stuck while the job waited for a worker: the user was told to upload again.
        if not _job_failed(job_id):
            fail_job(job_id, _("Impor ini sudah tidak bisa diproses lagi."))
        return
    user = get_user_model().objects.get(pk=user_id)
    try:
        batch = _confirm_reporting(job_id, batch, user=user, desa_confirmations=desa_confirmations)
    except Exception:
        # confirm_import turns its own failures into a failed batch; this is anything else.
        # The batch is then failed by fail_if_stuck, which checks what was written.
        logger.exception("import %s failed outside the import", batch_id)
        fail_job(job_id, _("Impor gagal karena kesalahan sistem."))
        return
    _end_import_job(job_id, batch)


def confirm_here(
    batch: ImportBatch, *, user: Any, desa_confirmations: dict[str, str]
) -> ImportBatch:
    """Confirm a previewed batch in this process (``manage.py import_measurements``), with a
    job reporting as the worker's does: a command killed mid-way leaves its batch ``running``
    with a job that goes silent, and :func:`fail_if_stuck` fails it like a dead worker's."""
    job = begin_job(
        job_kind=IMPORT_KIND,
        user=user,
        message=_("Impor %(file)s dari baris perintah") % {"file": batch.filename},
    )
    job_id = str(job.pk)
    batch.job_id = job.pk
    batch.save(update_fields=["job_id"])
    try:
        batch = _confirm_reporting(job_id, batch, user=user, desa_confirmations=desa_confirmations)
    except BaseException:
        fail_job(job_id, _("Impor gagal karena kesalahan sistem."))
        raise
    _end_import_job(job_id, batch)
    return batch


def _confirm_reporting(
    job_id: str, batch: ImportBatch, *, user: Any, desa_confirmations: dict[str, str]
) -> ImportBatch:
    """Confirm ``batch`` with its progress reported to the job ``job_id``: what the worker
    (``run_import``) and the command line (``confirm_here``) share. Each handles a failure
    outside the import its own way and ends the job with :func:`_end_import_job`."""
    from .services import confirm_import

    report_progress(job_id, 0, batch.rows_total, _("Membaca dan memeriksa berkas"))
    return confirm_import(
        batch,
        user=user,
        desa_confirmations=desa_confirmations,
        progress=_import_progress(job_id, batch.pk),
    )


def _import_progress(job_id: str, batch_id: int) -> Callable[[int, int, str], None]:
    from .services import ImportRejected

    def progress(done: int, total: int, message: str) -> None:
        # Inside the import's transaction this locks the batch row until the commit, so the
        # batch cannot be failed as stuck while the rows are being written; and a batch already
        # failed as stuck stops the import here, before anything is committed.
        with transaction.atomic():
            running = (
                ImportBatch.objects.select_for_update()
                .filter(pk=batch_id, status=ImportStatus.RUNNING)
                .exists()
            )
        if not running:
            raise ImportRejected(_("proses ini sudah dinyatakan terhenti"))
        report_progress(job_id, done, total, message)

    return progress


def _end_import_job(job_id: str, batch: ImportBatch) -> None:
    if batch.status == ImportStatus.DONE:
        finish_job(
            job_id,
            {
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "next_url": reverse("measurements:batch", args=[batch.pk]),
            },
            message=_("%(c)s baru, %(u)s diperbarui, %(n)s tidak berubah")
            % {"c": batch.created, "u": batch.updated, "n": batch.unchanged},
        )
    else:
        fail_job(job_id, batch.message)


# --- batches whose worker died -----------------------------------------------------------------


def fail_if_stuck(batch: ImportBatch) -> ImportBatch:
    """A ``running`` batch whose job failed, vanished or went stale is failed, with a message
    that says whether rows were saved. Returns the batch as it now is.

    Nothing is decided while the worker holds the batch row (it does so inside its transaction,
    see ``run_import``): the lock is tried without waiting, and a worker that holds it is alive.
    """
    if batch.status != ImportStatus.RUNNING or batch.job_id is None:
        return batch  # confirmed without a job (single entry, or before jobs were recorded)

    def fail_batch() -> None:
        row = (
            ImportBatch.objects.select_for_update(nowait=True)
            .filter(pk=batch.pk, status=ImportStatus.RUNNING)
            .first()
        )
        if row is None:
            return
        written = Measurement.objects.filter(batch_id=batch.pk).exists()
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED,
            message=stuck_import_message(written=written),
            finished_at=timezone.now(),
        )

    job = JobProgress.objects.filter(pk=batch.job_id).first()
    try:
        if job is None or job.status == JobStatus.FAILED:
            with transaction.atomic():
                fail_batch()
        elif not expire_if_stale(job, also=fail_batch):
            return batch
    except DatabaseError:
        logger.info("batch %s looks stuck but its worker still holds it", batch.pk)
        return batch
    batch.refresh_from_db()
    return batch
