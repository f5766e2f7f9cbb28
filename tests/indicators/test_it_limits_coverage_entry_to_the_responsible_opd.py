"""Coverage is entered only by the OPD responsible for the indicator, in its own kabupaten."""

from decimal import Decimal

import pytest

from konvergensi.indicators.models import CoverageValue

URL = "/indikator/{code}/baris/{region}/?tahun=2025"


def post(client, user, code, region, **data):
    client.force_login(user)
    body = {"region": region, "year": 2025, "month": 0, "source": "Laporan"} | data
    return client.post(URL.format(code=code, region=region), body)


@pytest.fixture
def desa():
    return "53.02.01.2001"


def test_it_lets_the_dinkes_operator_enter_its_indicator(client, people, indicators, desa):
    r = post(
        client, people.dinkes_operator, "asi_eksklusif", desa, numerator="45", denominator="60"
    )
    assert r.status_code == 200
    v = CoverageValue.objects.get()
    assert v.value == Decimal("75.00") and v.institution == people.dinkes
    assert v.history.get().history_user == people.dinkes_operator


def test_it_accepts_a_decimal_comma(client, people, indicators, desa):
    post(client, people.dinkes_operator, "asi_eksklusif", desa, value="72,5")
    assert CoverageValue.objects.get().value == Decimal("72.50")


def test_it_refuses_another_opds_indicator(client, people, indicators, desa):
    r = post(client, people.dinkes_operator, "pus_miskin_pbi_jkn", desa, value="50")
    assert r.status_code == 403
    assert not CoverageValue.objects.exists()


def test_it_refuses_a_region_of_another_kabupaten(client, people, indicators):
    r = post(client, people.dinkes_operator, "asi_eksklusif", "53.03.01.2001", value="50")
    assert r.status_code == 403


def test_it_keeps_a_viewer_read_only(client, people, indicators, desa):
    assert post(client, people.viewer, "asi_eksklusif", desa, value="50").status_code == 403
    client.force_login(people.viewer)
    assert client.get("/indikator/asi_eksklusif/?tahun=2025").status_code == 200
    assert client.get("/indikator/asi_eksklusif/entri/").status_code == 403


def test_it_lets_the_admin_enter_any_indicator(client, people, indicators, desa):
    post(client, people.admin, "pus_miskin_pbi_jkn", desa, value="50")
    v = CoverageValue.objects.get()
    assert v.institution == people.dinsos  # filed under the responsible OPD


def test_it_shows_form_errors_for_bad_values(client, people, indicators, desa):
    r = post(
        client, people.dinkes_operator, "asi_eksklusif", desa, numerator="70", denominator="60"
    )
    assert "lebih besar dari penyebut" in r.content.decode()
    r = post(client, people.dinkes_operator, "asi_eksklusif", desa, value="120")
    assert "lebih dari 100" in r.content.decode()
    assert not CoverageValue.objects.exists()


def test_it_refuses_a_desa_for_a_kabupaten_level_indicator(client, people, indicators, desa):
    client.force_login(people.dinkes_operator)
    r = client.post(
        "/indikator/surveilans_gizi_elektronik/entri/",
        {"region": desa, "year": 2025, "month": 0, "value": "50", "source": "x"},
    )
    assert r.status_code == 200 and not CoverageValue.objects.exists()
