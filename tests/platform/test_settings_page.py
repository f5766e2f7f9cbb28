"""The kabupaten admin manages institutions and users of its own kabupaten; nobody else may."""

from django.urls import reverse

from konvergensi.accounts.models import Institution, Role, User


def test_it_refuses_everyone_but_the_admin(client, people):
    for persona in (people.dinsos_operator, people.viewer, people.puskesmas_user, people.kpm):
        client.force_login(persona)
        assert client.get(reverse("accounts:settings")).status_code == 403
        assert client.get(reverse("accounts:user_create")).status_code == 403


def test_it_lists_only_the_admins_kabupaten(client, people):
    client.force_login(people.admin)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "Puskesmas Soe" in html and "opd.dinsos" in html
    assert "ttu.dpmd" not in html and "dpmd 53.03" not in html


def test_it_creates_an_opd(client, people):
    client.force_login(people.admin)
    response = client.post(
        reverse("accounts:institution_create"),
        {
            "name": "Dinas Pendidikan",
            "kind": "opd",
            "opd_type": "disdik",
            "urusan": "Pendidikan",
            "region": "53.02",
        },
    )
    assert response.status_code == 302
    assert Institution.objects.get(name="Dinas Pendidikan").opd_type == "disdik"


def test_it_requires_the_opd_type_and_the_right_level(client, people):
    client.force_login(people.admin)
    response = client.post(
        reverse("accounts:institution_create"),
        {"name": "X", "kind": "opd", "opd_type": "", "region": "53.02.01"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "opd_type" in errors and "region" in errors


def test_it_links_a_puskesmas_institution_to_its_puskesmas(client, people):
    from factories import make_puskesmas

    pkm = make_puskesmas(
        code="P-B", name="Kesetnana", kecamatan="53.02.02", desa=("53.02.02.2001",)
    )
    client.force_login(people.admin)
    response = client.post(
        reverse("accounts:institution_create"),
        {"name": "Puskesmas Kesetnana", "kind": "puskesmas", "puskesmas": pkm.pk, "region": ""},
    )
    assert response.status_code == 302
    inst = Institution.objects.get(name="Puskesmas Kesetnana")
    assert inst.puskesmas == pkm and inst.region_id == "53.02.02"


def test_it_cannot_place_an_institution_in_another_kabupaten(client, people):
    client.force_login(people.admin)
    response = client.post(
        reverse("accounts:institution_create"),
        {"name": "Dinas", "kind": "opd", "opd_type": "dinsos", "region": "53.03"},
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Institution.objects.filter(name="Dinas").exists()


def test_it_cannot_edit_another_kabupatens_institution_or_user(client, people):
    client.force_login(people.admin)
    url = reverse("accounts:institution_edit", args=[people.other_kab_dpmd.pk])
    assert (
        client.post(
            url, {"name": "x", "kind": "opd", "opd_type": "dpmd", "region": "53.02"}
        ).status_code
        == 404
    )
    url = reverse("accounts:user_edit", args=[people.other_kab_operator.pk])
    assert client.post(url, {"username": "x"}).status_code == 404
    people.other_kab_dpmd.refresh_from_db()
    assert people.other_kab_dpmd.region_id == "53.03"


def test_it_creates_a_user_with_a_validated_password(client, people):
    client.force_login(people.admin)
    data = {
        "username": "opd.dppkb",
        "first_name": "Rina",
        "email": "r@example.org",
        "institution": people.dinsos.pk,
        "role": Role.OPERATOR,
        "is_active": "on",
    }
    weak = client.post(
        reverse("accounts:user_create"), data | {"password1": "12345", "password2": "12345"}
    )
    assert weak.status_code == 200 and "password1" in weak.context["form"].errors
    assert not User.objects.filter(username="opd.dppkb").exists()
    ok = client.post(
        reverse("accounts:user_create"),
        data | {"password1": "Timor-Tengah-2026", "password2": "Timor-Tengah-2026"},
    )
    assert ok.status_code == 302
    user = User.objects.get(username="opd.dppkb")
    assert user.check_password("Timor-Tengah-2026") and user.institution == people.dinsos


def test_it_cannot_give_a_user_an_institution_of_another_kabupaten(client, people):
    client.force_login(people.admin)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "penyusup",
            "institution": people.other_kab_dpmd.pk,
            "role": Role.ADMIN,
            "password1": "Timor-Tengah-2026",
            "password2": "Timor-Tengah-2026",
        },
    )
    assert response.status_code == 200 and "institution" in response.context["form"].errors
    assert not User.objects.filter(username="penyusup").exists()


def test_it_deactivates_a_user_without_touching_the_password(client, people):
    client.force_login(people.admin)
    old_hash = people.dinsos_operator.password
    response = client.post(
        reverse("accounts:user_edit", args=[people.dinsos_operator.pk]),
        {"username": "opd.dinsos", "institution": people.dinsos.pk, "role": Role.OPERATOR},
    )
    assert response.status_code == 302
    people.dinsos_operator.refresh_from_db()
    assert not people.dinsos_operator.is_active
    assert people.dinsos_operator.password == old_hash
