from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import TODAY, row, write_csv

FORMATS = "format yang diterima: hh/bb/tttt, hh-bb-tttt atau tttt-bb-hh"


def test_it_reports_each_date_problem_on_its_row(tmp_path):
    rows = [
        row(Tgl_Lahir="", NIK=""),
        row(Tgl_Lahir="31/02/2023", NIK=""),
        row(Tanggal_Pengukuran="tgl", NIK=""),
        row(Tgl_Lahir="05/03/2025", Tanggal_Pengukuran="05/02/2025", Usia_Saat_Ukur="", NIK=""),
        row(Tanggal_Pengukuran="05/02/2026", Usia_Saat_Ukur="", NIK=""),
        row(Tgl_Lahir="04/02/2020", Usia_Saat_Ukur="", NIK=""),
    ]
    path = write_csv(tmp_path / "tgl.csv", rows)

    parsed = parse_rows(read_table(path), today=TODAY)

    errors = [i for i in parsed.issues if i.severity == "error"]
    assert errors == [
        RowIssue(2, "Tgl Lahir", "error", "birth_date_missing", "Tanggal lahir kosong."),
        RowIssue(3, "Tgl Lahir", "error", "birth_date_invalid",
                 f"Tanggal lahir tidak valid: '31/02/2023' ({FORMATS})."),
        RowIssue(4, "Tanggal Pengukuran", "error", "measurement_date_invalid",
                 f"Tanggal pengukuran tidak valid: 'tgl' ({FORMATS})."),
        RowIssue(5, "Tanggal Pengukuran", "error", "measured_before_birth",
                 "Tanggal pengukuran (05/02/2025) sebelum tanggal lahir (05/03/2025)."),
        RowIssue(6, "Tanggal Pengukuran", "error", "measurement_in_future",
                 "Tanggal pengukuran 05/02/2026 di masa depan (hari ini 01/03/2025)."),
        RowIssue(7, "Tgl Lahir", "error", "age_out_of_scope",
                 "Umur saat ukur 60 bulan: di luar cakupan balita (0–59 bulan)."),
    ]  # fmt: skip
    assert parsed.data["status"].to_list() == ["error"] * 6
    assert parsed.data["age_days"].to_list()[3] is None


def test_it_keeps_a_child_just_under_60_months(tmp_path):
    # 1826 days = 59.99 months (WHO: z-scores while days / 30.4375 < 60)
    path = write_csv(tmp_path / "batas.csv", [row(Tgl_Lahir="06/02/2020", Usia_Saat_Ukur="")])

    parsed = parse_rows(read_table(path), today=TODAY)

    assert parsed.data["age_days"].to_list() == [1826]
    assert parsed.issues == []
