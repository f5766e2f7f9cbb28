"""Confirming reuses the preview's matching only when nothing was written since: a file previewed,
then overtaken by another import or an edit, is matched again inside the import transaction."""

from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import import_file, row, write_csv


def test_it_does_not_duplicate_rows_another_import_wrote_after_the_preview(
    tmp_path, operator, kabupaten
):
    rows = [row("Ani", nik="5302014101240001"), row("Budi", sex="L")]
    late = preview_import(write_csv(tmp_path / "a.csv", rows), user=operator, region=kabupaten)
    assert late.summary["predicted"]["created"] == 2
    import_file(
        write_csv(tmp_path / "same.csv", rows), operator, kabupaten
    )  # overtakes the preview
    batch = confirm_import(late, user=operator, desa_confirmations={})
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 2)
    assert Child.objects.count() == 2 and Measurement.objects.count() == 2


def test_it_updates_a_measurement_edited_after_the_preview(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "a.csv", [row("Ani", weight="9,5")])
    import_file(path, operator, kabupaten)
    again = preview_import(path, user=operator, region=kabupaten)
    assert again.summary["predicted"]["unchanged"] == 1
    m = Measurement.objects.get()
    m.weight_kg = 12.0  # a correction saved in between (recorded in the history)
    m.save()
    batch = confirm_import(again, user=operator, desa_confirmations={})
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 0)
    assert Measurement.objects.get().weight_kg == 9.5


def test_it_reuses_the_preview_when_nothing_changed(tmp_path, operator, kabupaten, monkeypatch):
    from konvergensi.measurements import services

    batch = preview_import(
        write_csv(tmp_path / "a.csv", [row("Ani")]), user=operator, region=kabupaten
    )
    calls = []
    real = services._match
    monkeypatch.setattr(services, "_match", lambda a: calls.append(a) or real(a))
    batch = confirm_import(batch, user=operator, desa_confirmations={})
    assert (batch.created, calls) == (1, [])
