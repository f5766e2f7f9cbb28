"""Day/month order decided once per file (decision 0008): a csv saved by Excel in an English
locale writes 11/25/2026, and then 11/5/2026 in the same file is 5 November, not 11 May
(acceptance A16)."""

import datetime as dt

import numpy as np

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table
from konvergensi.measurements.eppgbm_values import DateOrder, date_order, dates

from .files import row, write_csv, write_xlsx

TODAY = dt.date(2026, 12, 5)
FIRST = "dibaca bulan/hari/tahun seperti tanggal lain di berkas ini (mis. 11/25/2026 di baris 2)"


def _parse(tmp_path, dated, **kwargs):
    rows = [
        row(Nama=f"Anak {i}", NIK="", Usia_Saat_Ukur="", Tgl_Lahir=b, Tanggal_Pengukuran=m)
        for i, (b, m) in enumerate(dated)
    ]
    if kwargs.pop("xlsx", False):
        path = write_xlsx(tmp_path / "tanggal.xlsx", rows)
    else:
        path = write_csv(tmp_path / "tanggal.csv", rows)
    return parse_rows(read_table(path), today=TODAY, **kwargs)


def _dates(parsed, field):
    return parsed.data[field].to_list()


def test_it_reads_every_numeric_date_month_first_when_one_can_only_be_month_first(tmp_path):
    dated = [
        ("6/5/2024", "11/25/2026"),  # 25 cannot be a month
        ("8/7/2024", "11/5/2026"),
        ("9/9/2024", "5 Nov 2026"),
        ("10 Oktober 2024", "2026-11-06 08:30:00"),
        ("11-11-24", "07.11.2026"),
    ]

    parsed = _parse(tmp_path, dated)

    assert _dates(parsed, "birth_date") == [
        dt.date(2024, 6, 5),
        dt.date(2024, 8, 7),
        dt.date(2024, 9, 9),
        dt.date(2024, 10, 10),
        dt.date(2024, 11, 11),
    ]
    assert _dates(parsed, "measurement_date") == [
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 5),
        dt.date(2026, 11, 5),
        dt.date(2026, 11, 6),
        dt.date(2026, 7, 11),
    ]
    # each date that day first would have read otherwise is named; 11-11-24 reads the same
    assert parsed.issues == [
        RowIssue(2, "Tgl Lahir", "warning", "birth_date_month_first",
                 f"Tanggal lahir 6/5/2024 {FIRST}: 5 Juni 2024."),
        RowIssue(3, "Tgl Lahir", "warning", "birth_date_month_first",
                 f"Tanggal lahir 8/7/2024 {FIRST}: 7 Agustus 2024."),
        RowIssue(3, "Tanggal Pengukuran", "warning", "measurement_date_month_first",
                 f"Tanggal pengukuran 11/5/2026 {FIRST}: 5 November 2026."),
        RowIssue(6, "Tanggal Pengukuran", "warning", "measurement_date_month_first",
                 f"Tanggal pengukuran 07.11.2026 {FIRST}: 11 Juli 2026."),
    ]  # fmt: skip
    assert parsed.data["status"].to_list() == ["warning", "warning", "ok", "ok", "warning"]


def test_it_takes_the_order_shown_by_a_birth_date_for_the_measurement_dates_too(tmp_path):
    parsed = _parse(tmp_path, [("1/13/2025", "3/4/2026"), ("2/3/2025", "4/4/2026")])

    assert _dates(parsed, "birth_date") == [dt.date(2025, 1, 13), dt.date(2025, 2, 3)]
    assert _dates(parsed, "measurement_date") == [dt.date(2026, 3, 4), dt.date(2026, 4, 4)]
    assert [(i.row, i.code) for i in parsed.issues] == [
        (2, "measurement_date_month_first"),  # 4/4/2026 reads the same either way
        (3, "birth_date_month_first"),
    ]
    assert parsed.issues[1].message == (
        "Tanggal lahir 2/3/2025 dibaca bulan/hari/tahun seperti tanggal lain di berkas ini "
        "(mis. 1/13/2025 di baris 2): 3 Februari 2025."
    )


def test_it_reads_day_first_when_a_date_shows_it_or_none_decides(tmp_path):
    shown = _parse(tmp_path, [("6/5/2024", "25/11/2026"), ("8/7/2024", "11/5/2026")])
    undecided = _parse(tmp_path, [("6/5/2024", "11/5/2026")])

    assert _dates(shown, "measurement_date") == [dt.date(2026, 11, 25), dt.date(2026, 5, 11)]
    assert _dates(shown, "birth_date") == [dt.date(2024, 5, 6), dt.date(2024, 7, 8)]
    assert _dates(undecided, "measurement_date") == [dt.date(2026, 5, 11)]
    assert shown.issues == [] and undecided.issues == []


def test_it_keeps_day_first_in_a_file_that_shows_both_orders(tmp_path):
    parsed = _parse(
        tmp_path, [("6/5/2024", "25/11/2026"), ("6/5/2024", "11/25/2026"), ("8/7/2024", "1/5/2026")]
    )

    assert _dates(parsed, "measurement_date") == [dt.date(2026, 11, 25), None, dt.date(2026, 5, 1)]
    assert parsed.issues == [
        RowIssue(3, "Tanggal Pengukuran", "error", "measurement_date_invalid",
                 "Tanggal pengukuran tidak valid: '11/25/2026' (format yang diterima: "
                 "hh/bb/tttt, hh-bb-tttt atau tttt-bb-hh)."),
    ]  # fmt: skip


def test_it_names_the_order_it_read_when_a_date_is_impossible_in_a_month_first_file(tmp_path):
    parsed = _parse(tmp_path, [("1/13/2025", "3/3/2026"), ("2/2/2025", "13/13/2026")])

    assert parsed.issues == [
        RowIssue(3, "Tanggal Pengukuran", "error", "measurement_date_invalid",
                 "Tanggal pengukuran tidak valid: '13/13/2026' (format yang diterima di berkas "
                 "ini: bb/hh/tttt, bb-hh-tttt atau tttt-bb-hh, seperti 1/13/2025 di baris 2)."),
    ]  # fmt: skip


def test_it_leaves_date_cells_and_serials_alone(tmp_path):
    dated = [
        (dt.date(2024, 5, 6), "11/25/2026"),
        ("45418", dt.datetime(2026, 5, 11)),  # 45418 is 06/05/2024
        (45418, "11/5/2026"),
    ]

    parsed = _parse(tmp_path, dated, xlsx=True)

    assert _dates(parsed, "birth_date") == [dt.date(2024, 5, 6)] * 3
    assert _dates(parsed, "measurement_date") == [
        dt.date(2026, 11, 25),
        dt.date(2026, 5, 11),
        dt.date(2026, 11, 5),
    ]
    assert [(i.row, i.code) for i in parsed.issues] == [(4, "measurement_date_month_first")]


def test_it_decides_the_order_over_whole_columns_without_a_loop_per_row():
    n = 100_000
    day_first = ["11/5/2026"] * n
    month_first = [*day_first, "11/25/2026"]

    assert date_order([day_first, day_first]) == DateOrder()
    order = date_order([day_first, month_first])
    assert order == DateOrder(month_first=True, example=(1, n))
    values, invalid = dates(month_first, month_first=True)
    assert (values == np.datetime64("2026-11-05")).sum() == n and not invalid.any()
