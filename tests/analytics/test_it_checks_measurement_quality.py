import math

import pytest
from scipy import stats

from analytics.quality import (
    TemJudgement,
    digit_preference,
    flagged_share,
    sd_check,
    technical_error,
    technical_error_by,
    terminal_digits,
)


def test_it_computes_tem_by_hand() -> None:
    # d = −0.4, 0.2, 0.3; Σd² = 0.16 + 0.04 + 0.09 = 0.29; TEM = sqrt(0.29 / 6) = 0.219848
    # mean of all six = 489.9 / 6 = 81.65; rTEM = 0.219848 / 81.65 × 100 = 0.269257%
    result = technical_error([80.0, 75.0, 90.0], [80.4, 74.8, 89.7])
    assert result.n_pairs == 3
    assert result.tem == pytest.approx(0.219848, abs=1e-6)
    assert result.mean == pytest.approx(81.65)
    assert result.relative_tem_pct == pytest.approx(0.269257, abs=1e-5)
    assert result.judgement is TemJudgement.BAIK
    assert result.pairs_over_max_difference == 0


def test_it_judges_poor_precision_and_counts_pairs_over_the_limit() -> None:
    # d = 2, 0: TEM = sqrt(4 / 4) = 1; mean = (50+60+48+60)/4 = 54.5; rTEM = 1.83% > 1.5%
    result = technical_error([50.0, 60.0], [48.0, 60.0])
    assert result.tem == pytest.approx(1.0)
    assert result.judgement is TemJudgement.PERLU_PELATIHAN_ULANG
    assert result.pairs_over_max_difference == 1  # |2| > 0.7 cm


def test_it_groups_tem_by_measurer() -> None:
    by = technical_error_by(["k1", "k2", "k1"], [80.0, 70.0, 90.0], [80.2, 72.0, 90.0])
    # k1: d = −0.2, 0 → TEM = sqrt(0.04 / 4) = 0.1
    assert by["k1"].tem == pytest.approx(0.1)
    assert by["k2"].n_pairs == 1
    assert technical_error([], []).judgement is TemJudgement.TIDAK_ADA_DATA


def test_it_measures_terminal_digit_heaping() -> None:
    assert list(terminal_digits([85.3, 80.0, 79.95, 81.5])) == [3, 0, 0, 5]
    values = [80.0, 80.5, 81.0, 82.3]
    result = digit_preference(values)
    assert result.share_0_5 == 0.75  # digits 0, 5, 0, 3
    counts = [2, 0, 0, 1, 0, 1, 0, 0, 0, 0]
    assert list(result.counts) == counts
    assert result.p_value == pytest.approx(stats.chisquare(counts).pvalue)


def test_it_flags_an_sd_outside_the_expected_range() -> None:
    # z = −2, 0, 2 → sample SD = sqrt((4 + 0 + 4) / 2) = 2 > 1.2; the flagged 9.0 is excluded
    check = sd_check([-2.0, 0.0, 2.0, 9.0], [False, False, False, True])
    assert (check.n, check.sd, check.outside) == (3, 2.0, True)
    assert not sd_check([-1.0, 0.0, 1.0], [False] * 3).outside  # SD = 1


def test_it_reports_the_flagged_share_per_posyandu_and_round() -> None:
    result = flagged_share(
        ["p1", "p1", "p2", "p1"], ["Feb", "Feb", "Feb", "Agu"], [True, False, False, False]
    )
    assert result[("p1", "Feb")].share == 0.5 and result[("p1", "Feb")].exceeds
    assert not result[("p2", "Feb")].exceeds
    assert result[("p1", "Agu")].n == 1
    assert math.isclose(sum(s.flagged for s in result.values()), 1)
