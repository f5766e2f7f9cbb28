"""A reader sees NIK masked (5302••••••••1234); an operator sees it whole."""

from django.urls import reverse

from konvergensi.measurements.prevalence import mask_nik

from .conftest import SOE, child, measure

NIK = "5302011234561234"


def test_it_masks_nik_for_viewers(client, kabupaten, feb_round, dinkes_viewer, dinkes_operator):
    c = child(SOE, nik=NIK, name="Maria Bani")
    measure(c)
    url = reverse("measurements:children_desa", kwargs={"code": SOE})
    client.force_login(dinkes_viewer)
    text = client.get(url).content.decode()
    assert "Maria Bani" in text and "5302••••••••1234" in text and NIK not in text
    detail = client.get(reverse("measurements:child", kwargs={"pk": c.pk})).content.decode()
    assert NIK not in detail and "5302••••••••1234" in detail

    client.force_login(dinkes_operator)
    assert NIK in client.get(url).content.decode()
    assert mask_nik("") == ""
