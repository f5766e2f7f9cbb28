"""Analysis pages of the measurement data (Aksi 7): prevalence drill-down, children and their
growth charts, measurement coverage, measurement quality and the measurement schedule.

Views are thin: ``prevalence`` / ``quality`` compute, ``accounts.access.Access`` decides who
sees what, ``exports`` writes every table as xlsx (``?format=xlsx``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Posyandu, Region

from . import analysis_tables as tables
from . import charts, merge, quality
from .exports import wants_xlsx, xlsx_response
from .forms_analysis import RemeasurementForm, RoundForm, SampleForm, ScheduleFormSet
from .models import Child, MeasurementRound, Remeasurement
from .prevalence import CHILD_LEVEL, Period, period_from_params, prevalence_table, rounds_for

# --- helpers: access and the period -----------------------------------------------------------


def _scope(access: Access):
    return None if access.user.is_superuser else access.scope


def _region(access: Access, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404(_("Wilayah tidak ditemukan."))
    if not access.can_browse_region(code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    return region


def _personal(access: Access, desa_code: str) -> None:
    if not access.can_view_personal_data(desa_code):
        raise PermissionDenied(_("Data perorangan anak hanya untuk fasilitas yang melayaninya."))


def _period(request: HttpRequest, code: str) -> Period:
    return period_from_params(request.GET, code)


def _rounds_manager(access: Access) -> str:
    """The kabupaten whose rounds the user may change (Dinas Kesehatan or the admin)."""
    kab = access.kabupaten_code
    # Dinas Kesehatan of the kabupaten or its admin, not a viewer (Access.can_manage_rounds).
    if kab is None or not access.can_manage_rounds(kab):
        raise PermissionDenied(_("Hanya Dinas Kesehatan atau admin yang mengatur putaran."))
    return kab


# --- prevalence drill-down --------------------------------------------------------------------


@login_required
def prevalence_home(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    code = (
        access.kabupaten_code
        or access.visible_regions().order_by("code").values_list("code", flat=True).first()
    )
    if not code:
        raise PermissionDenied(_("Wilayah kerja Anda belum diatur; hubungi admin kabupaten."))
    return redirect("measurements:prevalence", code=code)


@login_required
def prevalence_region(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    level = CHILD_LEVEL.get(str(region.level))
    if level is None:
        raise Http404(_("Pilih kabupaten, kecamatan atau desa."))
    table = prevalence_table(_period(request, code), level, region, scope=_scope(access))
    return _prevalence_page(request, access, region, table)


@login_required
def prevalence_puskesmas(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    table = prevalence_table(_period(request, code), "puskesmas", region, scope=_scope(access))
    return _prevalence_page(request, access, region, table)


def _prevalence_page(request, access: Access, region: Region, table) -> HttpResponse:
    if wants_xlsx(request):
        return xlsx_response(f"prevalensi-{region.code}", **tables.prevalence_export(table))
    context = {
        "region": region,
        "table": table,
        "rows": tables.rows_with_links(table, access),
        "chart": charts.prevalence_bars(table),
        "ancestors": tables.ancestors(region),
        "rounds": rounds_for(region.code),
        "can_list_children": region.level == Level.DESA
        and access.can_view_personal_data(region.code),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/prevalence.html", context)


# --- children and the child page (personal data) ----------------------------------------------


@login_required
def children_desa(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    _personal(access, code)
    period = _period(request, code)
    rows = tables.children_rows(period, access, desa_code=code)
    return _children_page(request, region, None, period, rows)


@login_required
def children_posyandu(request: HttpRequest, pk: int) -> HttpResponse:
    access = Access(request.user)
    posyandu = get_object_or_404(Posyandu.objects.select_related("desa"), pk=pk)
    region = _region(access, posyandu.desa_id)
    _personal(access, posyandu.desa_id)
    period = _period(request, posyandu.desa_id)
    # Only the desa checked above: a posyandu moved since keeps measurements of its old desa.
    rows = tables.children_rows(period, access, desa_code=posyandu.desa_id, posyandu=posyandu)
    return _children_page(request, region, posyandu, period, rows)


def _children_page(request, region, posyandu, period, rows) -> HttpResponse:
    unit = f"Posyandu {posyandu.name}" if posyandu else region.name
    if wants_xlsx(request):
        return xlsx_response(f"anak-{region.code}", **tables.children_export(unit, period, rows))
    context = {
        "region": region,
        "posyandu": posyandu,
        "unit": unit,
        "period": period,
        "rows": rows,
        "rounds": rounds_for(region.code),
        "ancestors": [*tables.ancestors(region), region],
        "can_merge": posyandu is None
        and merge.can_merge_children(Access(request.user), region.code),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/children.html", context)


@login_required
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = Access(request.user)
    child = get_object_or_404(Child, pk=pk)
    _personal(access, child.desa_id)
    history = tables.child_history(child)
    if wants_xlsx(request):
        return xlsx_response(f"anak-{child.pk}", **tables.history_export(child, history, access))
    context = {
        "child": child,
        "nik": tables.nik_for(child, access),
        "history": history,
        "charts": tables.child_charts(child, history),
        "region": child.desa,
        "ancestors": tables.ancestors(child.desa),
        "can_merge": merge.can_merge_children(access, child.desa_id),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/child.html", context)


# --- measurement coverage ---------------------------------------------------------------------


@login_required
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    table = prevalence_table(_period(request, code), "desa", region, scope=_scope(access))
    rows = tables.coverage_rows(table)
    if wants_xlsx(request):
        return xlsx_response(f"cakupan-{code}", **tables.coverage_export(table, rows))
    context = {
        "region": region,
        "table": table,
        "rows": rows,
        "threshold": tables.COVERAGE_THRESHOLD,
        "rounds": rounds_for(code),
        "ancestors": tables.ancestors(region),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/coverage.html", context)


# --- measurement quality ----------------------------------------------------------------------


@login_required
def quality_page(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    period = _period(request, code)
    sort = request.GET.get("urut", "masalah")
    rows = quality.sort_rows(quality.quality_rows(period, region, _scope(access)), sort)
    if wants_xlsx(request):
        return xlsx_response(f"mutu-{code}", **tables.quality_export(region, period, rows))
    context = {
        "region": region,
        "period": period,
        "rows": rows,
        "sort": sort,
        "limits": tables.quality_limits(),
        "rounds": rounds_for(code),
        "ancestors": tables.ancestors(region),
        "sample_form": SampleForm(),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/quality.html", context)


@login_required
def tem(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    region = _region(access, code)
    period = _period(request, code)
    rems = list(quality.pairs(period, region, _scope(access)))
    by_measurer, by_posyandu = quality.tem_by("measurer", rems), quality.tem_by("posyandu", rems)
    if wants_xlsx(request):
        export = tables.tem_export(region, period, by_measurer, by_posyandu)
        return xlsx_response(f"tem-{code}", **export)
    context = {
        "region": region,
        "period": period,
        "pairs": len(rems),
        "by_measurer": by_measurer,
        "by_posyandu": by_posyandu,
        "pending": quality.pending(region, _scope(access))[:200],
        "rounds": rounds_for(code),
        "ancestors": tables.ancestors(region),
        "nav_active": 7,
    }
    return render(request, "measurements/analysis/tem.html", context)


@login_required
@require_POST
def draw_sample(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    form = SampleForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied(_("Permintaan sampel tidak sah."))
    posyandu = get_object_or_404(Posyandu, pk=form.cleaned_data["posyandu"])
    if not access.can_edit_region_data(posyandu.desa_id):
        raise PermissionDenied(_("Anda tidak berhak mencatat pengukuran ulang di desa ini."))
    period = _period(request, posyandu.desa_id)
    rems = quality.draw_sample(
        posyandu, period, form.cleaned_data["n"], seed=form.cleaned_data["seed"]
    )
    messages.success(
        request, _("%(n)s pengukuran dipilih acak untuk diukur ulang.") % {"n": len(rems)}
    )
    return redirect(f"{_url('measurements:tem', posyandu.desa_id)}?{request.GET.urlencode()}")


@login_required
def remeasure(request: HttpRequest, pk: int) -> HttpResponse:
    access = Access(request.user)
    rem = get_object_or_404(Remeasurement.objects.select_related("measurement__child"), pk=pk)
    desa_code = rem.measurement.desa_code
    if not access.can_edit_region_data(desa_code):
        raise PermissionDenied(_("Anda tidak berhak mencatat pengukuran ulang di desa ini."))
    form = RemeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        quality.record_remeasurement(rem, **form.cleaned_data)
        messages.success(request, _("Pengukuran ulang disimpan."))
        return redirect("measurements:tem", code=desa_code)
    context = {"rem": rem, "form": form, "show_names": access.can_view_personal_data(desa_code)}
    return render(request, "measurements/analysis/remeasure.html", context)


# --- measurement rounds and schedule (Pedoman 7 Tahap Pertama) ---------------------------------


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kab = access.kabupaten_code
    if kab is None or not access.can_browse_region(kab):
        raise PermissionDenied(_("Wilayah kerja Anda belum diatur; hubungi admin kabupaten."))
    rounds = rounds_for(kab).prefetch_related("schedule__puskesmas")
    can_edit = access.can_manage_rounds(kab)
    context = {"rounds": rounds, "can_edit": can_edit, "kabupaten": kab, "nav_active": 7}
    return render(request, "measurements/analysis/rounds.html", context)


@login_required
def round_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    kab = _rounds_manager(Access(request.user))
    rnd = get_object_or_404(MeasurementRound, pk=pk, region_id=kab) if pk else None
    rnd = rnd or MeasurementRound(region_id=kab)
    form = RoundForm(request.POST or None, instance=rnd)
    formset = ScheduleFormSet(request.POST or None, instance=rnd, prefix="jadwal")
    tables.limit_puskesmas(formset, kab)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            formset.instance = form.save()
            formset.save()
        messages.success(request, _("Putaran pengukuran disimpan."))
        return redirect("measurements:rounds")
    context = {"form": form, "formset": formset, "round": rnd, "nav_active": 7}
    return render(request, "measurements/analysis/round_form.html", context)


@login_required
@require_POST
def round_delete(request: HttpRequest, pk: int) -> HttpResponse:
    kab = _rounds_manager(Access(request.user))
    get_object_or_404(MeasurementRound, pk=pk, region_id=kab).delete()
    messages.success(request, _("Putaran pengukuran dihapus."))
    return redirect("measurements:rounds")


def _url(name: str, code: str) -> str:
    return reverse(name, kwargs={"code": code})
