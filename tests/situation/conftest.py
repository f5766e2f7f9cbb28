"""A small constructed kabupaten (53.02) for the Aksi 1 analysis, computed by hand.

Five desa, stunted / measured (valid HAZ) in the February 2026 period:
  D1 53.02.01.2001  10/20 (50%)   imunisasi 95 (memadai), unmet need KB 7.0 (memadai)
  D2 53.02.01.2002   2/20 (10%)   imunisasi 85 (hampir),  unmet need KB 9.0 (hampir; lower=better)
  D3 53.02.02.2001   6/40 (15%)   imunisasi –  (no data), unmet need KB 5.0 (memadai)
  D4 53.02.02.2002   1/20 (5%)    imunisasi 30 (sangat rendah), unmet need KB 20 (sangat rendah)
  D5 53.02.02.2003   no measurements, no coverage
Pooled 19/100 = 19%; mean cases over the 4 desa with data = 4.75.
Criteria: D1 a+b; D3 b (6 > 4.75, 15% < 19%); D4 c only (2 of 2 main indicators poor although
its prevalence is low); D2 and D5 none. Order: D4 (2 poor), D1 (50%), D3 (15%).
With 40% of 5 desa = 2 lokus: D4 and D1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from konvergensi.indicators.loading import seed_supply_types, sync_indicators
from konvergensi.indicators.models import CoverageValue, Indicator
from konvergensi.measurements.models import Child, Measurement, MeasurementRound
from konvergensi.regions.models import Level, Region

D1, D2, D3, D4, D5 = (
    "53.02.01.2001",
    "53.02.01.2002",
    "53.02.02.2001",
    "53.02.02.2002",
    "53.02.02.2003",
)
STUNTING = {D1: (10, 20), D2: (2, 20), D3: (6, 40), D4: (1, 20)}
COVERAGE = {
    "imunisasi_dasar_lengkap": {D1: "95", D2: "85", D4: "30"},
    "unmet_need_kb": {D1: "7.0", D2: "9.0", D3: "5.0", D4: "20"},
}


@pytest.fixture(autouse=True)
def _region(settings):
    settings.KONVERGENSI_REGION = "53.02"
    settings.AXES_ENABLED = False


def add_measurements(stunting: dict[str, tuple[int, int]], day: dt.date) -> None:
    children, zlen = [], []
    for code, (stunted, measured) in stunting.items():
        for i in range(measured):
            children.append(
                Child(
                    name=f"Anak {code} {i} {day.year}",
                    sex=1,
                    birth_date=day - dt.timedelta(days=400),
                    desa_id=code,
                    match_key=f"{code}-{i}-{day.isoformat()}",
                )
            )
            zlen.append(-2.5 if i < stunted else 0.1)
    Child.objects.bulk_create(children)
    made = Child.objects.filter(match_key__endswith=day.isoformat()).order_by("pk")
    Measurement.objects.bulk_create(
        Measurement(
            child=child,
            measured_on=day,
            desa_code=child.desa_id,
            age_days=400,
            zlen=z,
            zwei=0.0,
            zwfl=0.0,
        )
        for child, z in zip(made, zlen, strict=True)
    )


def add_coverage(coverage: dict[str, dict[str, str]], year: int, people) -> None:
    for code, values in coverage.items():
        indicator = Indicator.objects.get(code=code)
        for desa, value in values.items():
            CoverageValue.objects.create(
                indicator=indicator,
                region_id=desa,
                year=year,
                value=Decimal(value),
                source="uji",
                institution=people.dinkes,
                entered_by=people.admin,
            )


@pytest.fixture
def kabupaten(people):
    """The constructed kabupaten with the 2026 data above; returns the 53.02 region."""
    for code, name in ((D4, "Desa Empat"), (D5, "Desa Lima")):
        Region.objects.create(code=code, name=name, level=Level.DESA, parent_id="53.02.02")
    sync_indicators()
    seed_supply_types()
    MeasurementRound.objects.create(
        region_id="53.02",
        name="Februari 2026",
        start_date=dt.date(2026, 2, 1),
        end_date=dt.date(2026, 2, 28),
    )
    add_measurements(STUNTING, dt.date(2026, 2, 10))
    add_coverage(COVERAGE, 2026, people)
    return Region.objects.get(code="53.02")


@pytest.fixture
def analysis(kabupaten, people):
    from konvergensi.situation import services

    a = services.create_analysis(kabupaten, 2026)
    config = dict(a.config)
    config["lokus"] = {**config["lokus"], "share_percent": "40"}
    return services.save_config(a, config=config)
