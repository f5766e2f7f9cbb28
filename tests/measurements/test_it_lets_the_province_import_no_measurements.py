"""The province never imports or enters measurements, whatever role its users were given: it
follows its kab/kota (Pedoman Aksi 8) and does not hold their children's data."""

import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import Institution, InstitutionKind, Role
from konvergensi.measurements.access import can_import_measurements, get_batches_for_user

from .conftest import _user


@pytest.fixture
def province(kabupaten) -> Institution:
    return Institution.objects.create(
        name="Pemerintah Provinsi NTT", kind=InstitutionKind.PROVINSI, region_id="53"
    )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_it_lets_a_province_operator_or_admin_import_nothing(client, province, role):
    user = _user(f"provinsi.{role}", province, role)
    assert not can_import_measurements(Access(user))
    assert not get_batches_for_user(user).exists()

    client.force_login(user)
    for name in ("measurements:upload", "measurements:entry", "measurements:template"):
        assert client.get(reverse(name)).status_code == 403, name
