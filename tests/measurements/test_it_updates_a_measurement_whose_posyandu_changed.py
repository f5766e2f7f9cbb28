"""A row whose only change is its posyandu is an update when the file has a Posyandu column
(the child was weighed at another posyandu, or the first file named the wrong one); a file
without that column says nothing about it and the stored posyandu stays."""

from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import HEADER, import_file, row, write_csv


def _counts(batch) -> tuple[int, int, int]:
    return batch.created, batch.updated, batch.unchanged


def test_it_moves_the_measurement_to_the_posyandu_the_file_names(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "a.csv", [row("Ani", posyandu="Melati")]), operator, kabupaten)

    path = write_csv(tmp_path / "b.csv", [row("Ani", posyandu="Mawar")])
    preview = preview_import(path, user=operator, region=kabupaten)
    assert _counts(preview) == (0, 1, 0)

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert _counts(batch) == (0, 1, 0), batch.message
    assert Measurement.objects.get().posyandu.name == "Mawar"


def test_it_leaves_the_same_posyandu_written_otherwise_unchanged(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "a.csv", [row("Ani", posyandu="Melati")]), operator, kabupaten)
    stored = Measurement.objects.get().posyandu_id

    batch = import_file(
        write_csv(tmp_path / "b.csv", [row("Ani", posyandu=" POSYANDU melati ")]),
        operator,
        kabupaten,
    )
    assert _counts(batch) == (0, 0, 1)
    assert Measurement.objects.get().posyandu_id == stored


def test_it_clears_the_posyandu_a_file_leaves_empty_as_an_update(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "a.csv", [row("Ani", posyandu="Melati")]), operator, kabupaten)

    path = write_csv(tmp_path / "b.csv", [row("Ani", posyandu="")])
    preview = preview_import(path, user=operator, region=kabupaten)
    predicted = _counts(preview)
    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert predicted == _counts(batch) == (0, 1, 0)
    assert Measurement.objects.get().posyandu_id is None


def test_it_keeps_the_posyandu_when_the_file_has_no_such_column(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "a.csv", [row("Ani", posyandu="Melati")]), operator, kabupaten)
    keep = [i for i, h in enumerate(HEADER) if h != "Posyandu"]
    cells = row("Ani", posyandu="Mawar")

    batch = import_file(
        write_csv(tmp_path / "b.csv", [[cells[i] for i in keep]], [HEADER[i] for i in keep]),
        operator,
        kabupaten,
    )
    assert _counts(batch) == (0, 0, 1)
    assert Measurement.objects.get().posyandu.name == "Melati"
