from django.urls import reverse


def test_it_is_linked_from_the_aksi_1_page(client, people):
    client.force_login(people.admin)
    page = client.get(reverse("cycle:aksi", args=[1]) + "?tahun=2026").content.decode()
    assert reverse("situation:year", args=[2026]) in page
    assert reverse("indicators:index") in page
