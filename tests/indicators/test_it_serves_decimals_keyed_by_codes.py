from decimal import Decimal

from indicators.sheets import COLUMNS, cov, xlsx
from konvergensi.indicators import services
from konvergensi.indicators.coverage import CoverageSpec
from konvergensi.indicators.models import Indicator, Target
from konvergensi.indicators.tabular import run_import


def test_it_returns_coverage_targets_and_availability(people, indicators):
    rows = [
        cov("asi_eksklusif", "53.02.01.2001", value="61,5"),
        cov("asi_eksklusif", "53.02.01.2002", value=40, month=3),
        cov("asi_eksklusif", "53.02.01.2002", value=45, month=6),
        cov("imunisasi_dasar_lengkap", "53.02", value=88),
    ]
    u = people.dinkes_operator
    run_import(CoverageSpec(u, "53.02"), xlsx(COLUMNS, rows), user=u, dry_run=False)
    got = services.coverage_for_year("53.02", 2025)
    assert got["asi_eksklusif"] == {
        "53.02.01.2001": Decimal("61.50"),
        "53.02.01.2002": Decimal("45.00"),
    }  # latest month
    assert isinstance(got["imunisasi_dasar_lengkap"]["53.02"], Decimal)

    Target.objects.create(
        indicator=Indicator.objects.get(code="asi_eksklusif"),
        region_id="53.02",
        year=2025,
        value=Decimal("85"),
    )
    targets = services.targets_for_year("53.02", 2025)
    assert targets["asi_eksklusif"] == Decimal("85")
    assert targets["unmet_need_kb"] == Decimal("7.4")
    assert targets["penerima_pbi_jkn"] is None  # a national total

    avail = services.data_availability("53.02", 2025)
    assert avail["asi_eksklusif"].levels == ("desa",)
    assert avail["asi_eksklusif"].desa_with_data == 2 and avail["asi_eksklusif"].desa_total == 3
    assert avail["imunisasi_dasar_lengkap"].levels == ("kabupaten",)
    assert avail["ttd_remaja_putri"].none
    info = {i.code: i for i in services.indicators()}
    assert info["unmet_need_kb"].direction == "lower"
