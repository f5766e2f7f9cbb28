"""The figures of a constructed desa equal a hand computation.

SoE (conftest ``soe_data``): TB/U z of its 10 children
  −3.5, −2.5, −2.1, −2.0, −1.0, 0.0, 0.5, 1.0, (none), −7.0 (flagged).
Valid n = 8 (the missing and the flagged one excluded). Stunting (z < −2): −3.5, −2.5, −2.1
→ 3 cases (−2.0 is not below −2). Severe (z < −3): 1. Prevalence 3/8 = 37.5%.
Wilson 95%: z = 1.959964, p = 0.375, n = 8:
  centre = (p + z²/2n)/(1 + z²/n) = (0.375 + 0.240091)/1.480182 = 0.415551
  half   = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²) = 1.324137·√(0.029297 + 0.015006) = 0.278707
  → 13.68% to 69.43%.
BB/TB: −2.5, −2.1, 0, 2.5, 0 … and one flagged 6.0 → n = 9, wasting 2, overweight 1.
BB/U: −2.2 and nine others ≥ −2 → n = 10, underweight 1.
Coverage: 10 children ÷ sasaran 20 = 50%.
"""

import math

import pytest

from konvergensi.measurements.prevalence import Period, prevalence_table

from .conftest import SOE


def wilson(cases, n, z=1.959963984540054):
    p = cases / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_it_computes_prevalence_by_hand(kabupaten, soe_data, feb_round):
    table = prevalence_table(Period.of_round(feb_round), "desa", kabupaten)
    soe = next(r for r in table.rows if r.code == SOE)
    f = soe.figures["stunting"]
    assert (f.cases, f.n, f.flagged) == (3, 8, 1)
    assert f.prevalence == pytest.approx(0.375)
    lo, hi = wilson(3, 8)
    assert (f.lower, f.upper) == (pytest.approx(lo), pytest.approx(hi))
    assert (round(lo * 100, 2), round(hi * 100, 2)) == (13.68, 69.43)
    assert (soe.figures["severe_stunting"].cases, soe.figures["severe_stunting"].n) == (1, 8)
    assert (soe.figures["wasting"].cases, soe.figures["wasting"].n) == (2, 9)
    assert (soe.figures["overweight"].cases, soe.figures["wasting"].flagged) == (1, 1)
    assert (soe.figures["underweight"].cases, soe.figures["underweight"].n) == (1, 10)
    assert soe.measured == 10
    assert (soe.sasaran, soe.sasaran_source, soe.coverage) == (20, "dimasukkan", 50.0)


def test_it_adds_the_kabupaten_total_from_counts(kabupaten, soe_data, feb_round):
    table = prevalence_table(Period.of_round(feb_round), "kecamatan", kabupaten)
    # Cendana adds 1 stunted of 4: 4 / 12, never an average of the two prevalences.
    assert (table.total.stunting.cases, table.total.stunting.n) == (4, 12)
    soe_kec = next(r for r in table.rows if r.code == "53.02.01")
    assert (soe_kec.stunting.cases, soe_kec.stunting.n) == (4, 12)
    assert soe_kec.sasaran == 25 and soe_kec.sasaran_source.startswith("sebagian perkiraan")
    assert "satu pengukuran terakhir per anak" in table.denominator
    assert "Februari 2026 (1–28 Feb 2026)" in table.denominator
