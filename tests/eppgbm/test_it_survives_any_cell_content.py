import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from konvergensi.documents.xlsx_stream import write_xlsx
from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row

# cells a user could type: empty, dashes, numbers with either decimal mark, dates, junk
CELL = st.one_of(
    st.sampled_from(["", "-", "0", "L", "P", "Berdiri", "31/02/2023", "2 Tahun", "1e5"]),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e16, max_value=1e16),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=8))
def test_it_returns_one_typed_row_per_data_row_whatever_the_cells_hold(tmp_path, rows):
    rows = [row(Nama="Penanda"), *rows]  # one row that is surely not blank
    write_xlsx(str(tmp_path / "acak.xlsx"), [HEADER, *rows])

    raw = read_table(tmp_path / "acak.xlsx")
    parsed = parse_rows(raw, today=TODAY)

    assert parsed.data["row"].to_list() == raw.rows.tolist()
    assert set(parsed.data["status"].to_list()) <= {"ok", "warning", "error"}
    assert {i.row for i in parsed.issues} <= set(raw.rows.tolist())
    assert all(i.message and i.severity in ("error", "warning") for i in parsed.issues)
    errors = {i.row for i in parsed.issues if i.severity == "error"}
    status = dict(zip(parsed.data["row"].to_list(), parsed.data["status"].to_list(), strict=True))
    assert errors == {r for r, s in status.items() if s == "error"}


TEXT_CELL = st.one_of(
    st.sampled_from(["", "-", "0", "11,5", "8.5", "L", "05/02/2025", "5,30201E+15", '"', ";"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(TEXT_CELL, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=8
    )
)
def test_it_reads_any_csv_cells_back_in_order(tmp_path, rows):
    import csv

    rows = [row(Nama="Penanda"), *rows]
    with open(tmp_path / "acak.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows([HEADER, *rows])

    raw = read_table(tmp_path / "acak.csv")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.delimiter == ";"
    assert parsed.data.height == len(raw)
    assert {i.row for i in parsed.issues} <= set(raw.rows.tolist())
