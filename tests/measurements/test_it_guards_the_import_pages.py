import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name", ["measurements:upload", "measurements:entry", "measurements:template"]
)
def test_a_viewer_cannot_open_the_import_pages(client, viewer, name):
    client.force_login(viewer)
    assert client.get(reverse(name)).status_code == 403


def test_a_bappeda_operator_cannot_import_measurements(client, bappeda_viewer):
    client.force_login(bappeda_viewer)
    assert client.get(reverse("measurements:upload")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_login(client, kabupaten):
    response = client.get(reverse("measurements:upload"))
    assert response.status_code == 302
    assert "?next=/pengukuran/impor/unggah/" in response["Location"]


def test_export_of_personal_data_is_refused_to_bappeda(client, bappeda_viewer):
    client.force_login(bappeda_viewer)
    assert client.get(reverse("measurements:export")).status_code == 403


def test_a_batch_of_another_kabupaten_user_is_not_found(
    client, operator, puskesmas_operator, tmp_path, kabupaten
):
    from konvergensi.measurements.services import preview_import

    from .conftest import row, write_csv

    batch = preview_import(write_csv(tmp_path / "a.csv", [row()]), user=operator, region=kabupaten)
    client.force_login(puskesmas_operator)  # the puskesmas' scope is its desa, not the kabupaten
    assert client.get(reverse("measurements:batch", args=[batch.pk])).status_code == 404
