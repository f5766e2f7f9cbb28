from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv, write_xlsx

MANGLED = (
    "NIK '{}' tersimpan sebagai angka oleh Excel sehingga digit terakhirnya hilang "
    "(NIK dikosongkan). Simpan kolom NIK sebagai teks."
)
ENDS_IN_ZERO = (
    "NIK '{}' tersimpan sebagai angka dan berakhir dengan 0: Excel menyimpan angka hanya "
    "sampai 15 digit dan mengganti digit ke-16 dengan 0, jadi NIK ini mungkin terpotong "
    "(NIK dikosongkan). Simpan kolom NIK sebagai teks."
)


def test_it_keeps_16_digit_niks_and_warns_about_others(tmp_path):
    niks = ["5302014501230001", "'5302014501230002", "5302 0145 0123 0003", "12345",
            "", "5,30201E+15", "0000000000000000"]  # fmt: skip
    rows = [row(NIK=n, Nama=f"A{i}") for i, n in enumerate(niks)]

    parsed = parse_rows(read_table(write_csv(tmp_path / "nik.csv", rows)), today=TODAY)

    assert parsed.data["nik"].to_list() == [
        "5302014501230001", "5302014501230002", "5302014501230003", None, None, None, None,
    ]  # fmt: skip
    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (5, "NIK", "warning", "nik_invalid", "NIK harus 16 angka: '12345' (NIK dikosongkan)."),
        (7, "NIK", "warning", "nik_mangled", MANGLED.format("5,30201E+15")),
        (8, "NIK", "warning", "nik_invalid",
         "NIK harus 16 angka: '0000000000000000' (NIK dikosongkan)."),
    ]  # fmt: skip


def test_it_warns_when_excel_stored_the_nik_as_a_number(tmp_path):
    path = write_xlsx(tmp_path / "nik.xlsx", [row(NIK=5302014501230000.0)])

    parsed = parse_rows(read_table(path), today=TODAY)

    assert parsed.data["nik"].to_list() == [None]
    assert [(i.row, i.code, i.message) for i in parsed.issues] == [
        (2, "nik_mangled", ENDS_IN_ZERO.format("5302014501230000")),
    ]
    # without a NIK the child is keyed by name, birth date, mother and desa
    assert parsed.data["child_key"].to_list() == [
        "anak|budi santoso|2023-01-05|siti aminah|kupang timur/oesao"
    ]
