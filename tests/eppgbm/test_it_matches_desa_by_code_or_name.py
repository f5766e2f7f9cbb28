from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv

REGIONS = [
    ("Kupang Timur", "Oesao", "53.01.01.2001"),
    ("Kupang Timur", "Naibonat", "53.01.01.2002"),
    ("Kupang Tengah", "Noelbaki", "53.01.02.2001"),
]


def test_it_matches_desa_by_name_within_the_kecamatan(tmp_path):
    rows = [
        row(Nama="A", NIK="", Kec="KUPANG TIMUR", Desa_Kel="Desa Oesao"),
        row(Nama="B", NIK="", Kec="Kec. Kupang Tengah", Desa_Kel="NOELBAKI"),
        row(Nama="C", NIK="", Kec="Kupang Timur", Desa_Kel="Oesau"),
        row(Nama="D", NIK="", Kec="Kupang Barat", Desa_Kel="Oesao"),
        row(Nama="E", NIK="", Kec="Kupang Tengah", Desa_Kel="Naibonat"),
    ]

    parsed = parse_rows(
        read_table(write_csv(tmp_path / "desa.csv", rows)), today=TODAY, regions=REGIONS
    )

    assert parsed.data["region_code"].to_list() == [
        "53.01.01.2001", "53.01.02.2001", None, None, None,
    ]  # fmt: skip
    assert [(i.row, i.column, i.code, i.message) for i in parsed.issues] == [
        (4, "Desa/Kel", "desa_unknown",
         "Desa/kelurahan 'Oesau' tidak ditemukan di Kecamatan Kupang Timur (mungkin: Oesao)."),
        (5, "Kec", "kecamatan_unknown",
         "Kecamatan 'Kupang Barat' tidak ada dalam daftar wilayah."),
        (6, "Desa/Kel", "desa_unknown",
         "Desa/kelurahan 'Naibonat' tidak ditemukan di Kecamatan Kupang Tengah."),
    ]  # fmt: skip


def test_it_matches_by_kemendagri_code_first(tmp_path):
    header = [*HEADER, "Kode Desa"]
    rows = [
        [*row(Nama="A", NIK="", Desa_Kel="Salah Nama"), "53.01.02.2001"],
        [*row(Nama="B", NIK=""), "5301012002"],
        [*row(Nama="C", NIK="", Kec="", Desa_Kel=""), "53.01.09.2001"],
        [*row(Nama="D", NIK=""), "53.01"],
    ]

    parsed = parse_rows(
        read_table(write_csv(tmp_path / "kode.csv", rows, header=header)),
        today=TODAY,
        regions=REGIONS,
    )

    assert parsed.data["region_code"].to_list() == [
        "53.01.02.2001", "53.01.01.2002", None, "53.01.01.2001",
    ]  # fmt: skip
    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (4, "Kode Desa", "error", "desa_code_unknown",
         "Kode desa 53.01.09.2001 tidak ada dalam daftar wilayah."),
        (5, "Kode Desa", "warning", "desa_code_invalid",
         "Kode desa tidak valid: '53.01' (contoh: 53.02.01.2001), desa dicocokkan menurut nama."),
    ]  # fmt: skip


def test_it_reports_rows_without_a_place(tmp_path):
    rows = [row(Nama="A", NIK="", Kec="", Desa_Kel="")]

    parsed = parse_rows(read_table(write_csv(tmp_path / "kosong.csv", rows)), today=TODAY)

    assert [(i.column, i.code, i.message) for i in parsed.issues] == [
        ("Kec", "kecamatan_missing", "Kecamatan kosong."),
        ("Desa/Kel", "desa_missing", "Desa/kelurahan kosong."),
    ]
