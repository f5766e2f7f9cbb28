"""What the management commands share."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from konvergensi.accounts.models import User


def acting_user(username: str | None) -> User:
    """The user a command acts as (``--user``), by default the first active superuser: the
    imports check its rights and the audit history names it."""
    users = get_user_model().objects.filter(is_active=True)
    if username:
        found = users.filter(username=username).first()
        if found is None:
            raise CommandError(f"Pengguna '{username}' tidak ditemukan atau tidak aktif.")
        return found
    found = users.filter(is_superuser=True).order_by("pk").first()
    if found is None:
        raise CommandError("Tidak ada superuser yang aktif; sebutkan --user NAMA_PENGGUNA.")
    return found
