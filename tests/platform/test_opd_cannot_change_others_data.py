"""An OPD operator changes only what its institution owns: not another OPD's aksi, not another
kabupaten's data. Aksi 1 belongs to Bappeda, aksi 4 to DPMD (Pedoman Kerangka Kegiatan)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from konvergensi.accounts.access import Access
from konvergensi.cycle import services
from konvergensi.cycle.models import AksiProgress, Evidence, Status

PDF = b"%PDF-1.4\n%test\n"


def _status(client, number, status="selesai"):
    return client.post(
        reverse("cycle:aksi_status", args=[number]), {"status": status, "notes": "x"}
    )


def _upload(client, number):
    f = SimpleUploadedFile("ba.pdf", PDF, content_type="application/pdf")
    return client.post(reverse("cycle:evidence_upload", args=[number]), {"title": "BA", "file": f})


def test_it_lets_the_responsible_opd_change_its_aksi(client, people):
    client.force_login(people.dpmd_operator)
    assert _status(client, 4).status_code == 302
    assert AksiProgress.objects.get(region_id="53.02", aksi=4).status == Status.SELESAI


def test_it_refuses_another_opds_aksi(client, people):
    client.force_login(people.dinsos_operator)
    assert _status(client, 4).status_code == 403
    assert _status(client, 1).status_code == 403
    assert _upload(client, 1).status_code == 403
    assert not AksiProgress.objects.filter(status=Status.SELESAI).exists()
    assert not Evidence.objects.exists()


def test_it_hides_the_edit_forms_from_another_opd(client, people):
    client.force_login(people.dinsos_operator)
    html = client.get(reverse("cycle:aksi", args=[4])).content.decode()
    assert reverse("cycle:aksi_status", args=[4]) not in html
    assert reverse("cycle:evidence_upload", args=[4]) not in html


def test_it_refuses_a_viewer_and_a_puskesmas(client, people):
    for persona in (people.viewer, people.puskesmas_user, people.kpm):
        client.force_login(persona)
        assert _status(client, 1).status_code == 403


def test_it_keeps_another_kabupatens_operator_to_its_own_kabupaten(client, people):
    # The DPMD of kabupaten 53.03 is responsible for aksi 4 there, not in 53.02.
    client.force_login(people.other_kab_operator)
    assert _status(client, 4).status_code == 302
    assert AksiProgress.objects.get(region_id="53.03", aksi=4).status == Status.SELESAI
    ours = services.get_progress("53.02", timezone.localdate().year)[4]
    assert ours.status == Status.BELUM


@pytest.mark.parametrize(
    ("persona", "owner", "allowed"),
    [
        ("dinsos_operator", "dinsos", True),
        ("dinsos_operator", "dpmd", False),
        ("dinsos_operator", "other_kab_dpmd", False),
        ("other_kab_operator", "dpmd", False),
        ("other_kab_admin", "dinsos", False),
        ("admin", "dinsos", True),
        ("admin", "other_kab_dpmd", False),
        ("viewer", "bupati", False),
        ("puskesmas_user", "dinkes", False),
    ],
)
def test_it_decides_can_edit_for(people, persona, owner, allowed):
    assert Access(getattr(people, persona)).can_edit_for(getattr(people, owner)) is allowed


def test_it_decides_can_edit_aksi_per_kabupaten(people):
    spec = services.calendar()[4]
    ours = list(services.responsible_institutions(spec, "53.02"))
    assert ours == [people.dpmd]
    assert Access(people.dpmd_operator).can_edit_aksi("53.02", ours)
    assert not Access(people.other_kab_operator).can_edit_aksi("53.02", ours)
    assert not Access(people.other_kab_admin).can_edit_aksi("53.02", ours)
    assert not Access(people.dinsos_operator).can_edit_aksi("53.02", ours)
    assert Access(people.admin).can_edit_aksi("53.02", ours)
