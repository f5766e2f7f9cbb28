from django.core.management import call_command

from konvergensi.indicators.loading import sync_indicators
from konvergensi.indicators.models import Indicator


def test_it_loads_64_indicators_with_directions_and_is_idempotent(db):
    first = sync_indicators()
    assert (first.created, Indicator.objects.count()) == (64, 64)
    assert Indicator.objects.get(code="unmet_need_kb").direction == "lower"
    assert Indicator.objects.get(code="asi_eksklusif").direction == "higher"
    assert Indicator.objects.get(code="desa_stbm").is_percent
    again = sync_indicators()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 64)
    call_command("load_indicators")
    assert Indicator.objects.count() == 64


def test_it_updates_a_changed_row(db):
    sync_indicators()
    Indicator.objects.filter(number=1).update(short_name="diubah")
    result = sync_indicators()
    assert result.updated == 1
    ind = Indicator.objects.get(number=1)
    assert ind.short_name == "Remaja putri minum TTD"
    # created, then updated (the .update() above bypassed history)
    assert list(ind.history.values_list("history_type", flat=True)) == ["~", "+"]
