from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.measurements.models import ImportBatch, ImportStatus, Measurement

from .conftest import row, write_csv


def test_it_uploads_previews_confirms_and_shows_the_result(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    path = write_csv(
        tmp_path / "feb.csv",
        [row("Ani"), row("Budi", sex="L", weight="x"), row("Citra", desa="Oebesah")],
    )
    upload = SimpleUploadedFile("feb.csv", path.read_bytes(), content_type="text/csv")
    response = client.post(reverse("measurements:upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "measurements:batch", args=[batch.pk]
    )

    page = client.get(reverse("measurements:batch", args=[batch.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Berat badan bukan angka" in html and "Oebesa" in html
    assert Measurement.objects.count() == 0

    assert client.get(reverse("measurements:error_file", args=[batch.pk])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("measurements:confirm", args=[batch.pk]), {"desa_0": "53.02.01.1003"}
        )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created, batch.rows_error) == (2, 1)
    assert "2 baru" in client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()
    assert "feb.csv" in client.get(reverse("measurements:imports")).content.decode()


def test_it_shows_the_file_level_message_on_the_upload_page(client, operator):
    client.force_login(operator)
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    response = client.post(reverse("measurements:upload"), {"file": upload})
    assert response.status_code == 200
    assert "bukan spreadsheet" in response.content.decode()


def test_it_cancels_a_preview(client, operator, tmp_path):
    client.force_login(operator)
    path = write_csv(tmp_path / "feb.csv", [row("Ani")])
    client.post(
        reverse("measurements:upload"), {"file": SimpleUploadedFile("feb.csv", path.read_bytes())}
    )
    batch = ImportBatch.objects.get()
    client.post(reverse("measurements:cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and Measurement.objects.count() == 0


def test_the_preview_speaks_the_readers_language(client, operator, tmp_path, settings):
    path = write_csv(tmp_path / "feb.csv", [row("Ani"), row("Budi", kec="", desa="")])
    client.force_login(operator)
    upload = SimpleUploadedFile("feb.csv", path.read_bytes(), content_type="text/csv")
    client.post(reverse("measurements:upload"), {"file": upload})
    url = reverse("measurements:batch", args=[ImportBatch.objects.get().pk])

    indonesian = client.get(url).content.decode()
    assert "(tanpa desa)" in indonesian
    assert '<span class="badge text-bg-danger">Galat</span>' in indonesian

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "(no desa)" in english and "(tanpa desa)" not in english
    # one problem is an "Error", the column of counts "Errors"
    assert '<span class="badge text-bg-danger">Error</span>' in english
    assert ">Errors</th>" in english
