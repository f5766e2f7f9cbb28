from decimal import Decimal
from fractions import Fraction

import pytest
from lokus_fixtures import kabupaten

from analytics.lokus import BudgetRule, ByBudget, ByShare, DesaInput, ShareBase, select_lokus

# Rank order: d03 (50), d02 (30), d04 (40), d06 (10), d01 (20), d07 (5); costs in brackets.


def _selected(rule: ByShare | ByBudget) -> list[str]:
    return [r.code for r in select_lokus(kabupaten(), rule).selected]


def test_it_selects_ten_percent_of_all_desa_by_default() -> None:
    result = select_lokus(kabupaten())
    # ceil(0.1 × 7 desa) = ceil(0.7) = 1
    assert [r.code for r in result.selected] == ["d03"]
    assert "10,0% dari jumlah seluruh desa" in result.choices["jumlah_lokus"]


def test_it_selects_a_share_of_all_desa_or_of_candidates() -> None:
    # of all: ceil(0.5 × 7) = 4; of candidates: ceil(0.5 × 6) = 3
    assert _selected(ByShare(Fraction(1, 2))) == ["d03", "d02", "d04", "d06"]
    assert _selected(ByShare(Fraction(1, 2), ShareBase.CANDIDATES)) == ["d03", "d02", "d04"]
    # never more than the candidates: ceil(1 × 7) = 7 → 6
    assert len(_selected(ByShare(Fraction(1)))) == 6


def test_it_stops_at_the_first_desa_over_budget() -> None:
    # 50 + 30 = 80; + 40 = 120 > 100 → stop
    assert _selected(ByBudget(Decimal(100))) == ["d03", "d02"]


def test_it_can_skip_a_desa_over_budget_and_continue() -> None:
    # 50 + 30 = 80; d04 (40) skipped; + 10 = 90; d01 (20) skipped; + 5 = 95
    rule = ByBudget(Decimal(100), BudgetRule.SKIP)
    assert _selected(rule) == ["d03", "d02", "d06", "d07"]
    assert "dilewati" in select_lokus(kabupaten(), rule).choices["jumlah_lokus"]


def test_it_spends_exactly_the_whole_budget() -> None:
    # 50 + 30 + 40 = 120 fits a budget of exactly 120
    assert _selected(ByBudget(Decimal(120))) == ["d03", "d02", "d04"]


def test_it_needs_a_cost_for_every_candidate_when_selecting_by_budget() -> None:
    desa = [DesaInput("a", 5, 10), DesaInput("b", 1, 10)]
    with pytest.raises(ValueError, match="'a' has no cost"):
        select_lokus(desa, ByBudget(Decimal(10)))


def test_it_rejects_invalid_rules_and_inputs() -> None:
    with pytest.raises(ValueError, match=r"share must be a Fraction in \(0, 1\]"):
        ByShare(Fraction(3, 2))
    with pytest.raises(ValueError, match="more than once"):
        select_lokus([DesaInput("a", 1, 2), DesaInput("a", 1, 2)])
    with pytest.raises(ValueError, match="stunted must be between 0 and measured"):
        select_lokus([DesaInput("a", 3, 2)])
