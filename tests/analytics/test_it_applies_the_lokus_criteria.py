from fractions import Fraction

from lokus_fixtures import SR, M, R, kabupaten

from analytics.lokus import DesaInput, LokusRow, select_lokus


def _rows() -> dict[str, LokusRow]:
    return {r.code: r for r in select_lokus(kabupaten()).rows}


def test_it_uses_pooled_prevalence_and_mean_over_desa_with_data() -> None:
    result = select_lokus(kabupaten())
    assert result.pooled_prevalence == Fraction(24, 150)
    assert result.mean_cases == Fraction(24, 5)
    assert result.desa_with_data == 5


def test_it_meets_prevalence_and_cases_criteria() -> None:
    d01 = _rows()["d01"]
    assert (d01.meets_a, d01.meets_b, d01.meets_c) == (True, True, False)
    assert d01.reasons[0].startswith("(a) Prevalensi stunting 25,0% (10/40)")
    assert "rata-rata 4,8 kasus" in d01.reasons[1]


def test_it_meets_poor_indicators_although_prevalence_is_low() -> None:
    d02 = _rows()["d02"]
    assert (d02.meets_a, d02.meets_b, d02.meets_c) == (False, False, True)
    assert (d02.poor_count, d02.indicator_count) == (2, 3)
    assert d02.reasons == (
        "(c) 2 dari 3 indikator utama tergolong kurang (lebih dari separuh) "
        "meskipun prevalensi stunting rendah.",
    )


def test_it_does_not_meet_poor_indicators_at_exactly_half() -> None:
    d03 = _rows()["d03"]
    assert (d03.poor_count, d03.indicator_count) == (2, 4)
    assert not d03.meets_c
    assert d03.meets_b  # 6 > 4.8


def test_it_treats_a_desa_without_measurements_as_no_data() -> None:
    rows = _rows()
    d04, d05 = rows["d04"], rows["d05"]
    assert not d04.has_data and d04.cases is None and d04.prevalence is None
    assert (d04.meets_a, d04.meets_b, d04.meets_c) == (False, False, True)
    assert "Tidak ada data pengukuran stunting pada periode ini." in d04.reasons
    assert not d05.candidate and d05.rank is None
    # d07 has 4 cases: below the mean 4.8 over desa with data (not 24/7 ≈ 3.43)
    assert not rows["d07"].meets_b


def test_it_neither_counts_nor_treats_missing_coverage_as_poor() -> None:
    rows = _rows()
    # d06: R, None, TIDAK_ADA_DATA → 1 poor of 1 with data
    assert (rows["d06"].poor_count, rows["d06"].indicator_count) == (1, 1)
    assert rows["d06"].meets_c
    # d07: M, None, None → 0 of 1
    assert (rows["d07"].poor_count, rows["d07"].indicator_count, rows["d07"].meets_c) == (
        0,
        1,
        False,
    )


def test_it_compares_at_the_pooled_value_strictly() -> None:
    # pooled = 2/6 = 1/3 = each desa's prevalence; mean = 1 = each desa's cases
    desa = [DesaInput("a", 1, 3, {"x": M}), DesaInput("b", 1, 3, {"x": M})]
    result = select_lokus(desa)
    assert all(not r.candidate for r in result.rows)
    assert result.selected_count == 0


def test_it_meets_poor_criterion_even_with_high_prevalence() -> None:
    desa = [DesaInput("a", 5, 10, {"x": R, "y": SR}), DesaInput("b", 1, 10, {"x": M})]
    a = {r.code: r for r in select_lokus(desa).rows}["a"]
    assert (a.meets_a, a.meets_c) == (True, True)
    assert not a.reasons[-1].endswith("meskipun prevalensi stunting rendah.")
