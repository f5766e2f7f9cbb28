"""The progress-reporting pattern for background tasks (django-tasks).

A view creates a ``JobProgress`` with :func:`start_job`, which enqueues the task with the job's
id; the task calls :func:`report_progress` as it goes and :func:`finish_job` (or
:func:`fail_job`) at the end; the page shows ``core:job``, an htmx fragment that polls itself
every second until the job is finished. In tests tasks run immediately (settings.TASKS).

A worker that dies (killed, out of memory, machine restarted) leaves its job unfinished. A job
that has not reported for ``settings.JOB_STALE_MINUTES`` is *stale*: :func:`expire_if_stale`
fails it, which every read through :func:`get_job_for_user` does, so a progress bar never spins
forever.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JobProgress, JobStatus

logger = logging.getLogger(__name__)


def start_job(
    task: Any, *, job_kind: str, user: Any, message: str = "", **kwargs: Any
) -> JobProgress:
    """Create the job and enqueue ``task(job_id=..., **kwargs)`` once the row is committed."""
    job = JobProgress.objects.create(kind=job_kind, user=user, message=message)

    def enqueue() -> None:
        result = task.enqueue(job_id=str(job.pk), **kwargs)
        JobProgress.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)

    transaction.on_commit(enqueue)
    return job


def begin_job(*, job_kind: str, user: Any, message: str = "") -> JobProgress:
    """A job run in this process (a management command) rather than by the worker: it reports
    like a task, so a process killed mid-way leaves a job that goes stale as a dead worker's."""
    return JobProgress.objects.create(
        kind=job_kind, user=user, message=message, status=JobStatus.RUNNING
    )


def report_progress(job: JobProgress | str, done: int, total: int, message: str = "") -> None:
    """Record how far a job is, in the caller's transaction if there is one.

    Called outside any transaction (a preview task, the start of an import) it is committed at
    once and the page sees it. While an import writes its rows, ``measurements.services``
    reports from inside the import's transaction: the page (another connection) sees that
    progress only when the import commits, and never if it rolls back; until then it reads
    the last progress committed before (on PostgreSQL, and on SQLite in WAL mode). The row
    stays locked meanwhile, which keeps :func:`expire_if_stale` from failing the job.
    """
    pk = job.pk if isinstance(job, JobProgress) else job
    fields: dict[str, Any] = {
        "done": done,
        "total": total,
        "status": JobStatus.RUNNING,
        "updated_at": timezone.now(),  # update() skips auto_now; staleness is measured on it
    }
    if message:
        fields["message"] = message
    # A job failed as stale stays failed: whatever the late worker does is not reported.
    JobProgress.objects.filter(pk=pk).exclude(status=JobStatus.FAILED).update(**fields)


def finish_job(job: JobProgress | str, result: dict[str, Any], message: str = "") -> None:
    pk = job.pk if isinstance(job, JobProgress) else job
    job_obj = JobProgress.objects.get(pk=pk)
    job_obj.status = JobStatus.DONE
    job_obj.done = job_obj.total
    job_obj.result = result
    job_obj.message = message or job_obj.message
    job_obj.save()


def fail_job(job: JobProgress | str, message: str) -> None:
    pk = job.pk if isinstance(job, JobProgress) else job
    logger.warning("job %s failed: %s", pk, message)
    JobProgress.objects.filter(pk=pk).update(
        status=JobStatus.FAILED, message=message[:300], updated_at=timezone.now()
    )


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.JOB_STALE_MINUTES)


def is_stale(job: JobProgress) -> bool:
    """Unfinished and silent for longer than ``settings.JOB_STALE_MINUTES``."""
    return not job.is_finished and job.updated_at < timezone.now() - stale_after()


def expire_if_stale(
    job: JobProgress, *, message: str = "", also: Callable[[], None] | None = None
) -> bool:
    """Fail ``job`` if it is stale; ``also`` runs in the same transaction (e.g. to fail the
    import batch behind it). Returns True if the job is failed now (or was already).

    The job row is locked without waiting. A worker that is alive but inside a long transaction
    has written its progress in that transaction (on PostgreSQL the page cannot see it yet), so
    it holds the lock: the lock fails and the job is left alone. On SQLite the same worker holds
    the database's write lock and the attempt times out the same way. Either way a job is
    failed only when its worker is gone, so what the failure message says stays true.
    """
    if job.status == JobStatus.FAILED:
        return True
    if not is_stale(job):
        return False
    try:
        with transaction.atomic():
            row = JobProgress.objects.select_for_update(nowait=True).filter(pk=job.pk).first()
            if row is None or not is_stale(row):
                return False
            row.status = JobStatus.FAILED
            row.message = (
                message
                or _(
                    "Proses terhenti: pekerja latar belakang tidak memberi kabar selama "
                    "%(minutes)s menit. Jalankan ulang tugas ini."
                )
                % {"minutes": settings.JOB_STALE_MINUTES}
            )[:300]
            JobProgress.objects.filter(pk=row.pk).update(
                status=row.status, message=row.message, updated_at=timezone.now()
            )
            if also is not None:
                also()
    except DatabaseError:
        logger.info("job %s looks stale but its worker still holds it", job.pk)
        return False
    logger.warning("job %s failed as stale: %s", job.pk, row.message)
    job.status, job.message = row.status, row.message
    return True


def get_job_for_user(user: Any, pk: Any, *, stale_message: str = "") -> JobProgress | None:
    """A job is seen by the user who started it (or a superuser); a stale one as failed
    (with ``stale_message`` if given)."""
    qs = JobProgress.objects.all() if user.is_superuser else JobProgress.objects.filter(user=user)
    job = qs.filter(pk=pk).first()
    if job is not None:
        expire_if_stale(job, message=stale_message)
    return job
