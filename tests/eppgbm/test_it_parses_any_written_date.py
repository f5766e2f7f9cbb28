import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from konvergensi.measurements.eppgbm_values import dates

FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y %H:%M:%S")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)),
                          st.sampled_from(FORMATS)), min_size=1, max_size=20))  # fmt: skip
def test_it_parses_every_date_written_in_an_accepted_format_in_order(pairs):
    written = [d.strftime(f) if "%H" not in f else dt.datetime(d.year, d.month, d.day).strftime(f)
               for d, f in pairs]  # fmt: skip

    values, invalid = dates(written)

    assert values.astype(object).tolist() == [d for d, _ in pairs]
    assert not invalid.any()


@settings(max_examples=60, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
def test_it_reads_excel_serials_and_date_cells_alike(day):
    serial = (day - dt.date(1899, 12, 30)).days

    values, invalid = dates([day, float(serial), str(serial)])

    assert values.astype(object).tolist() == [day, day, day]
    assert not invalid.any()
