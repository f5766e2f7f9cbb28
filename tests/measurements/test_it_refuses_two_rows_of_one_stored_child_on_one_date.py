"""Two rows that the file keys apart (one by NIK, one without NIK by name + birth date + mother)
can reach the same stored child. On one measurement date they are the same measurement twice:
each is an error naming the other, and the rest of the file is imported."""

from konvergensi.measurements.models import Child, ImportStatus, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import import_file, row, write_csv

NIK = "5302014101240001"


def test_it_makes_both_rows_errors_and_imports_the_others(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "feb.csv", [row("Ani", nik=NIK)]), operator, kabupaten)
    path = write_csv(tmp_path / "mar.csv", [
        row("Ani", nik=NIK, measured="10/03/2026", weight="9,8"),  # row 2: by NIK
        row("Budi", sex="L", parent="Yohana", measured="10/03/2026"),  # row 3: fine
        row("Ani", measured="10/03/2026", weight="9,9"),  # row 4: no NIK, by name
    ])  # fmt: skip
    preview = preview_import(path, user=operator, region=kabupaten)
    assert preview.rows_error == 2
    assert preview.summary["predicted"] == {"created": 1, "updated": 0, "unchanged": 0}
    messages = {i[0]: i[4] for i in preview.summary["issues"] if i[2] == "error"}
    assert "baris 4" in messages[2] and "baris 2" in messages[4]

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created, batch.updated, batch.rows_error) == (1, 0, 2)
    assert Child.objects.count() == 2
    ani = Measurement.objects.filter(child__nik=NIK)
    assert list(ani.values_list("weight_kg", flat=True)) == [9.5]  # February only


def test_it_still_imports_them_on_different_dates(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "feb.csv", [row("Ani", nik=NIK)]), operator, kabupaten)
    path = write_csv(tmp_path / "mar.csv", [
        row("Ani", nik=NIK, measured="10/03/2026", weight="9,8"),
        row("Ani", measured="10/04/2026", weight="9,9"),
    ])  # fmt: skip
    batch = import_file(path, operator, kabupaten)
    assert (batch.status, batch.created, batch.rows_error) == ("done", 2, 0), batch.message
    assert Measurement.objects.filter(child__nik=NIK).count() == 3
