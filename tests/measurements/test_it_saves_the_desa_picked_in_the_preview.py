"""The preview's "Simpan" stores exactly what the preview promised (acceptance P1).

A desa picked for a near-miss name and applied with "Terapkan pilihan dan periksa ulang" is no
longer an open question, but the choice must still reach the import, and the user must still
be able to change it on the page.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

from .conftest import row, write_csv

OEBESA = "53.02.01.1003"


def _preview(client, tmp_path) -> ImportBatch:
    # two rows with a misspelt desa (suggestion: Oebesa) and one good row
    path = write_csv(
        tmp_path / "feb.csv",
        [row("Ani", desa="Oebesah"), row("Budi", sex="L", desa="Oebesah"), row("Citra")],
    )
    upload = SimpleUploadedFile("feb.csv", path.read_bytes(), content_type="text/csv")
    client.post(reverse("measurements:upload"), {"file": upload})
    return ImportBatch.objects.get()


def _post(client, batch, data, capture):
    with capture(execute=True):
        return client.post(reverse("measurements:confirm", args=[batch.pk]), data)


def test_it_saves_the_rows_of_an_applied_desa_when_the_form_sends_nothing(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    batch = _preview(client, tmp_path)
    _post(client, batch, {"desa_0": OEBESA, "apply": "1"}, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.rows_ok, batch.rows_error, batch.created) == (3, 0, 3)

    # a page rendered before the fix sent only the CSRF token: the applied pick still counts
    _post(client, batch, {}, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE, batch.message
    assert batch.created == 3 and Measurement.objects.count() == 3
    assert Measurement.objects.filter(desa_code=OEBESA).count() == 2


def test_it_shows_the_applied_pick_and_saves_it_from_the_page(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    batch = _preview(client, tmp_path)
    _post(client, batch, {"desa_0": OEBESA, "apply": "1"}, django_capture_on_commit_callbacks)

    html = client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()
    assert "Simpan 3 baris yang baik" in html
    # the select is still on the form, with the applied desa chosen
    assert f'<option value="{OEBESA}" selected>' in html

    _post(client, batch, {"desa_0": OEBESA}, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.status, batch.created) == (ImportStatus.DONE, 3)


def test_it_follows_a_pick_changed_after_applying(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    batch = _preview(client, tmp_path)
    _post(client, batch, {"desa_0": OEBESA, "apply": "1"}, django_capture_on_commit_callbacks)

    # the user sets the desa back to "— jangan impor baris ini —" and saves without applying
    _post(client, batch, {"desa_0": ""}, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created, batch.rows_error) == (1, 2)
    assert list(Measurement.objects.values_list("child__name", flat=True)) == ["Citra"]


def test_it_applies_a_second_pick_without_losing_the_first(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    path = write_csv(
        tmp_path / "feb.csv",
        [row("Ani", desa="Oebesah"), row("Budi", sex="L", desa="Kuatai")],
    )
    upload = SimpleUploadedFile("feb.csv", path.read_bytes(), content_type="text/csv")
    client.post(reverse("measurements:upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    names = [s["desa"] for s in batch.summary["suggestions"]]
    assert sorted(names) == ["Kuatai", "Oebesah"]
    first = names.index("Oebesah")

    applied = {f"desa_{first}": OEBESA, "apply": "1"}
    _post(client, batch, applied, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert batch.rows_error == 1
    # now the open name comes first on the form, the applied one after it
    [open_] = batch.summary["suggestions"]
    assert open_["desa"] == "Kuatai"
    _post(
        client, batch, {"desa_0": "53.02.01.2012", "desa_1": OEBESA, "apply": "1"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    batch.refresh_from_db()
    assert (batch.rows_error, batch.created) == (0, 2)

    saved = {"desa_0": "53.02.01.2012", "desa_1": OEBESA}
    _post(client, batch, saved, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.status, batch.created) == (ImportStatus.DONE, 2)
