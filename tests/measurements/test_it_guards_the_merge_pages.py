"""Only the health side serving a desa may list, confirm and make merges of its children;
everyone else gets 403 and changes nothing. The pages mask the NIK as the child list does."""

import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.models import Child
from konvergensi.regions.models import Puskesmas

from .test_it_finds_duplicate_children import SOE, kid

NIK = "5302010101240001"


def _user(username: str, role=Role.OPERATOR, **institution) -> User:
    inst = Institution.objects.create(name=username, **institution)
    return User.objects.create_user(
        username=username, password="x" * 12, institution=inst, role=role
    )


@pytest.fixture
def pair(kabupaten):
    return kid("Muhammad Rizky", nik=NIK), kid("Muhammad Rizki")


def _pages(a: Child, b: Child) -> list[str]:
    return [
        reverse("measurements:merge_candidates", kwargs={"code": SOE}),
        reverse("measurements:merge_pick", kwargs={"pk": a.pk}),
        reverse("measurements:merge_confirm", kwargs={"pk": a.pk, "other": b.pk}),
    ]


@pytest.fixture(
    params=["viewer", "province operator", "province admin", "other puskesmas", "dinsos",
            "bappeda admin", "bappeda operator", "kpm of the desa"]
)  # fmt: skip
def outsider(request, kabupaten, viewer, bappeda_viewer) -> User:
    if request.param == "viewer":
        return viewer  # Dinas Kesehatan, role viewer
    if request.param == "bappeda operator":
        return bappeda_viewer
    if request.param.startswith("province"):
        role = Role.ADMIN if request.param.endswith("admin") else Role.OPERATOR
        return _user("ntt", role, kind=InstitutionKind.PROVINSI, region_id="53")
    if request.param == "other puskesmas":
        pkm = Puskesmas.objects.create(code="P2", name="Kapan", kecamatan_id="53.02.02")
        pkm.desa.set(["53.02.02.2001"])
        return _user("kapan", kind=InstitutionKind.PUSKESMAS, region_id="53.02.02", puskesmas=pkm)
    if request.param == "dinsos":
        return _user("dinsos", kind=InstitutionKind.OPD, opd_type="dinsos", region_id="53.02")
    if request.param == "bappeda admin":
        return _user("admin", Role.ADMIN, kind=InstitutionKind.BAPPEDA, region_id="53.02")
    return _user("kpm", kind=InstitutionKind.DESA, region_id=SOE)


def test_outsiders_get_403_and_change_nothing(client, pair, outsider):
    a, b = pair
    client.force_login(outsider)
    for url in _pages(a, b):
        assert client.get(url).status_code == 403, url
    response = client.post(_pages(a, b)[-1])
    assert response.status_code == 403
    assert "Menggabungkan data anak hanya untuk operator" in response.content.decode()
    assert Child.objects.count() == 2
    # the child page and the child list, where they may open them, show no link to the merge
    shown = 0
    for page in (
        reverse("measurements:child", kwargs={"pk": a.pk}),
        reverse("measurements:children_desa", kwargs={"code": SOE}),
    ):
        response = client.get(page)
        if response.status_code == 200:
            shown += 1
            assert "/gabung/" not in response.content.decode()
            assert "/anak-ganda/" not in response.content.decode()
    if outsider.username == "dinkes_viewer":  # reads names, so the check above ran
        assert shown == 2


@pytest.mark.parametrize("who", ["operator", "puskesmas_operator"])
def test_dinkes_and_the_serving_puskesmas_may_merge(client, pair, who, request):
    a, b = pair
    client.force_login(request.getfixturevalue(who))
    for url in _pages(a, b):
        assert client.get(url).status_code == 200, url
    child_page = client.get(reverse("measurements:child", kwargs={"pk": a.pk})).content.decode()
    assert reverse("measurements:merge_pick", kwargs={"pk": a.pk}) in child_page
    assert client.post(_pages(a, b)[-1]).status_code == 302
    assert list(Child.objects.values_list("pk", flat=True)) == [a.pk]


def test_the_pages_show_the_nik_masked_when_access_says_so(client, pair, operator, monkeypatch):
    # Everyone who may merge today is an operator or admin serving the desa, who sees the NIK
    # in full; the pages must still ask Access (as the child list does) and mask otherwise.
    a, b = pair
    client.force_login(operator)
    assert NIK in client.get(_pages(a, b)[0]).content.decode()

    monkeypatch.setattr(Access, "can_view_full_nik", lambda self, desa_code: False)
    for url in _pages(a, b):
        text = client.get(url).content.decode()
        assert NIK not in text, url
    assert "5302••••••••0001" in text and "Muhammad Rizky" in text
