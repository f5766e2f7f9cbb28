"""Every bad row is reported with its row, column and an Indonesian reason; only good rows
are written, in one transaction."""

import pytest

from indicators.sheets import COLUMNS, cov, xlsx
from konvergensi.indicators.coverage import CoverageSpec
from konvergensi.indicators.models import CoverageValue
from konvergensi.indicators.tabular import ImportFileError, run_import

D = "53.02.01.2001"


def test_it_reports_each_bad_row(people, indicators):
    rows = [
        cov("asi_eksklusif", D, value=80),  # row 2: good
        cov("tidak_ada", D, value=10),  # 3
        cov("pus_miskin_pbi_jkn", D, value=10),  # 4: dinsos's
        cov("asi_eksklusif", "53.03.01.2001", value=10),  # 5: other kabupaten
        cov("asi_eksklusif", "53.02.01", value="abc"),  # 6: not a number
        cov("asi_eksklusif", "53.02.01.2002", value=120),  # 7: > 100
        cov("asi_eksklusif", "53.02.02.2001", num=5, den=4),  # 8: num > den
        cov("imunisasi_dasar_lengkap", D, value=-1),  # 9: negative
        cov("mpasi_6_23_bulan", D, year=None, value=50),  # 10: no year
        cov("surveilans_gizi_elektronik", D, value=50),  # 11: kabupaten-level at desa
        cov("tatalaksana_gizi_buruk", D),  # 12: empty → skipped, not an error
    ]
    spec = CoverageSpec(people.dinkes_operator, "53.02", "f.xlsx")
    report = run_import(spec, xlsx(COLUMNS, rows), user=people.dinkes_operator, dry_run=False)
    got = {(i.row, i.column) for i in report.issues}
    assert got == {
        (3, "kode_indikator"),
        (4, "kode_indikator"),
        (5, "kode_wilayah"),
        (6, "nilai"),
        (7, "nilai"),
        (8, "pembilang"),
        (9, "nilai"),
        (10, "tahun"),
        (11, "kode_wilayah"),
    }
    assert (report.ok, report.errors, report.created, report.empty) == (1, 9, 1, 1)
    assert CoverageValue.objects.count() == 1
    msg = {i.row: str(i) for i in report.issues}
    assert msg[4].startswith("Baris 4, kolom kode_indikator:")
    assert "bukan tanggung jawab" in msg[4]
    assert "di luar kabupaten" in msg[5]


def test_it_rejects_a_file_that_is_not_a_spreadsheet(people, indicators):
    spec = CoverageSpec(people.dinkes_operator, "53.02")
    with pytest.raises(ImportFileError, match="bukan spreadsheet"):
        run_import(spec, b"kode;nilai\n", user=people.dinkes_operator, dry_run=True)


def test_it_lists_missing_columns(people, indicators):
    spec = CoverageSpec(people.dinkes_operator, "53.02")
    data = xlsx(["kode_indikator", "kode_wilayah"], [["asi_eksklusif", D]])
    with pytest.raises(ImportFileError, match="tahun, nilai"):
        run_import(spec, data, user=people.dinkes_operator, dry_run=True)
