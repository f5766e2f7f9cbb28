"""A posyandu moved to another desa (a correction in the admin) keeps its old measurements,
made in the old desa. Its list of children is opened by whoever serves its new desa, so it
lists only the children measured in that desa: the others' names belong to the old desa's
puskesmas (Access.can_view_personal_data)."""

from django.urls import reverse

from .conftest import CENDANA, OEBESA, child, measure, posyandu


def test_it_lists_only_the_children_measured_in_the_posyandu_s_desa(
    client, kabupaten, puskesmas_user
):
    moved = posyandu(OEBESA, "Anggrek")  # Oebesa is not served by Puskesmas Soe
    measure(child(OEBESA, name="Anak Oebesa", posyandu=moved))
    moved.desa_id = CENDANA  # served by Puskesmas Soe
    moved.save()
    measure(child(CENDANA, name="Anak Cendana", posyandu=moved))

    client.force_login(puskesmas_user)
    page = client.get(reverse("measurements:children_posyandu", kwargs={"pk": moved.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anak Cendana" in html
    assert "Anak Oebesa" not in html
