"""The province reads the kabupaten's Analisis Situasi and edits none of it, whatever role its
users were given (Pedoman Aksi 8: it assesses, it does not run the analysis)."""

import factories as f
import pytest
from django.urls import reverse

from konvergensi.accounts.access import Access
from konvergensi.accounts.models import InstitutionKind, Role
from konvergensi.situation import access as rules


@pytest.fixture
def province(people):
    return f.InstitutionFactory(
        name="Pemerintah Provinsi NTT", kind=InstitutionKind.PROVINSI, region_id="53"
    )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_it_lets_a_province_operator_or_admin_edit_nothing(client, analysis, province, role):
    user = f.user(f"provinsi.{role}", province, role)
    access = Access(user)
    assert rules.can_view(access, "53.02")
    assert not rules.can_edit(access, "53.02")

    client.force_login(user)
    assert client.post(reverse("situation:run", args=[2026])).status_code == 403
    assert client.get(reverse("situation:settings", args=[2026])).status_code == 403
    assert client.post(reverse("situation:create", args=[2027])).status_code == 403
