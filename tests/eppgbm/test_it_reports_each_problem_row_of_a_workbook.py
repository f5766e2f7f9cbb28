"""One workbook with date cells and the row problems an officer meets: the same child twice on
one date (identical or different values), a date in the future, a child of 60 months or more."""

import datetime as dt

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import TODAY, row, write_xlsx


def test_it_reports_each_problem_on_the_sheet_row_and_the_users_column(tmp_path):
    born, measured = dt.date(2023, 1, 5), dt.date(2025, 2, 5)
    cells = {"Tgl_Lahir": born, "Tanggal_Pengukuran": measured, "Usia_Saat_Ukur": ""}
    rows = [
        row(**cells),  # 3
        row(**cells),  # 4: identical to row 3
        row(**cells, Nama="Ani", NIK="5302014501230002", Berat=9.5),  # 5
        row(**cells, Nama="Ani", NIK="5302014501230002", Berat=9.9),  # 6: differs from 5
        row(**{**cells, "Tanggal_Pengukuran": dt.date(2025, 3, 2)}, Nama="Cici", NIK=""),  # 7
        row(**{**cells, "Tgl_Lahir": dt.date(2020, 2, 4)}, Nama="Dodi", NIK=""),  # 8
    ]
    path = write_xlsx(tmp_path / "masalah.xlsx", rows, titles=[["REKAP"]])

    parsed = parse_rows(read_table(path), today=TODAY)

    conflict = "Anak yang sama diukur pada tanggal yang sama dengan data berbeda di baris {}."
    assert parsed.issues == [
        RowIssue(4, "", "warning", "duplicate",
                 "Baris duplikat dari baris 3 (hanya baris 3 yang diimpor)."),
        RowIssue(5, "Berat", "error", "conflict", conflict.format(6)),  # the value that differs
        RowIssue(6, "Berat", "error", "conflict", conflict.format(5)),
        RowIssue(7, "Tanggal Pengukuran", "error", "measurement_in_future",
                 "Tanggal pengukuran 02/03/2025 di masa depan (hari ini 01/03/2025)."),
        RowIssue(8, "Tgl Lahir", "error", "age_out_of_scope",
                 "Umur saat ukur 60 bulan: di luar cakupan balita (0–59 bulan)."),
    ]  # fmt: skip
    assert parsed.data["status"].to_list() == ["ok", "warning", "error", "error", "error", "error"]
    assert parsed.importable.tolist() == [True, False, False, False, False, False]
