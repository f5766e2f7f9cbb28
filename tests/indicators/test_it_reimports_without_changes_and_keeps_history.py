from decimal import Decimal

from indicators.sheets import COLUMNS, cov, xlsx
from konvergensi.indicators.coverage import CoverageSpec
from konvergensi.indicators.models import CoverageValue
from konvergensi.indicators.tabular import run_import

D1, D2 = "53.02.01.2001", "53.02.01.2002"


def _run(people, rows, user=None):
    user = user or people.dinkes_operator
    return run_import(CoverageSpec(user, "53.02"), xlsx(COLUMNS, rows), user=user, dry_run=False)


def test_it_changes_nothing_when_the_same_file_is_imported_again(people, indicators):
    rows = [cov("asi_eksklusif", D1, value="80,5"), cov("asi_eksklusif", D2, num=1, den=4)]
    first = _run(people, rows)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = _run(people, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert CoverageValue.history.count() == 2


def test_it_keeps_the_history_with_the_user(people, indicators):
    _run(people, [cov("asi_eksklusif", D1, value=60)])
    report = _run(people, [cov("asi_eksklusif", D1, value=70)], user=people.admin)
    assert report.updated == 1
    v = CoverageValue.objects.get()
    assert v.value == Decimal("70.00")
    hist = list(v.history.order_by("history_date").values_list("value", "history_user__username"))
    assert hist == [(Decimal("60.00"), "dinkes"), (Decimal("70.00"), "admin")]
