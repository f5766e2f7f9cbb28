"""Writes of the settings page, each in one transaction (audited by simple-history)."""

from __future__ import annotations

from django.db import transaction

from .forms import InstitutionForm, UserForm
from .models import Institution, User


@transaction.atomic
def save_institution(form: InstitutionForm) -> Institution:
    institution = form.save(commit=False)
    institution.opd_type = form.cleaned_data["opd_type"]
    institution.region = form.cleaned_data["region"]
    institution.puskesmas = form.cleaned_data.get("puskesmas")
    institution.save()
    return institution


@transaction.atomic
def save_user(form: UserForm) -> User:
    user = form.save(commit=False)
    if form.cleaned_data.get("password1"):
        user.set_password(form.cleaned_data["password1"])
    user.save()
    return user
