"""A file may lack optional columns (Posyandu, Berat, LiLA ...). Updating a stored measurement
from such a file changes what the file says and keeps the rest: the posyandu stays, and the
z-scores are those of the stored weight with the new height, not of "no weight"."""

from konvergensi.measurements.models import Measurement

from .conftest import HEADER, import_file, row, write_csv


def _without(columns: set[str], r: list[str]) -> tuple[list[str], list[str]]:
    keep = [i for i, h in enumerate(HEADER) if h not in columns]
    return [HEADER[i] for i in keep], [r[i] for i in keep]


def test_it_keeps_the_posyandu_and_the_weight_results_when_only_the_height_is_corrected(
    tmp_path, operator, kabupaten
):
    import_file(write_csv(tmp_path / "full.csv", [row("Ani", height="75,2")]), operator, kabupaten)
    before = Measurement.objects.get()
    assert before.posyandu is not None and before.zwei is not None and before.cat_wfa

    header, cells = _without({"Posyandu", "Berat"}, row("Ani", height="76,0"))
    batch = import_file(write_csv(tmp_path / "tinggi.csv", [cells], header), operator, kabupaten)
    assert (batch.status, batch.updated) == ("done", 1), batch.message

    after = Measurement.objects.get()
    assert after.lenhei_cm == 76.0 and after.weight_kg == 9.5
    assert after.posyandu_id == before.posyandu_id
    # weight-for-age does not depend on the height: the same z as before
    assert after.zwei == before.zwei and after.cat_wfa == before.cat_wfa
    # weight-for-length does, and is computed with the stored weight
    assert after.zwfl is not None and after.zwfl != before.zwfl
    full = import_file(
        write_csv(tmp_path / "lagi.csv", [row("Ani", height="76,0")]), operator, kabupaten
    )
    assert (full.updated, full.unchanged) == (0, 1)
    assert Measurement.objects.get().zwfl == after.zwfl


def test_it_still_clears_the_posyandu_a_file_leaves_empty(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "a.csv", [row("Ani")]), operator, kabupaten)
    import_file(
        write_csv(tmp_path / "b.csv", [row("Ani", posyandu="", weight="9,7")]), operator, kabupaten
    )
    assert Measurement.objects.get().posyandu_id is None
