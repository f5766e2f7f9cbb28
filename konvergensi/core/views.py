"""Home page (what is due, progress of the 8 aksi), public and about pages, audit, jobs."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from konvergensi.accounts.access import Access
from konvergensi.cycle import services as cycle
from konvergensi.regions.models import Region

from . import history as audit
from .jobs import get_job_for_user
from .years import selected_year, year_choices

ROOT = Path(__file__).resolve().parent.parent


def home(request: HttpRequest) -> HttpResponse:
    access = Access(request.user)
    kabupaten = access.kabupaten_code
    ctx: dict[str, object] = {"nav_active": "dashboard", "years": year_choices()}
    if kabupaten is None or not access.can_view_cycle(kabupaten):
        return render(request, "core/home.html", ctx)
    year = selected_year(request)
    rows = cycle.aksi_rows(kabupaten, year, timezone.localdate())
    ctx |= {
        "kabupaten": Region.objects.filter(code=kabupaten).first(),
        "year": year,
        "rows": rows,
        "due": [r for r in rows if r.due_now or r.overdue],
        "overall": cycle.overall_percent(rows),
        "today": timezone.localdate(),
    }
    return render(request, "core/home.html", ctx)


@login_not_required
def public(request: HttpRequest) -> HttpResponse:
    # Aksi 7 (publication) will list what the kabupaten publishes; until then nothing is.
    return render(request, "core/public.html", {"publications": []})


@login_not_required
def about(request: HttpRequest) -> HttpResponse:
    def read(path: Path) -> str:
        return path.read_text(encoding="utf-8") if path.exists() else ""

    ctx = {
        "regions_license": read(ROOT / "regions" / "data" / "LICENSE.md"),
        "regions_source": read(ROOT / "regions" / "data" / "SOURCE.md"),
        "vendor_readme": read(ROOT / "static" / "vendor" / "README.md"),
    }
    return render(request, "core/about.html", ctx)


def history(request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    access = Access(request.user)
    if not access.can_view_audit():
        raise PermissionDenied
    model = audit.history_model(app_label, model_name)
    if model is None:
        raise Http404
    entries = audit.object_history(model, pk)
    if not entries:
        raise Http404
    latest = model.history.filter(  # type: ignore[attr-defined]
        **{model._meta.pk.attname: pk}
    ).latest("history_date", "history_id")
    if not access.can_view_audit_of(audit.region_code_of(latest)):
        raise PermissionDenied
    ctx = {
        "entries": entries,
        "object_label": str(latest.instance),
        "model_label": model._meta.verbose_name,
        "nav_active": "settings",
    }
    return render(request, "core/history.html", ctx)


def job(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    if job is None:
        raise Http404
    template = "core/_job.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})
