"""An xlsx export follows the language of the request that asks for it: headers built when the
module was imported, or never translated, would stay Indonesian in an English session."""

import io

import openpyxl
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from konvergensi.measurements.prevalence import INDICATOR_LABELS, LEVEL_LABELS

from .conftest import SOE

INDICATORS_EN = (
    "Stunting (stunted + severely stunted)",
    "Severely stunted",
    "Wasting (wasted + severely wasted)",
    "Underweight",
    "Overweight",
)


def _cells(client, url, **params) -> list[list]:
    response = client.get(url, {**params, "format": "xlsx"})
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def _indonesian_labels() -> set[str]:
    with translation.override("id"):
        return {str(v) for v in (*INDICATOR_LABELS.values(), *LEVEL_LABELS.values())}


def _english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_prevalence_export_has_english_headers(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    _english(client, dinkes_operator)
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    cells = _cells(client, url, putaran=feb_round.pk)
    header = next(r for r in cells if r[0] == "Code")
    assert header[1] == "Village" and header[2] == "Children measured"
    for label in INDICATORS_EN:
        for suffix in ("n", "cases", "%", "95% CI lower", "95% CI upper", "excluded (flag)"):
            assert f"{label}: {suffix}" in header, (label, suffix)
    indonesian = _indonesian_labels()
    assert "Desa/Kelurahan" in indonesian
    assert not [h for h in header if any(h.startswith(i) for i in indonesian)]


def test_the_prevalence_page_names_its_indicators_in_english(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    _english(client, dinkes_operator)
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    page = client.get(url, {"putaran": feb_round.pk}).content.decode()
    for label in INDICATORS_EN:
        assert label in page, label
    assert "Stunting (pendek + sangat pendek)" not in page


def test_the_children_export_has_english_headers(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    _english(client, dinkes_operator)
    url = reverse("measurements:children_desa", kwargs={"code": SOE})
    cells = _cells(client, url, putaran=feb_round.pk)
    header = next(r for r in cells if r[0] == "Name")
    assert header[:5] == ["Name", "NIK", "Sex", "Measured on", "Age"]
    assert "HAZ (TB/U)" in header and "Z TB/U" not in header


def test_the_coverage_export_states_the_status_in_english(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    _english(client, dinkes_operator)
    url = reverse("measurements:coverage", kwargs={"code": "53.02"})
    cells = _cells(client, url, putaran=feb_round.pk)
    oebesa = next(r for r in cells if r[0] == "53.02.01.1003")
    assert oebesa[-1] == "Not measured"


def test_the_same_exports_stay_indonesian_in_an_indonesian_session(
    client, kabupaten, soe_data, feb_round, dinkes_operator
):
    _english(client, dinkes_operator)
    _cells(client, reverse("measurements:children_desa", kwargs={"code": SOE}))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    url = reverse("measurements:children_desa", kwargs={"code": SOE})
    header = next(r for r in _cells(client, url, putaran=feb_round.pk) if r[0] == "Nama")
    assert header[3:5] == ["Tanggal ukur", "Umur"]
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    header = next(r for r in _cells(client, url, putaran=feb_round.pk) if r[0] == "Kode")
    assert "Stunting (pendek + sangat pendek): kasus" in header
