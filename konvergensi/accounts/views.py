"""Login, logout and the settings page where the kabupaten's admin manages institutions and
users. Access through konvergensi.accounts.access only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from . import services
from .access import Access, get_institutions_for_user, get_users_for_user
from .forms import InstitutionForm, UserForm


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def _require_manager(request: HttpRequest) -> Access:
    access = Access(request.user)
    if not access.can_manage_users():
        raise PermissionDenied
    return access


def settings_page(request: HttpRequest) -> HttpResponse:
    access = _require_manager(request)
    ctx = {
        "institutions": get_institutions_for_user(request.user).annotate(user_count=Count("users")),
        "users": get_users_for_user(request.user).order_by("institution__name", "username"),
        "can_view_audit": access.can_view_audit(),
        "nav_active": "settings",
    }
    return render(request, "accounts/settings.html", ctx)


def institution_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    instance = get_object_or_404(get_institutions_for_user(request.user), pk=pk) if pk else None
    form = InstitutionForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_institution(form)
        messages.success(request, _("Instansi disimpan."))
        return redirect("accounts:settings")
    ctx = {
        "form": form,
        "object": instance,
        "nav_active": "settings",
        "history_model": "institution",
    }
    return render(request, "accounts/institution_form.html", ctx)


def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    instance = get_object_or_404(get_users_for_user(request.user), pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_user(form)
        messages.success(request, _("Pengguna disimpan."))
        return redirect("accounts:settings")
    ctx = {"form": form, "object": instance, "nav_active": "settings", "history_model": "user"}
    return render(request, "accounts/user_form.html", ctx)
