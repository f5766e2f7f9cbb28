from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv


def test_it_accepts_the_spellings_of_sex_and_measuring_position(tmp_path):
    pairs = [("L", "Terlentang"), ("Laki-laki", "Telentang"), ("P", "Berdiri"),
             ("Perempuan", "berdiri "), ("l", "")]  # fmt: skip
    rows = [row(JK=s, Cara_Ukur=m, NIK="", Nama=f"A{i}") for i, (s, m) in enumerate(pairs)]

    parsed = parse_rows(read_table(write_csv(tmp_path / "kode.csv", rows)), today=TODAY)

    # the blank position is accepted, with a warning saying how the length is judged
    assert [(i.row, i.severity, i.code) for i in parsed.issues] == [
        (6, "warning", "measure_missing")
    ]
    assert parsed.data["sex"].to_list() == [1, 1, 2, 2, 1]
    assert parsed.data["measure"].to_list() == ["l", "l", "h", "h", None]


def test_it_reports_missing_and_unknown_codes_with_the_allowed_values(tmp_path):
    header = [*HEADER, "Edema"]
    rows = [
        [*row(JK=""), "Tidak"],
        [*row(JK="X", NIK="", Nama="B"), ""],
        [*row(Cara_Ukur="Duduk", NIK="", Nama="C"), "Ya"],
        [*row(NIK="", Nama="D"), "mungkin"],
    ]

    parsed = parse_rows(
        read_table(write_csv(tmp_path / "kode.csv", rows, header=header)), today=TODAY
    )

    assert [(i.row, i.column, i.code, i.message) for i in parsed.issues] == [
        (2, "JK", "sex_missing", "Jenis kelamin kosong (isi L atau P)."),
        (3, "JK", "sex_unknown",
         "Jenis kelamin tidak dikenal: 'X' (nilai yang diterima: L, P, Laki-laki, Perempuan)."),
        (4, "Cara Ukur", "measure_unknown",
         "Cara ukur tidak dikenal: 'Duduk' (nilai yang diterima: Terlentang, Berdiri)."),
        (5, "Edema", "oedema_unknown",
         "Isian edema tidak dikenal: 'mungkin' (nilai yang diterima: Ya, Tidak)."),
    ]  # fmt: skip
    assert {i.severity for i in parsed.issues} == {"error"}
    assert parsed.data["oedema"].to_list() == [False, False, True, False]
