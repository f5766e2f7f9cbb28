"""A row whose NIK is stored for a child with another birth date or sex is an error, not merged
into that child (acceptance P2, f15: the measurement's age came from the row's birth date while
the child kept the first one, so its z-scores contradicted the record)."""

import datetime as dt

import openpyxl

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import HEADER, as_xlsx_cells, import_file, row, write_csv

NIK = "5302014101240001"


def _issues(batch):
    return [(i[0], i[1], i[2], i[3], i[4]) for i in batch.summary["issues"]]


def _stored(tmp_path, user, region, **changes):
    values = {"nik": NIK, "born": "12/03/2024", "measured": "10/02/2026", **changes}
    return import_file(write_csv(tmp_path / "first.csv", [row("Ani Tefa", **values)]), user, region)


def test_it_refuses_a_row_whose_nik_is_stored_with_another_birth_date(
    tmp_path, operator, kabupaten
):
    _stored(tmp_path, operator, kabupaten)
    path = write_csv(tmp_path / "second.csv", [
        row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026"),
        row("Budi", sex="L", measured="10/03/2026"),
    ])  # fmt: skip

    preview = preview_import(path, user=operator, region=kabupaten)

    assert _issues(preview) == [
        (2, "Tgl Lahir", "error", "nik_birth_date_stored",
         "NIK sudah terdaftar untuk anak dengan tanggal lahir 12/03/2024 (Ani Tefa), bukan "
         "21/03/2024: periksa tanggal lahir atau NIK."),
    ]  # fmt: skip
    assert (preview.rows_ok, preview.rows_error) == (1, 1)
    assert preview.summary["predicted"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert preview.summary["children_new"] == 1

    batch = confirm_import(preview, user=operator, desa_confirmations={})

    assert (batch.created, batch.updated, batch.unchanged, batch.rows_error) == (1, 0, 0, 1)
    child = Child.objects.get(nik=NIK)
    assert child.birth_date == dt.date(2024, 3, 12)
    assert list(child.measurements.values_list("measured_on", flat=True)) == [dt.date(2026, 2, 10)]
    assert Child.objects.count() == 2


def test_it_refuses_a_row_whose_nik_is_stored_with_another_sex(tmp_path, operator, kabupaten):
    _stored(tmp_path, operator, kabupaten, sex="P")
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="12/03/2024", sex="L", measured="10/03/2026")],
    )

    batch = import_file(path, operator, kabupaten)

    assert _issues(batch) == [
        (2, "JK", "error", "nik_sex_stored",
         "NIK sudah terdaftar untuk anak perempuan (Ani Tefa), bukan laki-laki: periksa jenis "
         "kelamin atau NIK."),
    ]  # fmt: skip
    assert batch.created == 0 and Measurement.objects.count() == 1


def test_it_treats_a_birth_date_shifted_by_the_excel_1904_epoch_as_another_date(
    tmp_path, operator, kabupaten
):
    # a workbook saved with the 1904 date system shows the same serial 1,462 days later: the
    # dates might be one, but which one is right is for the user to say
    _stored(tmp_path, operator, kabupaten, born="12/03/2021")
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="13/03/2025", measured="10/03/2026")],
    )

    batch = import_file(path, operator, kabupaten)

    assert [i[3] for i in batch.summary["issues"] if i[2] == "error"] == ["nik_birth_date_stored"]
    assert batch.created == 0


def test_it_leaves_out_the_name_of_a_stored_child_the_user_may_not_see(
    tmp_path, operator, puskesmas_operator, kabupaten
):
    # stored by Dinkes in Kuatae, which Puskesmas Soe does not serve; the same NIK then comes in
    # a Puskesmas Soe file for SoE with another birth date
    _stored(tmp_path, operator, kabupaten, desa="Kuatae")
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", desa="SoE", measured="10/03/2026")],
    )

    batch = preview_import(path, user=puskesmas_operator, region=kabupaten)

    assert [i[4] for i in batch.summary["issues"]] == [
        "NIK sudah terdaftar untuk anak dengan tanggal lahir 12/03/2024, bukan 21/03/2024: "
        "periksa tanggal lahir atau NIK."
    ]


def test_it_names_a_stored_child_the_puskesmas_serves(tmp_path, operator, puskesmas_operator,
                                                      kabupaten):  # fmt: skip
    _stored(tmp_path, operator, kabupaten, desa="Cendana")
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", desa="SoE", measured="10/03/2026")],
    )

    batch = preview_import(path, user=puskesmas_operator, region=kabupaten)

    assert "12/03/2024 (Ani Tefa), bukan 21/03/2024" in batch.summary["issues"][0][4]


def test_it_names_no_child_to_a_bappeda_admin(tmp_path, operator, kabupaten):
    # the kabupaten admin may import, but children's names are for the health side only
    bappeda = Institution.objects.create(
        name="Bappeda TTS", kind=InstitutionKind.BAPPEDA, region=kabupaten
    )
    admin = User.objects.create_user(
        username="bappeda_admin", password="x" * 12, institution=bappeda, role=Role.ADMIN
    )
    _stored(tmp_path, operator, kabupaten)
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")],
    )

    batch = preview_import(path, user=admin, region=kabupaten)

    assert "Ani Tefa" not in batch.summary["issues"][0][4]
    assert batch.rows_error == 1


def test_it_reports_the_same_error_again_and_writes_nothing_on_reimport(
    tmp_path, operator, kabupaten
):
    _stored(tmp_path, operator, kabupaten)
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")],
    )
    first = import_file(path, operator, kabupaten)
    again = import_file(path, operator, kabupaten)

    assert _issues(again) == _issues(first)
    assert (again.created, again.updated, again.unchanged, again.rows_error) == (0, 0, 0, 1)
    assert Measurement.objects.count() == 1


def test_it_lists_the_conflict_in_the_error_file(tmp_path, operator, kabupaten):
    _stored(tmp_path, operator, kabupaten)
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")],
    )

    batch = preview_import(path, user=operator, region=kabupaten)

    with batch.error_file.open("rb") as fh:
        text = fh.read().decode("utf-8-sig")
    assert "NIK sudah terdaftar untuk anak dengan tanggal lahir 12/03/2024" in text


def test_it_matches_again_when_the_stored_child_changed_after_the_preview(
    tmp_path, operator, kabupaten
):
    _stored(tmp_path, operator, kabupaten)
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")],
    )
    preview = preview_import(path, user=operator, region=kabupaten)
    assert preview.rows_error == 1
    child = Child.objects.get()
    child.birth_date = dt.date(2024, 3, 21)  # the officer corrects the stored record first
    child.save()

    batch = confirm_import(preview, user=operator, desa_confirmations={})

    assert (batch.created, batch.rows_error, batch.summary["issues"]) == (1, 0, [])
    assert Measurement.objects.filter(child=child).count() == 2


def test_it_refuses_a_row_that_became_a_conflict_after_the_preview(tmp_path, operator, kabupaten):
    path = write_csv(
        tmp_path / "late.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")],
    )
    preview = preview_import(path, user=operator, region=kabupaten)
    assert preview.summary["predicted"]["created"] == 1
    _stored(tmp_path, operator, kabupaten)  # another import stores the NIK in between

    batch = confirm_import(preview, user=operator, desa_confirmations={})

    assert (batch.created, batch.rows_error) == (0, 1)
    assert Child.objects.count() == 1 and Measurement.objects.count() == 1


def test_it_reports_the_acceptance_file_f15_after_f01_style_data(tmp_path, operator, kabupaten):
    # f15: the stored NIK arrives twice, once with the stored birth date (in another desa) and
    # once with another; the file rule makes both errors, so neither reaches the child
    _stored(tmp_path, operator, kabupaten)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(as_xlsx_cells(row("Ani Tefa", nik=NIK, born="21/03/2024", measured="10/03/2026")))
    ws.append(as_xlsx_cells(row("Anny Tefa", nik=NIK, born="12/03/2024", desa="Cendana",
                                measured="11/03/2026")))  # fmt: skip
    wb.save(tmp_path / "f15.xlsx")

    batch = import_file(tmp_path / "f15.xlsx", operator, kabupaten)

    assert [i[3] for i in batch.summary["issues"]] == ["nik_birth_date_conflict"] * 2
    assert (batch.created, batch.rows_error) == (0, 2)


def test_it_reports_birth_date_and_sex_when_both_differ(tmp_path, operator, kabupaten):
    _stored(tmp_path, operator, kabupaten, sex="P")
    path = write_csv(
        tmp_path / "second.csv",
        [row("Ani Tefa", nik=NIK, born="21/03/2024", sex="L", measured="10/03/2026")],
    )

    batch = preview_import(path, user=operator, region=kabupaten)

    assert [(i[0], i[1], i[3]) for i in batch.summary["issues"]] == [
        (2, "Tgl Lahir", "nik_birth_date_stored"),
        (2, "JK", "nik_sex_stored"),
    ]
    assert (batch.rows_error, batch.summary["predicted"]["created"]) == (1, 0)
