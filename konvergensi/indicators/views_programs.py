"""Supply grid and types, programs (CRUD) and the program-mapping matrices with xlsx export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from konvergensi.accounts.access import Access
from konvergensi.core.years import selected_year, year_choices
from konvergensi.regions.models import Level, Region

from . import access as rules
from . import programs, supply
from .forms import ProgramForm, SupplyRowForm, SupplyTypeForm, localize
from .models import Intervention, Program, SupplyType
from .views import kabupaten_for
from .xlsx import xlsx_response


def supply_grid(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    types, rows = supply.grid(kab, year)
    if request.GET.get("format") == "xlsx":
        head = ["kode_wilayah", "desa", "kecamatan"] + [t.name for t in types]
        body = ([d.code, d.name, d.parent.name, *vals] for d, vals in rows)
        return xlsx_response(f"sumber-daya-{kab.code}-{year}.xlsx", [("sumber daya", head, body)])
    can_edit = any(rules.can_enter_supply(access, t, kab.code + ".0") for t in types)
    return render(
        request,
        "indicators/supply.html",
        {
            "kabupaten": kab,
            "year": year,
            "years": year_choices(),
            "types": types,
            "rows": rows,
            "can_edit": can_edit,
            "can_types": rules.can_manage_supply_types(access),
            "nav_active": 1,
        },
    )


def supply_row(request: HttpRequest, desa: str) -> HttpResponse:
    """htmx: the edit form of one desa's counts (only the types the user may enter)."""
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    obj = get_object_or_404(Region, code=desa, level=Level.DESA)
    types = [t for t in SupplyType.objects.all() if rules.can_enter_supply(access, t, obj.code)]
    if not types:
        raise PermissionDenied
    all_types, rows = supply.grid(kab, year)
    values = dict(zip(all_types, next(v for d, v in rows if d.code == obj.code), strict=True))
    form = SupplyRowForm(
        request.POST or None,
        types=types,
        initial={f"t_{t.code}": localize(values[t]) for t in types},
    )
    if request.method == "POST" and form.is_valid():
        supply.save_supply_row(
            user=request.user,
            desa=obj,
            year=year,
            counts=form.counts(),
            source=form.cleaned_data["source"],
            kabupaten_code=kab.code,
        )
        return redirect(f"/indikator/sumber-daya/?tahun={year}#d-{obj.code}")
    return render(
        request,
        "indicators/supply_row.html",
        {"form": form, "desa": obj, "year": year, "nav_active": 1},
    )


def supply_types(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = Access(request.user)
    kabupaten_for(access)
    if not rules.can_manage_supply_types(access):
        raise PermissionDenied
    obj = get_object_or_404(SupplyType, pk=pk) if pk else None
    form = SupplyTypeForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Jenis sumber daya tersimpan."))
        return redirect("indicators:supply_types")
    return render(
        request,
        "indicators/supply_types.html",
        {
            "form": form,
            "obj": obj,
            "types": SupplyType.objects.prefetch_related("indicators"),
            "nav_active": 1,
        },
    )


def program_list(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    qs = rules.get_programs_for_user(request.user, kab.code).filter(year=year)
    qs = qs.prefetch_related("indicators", "desa")
    rows = [(p, rules.can_edit_program(access, p)) for p in qs]
    return render(
        request,
        "indicators/programs.html",
        {
            "kabupaten": kab,
            "year": year,
            "years": year_choices(),
            "rows": rows,
            "can_create": rules.can_create_program(access),
            "nav_active": 1,
        },
    )


def program_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = Access(request.user)
    kab = kabupaten_for(access)
    obj = (
        get_object_or_404(rules.get_programs_for_user(request.user, kab.code), pk=pk)
        if pk
        else Program(year=selected_year(request))
    )
    if not (rules.can_edit_program(access, obj) if pk else rules.can_create_program(access)):
        raise PermissionDenied
    form = ProgramForm(
        request.POST or None,
        instance=obj,
        kabupaten=kab,
        institutions=rules.program_institutions(access),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        programs.save_program(
            form.save(commit=False),
            indicators=d["indicators"],
            desa=programs.expand_desa(d["desa"], d["kecamatan_all"]),
            user=request.user,
        )
        messages.success(request, _("Program tersimpan."))
        return redirect(f"/indikator/program/?tahun={d['year']}")
    return render(
        request, "indicators/program_form.html", {"form": form, "obj": obj, "nav_active": 1}
    )


@require_POST
def program_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access = Access(request.user)
    obj = get_object_or_404(
        rules.get_programs_for_user(request.user, kabupaten_for(access).code), pk=pk
    )
    if not rules.can_edit_program(access, obj):
        raise PermissionDenied
    programs.delete_program(obj, user=request.user)
    messages.success(request, _("Program dihapus."))
    return redirect(f"/indikator/program/?tahun={obj.year}")


def matrix(request: HttpRequest, kind: str) -> HttpResponse:
    """Program mapping: desa × intervention, desa × indicator, or desa by completeness."""
    access = Access(request.user)
    kab, year = kabupaten_for(access), selected_year(request)
    head, body, cols = _matrix_table(kind, kab, year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"pemetaan-{kind}-{kab.code}-{year}.xlsx", [(kind, head, body)])
    return render(
        request,
        "indicators/matrix.html",
        {
            "kabupaten": kab,
            "year": year,
            "years": year_choices(),
            "kind": kind,
            "head": head,
            "body": body,
            "cols": cols,
            "nav_active": 1,
        },
    )


def _matrix_table(kind: str, kab: Region, year: int):
    if kind == "intervensi":
        kinds, rows = programs.intervention_matrix(kab, year)
        head = ["kode_wilayah", "desa"]
        for k in kinds:
            head += [f"{Intervention(k).label}: program", f"{Intervention(k).label}: anggaran"]
        body = [
            [r.desa.code, r.desa.name, *[x for c in r.cells for x in (c.programs, c.budget)]]
            for r in rows
        ]
        return head, body, None
    if kind == "indikator":
        indicators, rows = programs.indicator_matrix(kab, year)
        head = ["kode_wilayah", "desa", *[i.code for i in indicators], "kelengkapan (%)"]
        body = [[r.desa.code, r.desa.name, *r.cells, r.complete] for r in rows]
        return head, body, indicators
    if kind == "kelengkapan":
        rows = programs.completeness(kab, year)
        head = [
            "kode_wilayah",
            "desa",
            "indikator esensial terjangkau",
            "jumlah indikator",
            "kelengkapan (%)",
        ]
        return (
            head,
            [[r.desa.code, r.desa.name, r.reached, r.total, r.complete] for r in rows],
            None,
        )
    raise PermissionDenied
