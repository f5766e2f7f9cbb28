"""The page of each aksi: calendar, status, notes, evidence. Access through accounts.access."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.core.years import selected_year, year_choices

from . import services, stages
from .forms import EvidenceForm, StatusForm
from .models import Evidence


def _aksi_context(request: HttpRequest, number: int):
    """The aksi's spec, the user's kabupaten, the year and the progress row; 404/403 if not."""
    spec = services.calendar().get(number)
    if spec is None:
        raise Http404
    access = Access(request.user)
    kabupaten = access.kabupaten_code
    if kabupaten is None or not access.can_view_cycle(kabupaten):
        raise PermissionDenied
    year = selected_year(request)
    progress = services.get_progress(kabupaten, year)[number]
    responsible = list(services.responsible_institutions(spec, kabupaten))
    can_edit = access.can_edit_aksi(kabupaten, responsible)
    return spec, access, progress, responsible, can_edit


def aksi(request: HttpRequest, number: int) -> HttpResponse:
    return _page(request, number)


# The "Fitur aksi ini" block of each aksi page: a template provided by the aksi's app.
FEATURES_TEMPLATES = {1: "situation/aksi1_features.html"}


def _page(
    request: HttpRequest, number: int, evidence_form: EvidenceForm | None = None, status=200
) -> HttpResponse:
    spec, access, progress, responsible, can_edit = _aksi_context(request, number)
    ctx = {
        "spec": spec,
        "progress": progress,
        "responsible": responsible,
        "responsible_text": services.responsible_text(spec),
        "supporting_text": services.supporting_text(spec),
        "can_edit": can_edit,
        "can_view_audit": access.can_view_audit_of(progress.region_id),
        "status_form": StatusForm(instance=progress),
        "evidence_form": evidence_form or EvidenceForm(),
        "evidence": progress.evidence.select_related("uploaded_by"),
        "year": progress.year,
        "years": year_choices(),
        "nav_active": number,
        "features_template": FEATURES_TEMPLATES.get(number),
        "stages": stages.stages(spec, year=progress.year, kabupaten=progress.region_id),
    }
    return render(request, "cycle/aksi.html", ctx, status=status)


def _back(progress) -> str:
    return reverse("cycle:aksi", args=[progress.aksi]) + f"?tahun={progress.year}"


@require_POST
def aksi_status(request: HttpRequest, number: int) -> HttpResponse:
    _spec, _access, progress, _resp, can_edit = _aksi_context(request, number)
    if not can_edit:
        raise PermissionDenied
    form = StatusForm(request.POST, instance=progress)
    if form.is_valid():
        services.update_status(
            progress, status=form.cleaned_data["status"], notes=form.cleaned_data["notes"]
        )
        messages.success(request, _("Status aksi disimpan."))
    else:
        messages.error(request, _("Status tidak valid."))
    return redirect(_back(progress))


@require_POST
def evidence_upload(request: HttpRequest, number: int) -> HttpResponse:
    _spec, _access, progress, _resp, can_edit = _aksi_context(request, number)
    if not can_edit:
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, number, evidence_form=form, status=400)
    services.add_evidence(
        progress,
        title=form.cleaned_data["title"],
        file=form.cleaned_data["file"],
        user=request.user,
    )
    messages.success(request, _("Dokumen bukti diunggah."))
    return redirect(_back(progress))


def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("progress"), pk=pk)
    if not Access(request.user).can_view_cycle(evidence.progress.region_id):
        raise PermissionDenied
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name
    )
