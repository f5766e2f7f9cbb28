"""The progress-reporting pattern for background tasks (django-tasks).

A view creates a ``JobProgress`` with :func:`start_job`, which enqueues the task with the job's
id; the task calls :func:`report_progress` as it goes and :func:`finish_job` (or
:func:`fail_job`) at the end; the page shows ``core:job``, an htmx fragment that polls itself
every second until the job is finished. In tests tasks run immediately (settings.TASKS).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

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


def report_progress(job: JobProgress | str, done: int, total: int, message: str = "") -> None:
    """Record how far a job is. Written outside any transaction so the page sees it at once."""
    pk = job.pk if isinstance(job, JobProgress) else job
    fields: dict[str, Any] = {"done": done, "total": total, "status": JobStatus.RUNNING}
    if message:
        fields["message"] = message
    JobProgress.objects.filter(pk=pk).update(**fields)


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
    JobProgress.objects.filter(pk=pk).update(status=JobStatus.FAILED, message=message[:300])


def get_job_for_user(user: Any, pk: Any) -> JobProgress | None:
    """A job is seen by the user who started it (or a superuser)."""
    qs = JobProgress.objects.all() if user.is_superuser else JobProgress.objects.filter(user=user)
    return qs.filter(pk=pk).first()
