"""A row with only a weight (monthly weighing) or only a length is stored, but the user is told
which indicators the child will be missing from (acceptance A02, A17)."""

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv

NO_WEIGHT = "Berat badan kosong: anak ini tidak dihitung untuk BB/U, BB/TB dan IMT/U."
NO_LENGTH = (
    "Panjang/tinggi badan kosong: anak ini tidak dihitung untuk TB/U (stunting), BB/TB dan IMT/U."
)


def test_it_keeps_a_row_without_weight_or_height_and_warns(tmp_path):
    cells = [("11,0", ""), ("-", "84,0"), ("–", "84,0"), ("10,8", "—"), ("10,8", " - ")]
    rows = [row(Nama=f"Anak {i}", NIK="", Berat=b, Tinggi=t) for i, (b, t) in enumerate(cells)]

    parsed = parse_rows(read_table(write_csv(tmp_path / "kosong.csv", rows)), today=TODAY)

    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (2, "Tinggi", "warning", "lenhei_missing", NO_LENGTH),
        (3, "Berat", "warning", "weight_missing", NO_WEIGHT),
        (4, "Berat", "warning", "weight_missing", NO_WEIGHT),
        (5, "Tinggi", "warning", "lenhei_missing", NO_LENGTH),
        (6, "Tinggi", "warning", "lenhei_missing", NO_LENGTH),
    ]
    assert parsed.importable.all()
    assert parsed.data["weight_kg"].to_list() == [11.0, None, None, 10.8, 10.8]
    assert parsed.data["lenhei_cm"].to_list() == [None, 84.0, 84.0, None, None]


def test_it_gives_only_the_error_when_a_value_is_wrong_or_both_are_empty(tmp_path):
    cells = [("0", "84,5"), ("", ""), ("sebelas", ""), ("85,2", "11,5")]
    rows = [row(Nama=f"Anak {i}", NIK="", Berat=b, Tinggi=t) for i, (b, t) in enumerate(cells)]

    parsed = parse_rows(read_table(write_csv(tmp_path / "salah.csv", rows)), today=TODAY)

    assert [(i.row, i.code) for i in parsed.issues] == [
        (2, "weight_out_of_range"),
        (3, "measurement_missing"),
        (4, "weight_invalid"),
        (4, "lenhei_missing"),  # the weight is wrong and the length empty: both are said
        (5, "weight_height_swapped"),
    ]


def test_it_does_not_warn_on_every_row_of_a_file_without_a_height_column(tmp_path):
    # a weighing-only export: the user knows no length was sent
    header = [h for h in HEADER if h != "Tinggi"]
    rows = [[c for h, c in zip(HEADER, row(), strict=True) if h != "Tinggi"]]

    parsed = parse_rows(
        read_table(write_csv(tmp_path / "timbang.csv", rows, header=header)), today=TODAY
    )

    assert parsed.issues == []
    assert parsed.data["lenhei_cm"].to_list() == [None]
