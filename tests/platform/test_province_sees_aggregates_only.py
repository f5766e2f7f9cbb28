"""A province institution (Pemerintah Provinsi, Pedoman Aksi 8: it assesses its kab/kota)
sees the aggregates of every kab/kota in the province, never children's names or NIK, and
never changes anything, whatever role it was given."""

import factories as f
import pytest

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind, Role


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
