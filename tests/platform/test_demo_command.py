"""`manage.py demo` builds a living kabupaten and can be run again without changing anything.
Kepulauan Seribu (31.01, 6 kelurahan) keeps the test small; the default is Timor Tengah Selatan."""

import datetime

from django.core.management import call_command

from konvergensi.accounts.models import Institution, User
from konvergensi.core.demo import demo_status, run_demo
from konvergensi.cycle.models import AksiProgress, Evidence, Status
from konvergensi.regions.models import Posyandu, Puskesmas


def _counts():
    return [
        m.objects.count() for m in (Puskesmas, Posyandu, Institution, User, AksiProgress, Evidence)
    ]


def test_it_runs_twice_without_changing_anything(db, capsys):
    call_command("demo", "--kabupaten", "31.01")
    out = capsys.readouterr().out
    assert "konvergensi-demo" in out and "admin" in out
    first = _counts()
    assert first[0] >= 2 and first[1] >= 12  # a puskesmas per kecamatan, ≥2 posyandu per desa
    call_command("demo", "--kabupaten", "31.01")
    assert _counts() == first
    assert "puskesmas=0 posyandu=0 institutions=0 users=0 progress=0" in capsys.readouterr().out


def test_it_sets_the_aksi_relative_to_today(db):
    run_demo("31.01", today=datetime.date(2026, 5, 10))
    status = dict(AksiProgress.objects.filter(year=2026).values_list("aksi", "status"))
    assert status[1] == status[2] == status[3] == Status.SELESAI
    assert status[5] == Status.SEDANG
    assert status[8] == Status.BELUM
    assert Evidence.objects.filter(progress__year=2026, progress__aksi=1).exists()
    evidence = Evidence.objects.first()
    assert evidence.file.read(4) == b"%PDF"


def test_demo_status_follows_the_calendar():
    may = datetime.date(2026, 5, 1)
    assert demo_status([1], may) == Status.SELESAI
    assert demo_status([4, 5, 6], may) == Status.SEDANG
    assert demo_status([9], may) == Status.BELUM
