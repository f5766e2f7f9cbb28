"""A province institution (Pemerintah Provinsi, Pedoman Aksi 8: it assesses its kab/kota)
sees the aggregates of every kab/kota in the province, never children's names or NIK, and
never changes anything, whatever role it was given."""

import datetime as dt

import factories as f
import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind, Role
from konvergensi.measurements.models import Child, Measurement


@pytest.fixture
def province(people):
    return f.InstitutionFactory(
        name="Pemerintah Provinsi NTT", kind=InstitutionKind.PROVINSI, region_id="53"
    )


@pytest.fixture
def reader(province):
    return f.user("provinsi", province, Role.VIEWER)


def test_it_sees_every_kabupaten_of_the_province(reader):
    access = Access(reader)
    codes = set(access.visible_regions().values_list("code", flat=True))
    assert {"53", "53.02", "53.02.01.2001", "53.03", "53.03.01.2001"} <= codes
    assert access.can_view_cycle("53.02") and access.can_view_cycle("53.03")


def test_it_never_sees_names_or_nik(reader):
    access = Access(reader)
    for desa in ("53.02.01.2001", "53.03.01.2001"):
        assert access.can_view_region(desa)
        assert not access.can_view_personal_data(desa)
        assert not access.can_view_full_nik(desa)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OPERATOR, Role.ADMIN])
def test_it_never_changes_anything_whatever_its_role(people, province, role):
    # An operator or admin role can still be set in the Django admin: the province stays a reader.
    access = Access(f.user(f"provinsi.{role}", province, role))
    assert access.is_reader and not access.is_admin
    assert not access.can_edit_for(people.dinkes) and not access.can_edit_for(province)
    assert not access.can_edit_region_data("53.02.01.2001")
    assert not access.can_manage_facilities("53.02")
    assert not access.can_manage_rounds("53.02")
    assert not access.can_manage_users()
    assert not access.can_edit_aksi("53.02", [people.dinkes, province])


def test_it_leaves_the_other_roles_as_they_were(people):
    assert not Access(people.dinkes_operator).is_reader
    assert not Access(people.admin).is_reader
    assert Access(people.viewer).is_reader


def test_it_opens_the_aggregate_pages_of_both_kabupaten_and_no_names(client, people, reader):
    # one stunted child measured in the other kabupaten (53.03): the province counts it
    day = dt.date(2026, 2, 10)
    child = Child.objects.create(
        name="Anak Lain", sex=1, birth_date=day - dt.timedelta(days=400),
        desa_id="53.03.01.2001", match_key="lain-1",
    )  # fmt: skip
    Measurement.objects.create(
        child=child, measured_on=day, desa_code="53.03.01.2001", age_days=400, zlen=-2.5
    )
    client.force_login(reader)
    for code in ("53.02", "53.03", "53.03.01.2001"):
        assert client.get(reverse("regions:region", args=[code])).status_code == 200, code
        page = client.get(reverse("measurements:prevalence", args=[code]), {"tahun": 2026})
        assert page.status_code == 200, code
    stunting = page.context["table"].total.stunting
    assert (stunting.cases, stunting.n) == (1, 1)
    assert "Anak Lain" not in page.content.decode()
    for code in ("53.02.01.2001", "53.03.01.2001"):
        assert client.get(reverse("measurements:children_desa", args=[code])).status_code == 403
    assert client.get(reverse("measurements:export")).status_code == 403
    assert client.get(reverse("cycle:aksi", args=[8])).status_code == 200


def test_it_is_refused_every_change_on_the_pages(client, people, reader):
    client.force_login(reader)
    page = client.get(reverse("cycle:aksi", args=[8])).content.decode()
    assert reverse("cycle:aksi_status", args=[8]) not in page  # no edit form
    response = client.post(reverse("cycle:aksi_status", args=[8]), {"status": "selesai"})
    assert response.status_code == 403
    assert client.get(reverse("measurements:entry")).status_code == 403
    assert client.get(reverse("accounts:settings")).status_code == 403


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_a_province_health_office_made_in_the_django_admin_is_a_reader_too(people, role):
    # The institution form offers only the kabupaten for an OPD; the Django admin does not stop
    # a "Dinas Kesehatan Provinsi" at region 53. It must not import, or see names, province-wide.
    dinkes_provinsi = f.opd("dinkes", region="53")
    assert dinkes_provinsi.is_dinkes
    access = Access(f.user(f"dinkes.provinsi.{role}", dinkes_provinsi, role))
    assert access.is_reader
    assert not access.can_edit_region_data("53.02.01.2001")
    assert not access.can_view_personal_data("53.02.01.2001")
    assert not access.can_view_full_nik("53.02.01.2001")
    assert access.can_view_region("53.03.01.2001")  # it still reads every aggregate


def test_it_compares_its_kabupaten_on_the_province_page(client, people, reader):
    day = dt.date(2026, 2, 10)
    for desa, z in (("53.02.01.2001", -2.5), ("53.03.01.2001", -1.0), ("53.03.01.2001", -3.1)):
        child = Child.objects.create(
            name="Anak", sex=1, birth_date=day - dt.timedelta(days=400), desa_id=desa,
            match_key=f"{desa}-{z}",
        )  # fmt: skip
        Measurement.objects.create(
            child=child, measured_on=day, desa_code=desa, age_days=400, zlen=z
        )
    client.force_login(reader)
    page = client.get(
        reverse("measurements:prevalence", args=["53"]),
        {"dari": "2026-01-01", "sampai": "2026-12-31"},
    )
    assert page.status_code == 200
    table = page.context["table"]
    assert table.level == "kabupaten"
    rows = {r.code: (r.stunting.cases, r.stunting.n) for r in table.rows}
    assert rows == {"53.02": (1, 1), "53.03": (1, 2)}
    assert (table.total.stunting.cases, table.total.stunting.n) == (2, 3)
    assert "Anak" not in page.content.decode()
    # its drill-down reaches each kabupaten's page
    assert reverse("measurements:prevalence", args=["53.03"]) in page.content.decode()
