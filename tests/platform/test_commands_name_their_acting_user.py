"""The import commands act as a named, active user, or else the first active superuser; a
missing one is a one-line Indonesian error, not a stack trace."""

import pytest
from django.core.management import CommandError, call_command

from konvergensi.accounts.models import User
from konvergensi.core.cli import acting_user

COMMANDS = ["import_coverage", "import_measurements"]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_user_is_refused(people, tmp_path, command):
    path = tmp_path / "berkas.csv"
    path.write_text("x\n")
    with pytest.raises(CommandError, match="Pengguna 'tidak-ada' tidak ditemukan"):
        call_command(command, str(path), "--user", "tidak-ada")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_inactive_user_is_refused(people, tmp_path, command):
    User.objects.filter(username="dinkes").update(is_active=False)
    path = tmp_path / "berkas.csv"
    path.write_text("x\n")
    with pytest.raises(CommandError, match="tidak aktif"):
        call_command(command, str(path), "--user", "dinkes")


def test_without_user_it_takes_the_first_active_superuser(people):
    first, second = User.objects.order_by("pk")[:2]
    User.objects.filter(pk__in=[first.pk, second.pk]).update(is_superuser=True)
    assert acting_user(None) == first
    User.objects.filter(pk=first.pk).update(is_active=False)
    assert acting_user(None) == second


def test_without_any_superuser_it_asks_for_one(people):
    User.objects.update(is_superuser=False)
    with pytest.raises(CommandError, match="sebutkan --user"):
        acting_user(None)
