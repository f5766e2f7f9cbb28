"""The system admin (a superuser) adds the province institution at province level and its
readers on the Pengaturan pages, without the Django admin. A kabupaten admin can only give the
province a view of its own kabupaten: a province-wide scope would show it other kab/kota."""

import factories as f
import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Institution, InstitutionKind, Role, User

PROVINCE = {"name": "Pemerintah Provinsi NTT", "kind": "provinsi", "region": "53"}


@pytest.fixture
def system_admin(people):
    root = f.user("root", None, Role.ADMIN)
    root.is_superuser = True
    root.save()
    return root


def _new_user(institution: Institution, role: str, username="prov.ntt") -> dict:
    return {
        "username": username,
        "institution": institution.pk,
        "role": role,
        "is_active": "on",
        "password1": "Penilai-Provinsi-2026",
        "password2": "Penilai-Provinsi-2026",
    }


def test_it_lets_the_system_admin_add_the_province_and_a_reader(client, system_admin):
    client.force_login(system_admin)
    assert client.post(reverse("accounts:institution_create"), PROVINCE).status_code == 302
    province = Institution.objects.get(name=PROVINCE["name"])
    assert (province.kind, province.region_id) == (InstitutionKind.PROVINSI, "53")
    response = client.post(reverse("accounts:user_create"), _new_user(province, Role.VIEWER))
    assert response.status_code == 302
    reader = User.objects.get(username="prov.ntt")
    assert reader.institution == province and reader.role == Role.VIEWER
    # what it then sees: both kabupaten of the province, no names, no editing
    access = Access(reader)
    assert access.can_view_region("53.02.01.2001") and access.can_view_region("53.03.01.2001")
    assert not access.can_view_personal_data("53.02.01.2001")
    assert not access.can_edit_region_data("53.02.01.2001")
    html = client.get(reverse("accounts:settings")).content.decode()
    assert PROVINCE["name"] in html and "prov.ntt" in html


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_it_refuses_any_role_but_reader_for_a_province_user(client, system_admin, role):
    province = f.InstitutionFactory(kind=InstitutionKind.PROVINSI, region_id="53")
    client.force_login(system_admin)
    response = client.post(reverse("accounts:user_create"), _new_user(province, role))
    assert response.status_code == 200
    assert "Pembaca" in response.context["form"].errors["role"][0]
    assert not User.objects.filter(username="prov.ntt").exists()


def test_it_keeps_the_province_level_from_the_kabupaten_admin(client, people):
    client.force_login(people.admin)
    response = client.post(reverse("accounts:institution_create"), PROVINCE)
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Institution.objects.filter(name=PROVINCE["name"]).exists()
    form = client.get(reverse("accounts:institution_create")).context["form"]
    assert "53" not in {r.code for r in form.fields["region"].queryset}


def test_it_hides_a_province_wide_institution_from_the_kabupaten_admin(client, people):
    province = f.InstitutionFactory(name="Pemprov", kind=InstitutionKind.PROVINSI, region_id="53")
    f.user("prov.ntt", province, Role.VIEWER)
    client.force_login(people.admin)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "Pemprov" not in html and "prov.ntt" not in html
    url = reverse("accounts:institution_edit", args=[province.pk])
    assert client.get(url).status_code == 404
    form = client.get(reverse("accounts:user_create")).context["form"]
    assert province not in form.fields["institution"].queryset


def test_it_lets_the_kabupaten_admin_give_the_province_a_view_of_its_kabupaten(client, people):
    client.force_login(people.admin)
    data = {**PROVINCE, "region": "53.02"}
    assert client.post(reverse("accounts:institution_create"), data).status_code == 302
    province = Institution.objects.get(name=PROVINCE["name"])
    response = client.post(reverse("accounts:user_create"), _new_user(province, Role.OPERATOR))
    assert "role" in response.context["form"].errors
    response = client.post(reverse("accounts:user_create"), _new_user(province, Role.VIEWER))
    assert response.status_code == 302
    access = Access(User.objects.get(username="prov.ntt"))
    assert access.can_view_region("53.02.01.2001") and not access.can_view_region("53.03")


def test_it_places_the_province_only_at_province_or_kabupaten_level(client, system_admin):
    client.force_login(system_admin)
    response = client.post(
        reverse("accounts:institution_create"), {**PROVINCE, "region": "53.02.01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["region"] == [
        "Instansi jenis ini harus berada di tingkat Provinsi atau Kabupaten/Kota."
    ]
