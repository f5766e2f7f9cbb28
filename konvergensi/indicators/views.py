"""Indicators, targets, coverage entry (grid, form) and the xlsx import of coverage and supply.
Thin views: forms validate, coverage/supply/tabular services write, access.py decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.core.years import selected_year, year_choices
from konvergensi.regions.models import Region

from . import access as rules
from . import coverage, services, supply, tabular
from .forms import CoverageForm, TargetForm, UploadForm, localize
from .loading import default_target
from .models import CoverageValue, Indicator, Target, Upload, UploadKind, UploadStatus
from .targets import save_targets
from .xlsx import xlsx_response

SPECS = {UploadKind.COVERAGE: coverage.CoverageSpec, UploadKind.SUPPLY: supply.SupplySpec}


def kabupaten_for(access: Access) -> Region:
    code = access.kabupaten_code
    if code is None or not rules.can_view_data(access, code):
        raise PermissionDenied
    return get_object_or_404(Region, code=code)


def index(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    avail = services.data_availability(kab.code, year)
    targets = services.targets_for_year(kab.code, year)
    rows = [
        (i, targets[i.code], avail[i.code], rules.can_enter_indicator(access, i))
        for i in Indicator.objects.all()
    ]
    return render(
        request,
        "indicators/index.html",
        {
            "kabupaten": kab,
            "year": year,
            "years": year_choices(),
            "rows": rows,
            "can_targets": rules.can_edit_targets(access, kab.code),
            "nav_active": 1,
        },
    )


def targets(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    indicators = list(Indicator.objects.all())
    own = {t.indicator_id: t.value for t in Target.objects.filter(region=kab, year=year)}
    initial = {i.code: own.get(i.pk, default_target(i)) for i in indicators}
    can_edit = rules.can_edit_targets(access, kab.code)
    form = TargetForm(request.POST or None, indicators=indicators, initial_values=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            values = {i: form.cleaned_data.get(i.code) for i in indicators}
            n = save_targets(kab, year, values, user=request.user)
            messages.success(request, _("%(n)s target diperbarui.") % {"n": n})
            return redirect(f"{request.path}?tahun={year}")
    rows = [(i, form[i.code], own.get(i.pk) is not None, default_target(i)) for i in indicators]
    return render(
        request,
        "indicators/targets.html",
        {
            "kabupaten": kab,
            "year": year,
            "years": year_choices(),
            "form": form,
            "rows": rows,
            "can_edit": can_edit,
            "nav_active": 1,
        },
    )


def _period(request: HttpRequest) -> tuple[int, int]:
    raw = request.GET.get("bulan") or request.POST.get("bulan") or "0"
    month = int(raw) if raw.isdigit() and int(raw) <= 12 else 0
    return selected_year(request), month


def indicator_grid(request: HttpRequest, code: str) -> HttpResponse:
    access = Access(request.user)
    kab, indicator = kabupaten_for(access), get_object_or_404(Indicator, code=code)
    year, month = _period(request)
    return render(
        request,
        "indicators/grid.html",
        {
            "kabupaten": kab,
            "indicator": indicator,
            "year": year,
            "month": month,
            "years": year_choices(),
            "months": range(0, 13),
            "nav_active": 1,
            "rows": coverage.grid(access, indicator, kab, year, month),
            "can_enter": rules.can_enter_indicator(access, indicator),
        },
    )


def grid_row(request: HttpRequest, code: str, region: str) -> HttpResponse:
    """htmx: GET the edit form of one row, POST it; answers the row (display or form)."""
    access = Access(request.user)
    kab, indicator = kabupaten_for(access), get_object_or_404(Indicator, code=code)
    obj = get_object_or_404(Region, code=region)
    year, month = _period(request)
    if not rules.can_enter_coverage(access, indicator, obj.code):
        raise PermissionDenied
    form, saved = _coverage_form(request, indicator, kab, obj, year, month)
    if saved or request.GET.get("batal"):
        row = coverage.grid(access, indicator, kab, year, month)
        row = next(r for r in row if r.region.code == obj.code)
        return render(
            request,
            "indicators/_grid_row.html",
            {"r": row, "indicator": indicator, "year": year, "month": month},
        )
    return render(
        request,
        "indicators/_grid_form.html",
        {"form": form, "region": obj, "indicator": indicator, "year": year, "month": month},
    )


def _coverage_form(request, indicator, kab, region, year, month):
    current = CoverageValue.objects.filter(
        indicator=indicator, region=region, year=year, month=month
    ).first()
    initial = {
        "region": region,
        "year": year,
        "month": month,
        "source": current.source if current else "",
    }
    if current:
        initial |= {
            "numerator": localize(current.numerator),
            "denominator": localize(current.denominator),
            "value": localize(current.value),
        }
    form = CoverageForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        indicator=indicator,
        regions=Region.objects.filter(pk=region.pk),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        coverage.save_coverage(
            user=request.user,
            indicator=indicator,
            region=d["region"],
            year=d["year"],
            month=d["month"],
            numerator=d["numerator"],
            denominator=d["denominator"],
            value=d["value"],
            source=d["source"],
            kabupaten_code=kab.code,
        )
        return form, True
    return form, False


def entry(request: HttpRequest, code: str) -> HttpResponse:
    """The full-page form: one value of one indicator for any allowed region and period."""
    access = Access(request.user)
    kab, indicator = kabupaten_for(access), get_object_or_404(Indicator, code=code)
    if not rules.can_enter_indicator(access, indicator):
        raise PermissionDenied
    regions = Region.objects.filter(
        pk__in=[
            r.pk
            for r in coverage.grid_regions(indicator, kab)
            if rules.in_user_kabupaten(access, r.code)
        ]
    )
    form = CoverageForm(
        request.POST or None,
        indicator=indicator,
        regions=regions,
        initial={"year": selected_year(request), "month": 0},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        coverage.save_coverage(
            user=request.user,
            indicator=indicator,
            kabupaten_code=kab.code,
            **{
                k: d[k]
                for k in ("region", "year", "month", "numerator", "denominator", "value", "source")
            },
        )
        messages.success(request, _("Nilai tersimpan."))
        return redirect(f"/indikator/{code}/?tahun={d['year']}&bulan={d['month']}")
    return render(
        request, "indicators/entry.html", {"form": form, "indicator": indicator, "nav_active": 1}
    )


def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    if kind == UploadKind.COVERAGE:
        rows = coverage.template_rows(access, kab, year, request.GET.get("indikator"))
        cols = coverage.COLUMNS
    elif kind == UploadKind.SUPPLY:
        rows, cols = supply.template_rows(access, kab, year), supply.COLUMNS
    else:
        raise PermissionDenied
    name = f"templat-{kind}-{kab.code}-{year}.xlsx"
    return xlsx_response(name, [("data", cols, rows)])


def upload(request: HttpRequest, kind: str) -> HttpResponse:
    access = Access(request.user)
    kab = kabupaten_for(access)
    if kind not in SPECS:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        obj = Upload.objects.create(
            kind=kind, user=request.user, filename=f.name[:200], content=f.read()
        )
        _run(obj, kab.code, dry_run=True)
        return redirect("indicators:upload_preview", pk=obj.pk)
    return render(
        request,
        "indicators/upload.html",
        {
            "form": form,
            "kind": kind,
            "year": selected_year(request),
            "years": year_choices(),
            "nav_active": 1,
        },
    )


def _run(obj: Upload, kabupaten_code: str, *, dry_run: bool) -> None:
    spec = SPECS[obj.kind](obj.user, kabupaten_code, obj.filename)
    try:
        report = tabular.run_import(spec, bytes(obj.content), user=obj.user, dry_run=dry_run)
        obj.result = report.as_dict()
        obj.status = UploadStatus.PREVIEW if dry_run else UploadStatus.DONE
    except tabular.ImportFileError as exc:
        obj.result, obj.status = {"file_error": str(exc)}, UploadStatus.FAILED
    obj.save(update_fields=["result", "status"])


def upload_preview(request: HttpRequest, pk: int) -> HttpResponse:
    obj = rules.get_upload_for_user(request.user, pk)
    if obj is None:
        raise PermissionDenied
    return render(
        request, "indicators/upload_preview.html", {"upload": obj, "r": obj.result, "nav_active": 1}
    )


@require_POST
def upload_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    access = Access(request.user)
    obj = rules.get_upload_for_user(request.user, pk)
    if obj is None:
        raise PermissionDenied
    if obj.status == UploadStatus.PREVIEW:
        _run(obj, kabupaten_for(access).code, dry_run=False)
        messages.success(
            request,
            _("Impor selesai: %(n)s baris ditulis.")
            % {"n": obj.result.get("created", 0) + obj.result.get("updated", 0)},
        )
    return redirect("indicators:upload_preview", pk=obj.pk)
