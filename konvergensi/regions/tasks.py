"""Background tasks of the regions app (django-tasks), reporting through core.JobProgress."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from konvergensi.core.jobs import fail_job, finish_job, report_progress

from . import services


@task()
def import_facilities_task(job_id: str, path: str, filename: str, kind: str, kabupaten: str):
    """Validate and write an uploaded facilities file; the file is removed afterwards."""
    try:
        rows = services.read_table(path, filename)
        report_progress(job_id, 0, len(rows), _("Memeriksa %(n)s baris") % {"n": len(rows)})
        plan = services.plan_import(kind, rows, kabupaten)
        if not plan.ok:
            fail_job(
                job_id,
                _("%(n)s baris bermasalah; tidak ada yang disimpan.") % {"n": len(plan.errors)},
            )
            return plan.summary()
        report_progress(job_id, 0, len(rows), _("Menyimpan"))
        # One transaction for every row: either all rows are stored or none.
        services.apply_plan(plan)
        message = _("%(created)s baru, %(updated)s diperbarui, %(unchanged)s tidak berubah") % (
            plan.summary()
        )
        finish_job(
            job_id, {**plan.summary(), "next_url": reverse(f"regions:{kind}")}, message=message
        )
        return plan.summary()
    except Exception as e:
        fail_job(job_id, _("Impor gagal: %(error)s") % {"error": e})
        raise
    finally:
        Path(path).unlink(missing_ok=True)
