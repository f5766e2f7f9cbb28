from decimal import Decimal

from indicators.sheets import xlsx
from konvergensi.indicators.models import SupplyValue
from konvergensi.indicators.supply import COLUMNS, SupplySpec
from konvergensi.indicators.tabular import run_import


def test_it_imports_supply_with_the_same_machinery(people, indicators):
    rows = [
        ["posyandu", "", "53.02.01.2001", "", 2025, 3, "Dinkes"],
        ["bidan_desa", "", "53.02.01.2001", "", 2025, "1", ""],
        ["spam", "", "53.02.01.2001", "", 2025, 2, ""],  # pupr's, not dinkes's
        ["posyandu", "", "53.02.01", "", 2025, 2, ""],  # a kecamatan
    ]
    user = people.dinkes_operator
    report = run_import(
        SupplySpec(user, "53.02"), xlsx(list(COLUMNS), rows), user=user, dry_run=False
    )
    assert (report.ok, report.errors, report.created) == (2, 2, 2)
    assert {(i.row, i.column) for i in report.issues} == {(4, "kode_jenis"), (5, "kode_wilayah")}
    assert SupplyValue.objects.get(supply_type__code="posyandu").count == Decimal(3)
    again = run_import(
        SupplySpec(user, "53.02"), xlsx(list(COLUMNS), rows[:2]), user=user, dry_run=False
    )
    assert again.unchanged == 2


def test_it_saves_a_desa_row_from_the_grid(client, people, indicators):
    client.force_login(people.dinkes_operator)
    r = client.post(
        "/indikator/sumber-daya/desa/53.02.01.2001/?tahun=2025",
        {"t_posyandu": "2", "t_bidan_desa": "1", "source": "Profil"},
    )
    assert r.status_code == 302
    assert SupplyValue.objects.count() == 2
    client.force_login(people.viewer)
    assert client.get("/indikator/sumber-daya/desa/53.02.01.2001/").status_code == 403
