from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv


def _issues(tmp_path, rows):
    parsed = parse_rows(read_table(write_csv(tmp_path / "ukur.csv", rows)), today=TODAY)
    return parsed, [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues]


def test_it_reports_weights_and_heights_outside_the_plausible_ranges(tmp_path):
    parsed, issues = _issues(tmp_path, [
        row(Berat="11500", NIK="1", Nama="A"),
        row(Berat="115", NIK="", Nama="B"),
        row(Tinggi="852", NIK="", Nama="C"),
        row(Berat="0", NIK="", Nama="D"),
        row(Berat="sebelas", NIK="", Nama="E"),
        row(Berat="85,2", Tinggi="11,5", NIK="", Nama="F"),
        row(Berat="", Tinggi="", NIK="", Nama="G"),
    ])  # fmt: skip

    assert [i for i in issues if i[3] != "nik_invalid"] == [
        (2, "Berat", "error", "weight_out_of_range",
         "Berat badan 11500 kg di luar rentang yang mungkin (0,5–40 kg). "
         "Mungkin ditulis dalam gram?"),
        (3, "Berat", "error", "weight_out_of_range",
         "Berat badan 115 kg di luar rentang yang mungkin (0,5–40 kg). "
         "Mungkin salah letak koma desimal?"),
        (4, "Tinggi", "error", "lenhei_out_of_range",
         "Panjang/tinggi badan 852 cm di luar rentang yang mungkin (38–130 cm). "
         "Mungkin salah letak koma desimal?"),
        (5, "Berat", "error", "weight_out_of_range",
         "Berat badan 0 kg di luar rentang yang mungkin (0,5–40 kg)."),
        (6, "Berat", "error", "weight_invalid", "Berat badan bukan angka: 'sebelas'."),
        (7, "Berat", "error", "weight_height_swapped",
         "Berat (85,2) dan tinggi (11,5) tampaknya tertukar."),
        (8, "Berat", "error", "measurement_missing",
         "Berat dan tinggi badan kosong: tidak ada hasil pengukuran."),
    ]  # fmt: skip
    # values that cannot be right are not passed on
    assert parsed.data["weight_kg"].to_list()[4:7] == [None, None, None]


def test_it_warns_about_unusual_but_possible_values(tmp_path):
    _, issues = _issues(tmp_path, [row(Berat="32", Tinggi="44,5")])

    assert issues == [
        (2, "Berat", "warning", "weight_unusual",
         "Berat badan 32 kg tidak biasa (umumnya 1,5–30 kg), periksa kembali."),
        (2, "Tinggi", "warning", "lenhei_unusual",
         "Panjang/tinggi badan 44,5 cm tidak biasa (umumnya 45–120 cm), periksa kembali."),
    ]  # fmt: skip


def test_it_accepts_a_row_with_only_weight(tmp_path):
    parsed, issues = _issues(tmp_path, [row(Tinggi="", Cara_Ukur="")])

    # imported, with a warning that the child is left out of the length-based indicators
    assert [(r, sev, code) for r, _, sev, code, _ in issues] == [(2, "warning", "lenhei_missing")]
    assert parsed.importable.tolist() == [True]
    assert parsed.data["lenhei_cm"].to_list() == [None]
    assert parsed.data["measure"].to_list() == [None]
