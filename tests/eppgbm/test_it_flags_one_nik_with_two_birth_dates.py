"""One NIK is one child: within a file, rows with the same NIK must agree on birth date and sex
(acceptance P2: f03 rows 5 and 6 were merged silently, each row's age from its own date)."""

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv

NIK = "5302014501230001"


def _parse(tmp_path, rows):
    return parse_rows(read_table(write_csv(tmp_path / "nik.csv", rows)), today=TODAY)


def _issues(parsed):
    return [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues]


def _both_rows(column, code, what, on_row_2, on_row_3):
    """The errors on rows 2 and 3, one NIK with two values of ``column``: each row names the
    other and gives its own value first."""
    message = "NIK sama dengan baris {} tetapi {} berbeda ({} vs {}): periksa salah satunya."
    return [
        (2, column, "error", code, message.format(3, what, on_row_2, on_row_3)),
        (3, column, "error", code, message.format(2, what, on_row_3, on_row_2)),
    ]


def test_it_makes_both_rows_errors_when_one_nik_has_two_birth_dates(tmp_path):
    rows = [
        row(Tgl_Lahir="05/01/2023", Tanggal_Pengukuran="05/02/2025"),
        row(Tgl_Lahir="05/02/2023", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur=""),
        row(NIK="", Nama="Ani", JK="P"),
    ]

    parsed = _parse(tmp_path, rows)

    assert _issues(parsed) == _both_rows(
        "Tgl Lahir", "nik_birth_date_conflict", "tanggal lahir", "05/01/2023", "05/02/2023"
    )
    assert parsed.importable.tolist() == [False, False, True]


def test_it_treats_a_day_month_swap_as_another_birth_date(tmp_path):
    # 05/01/2023 and 01/05/2023 may be one date typed two ways, but which one is not known
    rows = [row(), row(Tgl_Lahir="01/05/2023", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur="")]

    parsed = _parse(tmp_path, rows)

    assert [i.code for i in parsed.issues] == ["nik_birth_date_conflict"] * 2
    assert not parsed.importable.any()


def test_it_names_every_other_row_and_date(tmp_path):
    rows = [
        row(Tgl_Lahir="05/01/2023"),
        row(Tgl_Lahir="05/01/2023", Tanggal_Pengukuran="04/02/2025", Usia_Saat_Ukur=""),
        row(Tgl_Lahir="06/01/2023", Tanggal_Pengukuran="03/02/2025", Usia_Saat_Ukur=""),
        row(Tgl_Lahir="07/01/2023", Tanggal_Pengukuran="02/02/2025", Usia_Saat_Ukur=""),
    ]

    messages = {i.row: i.message for i in _parse(tmp_path, rows).issues}

    assert messages[2] == (
        "NIK sama dengan baris 4, 5 tetapi tanggal lahir berbeda (05/01/2023 vs 06/01/2023, "
        "07/01/2023): periksa salah satunya."
    )
    assert messages[4] == (
        "NIK sama dengan baris 2, 3, 5 tetapi tanggal lahir berbeda (06/01/2023 vs 05/01/2023, "
        "07/01/2023): periksa salah satunya."
    )


def test_it_makes_both_rows_errors_when_one_nik_has_two_sexes(tmp_path):
    rows = [row(JK="L"), row(JK="P", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur="")]

    parsed = _parse(tmp_path, rows)

    assert _issues(parsed) == _both_rows(
        "JK", "nik_sex_conflict", "jenis kelamin", "laki-laki", "perempuan"
    )


def test_it_accepts_one_nik_measured_on_several_dates_with_the_same_birth_date(tmp_path):
    rows = [
        row(Nama="Budi Santoso"),
        row(Nama="BUDI SANTOSA", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur=""),
    ]

    parsed = _parse(tmp_path, rows)

    assert parsed.issues == []
    assert parsed.importable.all()


def test_it_leaves_an_exact_copy_to_the_duplicate_rule(tmp_path):
    # row 3 copies row 2, row 4 has another birth date: the copy is told that its original is
    # an error, not blamed a second time for the birth date
    rows = [
        row(),
        row(),
        row(Tgl_Lahir="06/01/2023", Tanggal_Pengukuran="06/02/2025", Usia_Saat_Ukur=""),
    ]

    parsed = _parse(tmp_path, rows)

    assert [(i.row, i.code) for i in parsed.issues] == [
        (2, "nik_birth_date_conflict"),
        (3, "duplicate"),
        (4, "nik_birth_date_conflict"),
    ]
    assert parsed.issues[1].message == (
        "Baris duplikat dari baris 2; baris 2 bergalat, jadi keduanya tidak diimpor."
    )
    assert not parsed.importable.any()


def test_it_ignores_rows_whose_nik_was_not_valid(tmp_path):
    # NIK "12345" is dropped (an error of its own elsewhere); without it the rows are not linked
    rows = [
        row(NIK="12345"),
        row(NIK="12345", Tgl_Lahir="06/01/2023", Tanggal_Pengukuran="06/02/2025",
            Usia_Saat_Ukur=""),
    ]  # fmt: skip

    parsed = _parse(tmp_path, rows)

    assert {i.code for i in parsed.issues} == {"nik_invalid"}


def test_it_shortens_the_list_when_one_nik_fills_many_rows(tmp_path):
    # a NIK typed on every row of a posyandu: the message names ten rows and counts the rest
    rows = [row(Tanggal_Pengukuran=f"{d:02d}/01/2025", Usia_Saat_Ukur="") for d in range(1, 13)] + [
        row(Tgl_Lahir="06/01/2023", Tanggal_Pengukuran="20/01/2025", Usia_Saat_Ukur="")
    ]

    parsed = _parse(tmp_path, rows)

    messages = {i.row: i.message for i in parsed.issues}
    assert messages[14] == (
        "NIK sama dengan baris 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 dan 2 lainnya tetapi tanggal lahir "
        "berbeda (06/01/2023 vs 05/01/2023): periksa salah satunya."
    )
    assert messages[2] == (
        "NIK sama dengan baris 14 tetapi tanggal lahir berbeda (05/01/2023 vs 06/01/2023): "
        "periksa salah satunya."
    )
    assert not parsed.importable.any()
