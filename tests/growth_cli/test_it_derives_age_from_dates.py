import datetime as dt

import pytest

from growth import cli


def _age(cells):
    table = cli.Table(["sex", "birth_date", "measurement_date", "weight_kg"], cells, [2])
    parsed = cli.parse_inputs(table, cli.map_columns(table.headers))
    assert parsed.errors == []
    return float(parsed.kwargs["age_days"][0])


@pytest.mark.parametrize(
    ("born", "measured"),
    [
        ("2023-01-15", "2024-01-15"),  # ISO
        ("15/01/2023", "15/01/2024"),  # dd/mm/yyyy as typed in Indonesia
        ("15-01-2023", "2024-01-15 00:00:00"),  # mixed, with a midnight time
        (dt.date(2023, 1, 15), dt.datetime(2024, 1, 15, 0, 0)),  # Excel date cells
        (44941.0, 45306.0),  # Excel serial numbers
        ("44941", "45306"),  # serials that arrived as text
    ],
)
def test_it_turns_a_birth_and_measurement_date_into_age_in_days(born, measured):
    assert _age([["1", born, measured, "9"]]) == 365.0


def test_it_prefers_the_dates_and_falls_back_to_age_in_months_per_row():
    table = cli.Table(
        ["jk", "tgl_lahir", "tanggal_pengukuran", "umur_bulan", "berat"],
        [["L", "2024-01-01", "2024-03-01", "99", "5"], ["P", "", "", "12", "9"]],
        [2, 3],
    )
    parsed = cli.parse_inputs(table, cli.map_columns(table.headers))
    assert parsed.errors == []
    assert parsed.kwargs["age_days"].tolist() == [60.0, 12 * 30.4375]


def test_it_reports_a_measurement_before_birth(tmp_path, run_cli):
    code, stderr, _ = run_cli(
        "in.csv",
        "sex,tgl_lahir,tgl_ukur,berat\n1,2024-05-01,2024-04-30,5\n",
    )
    assert code == 2
    assert (
        'Baris 2, kolom "tgl_ukur": tanggal pengukuran 2024-04-30 sebelum tanggal lahir 2024-05-01'
        in stderr
    )


def test_it_reports_an_unreadable_date():
    table = cli.Table(
        ["sex", "birth_date", "measurement_date", "weight_kg"],
        [["1", "kemarin", "2024-01-01", "9"]],
        [5],
    )
    parsed = cli.parse_inputs(table, cli.map_columns(table.headers))
    assert parsed.errors == [
        'Baris 5, kolom "birth_date": tanggal "kemarin" tidak dikenal '
        "(format: yyyy-mm-dd, dd/mm/yyyy, atau sel tanggal Excel)"
    ]
