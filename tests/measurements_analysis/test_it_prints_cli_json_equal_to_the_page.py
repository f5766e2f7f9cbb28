"""``manage.py prevalence --json`` prints the page's figures, and they match the hand
computation of ``test_it_computes_prevalence_by_hand`` (SoE: 3 of 8, 37.5%)."""

import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from konvergensi.measurements.models import RoundSummary

from .conftest import CENDANA, SOE


def test_it_prints_cli_json_equal_to_the_page(client, kabupaten, soe_data, dinkes_operator):
    out = StringIO()
    call_command(
        "prevalence", "--level", "desa", "--from", "2026-02-01", "--to", "2026-02-28",
        "--region", "53.02.01", "--json", stdout=out, stderr=StringIO(),
    )  # fmt: skip
    rows = json.loads(out.getvalue())
    by_code = {r["code"]: r for r in rows}
    assert by_code[SOE]["stunting"] == {
        "cases": 3, "n": 8, "prevalence": 0.375, "lower": 0.136844, "upper": 0.694258,
        "flagged": 1,
    }  # fmt: skip
    assert (by_code[SOE]["sasaran"], by_code[SOE]["coverage"]) == (20, 50.0)
    assert by_code[CENDANA]["stunting"]["cases"] == 1 and by_code[CENDANA]["coverage"] == 80.0

    client.force_login(dinkes_operator)
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    page = client.get(url, {"dari": "2026-02-01", "sampai": "2026-02-28"})
    assert page.status_code == 200
    assert page.context["table"].to_json()["rows"] == rows


def test_it_takes_a_round_by_name(kabupaten, soe_data, feb_round):
    out = StringIO()
    call_command(
        "prevalence", "--level", "kecamatan", "--round", "Februari 2026", "--json",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    rows = json.loads(out.getvalue())
    assert [r["code"] for r in rows] == ["53.02.01", "53.02.02"]
    assert rows[0]["stunting"]["cases"] == 4
    # Mollo Selatan has nobody measured: no data, never 0%.
    assert rows[1]["stunting"] == {
        "cases": 0,
        "n": 0,
        "prevalence": None,
        "lower": None,
        "upper": None,
        "flagged": 0,
    }


def test_it_prints_the_round_page_figures_from_the_stored_summary(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    """A round is counted from its stored summary; the CLI, the round page and the live count
    of the same dates agree."""

    def cli(*period: str) -> list:
        out = StringIO()
        call_command(
            "prevalence", "--level", "desa", "--region", "53.02.01", *period, "--json",
            stdout=out, stderr=StringIO(),
        )  # fmt: skip
        return json.loads(out.getvalue())

    by_round = cli("--round", "Februari 2026")
    assert RoundSummary.objects.filter(round=feb_round).exists()
    assert by_round == cli("--from", "2026-02-01", "--to", "2026-02-28")
    assert {r["code"]: r["stunting"]["cases"] for r in by_round}[SOE] == 3

    client.force_login(dinkes_operator)
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    page = client.get(url, {"putaran": feb_round.pk})
    assert page.status_code == 200
    assert page.context["table"].to_json()["rows"] == by_round
