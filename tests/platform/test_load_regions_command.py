"""`manage.py load_regions` loads a kabupaten with its ancestors and is idempotent."""

import pytest
from django.core.management import CommandError, call_command

from konvergensi.regions.models import Level, Region


def test_it_loads_a_kabupaten_and_its_ancestors(db, capsys):
    call_command("load_regions", "--kabupaten", "31.01")
    assert "created=" in capsys.readouterr().out
    assert Region.objects.get(code="31").level == Level.PROVINSI
    kab = Region.objects.get(code="31.01")
    assert kab.level == Level.KABUPATEN and kab.parent_id == "31"
    assert kab.descendants(Level.DESA).count() == 6
    assert not Region.objects.filter(code__startswith="31.71").exists()


def test_it_changes_nothing_the_second_time(db, capsys):
    call_command("load_regions", "--kabupaten", "31.01")
    capsys.readouterr()
    call_command("load_regions", "--kabupaten", "31.01")
    assert capsys.readouterr().out.startswith("created=0 updated=0")


def test_it_rejects_a_bad_code(db):
    with pytest.raises(CommandError, match="tidak valid"):
        call_command("load_regions", "--kabupaten", "31")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("load_regions", "--kabupaten", "99.99")
