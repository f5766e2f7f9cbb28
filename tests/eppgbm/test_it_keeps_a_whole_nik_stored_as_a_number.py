"""A NIK cell holding a number: Excel keeps 15 significant digits, so a 16-digit NIK typed into
Excel ends in 0. A number that ends in another digit, below 2**53 (exact in a float64), was not
cut (acceptance A04: an export written by a program, every NIK intact) and is kept."""

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_xlsx

ENDS_IN_ZERO = (
    "NIK '{}' tersimpan sebagai angka dan berakhir dengan 0: Excel menyimpan angka hanya "
    "sampai 15 digit dan mengganti digit ke-16 dengan 0, jadi NIK ini mungkin terpotong "
    "(NIK dikosongkan). Simpan kolom NIK sebagai teks."
)
TOO_LARGE = (
    "NIK '{}' tersimpan sebagai angka yang terlalu besar untuk disimpan tepat (lebih dari "
    "9007199254740992), jadi digit terakhirnya mungkin berubah (NIK dikosongkan). Simpan kolom "
    "NIK sebagai teks."
)
FRACTION = (
    "NIK '{}' tersimpan sebagai angka pecahan, bukan 16 digit (NIK dikosongkan). Simpan kolom "
    "NIK sebagai teks."
)


def _parse(tmp_path, niks):
    rows = [row(NIK=n, Nama=f"Anak {i}") for i, n in enumerate(niks)]
    return parse_rows(read_table(write_xlsx(tmp_path / "nik.xlsx", rows)), today=TODAY)


def test_it_keeps_a_16_digit_number_that_does_not_end_in_zero(tmp_path):
    parsed = _parse(tmp_path, [5302014504268591, 5302011805248643.0])

    assert parsed.data["nik"].to_list() == ["5302014504268591", "5302011805248643"]
    assert parsed.issues == []
    assert parsed.data["child_key"].to_list() == [
        "nik|5302014504268591",
        "nik|5302011805248643",
    ]


def test_it_drops_a_number_that_may_have_been_cut_and_says_why(tmp_path):
    # 2**53 + 7 is stored as the nearest float64, 9007199254740999 → 9007199254741000
    niks = [5302014504268590, 9007199254740999, 9107014504268591, 530201450426859.5]

    parsed = _parse(tmp_path, niks)

    assert parsed.data["nik"].to_list() == [None] * 4
    assert [(i.row, i.column, i.severity, i.code, i.message) for i in parsed.issues] == [
        (2, "NIK", "warning", "nik_mangled", ENDS_IN_ZERO.format("5302014504268590")),
        (3, "NIK", "warning", "nik_mangled", TOO_LARGE.format("9007199254741000")),
        (4, "NIK", "warning", "nik_mangled", TOO_LARGE.format("9107014504268592")),
        (5, "NIK", "warning", "nik_mangled", FRACTION.format("530201450426859.5")),
    ]


def test_it_asks_for_16_digits_when_the_number_is_shorter_or_longer(tmp_path):
    parsed = _parse(tmp_path, [530201450426859, 12, 53020145042685911])

    assert parsed.data["nik"].to_list() == [None] * 3
    assert [(i.row, i.code, i.message) for i in parsed.issues] == [
        (2, "nik_invalid", "NIK harus 16 angka: '530201450426859' (NIK dikosongkan)."),
        (3, "nik_invalid", "NIK harus 16 angka: '12' (NIK dikosongkan)."),
        (4, "nik_invalid", "NIK harus 16 angka: '53020145042685912' (NIK dikosongkan)."),
    ]
