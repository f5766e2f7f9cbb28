from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def _import(tmp_path, name, rows, user, region):
    return confirm_import(
        preview_import(write_csv(tmp_path / name, rows), user=user, region=region),
        user=user,
        desa_confirmations={},
    )


def test_it_matches_a_child_by_nik_within_the_kabupaten(tmp_path, operator, kabupaten):
    _import(tmp_path, "a.csv", [row("Ani", nik="5302014101240001")], operator, kabupaten)
    # same NIK, name spelt differently and moved to another desa of the kabupaten
    batch = _import(
        tmp_path,
        "b.csv",
        [row("Anny", nik="5302014101240001", desa="Cendana", measured="10/03/2026")],
        operator,
        kabupaten,
    )
    assert batch.created == 1 and Child.objects.count() == 1
    assert Measurement.objects.filter(child__name="Ani").count() == 2


def test_it_matches_a_child_without_nik_by_name_birth_date_and_mother(
    tmp_path, operator, kabupaten
):
    _import(tmp_path, "a.csv", [row("Ani Lestari", parent="Maria Goreti")], operator, kabupaten)
    batch = _import(tmp_path, "b.csv", [
        row("ANI  LESTARI", parent="maria goreti.", measured="10/03/2026"),  # same child
        # another birth date
        row("Ani Lestari", parent="Maria Goreti", born="06/01/2024", measured="10/03/2026"),
        row("Ani Lestari", parent="Yuliana", measured="10/03/2026"),  # other mother
    ], operator, kabupaten)  # fmt: skip
    assert batch.created == 3
    assert Child.objects.count() == 3
    assert (
        Measurement.objects.filter(
            child__mother_name="Maria Goreti", child__birth_date="2024-01-05"
        ).count()
        == 2
    )


def test_it_keeps_the_nik_learnt_later_for_a_child_matched_by_name(tmp_path, operator, kabupaten):
    _import(tmp_path, "a.csv", [row("Ani")], operator, kabupaten)
    _import(
        tmp_path,
        "b.csv",
        [row("Ani", nik="5302014101240001", measured="10/03/2026")],
        operator,
        kabupaten,
    )
    assert list(Child.objects.values_list("nik", flat=True)) == ["5302014101240001"]
