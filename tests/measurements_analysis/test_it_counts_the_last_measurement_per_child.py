"""A child measured twice in the period counts once, with its last measurement; a later
measurement outside the period does not replace it."""

import datetime as dt

from konvergensi.measurements.prevalence import Period, prevalence_table

from .conftest import SOE, child, measure


def test_it_counts_the_last_measurement_per_child(kabupaten):
    a, b = child(SOE), child(SOE)
    measure(a, dt.date(2026, 2, 3), zlen=-2.5)  # stunted early in February ...
    measure(a, dt.date(2026, 2, 20), zlen=-1.5)  # ... not at the last February measurement
    measure(b, dt.date(2026, 2, 5), zlen=-2.6)
    measure(b, dt.date(2026, 3, 5), zlen=0.0)  # after the period: ignored
    period = Period.of_dates(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period.label == "Februari 2026"
    row = next(r for r in prevalence_table(period, "desa", kabupaten).rows if r.code == SOE)
    assert row.measured == 2
    assert (row.stunting.cases, row.stunting.n) == (1, 2)
