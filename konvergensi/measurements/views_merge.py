"""Pages for children registered twice: the probable pairs of a desa, choosing a child to merge
with, and the merge with its confirmation (``merge`` finds, plans and writes; decision 0007).

Only the health side serving the desa may open them (``merge.can_merge_children``); everyone
else gets 403, and the child page and the desa's child list show their links only to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from konvergensi.accounts.access import Access
from konvergensi.regions.models import Level, Region

from . import merge
from .analysis_tables import ancestors
from .models import Child


def _require(access: Access, desa_code: str) -> None:
    if not merge.can_merge_children(access, desa_code):
        raise PermissionDenied(
            _(
                "Menggabungkan data anak hanya untuk operator Dinas Kesehatan atau puskesmas "
                "yang melayani desa anak itu."
            )
        )


def _child(access: Access, pk: int) -> Child:
    child = get_object_or_404(Child.objects.select_related("desa", "posyandu"), pk=pk)
    _require(access, child.desa_id)
    return child


def _gone(request: HttpRequest, keep: Child) -> HttpResponse:
    messages.info(
        request,
        _("Anak yang hendak digabungkan sudah tidak ada: mungkin sudah digabungkan sebelumnya."),
    )
    return redirect("measurements:child", pk=keep.pk)


@login_required
def candidates(request: HttpRequest, code: str) -> HttpResponse:
    """Kemungkinan anak ganda: the probable pairs of one desa, side by side."""
    access = Access(request.user)
    region = Region.objects.filter(code=code, level=Level.DESA).first()
    if region is None:
        raise Http404(_("Desa tidak ditemukan."))
    _require(access, code)
    context = {
        "region": region,
        "pairs": merge.candidate_pairs(code, access),
        "ancestors": [*ancestors(region), region],
        "nav_active": 7,
    }
    return render(request, "measurements/merge_candidates.html", context)


@login_required
def pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Gabungkan dengan anak lain: the child's probable pairs, or any child of its desa."""
    access = Access(request.user)
    child = _child(access, pk)
    other = request.GET.get("dengan", "")
    if other.isdigit():
        return redirect("measurements:merge_confirm", pk=child.pk, other=int(other))
    pairs, others = merge.pairs_with(child, access)
    context = {
        "child": child,
        "ancestors": ancestors(child.desa),
        "pairs": pairs,
        "others": others,
        "nav_active": 7,
    }
    return render(request, "measurements/merge_pick.html", context)


@login_required
def confirm(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """What merging child ``other`` into child ``pk`` does (GET), and the merge (POST)."""
    access = Access(request.user)
    keep = _child(access, pk)
    drop = Child.objects.select_related("desa", "posyandu").filter(pk=other).first()
    if drop is None:
        return _gone(request, keep)
    _require(access, drop.desa_id)
    status = 200
    if request.method == "POST":
        try:
            result = merge.merge_children(keep.pk, drop.pk, user=request.user)
        except merge.ChildGone:
            return _gone(request, keep)
        except merge.MergeRefused:
            status = 409  # the page below lists why
        else:
            messages.success(request, _merged_text(result))
            return redirect("measurements:child", pk=keep.pk)
    plan = merge.plan_merge(keep, drop)
    shown = merge.sides([keep, drop], access)
    context = {
        "plan": plan,
        "keep": shown[keep.pk],
        "drop": shown[drop.pk],
        "refused": status == 409,
        "ancestors": ancestors(keep.desa),
        "nav_active": 7,
    }
    return render(request, "measurements/merge_confirm.html", context, status=status)


def _merged_text(result: merge.MergeResult) -> str:
    text = ngettext(
        "Data anak digabungkan: %(n)s pengukuran dipindahkan.",
        "Data anak digabungkan: %(n)s pengukuran dipindahkan.",
        result.moved,
    ) % {"n": result.moved}
    if result.duplicates:
        text += " " + ngettext(
            "%(n)s pengukuran sama persis dengan yang sudah ada dan dihapus sebagai duplikat.",
            "%(n)s pengukuran sama persis dengan yang sudah ada dan dihapus sebagai duplikat.",
            result.duplicates,
        ) % {"n": result.duplicates}
    if result.filled:
        text += " " + _("Diisi dari anak yang dihapus: %(fields)s.") % {
            "fields": ", ".join(result.filled)
        }
    return text
