"""A child stored without NIK is found by name, birth date and mother. Rows that find it so
but carry two different NIKs are two children or one NIK typed wrong: the import cannot tell
which, so each is an error naming the others and nothing of them is written; the rest of the
file, and the rows without NIK, are imported (docs/decisions/0004)."""

from konvergensi.measurements.models import Child, ImportStatus, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import import_file, row, write_csv

NIK = "5302014101240001"
OTHER = "5302014101240002"


def test_it_makes_the_rows_errors_and_imports_the_others(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "feb.csv", [row("Ani")]), operator, kabupaten)
    path = write_csv(tmp_path / "next.csv", [
        row("Ani", nik=NIK, measured="10/03/2026", weight="9,8"),
        row("Budi", sex="L", parent="Yohana"),
        row("Ani", nik=OTHER, measured="10/04/2026", weight="10,1"),
        row("Ani", measured="10/05/2026", weight="10,3"),
        row("Ani", nik=NIK, measured="10/06/2026", weight="10,4"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)
    errors = {i[0]: i for i in preview.summary["issues"] if i[2] == "error"}
    assert sorted(errors) == [2, 4, 6]
    assert errors[4][1:4] == ["NIK", "error", "nik_two_for_one_child"]
    assert errors[4][4] == (
        "Nama, tanggal lahir dan nama ibu sama dengan anak tanpa NIK yang sudah terdaftar, "
        f"seperti baris 2, 6 tetapi dengan NIK lain ({NIK}): tidak jelas NIK mana yang benar. "
        "Periksa NIK baris-baris ini."
    )
    assert f"baris 4 tetapi dengan NIK lain ({OTHER})" in errors[2][4]
    assert preview.summary["predicted"] == {"created": 2, "updated": 0, "unchanged": 0}

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created, batch.rows_error) == (2, 3)
    ani = Child.objects.get(name="Ani")
    assert ani.nik == ""
    assert sorted(Measurement.objects.filter(child=ani).values_list("weight_kg", flat=True)) == [
        9.5,
        10.3,
    ]
    assert Child.objects.count() == 2


def test_it_still_fills_one_nik_given_on_several_dates(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "feb.csv", [row("Ani")]), operator, kabupaten)
    path = write_csv(tmp_path / "next.csv", [
        row("Ani", nik=NIK, measured="10/03/2026"),
        row("Ani", nik=NIK, measured="10/04/2026"),
    ])  # fmt: skip

    batch = import_file(path, operator, kabupaten)

    assert (batch.created, batch.summary["issues"]) == (2, [])
    assert list(Child.objects.values_list("nik", flat=True)) == [NIK]
