"""Children's names are for the institutions that serve them (Access.can_view_personal_data):
Bappeda gets 403, and a puskesmas gets 403 for a desa it does not serve."""

from django.urls import reverse

from .conftest import OEBESA, SOE, child, measure


def test_it_forbids_bappeda(client, kabupaten, soe_data, bappeda):
    client.force_login(bappeda)
    assert (
        client.get(reverse("measurements:children_desa", kwargs={"code": SOE})).status_code == 403
    )
    pk = soe_data["melati"].pk
    url = reverse("measurements:children_posyandu", kwargs={"pk": pk})
    assert client.get(url).status_code == 403
    some_child = soe_data["melati"].children.first()
    assert (
        client.get(reverse("measurements:child", kwargs={"pk": some_child.pk})).status_code == 403
    )
    # Aggregates stay open to Bappeda.
    assert client.get(reverse("measurements:prevalence", kwargs={"code": SOE})).status_code == 200


def test_it_forbids_a_puskesmas_outside_its_desa(client, kabupaten, soe_data, puskesmas_user):
    other = child(OEBESA)
    measure(other)
    client.force_login(puskesmas_user)
    url = reverse("measurements:children_desa", kwargs={"code": OEBESA})
    assert client.get(url).status_code == 403
    assert client.get(reverse("measurements:child", kwargs={"pk": other.pk})).status_code == 403
    own = reverse("measurements:children_desa", kwargs={"code": SOE})
    assert client.get(own).status_code == 200
