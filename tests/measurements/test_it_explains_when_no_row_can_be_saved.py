"""A preview where every row is an error offers no "Simpan 0 baris" but says why (P9)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konvergensi.measurements.models import ImportBatch

from .conftest import row, write_csv


def _preview_page(client, tmp_path, rows) -> str:
    path = write_csv(tmp_path / "feb.csv", rows)
    upload = SimpleUploadedFile("feb.csv", path.read_bytes(), content_type="text/csv")
    client.post(reverse("measurements:upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    return client.get(reverse("measurements:batch", args=[batch.pk])).content.decode()


def test_it_hides_the_save_button_when_every_row_is_an_error(client, operator, tmp_path):
    client.force_login(operator)
    html = _preview_page(client, tmp_path, [row("Ani", weight="x"), row("Budi", desa="Atlantis")])
    assert "Simpan 0 baris" not in html
    assert "Tidak ada baris yang bisa disimpan: semua baris bergalat." in html
    assert "Batalkan impor" in html


def test_it_points_to_the_desa_choice_when_only_a_pick_would_help(client, operator, tmp_path):
    client.force_login(operator)
    html = _preview_page(client, tmp_path, [row("Ani", desa="Oebesah")])
    assert "Simpan 0 baris" not in html
    assert "Pilih desa di atas lalu terapkan" in html
    assert "Terapkan pilihan dan periksa ulang" in html


def test_it_offers_to_save_the_good_rows(client, operator, tmp_path):
    client.force_login(operator)
    html = _preview_page(client, tmp_path, [row("Ani"), row("Budi", weight="x")])
    assert "Simpan 1 baris yang baik" in html
    assert "Tidak ada baris yang bisa disimpan" not in html
