"""Two NIKs are two children: a row matching a stored child by name, birth date and mother but
carrying another NIK makes a new child, with a warning to check the NIK (docs/decisions/0004;
acceptance P2, f02's "Mária Nenobais" was merged into the child with another NIK)."""

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import import_file, row, write_csv

STORED = "5302014101241002"
OTHER = "5302014101240002"


def _store(tmp_path, user, region):
    path = write_csv(tmp_path / "first.csv", [row("Maria Nenobais", nik=STORED, parent="Yuliana")])
    return import_file(path, user, region)


def test_it_makes_a_new_child_for_another_nik_and_warns(tmp_path, operator, kabupaten):
    _store(tmp_path, operator, kabupaten)
    path = write_csv(tmp_path / "second.csv", [
        row("Mária Nenobais", nik=OTHER, parent="Yuliana", measured="10/03/2026"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)

    assert [tuple(i) for i in preview.summary["issues"]] == [
        (2, "NIK", "warning", "nik_other_child",
         "Nama, tanggal lahir dan nama ibu sama dengan anak yang sudah terdaftar di desa ini "
         f"dengan NIK lain {STORED}: baris ini dicatat sebagai anak lain. Periksa NIK bila "
         "keduanya anak yang sama."),
    ]  # fmt: skip
    assert (preview.rows_warning, preview.summary["children_new"]) == (1, 1)

    batch = confirm_import(preview, user=operator, desa_confirmations={})

    assert batch.created == 1
    assert sorted(Child.objects.values_list("nik", flat=True)) == [OTHER, STORED]
    assert Measurement.objects.filter(child__nik=STORED).count() == 1


def test_it_changes_nothing_on_reimport_and_still_warns(tmp_path, operator, kabupaten):
    _store(tmp_path, operator, kabupaten)
    path = write_csv(tmp_path / "second.csv", [
        row("Maria Nenobais", nik=OTHER, parent="Yuliana", measured="10/03/2026"),
    ])  # fmt: skip
    import_file(path, operator, kabupaten)

    again = import_file(path, operator, kabupaten)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert [i[3] for i in again.summary["issues"]] == ["nik_other_child"]
    assert Child.objects.count() == 2


def test_it_shows_the_stored_nik_only_to_who_may_see_it(tmp_path, operator, kabupaten):
    bappeda = Institution.objects.create(
        name="Bappeda TTS", kind=InstitutionKind.BAPPEDA, region=kabupaten
    )
    admin = User.objects.create_user(
        username="bappeda_admin", password="x" * 12, institution=bappeda, role=Role.ADMIN
    )
    _store(tmp_path, operator, kabupaten)
    path = write_csv(tmp_path / "second.csv", [
        row("Maria Nenobais", nik=OTHER, parent="Yuliana", measured="10/03/2026"),
    ])  # fmt: skip

    batch = preview_import(path, user=admin, region=kabupaten)

    (issue,) = batch.summary["issues"]
    assert issue[3] == "nik_other_child" and STORED not in issue[4]


def test_it_still_matches_a_row_without_nik_to_the_child_with_one(tmp_path, operator, kabupaten):
    _store(tmp_path, operator, kabupaten)
    path = write_csv(tmp_path / "second.csv", [
        row("Maria Nenobais", parent="Yuliana", measured="10/03/2026"),
    ])  # fmt: skip

    batch = import_file(path, operator, kabupaten)

    assert (batch.created, batch.summary["issues"]) == (1, [])
    assert Child.objects.count() == 1
    assert Measurement.objects.filter(child__nik=STORED).count() == 2
