"""Import of e-PPGBM exports, single entry, template and export (Aksi 7 data).

Views are thin: a form validates, ``services`` does the work, ``access`` decides who may.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.core.jobs import get_job_for_user
from konvergensi.core.models import JobProgress, JobStatus

from . import services, tasks
from .access import (
    can_export_personal_data,
    can_import_measurements,
    desa_in_scope,
    get_batch_for_user,
    get_batches_for_user,
    get_children_for_user,
    get_measurements_for_user,
    import_region_for_user,
)
from .export import export_eppgbm
from .forms import ConfirmForm, MeasurementEntryForm, UploadForm
from .models import ImportStatus
from .workbook import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISSUES_PER_PAGE = 50
# Uploads up to this size are previewed in the request: under a second (~10,000 xlsx rows or
# ~3,500 csv rows at 16-22k rows/s), so the user sees the preview at once and needs no worker.
# Larger ones go to the worker with a progress page (100k rows take 4-6 s; bench/RESULTS.md).
INLINE_PREVIEW_MAX_BYTES = 1024 * 1024


def _importer(request: HttpRequest) -> Access:
    access = Access(request.user)
    if not can_import_measurements(access):
        raise PermissionDenied(_("Anda tidak berhak mengimpor data pengukuran."))
    return access


def _region(access: Access):
    region = import_region_for_user(access)
    if region is None:
        raise PermissionDenied(_("Wilayah kerja Anda belum diatur; hubungi admin kabupaten."))
    return region


def _batch(request: HttpRequest, pk: int):
    batch = get_batch_for_user(request.user, pk)
    if batch is None:
        raise Http404(_("Impor tidak ditemukan."))
    return batch


def _refresh_when(finished: bool) -> HttpResponse:
    """For an htmx watcher (hx-swap="none"): reload the page once the work is finished."""
    if not finished:
        return HttpResponse(status=204)
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response


def batch_list(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    batches = Paginator(get_batches_for_user(request.user), 25).get_page(request.GET.get("page"))
    for b in batches:
        if b.status == ImportStatus.RUNNING:
            tasks.fail_if_stuck(b)
    previews = JobProgress.objects.filter(
        user=request.user, kind=tasks.PREVIEW_KIND,
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
    )  # fmt: skip
    return render(request, "measurements/batch_list.html", {
        "batches": batches, "previews": previews, "can_import": can_import_measurements(access),
        "nav_active": "data",
    })  # fmt: skip


def upload(request: HttpRequest) -> HttpResponse:
    access = _importer(request)
    region = _region(access)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > INLINE_PREVIEW_MAX_BYTES:
            job = tasks.start_preview(upload, user=request.user, region=region)
            return redirect("measurements:preview_job", pk=job.pk)
        batch = services.preview_import(upload, user=request.user, region=region)
        if batch.status == ImportStatus.FAILED:
            form.add_error("file", batch.message)
        else:
            return redirect("measurements:batch", pk=batch.pk)
    return render(request, "measurements/upload.html", {
        "form": form, "region": region, "nav_active": "data",
    })  # fmt: skip


def preview_job(request: HttpRequest, pk) -> HttpResponse:
    """The progress of a background preview; on to the batch once it is ready."""
    job = get_job_for_user(request.user, pk, stale_message=tasks.stuck_preview_message())
    if job is None or job.kind != tasks.PREVIEW_KIND:
        raise Http404(_("Pemeriksaan berkas tidak ditemukan."))
    if job.status == JobStatus.DONE and job.result.get("next_url"):
        return redirect(job.result["next_url"])
    return render(request, "measurements/preview_job.html", {
        "job": job, "form": UploadForm(), "nav_active": "data",
    })  # fmt: skip


def preview_job_status(request: HttpRequest, pk) -> HttpResponse:
    job = get_job_for_user(request.user, pk, stale_message=tasks.stuck_preview_message())
    if job is None or job.kind != tasks.PREVIEW_KIND:
        raise Http404
    return _refresh_when(job.is_finished)


def batch_status(request: HttpRequest, pk: int) -> HttpResponse:
    b = tasks.fail_if_stuck(_batch(request, pk))
    return _refresh_when(b.status != ImportStatus.RUNNING)


def batch(request: HttpRequest, pk: int) -> HttpResponse:
    b = tasks.fail_if_stuck(_batch(request, pk))
    summary = b.summary or {}
    issues = summary.get("issues", [])
    severity = request.GET.get("status")
    if severity in {"error", "warning"}:
        issues = [i for i in issues if i[2] == severity]
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "batch": b, "summary": summary, "issues": page, "severity": severity or "",
        "form": _confirm_form(summary),
        "can_confirm": b.status == ImportStatus.PREVIEW and b.user_id == request.user.pk,
        "can_import": can_import_measurements(Access(request.user)),
        "nav_active": "data",
    }  # fmt: skip
    if b.job_id and b.status == ImportStatus.RUNNING:
        context["job"] = get_job_for_user(request.user, b.job_id)
    return render(request, "measurements/batch.html", context)


def _desa_choices(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The near-miss desa names the preview asks about: those still open, then those whose
    pick was applied (a resolved name leaves ``suggestions``, but the user may change it)."""
    open_: list[dict[str, Any]] = summary.get("suggestions", [])
    keys = {s["key"] for s in open_}
    return open_ + [s for s in summary.get("applied_suggestions", []) if s["key"] not in keys]


def _confirm_form(summary: dict[str, Any]) -> ConfirmForm:
    choices = _desa_choices(summary)
    applied = summary.get("desa_confirmations", {})
    initial = {f"desa_{k}": applied.get(s["key"], "") for k, s in enumerate(choices)}
    return ConfirmForm(initial=initial, suggestions=choices)


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _importer(request)
    b = _batch(request, pk)
    if b.user_id != request.user.pk or b.status != ImportStatus.PREVIEW:
        messages.error(request, _("Impor ini tidak bisa dikonfirmasi lagi."))
        return redirect("measurements:batch", pk=b.pk)
    choices = _desa_choices(b.summary)
    form = ConfirmForm(request.POST, suggestions=choices)
    if not form.is_valid():
        messages.error(request, _("Pilihan desa tidak valid."))
        return redirect("measurements:batch", pk=b.pk)
    # The selects sent are what the user sees; a pick applied earlier whose select was not on
    # the page sent (rendered before the pick was applied) stays as applied.
    on_form = {s["key"] for k, s in enumerate(choices) if f"desa_{k}" in request.POST}
    applied = b.summary.get("desa_confirmations", {})
    confirmations = {k: v for k, v in applied.items() if k not in on_form}
    confirmations |= form.confirmations()
    if "apply" in request.POST:  # show the preview again with the chosen desa
        services.apply_confirmations(b, user=request.user, desa_confirmations=confirmations)
        b.summary["applied_suggestions"] = [s for s in choices if s["key"] in confirmations]
        b.save(update_fields=["summary"])
        return redirect("measurements:batch", pk=b.pk)
    # The job is enqueued when this commits: after the batch is marked running, never before
    # (a fast worker would otherwise finish first and see its result overwritten).
    try:
        with transaction.atomic():
            services.start_import(b, user=request.user, desa_confirmations=confirmations)
    except services.ImportRejected:  # a second click: the first confirmation started it
        messages.error(request, _("Impor ini tidak bisa dikonfirmasi lagi."))
    return redirect("measurements:batch", pk=b.pk)


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _importer(request)
    b = _batch(request, pk)
    if b.status == ImportStatus.PREVIEW and b.user_id == request.user.pk:
        services.cancel_import(b)
        messages.info(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
    return redirect("measurements:imports")


def error_file(request: HttpRequest, pk: int) -> HttpResponse:
    b = _batch(request, pk)
    if not b.error_file:
        raise Http404(_("Tidak ada berkas galat untuk impor ini."))
    fmt = "csv" if b.error_file.name.endswith(".csv") else "xlsx"
    name = services.error_file_name(b.filename, fmt)
    return FileResponse(b.error_file.open("rb"), as_attachment=True, filename=name)


def template_download(request: HttpRequest) -> HttpResponse:
    access = _importer(request)
    desa = [
        (d.parent.name if d.parent else "", d.name, d.code)
        for d in desa_in_scope(access).select_related("parent").order_by("code")
    ]
    response = HttpResponse(build_template(desa), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-pengukuran-konvergensi.xlsx"'
    return response


def export(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    if not can_export_personal_data(access):
        raise PermissionDenied(_("Anda tidak berhak mengunduh data pribadi anak."))
    qs = get_measurements_for_user(request.user)
    try:  # from the address bar: a date that is no date is a bad request, not a server error
        start, end = (_iso_date(request.GET.get(k)) for k in ("dari", "sampai"))
    except ValueError as exc:
        raise BadRequest("tanggal ekspor tidak valid") from exc
    if start:
        qs = qs.filter(measured_on__gte=start)
    if end:
        qs = qs.filter(measured_on__lte=end)
    response = HttpResponse(export_eppgbm(qs, access), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="pengukuran-eppgbm-{stamp}.xlsx"'
    return response


def _iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def entry(request: HttpRequest) -> HttpResponse:
    access = _importer(request)
    region = _region(access)
    form = MeasurementEntryForm(
        request.POST or None,
        children=get_children_for_user(request.user).order_by("name"),
        desa=desa_in_scope(access).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        b = services.record_measurement(form.cleaned_data, user=request.user, region=region)
        if b.status == ImportStatus.DONE:
            messages.success(request, _("Pengukuran tersimpan."))
            return redirect("measurements:entry")
        # The row's errors; or, when the check found none (warnings only) and saving failed
        # after it, the batch's message saying why.
        errors = [i[4] for i in b.summary.get("issues", []) if i[2] == "error"]
        form.add_error(None, _("Pengukuran tidak tersimpan."))
        for message in errors or [b.message]:
            if message:
                form.add_error(None, message)
    return render(request, "measurements/entry.html", {"form": form, "nav_active": "data"})
