"""Measurement rounds and their schedule (Pedoman Aksi 7, Tahap Pertama) are set by Dinas
Kesehatan of the kabupaten and by the kabupaten admin. Everyone else may look, not change:
other OPD, a Bappeda operator, puskesmas and desa, readers, the province, another kabupaten."""

import factories as f
import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Role

KAB = "53.02"


def test_dinkes_operators_and_admins_and_the_kabupaten_admin_manage_rounds(people):
    dinkes_admin = f.user("dinkes.admin", people.dinkes, Role.ADMIN)
    for user in (people.dinkes_operator, dinkes_admin, people.admin):
        assert Access(user).can_manage_rounds(KAB), user.username


def test_a_superuser_manages_rounds(people):
    root = f.user("root", None)
    root.is_superuser = True
    assert Access(root).can_manage_rounds(KAB)


@pytest.mark.parametrize(
    "persona",
    ["dinsos_operator", "dpmd_operator", "puskesmas_user", "kpm", "viewer"],
)
def test_others_in_the_kabupaten_do_not_manage_rounds(people, persona):
    assert not Access(getattr(people, persona)).can_manage_rounds(KAB)


def test_a_bappeda_operator_does_not_manage_rounds(people):
    # The admin role, not the institution, makes Bappeda's say here.
    assert not Access(f.user("bappeda.op", people.bappeda)).can_manage_rounds(KAB)


def test_a_dinkes_reader_does_not_manage_rounds(people):
    reader = f.user("dinkes.pembaca", people.dinkes, Role.VIEWER)
    assert not Access(reader).can_manage_rounds(KAB)


def test_another_kabupaten_does_not_manage_these_rounds(people):
    other_dinkes = f.user("ttu.dinkes", f.opd("dinkes", region="53.03"))
    for user in (other_dinkes, people.other_kab_admin, people.other_kab_operator):
        assert not Access(user).can_manage_rounds(KAB), user.username
    assert Access(other_dinkes).can_manage_rounds("53.03")  # but its own


def test_the_province_does_not_manage_a_kabupatens_rounds(people):
    # Its scope contains the kabupaten (can_manage_facilities would say yes), but rounds are
    # the kabupaten's own plan.
    province_dinkes = f.user("ntt.dinkes", f.opd("dinkes", region="53"))
    province_admin = f.user("ntt.admin", f.bappeda(region="53"), Role.ADMIN)
    for user in (province_dinkes, province_admin):
        assert not Access(user).can_manage_rounds(KAB), user.username


def test_the_round_pages_follow_the_rule(client, people):
    client.force_login(people.dinsos_operator)
    assert client.get(reverse("measurements:rounds")).status_code == 200
    assert client.get(reverse("measurements:round_new")).status_code == 403

    client.force_login(people.admin)
    assert client.get(reverse("measurements:round_new")).status_code == 200

    client.force_login(people.dinkes_operator)
    page = client.get(reverse("measurements:rounds")).content.decode()
    assert reverse("measurements:round_new") in page
