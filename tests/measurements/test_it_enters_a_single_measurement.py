from django.urls import reverse

from konvergensi.measurements.models import Child, Measurement


def test_it_saves_a_new_child_and_its_measurement(client, operator):
    client.force_login(operator)
    response = client.post(reverse("measurements:entry"), {
        "name": "Ani", "sex": "2", "birth_date": "2024-01-05", "mother_name": "Maria",
        "desa": "53.02.01.1002", "measured_on": "2026-02-10", "weight_kg": "9,5",
        "lenhei_cm": "75,2", "measure": "l",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    m = Measurement.objects.get()
    assert (m.child.name, m.desa_code, m.weight_kg, m.measure) == ("Ani", "53.02.01.1002", 9.5, "l")
    assert m.zwei is not None


def test_it_adds_a_measurement_to_a_registered_child(client, operator):
    client.force_login(operator)
    data = {"name": "Ani", "sex": "2", "birth_date": "2024-01-05", "desa": "53.02.01.1002",
            "measured_on": "2026-02-10", "weight_kg": "9,5"}  # fmt: skip
    client.post(reverse("measurements:entry"), data)
    child = Child.objects.get()
    response = client.post(
        reverse("measurements:entry"),
        {"child": child.pk, "measured_on": "2026-03-10", "weight_kg": "9,9"},
    )
    assert response.status_code == 302
    assert child.measurements.count() == 2 and Child.objects.count() == 1


def test_it_shows_the_import_validation_message_for_an_impossible_value(client, operator):
    client.force_login(operator)
    response = client.post(reverse("measurements:entry"), {
        "name": "Ani", "sex": "2", "birth_date": "2024-01-05", "desa": "53.02.01.1002",
        "measured_on": "2026-02-10", "weight_kg": "95",
    })  # fmt: skip
    assert response.status_code == 200
    assert "di luar rentang yang mungkin" in response.content.decode()
    assert Measurement.objects.count() == 0
