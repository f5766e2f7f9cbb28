"""The province follows its kab/kota and enters none of their data (Pedoman Aksi 8), whatever
role its users were given: an operator or admin role can still be set in the Django admin."""

import factories as f
import pytest

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind, Role
from konvergensi.indicators import access as rules
from konvergensi.indicators.models import CoverageValue, Indicator, SupplyType

DESA = "53.02.01.2001"


@pytest.fixture
def province(people):
    return f.InstitutionFactory(
        name="Pemerintah Provinsi NTT", kind=InstitutionKind.PROVINSI, region_id="53"
    )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_it_lets_a_province_operator_or_admin_enter_nothing(
    client, people, indicators, province, role
):
    user = f.user(f"provinsi.{role}", province, role)
    access = Access(user)
    assert not rules.enterable_indicators(access).exists()
    for indicator in Indicator.objects.all():
        assert not rules.can_enter_coverage(access, indicator, DESA), indicator.code
    for supply_type in SupplyType.objects.all():
        assert not rules.can_enter_supply(access, supply_type, DESA), supply_type.pk
    assert not rules.can_create_program(access)

    client.force_login(user)
    body = {"region": DESA, "year": 2025, "month": 0, "value": "50", "source": "Laporan"}
    assert (
        client.post(f"/indikator/asi_eksklusif/baris/{DESA}/?tahun=2025", body).status_code == 403
    )
    assert client.get("/indikator/asi_eksklusif/entri/").status_code == 403
    assert not CoverageValue.objects.exists()
