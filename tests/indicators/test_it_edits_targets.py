from decimal import Decimal

from konvergensi.indicators.models import Target


def test_it_lets_the_admin_set_targets_with_a_decimal_comma(client, people, indicators):
    client.force_login(people.admin)
    page = client.get("/indikator/target/?tahun=2026")
    assert page.status_code == 200
    r = client.post(
        "/indikator/target/?tahun=2026", {"asi_eksklusif": "82,5", "unmet_need_kb": "7,4"}
    )
    assert r.status_code == 302
    t = Target.objects.get()  # unmet need kept at its default: not stored
    assert (t.indicator.code, t.value, t.year) == ("asi_eksklusif", Decimal("82.5"), 2026)
    assert t.history.get().history_user == people.admin


def test_it_refuses_a_percentage_above_100(client, people, indicators):
    client.force_login(people.admin)
    r = client.post("/indikator/target/?tahun=2026", {"asi_eksklusif": "120"})
    assert r.status_code == 200 and "0–100" in r.content.decode()
    assert not Target.objects.exists()


def test_it_keeps_targets_read_only_for_an_opd(client, people, indicators):
    client.force_login(people.dinkes_operator)
    assert client.post("/indikator/target/", {"asi_eksklusif": "80"}).status_code == 403
