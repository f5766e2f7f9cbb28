"""Cells as people type them in Excel or LibreOffice, in one workbook."""

import datetime as dt

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import TODAY, row, write_xlsx

MANGLED = (
    "NIK '{}' tersimpan sebagai angka oleh Excel sehingga digit terakhirnya hilang "
    "(NIK dikosongkan). Simpan kolom NIK sebagai teks."
)
ENDS_IN_ZERO = (
    "NIK '{}' tersimpan sebagai angka dan berakhir dengan 0: Excel menyimpan angka hanya "
    "sampai 15 digit dan mengganti digit ke-16 dengan 0, jadi NIK ini mungkin terpotong "
    "(NIK dikosongkan). Simpan kolom NIK sebagai teks."
)


def _read(tmp_path, rows):
    # a distinct name and no NIK keep the rows apart as children
    rows = [row(**{"Nama": f"Anak {i}", "NIK": "", **cells}) for i, cells in enumerate(rows)]
    return parse_rows(read_table(write_xlsx(tmp_path / "ketik.xlsx", rows)), today=TODAY)


def test_it_reads_birth_dates_written_every_usual_way(tmp_path):
    written = ["2023-05-17", "17-05-2023", "17/5/23", "17 Mei 2023", "17-Mei-2023",
               dt.date(2023, 5, 17), dt.datetime(2023, 5, 17), 45063]  # fmt: skip

    parsed = _read(tmp_path, [{"Tgl_Lahir": w, "Usia_Saat_Ukur": ""} for w in written])

    assert parsed.data["birth_date"].to_list() == [dt.date(2023, 5, 17)] * len(written)
    assert parsed.issues == []


def test_it_reads_weights_and_heights_with_either_decimal_mark_or_a_unit(tmp_path):
    cells = [("12,5", "85,3"), ("12.5", "85.3"), ("12,50 kg", "85,3 cm"), (12.5, 85.3)]

    parsed = _read(tmp_path, [{"Berat": b, "Tinggi": t} for b, t in cells])

    assert parsed.data["weight_kg"].to_list() == [12.5] * 4
    assert parsed.data["lenhei_cm"].to_list() == [85.3] * 4
    assert parsed.issues == []


def test_it_reads_every_usual_way_of_writing_the_sex(tmp_path):
    written = ["L", "P", "Laki-laki", "Perempuan", "1", "2", 1, 2.0, "l", "X"]

    parsed = _read(tmp_path, [{"JK": w} for w in written])

    assert parsed.data["sex"].to_list() == [1, 2, 1, 2, 1, 2, 1, 2, 1, None]
    assert parsed.issues == [
        RowIssue(11, "JK", "error", "sex_unknown",
                 "Jenis kelamin tidak dikenal: 'X' "
                 "(nilai yang diterima: L, P, Laki-laki, Perempuan)."),
    ]  # fmt: skip


def test_it_reports_a_nik_excel_turned_into_a_number_and_keeps_one_typed_as_text(tmp_path):
    written = ["'5302015705230001", 1.23e15, 5302015705230000, "5,30202E+15", "5302015705230002"]

    parsed = _read(tmp_path, [{"NIK": w} for w in written])

    assert parsed.data["nik"].to_list() == ["5302015705230001", None, None, None,
                                            "5302015705230002"]  # fmt: skip
    assert parsed.issues == [
        RowIssue(3, "NIK", "warning", "nik_mangled", ENDS_IN_ZERO.format("1230000000000000")),
        RowIssue(4, "NIK", "warning", "nik_mangled", ENDS_IN_ZERO.format("5302015705230000")),
        RowIssue(5, "NIK", "warning", "nik_mangled", MANGLED.format("5,30202E+15")),
    ]
    assert parsed.data["status"].to_list() == ["ok", "warning", "warning", "warning", "ok"]


def test_it_leaves_the_position_to_the_age_when_cara_ukur_is_empty(tmp_path):
    # WHO: lying below 24 months, standing from 24 months (the growth engine decides)
    parsed = _read(tmp_path, [{"Cara_Ukur": ""}, {"Cara_Ukur": "-"}, {"Cara_Ukur": "Berdiri"}])

    assert parsed.data["measure"].to_list() == [None, None, "h"]
    assert [(i.row, i.severity, i.code) for i in parsed.issues] == [
        (2, "warning", "measure_missing"),
        (3, "warning", "measure_missing"),
    ]
    assert parsed.growth_inputs()["measure"].tolist() == ["", "", "h"]
