"""The merge pages: the pairs of a desa side by side, the confirmation saying what will happen,
the merge itself, a refusal that changes nothing, and the same merge sent twice."""

import datetime as dt

from django.urls import reverse

from konvergensi.measurements.models import Child, Measurement

from .test_it_finds_duplicate_children import SOE, kid, measure

FEB, AUG = dt.date(2026, 2, 10), dt.date(2026, 8, 12)


def _confirm(a: Child, b: Child) -> str:
    return reverse("measurements:merge_confirm", kwargs={"pk": a.pk, "other": b.pk})


def test_it_lists_the_pairs_of_a_desa_side_by_side(client, kabupaten, operator):
    a = kid("Muh. Rizki", mother="Maria Bani")
    b = kid("Muhammad Rizky", mother="Maria Bani", nik="5302010101240001")
    kid("Yohanes Tefa", mother="Rut")
    measure(a, FEB)
    client.force_login(operator)
    text = client.get(reverse("measurements:merge_candidates", kwargs={"code": SOE})).content
    text = text.decode()

    assert text.count('class="card mb-3 merge-pair"') == 1
    assert "Muh. Rizki" in text and "Muhammad Rizky" in text and "Yohanes Tefa" not in text
    assert "nama ibu sama" in text and "10 Feb 2026" in text
    # the child with the NIK is suggested to be kept
    assert _confirm(b, a) in text


def test_the_desa_child_list_links_to_the_pairs(client, kabupaten, operator):
    measure(kid("Ani"), FEB)
    client.force_login(operator)
    page = client.get(reverse("measurements:children_desa", kwargs={"code": SOE})).content.decode()
    assert reverse("measurements:merge_candidates", kwargs={"code": SOE}) in page
    assert "Kemungkinan anak ganda" in page


def test_it_confirms_then_merges_and_says_what_it_did(client, kabupaten, operator):
    a = kid("Muhammad Rizky", nik="5302010101240001")
    b = kid("Muhammad Rizki", mother="Maria Bani")
    measure(a, FEB)
    measure(b, FEB)  # the same weighing, imported for both
    measure(b, AUG)
    client.force_login(operator)
    child_page = client.get(reverse("measurements:child", kwargs={"pk": a.pk})).content.decode()
    assert reverse("measurements:merge_pick", kwargs={"pk": a.pk}) in child_page
    # the breadcrumb leads back: kabupaten … the desa's list of children, then the child
    desa_list = reverse("measurements:children_desa", kwargs={"code": SOE})
    assert 'class="breadcrumb' in child_page and desa_list in child_page

    plan = client.get(_confirm(a, b)).content.decode()
    crumbs = plan[plan.index('class="breadcrumb') : plan.index("</ol>")]
    assert desa_list in crumbs
    assert reverse("measurements:child", kwargs={"pk": a.pk}) in crumbs
    assert 'aria-current="page">Gabungkan<' in crumbs.replace("\n", "").replace("  ", "")
    assert "1 pengukuran dipindahkan ke anak yang dipertahankan." in plan
    assert "dihapus sebagai duplikat" in plan and "nama ibu/orang tua" in plan
    assert Child.objects.count() == 2  # looking changes nothing

    response = client.post(_confirm(a, b), follow=True)
    assert response.redirect_chain == [(reverse("measurements:child", kwargs={"pk": a.pk}), 302)]
    text = response.content.decode()
    assert "Data anak digabungkan: 1 pengukuran dipindahkan." in text
    assert "1 pengukuran sama persis dengan yang sudah ada dan dihapus sebagai duplikat." in text
    assert list(Measurement.objects.values_list("child_id", flat=True)) == [a.pk, a.pk]

    again = client.post(_confirm(a, b), follow=True)
    assert "sudah tidak ada: mungkin sudah digabungkan sebelumnya" in again.content.decode()
    assert Measurement.objects.count() == 2


def test_it_refuses_on_the_page_and_changes_nothing(client, kabupaten, operator):
    a = kid("Muhammad Rizky")
    b = kid("Muhammad Rizki")
    measure(a, FEB, weight=9.5)
    measure(b, FEB, weight=9.8)
    client.force_login(operator)
    assert "tidak dapat digabungkan" in client.get(_confirm(a, b)).content.decode()

    response = client.post(_confirm(a, b))
    assert response.status_code == 409
    text = response.content.decode()
    assert "Kedua anak diukur pada 10 Februari 2026 dengan nilai berbeda" in text
    assert "Tidak ada data yang diubah." in text
    assert Child.objects.count() == 2 and b.measurements.get().weight_kg == 9.8


def test_it_offers_every_child_of_the_desa_of_the_same_sex(client, kabupaten, operator):
    a = kid("Muhammad Rizky")
    kid("Muhammad Rizki")
    kid("Yohanes Tefa", born=dt.date(2023, 5, 1))
    kid("Maria Bani", sex=2)
    client.force_login(operator)
    url = reverse("measurements:merge_pick", kwargs={"pk": a.pk})
    text = client.get(url).content.decode()
    assert "Yohanes Tefa" in text and "Maria Bani" not in text
    yohanes = Child.objects.get(name="Yohanes Tefa")
    response = client.get(url, {"dengan": yohanes.pk})
    assert response["Location"] == _confirm(a, yohanes)
