"""Aksi 1 pages: the year's steps, settings, run, result tabs, lokus override, the
recommendations editor (htmx), the FGD checklist and the downloads. Views are thin: forms
validate, ``services`` write, ``report`` renders, ``situation.access`` decides."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Institution
from konvergensi.core.years import selected_year
from konvergensi.documents.xlsx import XLSX_TYPE
from konvergensi.measurements.prevalence import rounds_for
from konvergensi.regions.models import Region

from . import access as rules
from . import pages, report, services
from .forms import ConfigForm, FgdForm, LokusForm, RecommendationForm, StatusForm
from .models import SituationAnalysis

TABS = ("sebaran", "funnel", "lampu", "lokus", "rekomendasi", "fgd", "tren", "data")


class Ctx:
    """The kabupaten, the year's analysis (or None) and what the user may do."""

    def __init__(self, request: HttpRequest, year: int):
        access = Access(request.user)
        code = access.kabupaten_code
        if code is None or not rules.can_view(access, code):
            raise PermissionDenied(_("Analisis Situasi hanya untuk pengguna di kabupaten/kota."))
        self.year = year
        self.kabupaten = get_object_or_404(Region, code=code)
        self.analysis = SituationAnalysis.objects.filter(region=self.kabupaten, year=year).first()
        self.can_edit = rules.can_edit(access, code)

    def editing(self) -> SituationAnalysis:
        if not self.can_edit:
            raise PermissionDenied(_("Hanya Bappeda yang dapat mengubah Analisis Situasi."))
        if self.analysis is None:
            raise Http404(_("Analisis tahun ini belum dibuat."))
        return self.analysis

    def computed(self) -> SituationAnalysis:
        if self.analysis is None or not self.analysis.computed:
            raise Http404(_("Analisis tahun ini belum dijalankan."))
        return self.analysis

    def context(self, **extra) -> dict:
        return {"ctx": self, "year": self.year, "analysis": self.analysis, "nav_active": 1} | extra


def _back(year: int, tab: str | None = None) -> HttpResponse:
    if tab:
        return redirect("situation:results", year=year, tab=tab)
    return redirect("situation:year", year=year)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("situation:year", year=selected_year(request))


@login_required
def year_home(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    status = services.data_status(ctx.kabupaten, ctx.analysis, year)
    steps = pages.steps(ctx.analysis, status)
    return render(request, "situation/year.html", ctx.context(status=status, steps=steps))


@login_required
@require_POST
def create(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    if not ctx.can_edit:
        raise PermissionDenied(_("Hanya Bappeda yang dapat membuat Analisis Situasi."))
    services.create_analysis(ctx.kabupaten, year, user=request.user)
    messages.success(request, _("Analisis Situasi tahun %(y)s dibuat.") % {"y": year})
    return redirect("situation:settings", year=year)


@login_required
def settings_page(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    analysis = ctx.editing()
    rounds = rounds_for(ctx.kabupaten.code)
    form = ConfigForm(request.POST or None, rounds=rounds, initial=ConfigForm.initial_for(analysis))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.save_config(
            analysis,
            config=d["config"],
            rnd=d["round"],
            start=d["period_start"],
            end=d["period_end"],
        )
        messages.success(request, _("Pengaturan disimpan. Jalankan analisis untuk menerapkannya."))
        return _back(year)
    status = 400 if request.method == "POST" else 200
    return render(request, "situation/settings.html", ctx.context(form=form), status=status)


@login_required
@require_POST
def run(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    analysis = ctx.editing()
    try:
        services.run_analysis(analysis, user=request.user)
    except services.MissingData as exc:
        messages.error(request, str(exc))
        return _back(year)
    except ValueError as exc:  # inconsistent data reported by analytics, e.g. cases > n
        messages.error(request, _("Analisis gagal: %(e)s") % {"e": exc})
        return _back(year)
    messages.success(request, _("Analisis selesai dihitung."))
    return _back(year, "lokus")


@login_required
def results(request: HttpRequest, year: int, tab: str) -> HttpResponse:
    if tab not in TABS:
        raise Http404
    ctx = Ctx(request, year)
    analysis = ctx.computed()
    data = getattr(pages, f"tab_{tab}")(analysis)
    institutions = Institution.objects.filter(region__code__startswith=ctx.kabupaten.code)
    if tab == "rekomendasi" and ctx.can_edit:
        data["new_form"] = RecommendationForm(
            types=services.recommendation_types().values(), institutions=institutions
        )
    return render(request, "situation/results.html", ctx.context(tab=tab, tabs=TABS, **data))


@login_required
@require_POST
def lokus_override(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    ctx = Ctx(request, year)
    row = get_object_or_404(ctx.editing().lokus, pk=pk)
    form = LokusForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    selected, note = form.cleaned_data["selected"], form.cleaned_data["note"].strip()
    if selected != row.computed_selected and not note:
        messages.error(request, _("Tuliskan alasan bila pilihan lokus diubah dari hasil aturan."))
        return _back(year, "lokus")
    services.set_lokus_selection(row, selected=selected, note=note)
    messages.success(request, _("Pilihan lokus disimpan."))
    return _back(year, "lokus")


def _rec_form(ctx: Ctx, data=None, instance=None) -> RecommendationForm:
    return RecommendationForm(
        data,
        instance=instance,
        types=services.recommendation_types().values(),
        institutions=Institution.objects.filter(region__code__startswith=ctx.kabupaten.code),
    )


@login_required
def recommendation_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    ctx = Ctx(request, year)
    rec = get_object_or_404(ctx.editing().recommendations, pk=pk)
    form = _rec_form(ctx, request.POST or None, rec)
    if request.method == "POST" and form.is_valid():
        services.save_recommendation(rec, **form.cleaned_data)
        return render(
            request, "situation/_recommendation_row.html", ctx.context(r=rec, **pages.rec_context())
        )
    return render(
        request,
        "situation/_recommendation_form.html",
        ctx.context(r=rec, form=form),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def recommendation_add(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    analysis = ctx.editing()
    form = _rec_form(ctx, request.POST)
    if form.is_valid():
        services.add_recommendation(analysis, **form.cleaned_data)
        messages.success(request, _("Rekomendasi ditambahkan."))
    else:
        messages.error(request, _("Rekomendasi tidak valid: isi jenis dan teks rekomendasi."))
    return _back(year, "rekomendasi")


@login_required
@require_POST
def recommendation_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    ctx = Ctx(request, year)
    rec = get_object_or_404(ctx.editing().recommendations, pk=pk)
    services.delete_recommendation(rec)
    if request.htmx:
        return HttpResponse("")
    return _back(year, "rekomendasi")


@login_required
@require_POST
def fgd_save(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    analysis = ctx.editing()
    form = FgdForm(request.POST)
    group = pages.fgd_group(request.POST.get("group_id", ""))
    if not form.is_valid() or group is None:
        messages.error(request, _("Isi nama OPD/forum yang menjawab."))
        return _back(year, "fgd")
    answers = {
        q.id: (request.POST.get(f"answer_{q.id}", "").strip(), f"done_{q.id}" in request.POST)
        for q in group.questions
    }
    services.save_fgd(analysis, group.id, form.cleaned_data["respondent"].strip(), answers)
    messages.success(request, _("Jawaban FGD disimpan."))
    return _back(year, "fgd")


@login_required
@require_POST
def set_status(request: HttpRequest, year: int) -> HttpResponse:
    ctx = Ctx(request, year)
    analysis = ctx.editing()
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(analysis, form.cleaned_data["status"])
        messages.success(request, _("Status analisis disimpan."))
    return _back(year)


DOWNLOADS = {
    "lampu-lalu-lintas.xlsx": (report.traffic_light_xlsx, XLSX_TYPE),
    "dokumen-analisis-situasi.docx": (
        report.document_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "dokumen-analisis-situasi.pdf": (report.document_pdf, "application/pdf"),
    "analisis-situasi.json": (
        lambda a: json.dumps(services.analysis_json(a), ensure_ascii=False, indent=2).encode(),
        "application/json",
    ),
}


@login_required
def download(request: HttpRequest, year: int, name: str) -> HttpResponse:
    if name not in DOWNLOADS:
        raise Http404
    analysis = Ctx(request, year).computed()
    build, content_type = DOWNLOADS[name]
    response = HttpResponse(build(analysis), content_type=content_type)
    filename = f"{analysis.region_id}-{year}-{name}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
