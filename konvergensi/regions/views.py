"""The "Data" menu: regions, puskesmas, posyandu, their import and boundaries.
Thin views; access through konvergensi.accounts.access, work in services.py."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.core.jobs import start_job
from konvergensi.measurements.access import can_export_personal_data, can_import_measurements

from . import services
from .access import get_posyandu_for_user, get_puskesmas_for_user, get_regions_for_user
from .forms import BoundaryUploadForm, FacilityUploadForm
from .models import Boundary, Level, Region
from .tasks import import_facilities_task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kabupaten(access: Access) -> Region:
    code = access.kabupaten_code
    if code is None or not access.can_view_cycle(code):
        raise PermissionDenied
    return get_object_or_404(Region, code=code)


def data(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kabupaten = _kabupaten(access)
    regions = get_regions_for_user(request.user).filter(code__startswith=kabupaten.code + ".")
    ctx = {
        "kabupaten": kabupaten,
        "kecamatan": [r for r in kabupaten.children.all() if access.can_browse_region(r.code)],
        "n_desa": regions.filter(level=Level.DESA).count(),
        "n_puskesmas": get_puskesmas_for_user(request.user).count(),
        "n_posyandu": get_posyandu_for_user(request.user).count(),
        "n_boundaries": Boundary.objects.filter(region__in=regions).count(),
        "can_manage": access.can_manage_facilities(kabupaten.code),
        "can_manage_boundaries": access.can_manage_boundaries(kabupaten.code),
        # The measurements (e-PPGBM) section: each link only for those who may use it.
        "can_import_measurements": can_import_measurements(access),
        "can_export_measurements": can_export_personal_data(access),
        "can_manage_rounds": access.can_manage_rounds(kabupaten.code),
        "nav_active": "data",
    }
    return render(request, "regions/data.html", ctx)


def region(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    obj = get_object_or_404(Region, code=code)
    if not access.can_browse_region(code):
        raise PermissionDenied
    children = [c for c in obj.children.all() if access.can_browse_region(c.code)]
    ctx = {
        "region": obj,
        "ancestors": _ancestors(obj),
        "children": children,
        "posyandu": get_posyandu_for_user(request.user).filter(desa=obj)
        if obj.level == Level.DESA
        else [],
        "served_by": obj.served_by.all() if obj.level == Level.DESA else [],
        "nav_active": "data",
    }
    return render(request, "regions/region.html", ctx)


def _ancestors(region: Region) -> list[Region]:
    codes, code = [], region.code
    while "." in code:
        code = code.rsplit(".", 1)[0]
        codes.append(code)
    return list(Region.objects.filter(code__in=codes).order_by("code"))


def puskesmas_list(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kabupaten = _kabupaten(access)
    ctx = {
        "puskesmas": get_puskesmas_for_user(request.user).prefetch_related("desa"),
        "can_manage": access.can_manage_facilities(kabupaten.code),
        "nav_active": "data",
    }
    return render(request, "regions/puskesmas_list.html", ctx)


def posyandu_list(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kabupaten = _kabupaten(access)
    qs = get_posyandu_for_user(request.user)
    desa = request.GET.get("desa", "")
    if desa:
        qs = qs.filter(desa_id=desa)
    ctx = {
        "posyandu": qs.select_related("desa__parent")[:2000],
        "total": qs.count(),
        "can_manage": access.can_manage_facilities(kabupaten.code),
        "nav_active": "data",
    }
    return render(request, "regions/posyandu_list.html", ctx)


def _facility_manager(request: HttpRequest, kind: str) -> Region:
    if kind not in services.COLUMNS:
        raise Http404
    access = Access(request.user)
    kabupaten = _kabupaten(access)
    if not access.can_manage_facilities(kabupaten.code):
        raise PermissionDenied
    return kabupaten


def facility_template(request: HttpRequest, kind: str) -> HttpResponse:
    _facility_manager(request, kind)
    response = HttpResponse(services.template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


def facility_import(request: HttpRequest, kind: str) -> HttpResponse:
    kabupaten = _facility_manager(request, kind)
    form = FacilityUploadForm(request.POST or None, request.FILES or None)
    ctx = {"kind": kind, "form": form, "columns": services.COLUMNS[kind], "nav_active": "data"}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = _keep_upload(upload)
        try:
            plan = services.import_facilities(
                path, upload.name, kind=kind, kabupaten=kabupaten.code, dry_run=True
            )
        except services.ImportFileError as e:
            path.unlink(missing_ok=True)
            form.add_error("file", str(e))
            return render(request, "regions/facility_import.html", ctx, status=400)
        if plan.ok:
            token = path.stem
            request.session[f"import:{token}"] = {"kind": kind, "name": upload.name}
            ctx["token"] = token
        else:
            path.unlink(missing_ok=True)
        ctx["plan"] = plan
    return render(request, "regions/facility_import.html", ctx)


def _keep_upload(upload) -> Path:
    """Keep an uploaded file between preview and confirmation (never served as media)."""
    folder = Path(settings.MEDIA_ROOT) / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return path


@require_POST
def facility_import_confirm(request: HttpRequest, kind: str) -> HttpResponse:
    kabupaten = _facility_manager(request, kind)
    token = request.POST.get("token", "")
    pending = request.session.pop(f"import:{token}", None)
    if pending is None or pending["kind"] != kind:
        messages.error(request, _("Sesi impor tidak ditemukan; unggah ulang berkasnya."))
        return redirect("regions:facility_import", kind=kind)
    path = Path(settings.MEDIA_ROOT) / "impor" / f"{token}{Path(pending['name']).suffix.lower()}"
    job = start_job(
        import_facilities_task,
        job_kind=f"impor {kind}",
        user=request.user,
        path=str(path),
        filename=pending["name"],
        kind=kind,
        kabupaten=kabupaten.code,
    )
    return redirect("core:job", pk=job.pk)


def boundaries(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kabupaten = _kabupaten(access)
    if not access.can_manage_boundaries(kabupaten.code):
        raise PermissionDenied
    form = BoundaryUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        scope = set(access.visible_regions().values_list("code", flat=True))
        result = services.import_boundaries(
            form.cleaned_data["file"].read(),
            level=form.cleaned_data["level"],
            scope_codes=scope,
            source=form.cleaned_data["source"],
        )
        if not result.errors:
            messages.success(request, _("%(n)s batas wilayah disimpan.") % {"n": len(result.saved)})
    counts = {
        level.label: Boundary.objects.filter(
            region__level=level, region__code__startswith=kabupaten.code
        ).count()
        for level in (Level.KABUPATEN, Level.KECAMATAN, Level.DESA)
    }
    ctx = {"form": form, "result": result, "counts": counts, "nav_active": "data"}
    return render(
        request, "regions/boundaries.html", ctx, status=400 if result and result.errors else 200
    )
