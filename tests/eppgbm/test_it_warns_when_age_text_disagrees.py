from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv


def test_it_warns_when_usia_saat_ukur_disagrees_with_the_dates_by_more_than_a_month(tmp_path):
    # born 05/01/2023, measured 05/02/2025: 2 years 1 month 0 days
    texts = [
        "2 Tahun - 1 Bulan - 0 Hari",
        "2 Tahun - 1 Bulan",
        "2 tahun 0 bulan 10 hari",
        "25",
        "2 Tahun - 3 Bulan - 5 Hari",
        "1 Tahun - 10 Bulan",
        "dua tahun",
    ]
    path = write_csv(
        tmp_path / "usia.csv",
        [row(Usia_Saat_Ukur=t, NIK="", Nama=f"A{i}") for i, t in enumerate(texts)],
    )

    parsed = parse_rows(read_table(path), today=TODAY)

    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (6, "Usia Saat Ukur", "warning", "age_text_mismatch",
         "Usia saat ukur '2 Tahun - 3 Bulan - 5 Hari' tidak sesuai dengan tanggal lahir dan "
         "tanggal pengukuran (selisih lebih dari 1 bulan, menurut tanggal 2 tahun 1 bulan)."),
        (7, "Usia Saat Ukur", "warning", "age_text_mismatch",
         "Usia saat ukur '1 Tahun - 10 Bulan' tidak sesuai dengan tanggal lahir dan "
         "tanggal pengukuran (selisih lebih dari 1 bulan, menurut tanggal 2 tahun 1 bulan)."),
        (8, "Usia Saat Ukur", "warning", "age_text_unreadable",
         "Usia saat ukur tidak terbaca: 'dua tahun'."),
    ]  # fmt: skip
    assert parsed.data["status"].to_list() == ["ok"] * 4 + ["warning"] * 3
