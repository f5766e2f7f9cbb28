import datetime as dt

from konvergensi.situation.demo import seed_situation
from konvergensi.situation.models import SituationAnalysis, Status
from situation.conftest import D1, D4, add_measurements


def test_it_seeds_the_demo_analyses_once(kabupaten, people):
    add_measurements({D1: (8, 20), D4: (10, 20)}, dt.date(2025, 8, 10))
    assert seed_situation("53.02", 2026) == {"situation_analyses": 2}
    earlier, current = SituationAnalysis.objects.order_by("year")
    assert (earlier.year, earlier.status) == (2025, Status.FINAL)
    assert current.snapshot["trend"]["previous_year"] == 2025
    assert current.lokus.filter(selected=True).exists()
    assert current.recommendations.filter(accepted=True).exists()
    assert current.fgd.filter(done=True).exists()
    assert seed_situation("53.02", 2026) == {"situation_analyses": 0}
