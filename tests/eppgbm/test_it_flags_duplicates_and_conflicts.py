from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv


def test_it_keeps_the_first_of_identical_rows_and_warns_on_the_others(tmp_path):
    # the "No" column differs: it is not a measurement value
    rows = [row(No="1"), row(No="2", Nama="Ani", NIK=""), row(No="3"), row(No="4")]

    parsed = parse_rows(read_table(write_csv(tmp_path / "dup.csv", rows)), today=TODAY)

    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (
            4,
            "",
            "warning",
            "duplicate",
            "Baris duplikat dari baris 2 (hanya baris 2 yang diimpor).",
        ),
        (
            5,
            "",
            "warning",
            "duplicate",
            "Baris duplikat dari baris 2 (hanya baris 2 yang diimpor).",
        ),
    ]
    assert parsed.data["duplicate_of"].to_list() == [None, None, 2, 2]
    assert parsed.importable.tolist() == [True, True, False, False]
    assert parsed.counts() == {
        "rows": 4, "ok": 2, "warning": 2, "error": 0, "duplicate": 2, "importable": 2,
    }  # fmt: skip


def test_it_reports_conflicting_values_for_the_same_child_and_date_on_both_rows(tmp_path):
    rows = [
        row(NIK="", Berat="11,5"),
        row(NIK="", Nama="Ani", JK="P"),
        row(NIK="", Berat="12,5"),  # same child (name, birth date, mother, desa), same date
        row(NIK="", Berat="11,5", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur=""),
    ]

    parsed = parse_rows(read_table(write_csv(tmp_path / "beda.csv", rows)), today=TODAY)

    message = "Anak yang sama diukur pada tanggal yang sama dengan data berbeda di baris {}."
    assert [(i.row, i.severity, i.code, i.message) for i in parsed.issues] == [
        (2, "error", "conflict", message.format(4)),
        (4, "error", "conflict", message.format(2)),
    ]


def test_it_keys_children_by_nik_when_it_is_valid(tmp_path):
    # same NIK, different spelling of the name: the same child measured twice the same day
    rows = [row(Nama="Budi Santoso"), row(Nama="Budi Santosa")]

    parsed = parse_rows(read_table(write_csv(tmp_path / "nik.csv", rows)), today=TODAY)

    assert [i.code for i in parsed.issues] == ["conflict", "conflict"]
    assert parsed.data["child_key"].to_list() == ["nik|5302014501230001"] * 2


def test_it_does_not_promise_to_import_the_original_of_a_copy_when_that_is_an_error(tmp_path):
    # acceptance P6: row 2 conflicts with row 4; row 3, an exact copy of row 2, was told
    # "hanya baris 2 yang diimpor" although row 2 is not imported either
    rows = [
        row(NIK="", Berat="11,5"),
        row(NIK="", Berat="11,5"),
        row(NIK="", Berat="12,5"),
    ]

    parsed = parse_rows(read_table(write_csv(tmp_path / "salin.csv", rows)), today=TODAY)

    conflict = "Anak yang sama diukur pada tanggal yang sama dengan data berbeda di baris {}."
    assert [(i.row, i.severity, i.code, i.message) for i in parsed.issues] == [
        (2, "error", "conflict", conflict.format(4)),
        (3, "error", "duplicate",
         "Baris duplikat dari baris 2; baris 2 bergalat, jadi keduanya tidak diimpor."),
        (4, "error", "conflict", conflict.format(2)),
    ]  # fmt: skip
    assert parsed.data["status"].to_list() == ["error", "error", "error"]
    assert not parsed.importable.any()


def test_it_makes_a_copy_of_a_row_with_a_bad_value_an_error_too(tmp_path):
    rows = [row(Berat="sebelas"), row(Berat="sebelas"), row(NIK="", Nama="Ani")]

    parsed = parse_rows(read_table(write_csv(tmp_path / "salin.csv", rows)), today=TODAY)

    assert [(i.row, i.severity, i.code) for i in parsed.issues] == [
        (2, "error", "weight_invalid"),
        (3, "error", "duplicate"),
        (3, "error", "weight_invalid"),
    ]
    assert parsed.issues[1].message == (
        "Baris duplikat dari baris 2; baris 2 bergalat, jadi keduanya tidak diimpor."
    )
    assert parsed.importable.tolist() == [False, False, True]
