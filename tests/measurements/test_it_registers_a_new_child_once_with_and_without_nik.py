"""One new child written in one file once with its NIK and once without (name, birth date,
mother and desa the same) is one child: registered once, with the NIK, and both measurements
hang on it (docs/decisions/0004). When two rows with different NIKs share that name, birth date
and mother, the row without NIK cannot tell which child it is and says so."""

from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import import_file, row, write_csv

NIK = "5302014101240001"
OTHER = "5302014101240002"


def test_it_registers_the_child_once_with_its_nik(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "a.csv", [
        row("Ani", measured="10/02/2026"),  # without NIK first: the child still gets the NIK
        row("Budi", sex="L", parent="Yohana"),
        row("ANI", nik=NIK, measured="10/03/2026", weight="9,8"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)
    assert (preview.summary["children_new"], preview.created, preview.rows_warning) == (2, 3, 0)

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert (batch.status, batch.created) == ("done", 3), batch.message
    ani = Child.objects.get(name__iexact="ani")
    assert ani.nik == NIK
    assert sorted(Measurement.objects.filter(child=ani).values_list("weight_kg", flat=True)) == [
        9.5,
        9.8,
    ]
    assert Child.objects.count() == 2


def test_it_keeps_apart_a_row_of_the_other_sex(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "a.csv", [
        row("Ani", nik=NIK),
        row("Ani", sex="L", measured="10/03/2026"),
    ])  # fmt: skip

    batch = import_file(path, operator, kabupaten)

    assert batch.created == 2
    assert sorted(Child.objects.values_list("nik", "sex")) == [("", 1), (NIK, 2)]


def test_it_makes_both_rows_errors_on_one_date(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "a.csv", [
        row("Ani", nik=NIK, weight="9,8"),
        row("Budi", sex="L", parent="Yohana"),
        row("Ani", weight="9,9"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)
    errors = {i[0]: i for i in preview.summary["issues"] if i[2] == "error"}
    assert sorted(errors) == [2, 4]
    assert errors[2][3] == "same_child_same_date" and "baris 4" in errors[2][4]
    assert "baris 2" in errors[4][4]
    assert preview.summary["children_new"] == 1

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert (batch.status, batch.created, batch.rows_error) == ("done", 1, 2), batch.message
    assert list(Child.objects.values_list("name", flat=True)) == ["Budi"]


def test_it_warns_a_row_without_nik_that_two_niks_share(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "a.csv", [
        row("Ani", nik=NIK),
        row("Ani", nik=OTHER),
        row("Ani", measured="10/03/2026"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)
    assert [tuple(i) for i in preview.summary["issues"]] == [
        (4, "NIK", "warning", "nik_ambiguous",
         "Nama, tanggal lahir dan nama ibu sama dengan baris 2, 3 yang NIK-nya berbeda: tidak "
         "jelas anak yang mana, baris ini dicatat sebagai anak tanpa NIK. Isi NIK pada baris ini."),
    ]  # fmt: skip
    assert (preview.rows_warning, preview.summary["children_new"]) == (1, 3)

    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert batch.created == 3
    assert sorted(Child.objects.values_list("nik", flat=True)) == ["", NIK, OTHER]


def test_it_hangs_both_rows_on_a_stored_child_with_the_nik(tmp_path, operator, kabupaten):
    import_file(write_csv(tmp_path / "feb.csv", [row("Ani", nik=NIK)]), operator, kabupaten)
    path = write_csv(tmp_path / "mar.csv", [
        row("Ani", measured="10/03/2026"),
        row("Ani", nik=NIK, measured="10/04/2026"),
    ])  # fmt: skip

    batch = import_file(path, operator, kabupaten)

    assert (batch.created, batch.summary["issues"]) == (2, [])
    assert Child.objects.count() == 1
    assert Measurement.objects.filter(child__nik=NIK).count() == 3
