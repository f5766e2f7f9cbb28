import datetime as dt

import numpy as np
import polars as pl

from konvergensi.measurements.eppgbm import parse_rows, read_table
from konvergensi.measurements.samplefiles import generate_eppgbm

DESA = [
    (f"Kec {k}", f"Desa {k}{d}", f"53.01.{k:02d}.{2000 + d}") for k in (1, 2) for d in range(1, 6)
]


def test_it_draws_children_under_five_with_stunting_spread_over_the_desa(tmp_path):
    made = generate_eppgbm(
        tmp_path / "x.csv", rows=6000, seed=3, desa=DESA, fmt="csv", error_rate=0
    )
    parsed = parse_rows(read_table(made.path), today=dt.date(2025, 6, 1), regions=DESA)
    d = parsed.data

    assert parsed.counts()["error"] == 0
    assert d["age_days"].min() >= 0 and d["age_days"].max() < 1826.25
    assert 0.45 < (d["sex"] == 1).mean() < 0.55
    under2 = d.filter(pl.col("age_days") < 731)
    assert (under2["measure"] == "l").mean() > 0.9
    assert (d.filter(pl.col("age_days") >= 731)["measure"] == "h").mean() > 0.9
    # the export's own TB/U z-scores: stunting prevalence by desa spans roughly 10–45%
    prevalence = d.group_by("region_code").agg((pl.col("zlen_src") < -2).mean().alias("p"))
    p = np.sort(prevalence["p"].to_numpy())
    assert p[0] < 0.18 and p[-1] > 0.37
    assert made.stunting_target["53.01.01.2001"] >= 0.10
