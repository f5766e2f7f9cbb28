"""The quality table flags digit heaping, an SD of HAZ outside 0.8–1.2 and flagged values."""

from django.urls import reverse

from .conftest import SOE, child, measure, posyandu


def test_it_flags_posyandu_measurement_quality(client, kabupaten, feb_round, dinkes_operator):
    heaped, fine = posyandu(SOE, "Melati"), posyandu(SOE, "Mawar")
    for k in range(30):
        # Melati: every length ends in .0 or .5, HAZ all equal (SD 0), one flagged value.
        measure(child(SOE, posyandu=heaped), lenhei_cm=70.0 + (k % 2) / 2, zlen=-1.0,
                flen=(k == 0))  # fmt: skip
        measure(child(SOE, posyandu=fine), lenhei_cm=70.0 + (k % 10) / 10 + 0.01,
                zlen=-3 + (k % 7) * 0.7, weight_kg=8.0 + (k % 10) / 10)  # fmt: skip
    client.force_login(dinkes_operator)
    url = reverse("measurements:quality", kwargs={"code": SOE})
    page = client.get(url, {"putaran": feb_round.pk})
    rows = {r.name: r for r in page.context["rows"]}
    bad, good = rows["Posyandu Melati"], rows["Posyandu Mawar"]
    assert bad.height_heaping and bad.sd_outside and bad.flagged_over
    assert (bad.flagged, bad.n) == (1, 30)
    assert not good.height_heaping and not good.flagged_over
    assert page.context["rows"][0] is bad  # sorted by the number of problems
    assert client.get(url, {"putaran": feb_round.pk, "format": "xlsx"}).status_code == 200
