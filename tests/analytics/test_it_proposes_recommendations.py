from analytics.coverage import ProposalType, ServiceSituation, propose
from analytics.traffic_light import CoverageClass

R, SR, M = CoverageClass.RENDAH, CoverageClass.SANGAT_RENDAH, CoverageClass.MEMADAI
NA = CoverageClass.TIDAK_ADA_DATA


def _types(*situations: ServiceSituation) -> list[ProposalType]:
    return [p.type for p in propose(situations)]


def test_it_reads_low_coverage_with_adequate_supply_as_a_management_problem() -> None:
    proposals = propose([ServiceSituation("k4", "d1", R, supply_adequate=True, opd="Dinkes")])
    assert [p.type for p in proposals] == [ProposalType.MANAJEMEN_LAYANAN]
    assert "masalah manajemen/pengelolaan layanan" in proposals[0].text
    assert (proposals[0].indicator, proposals[0].desa, proposals[0].opd) == ("k4", "d1", "Dinkes")


def test_it_proposes_more_resources_when_supply_is_low() -> None:
    assert _types(ServiceSituation("k4", "d1", SR, supply_adequate=False)) == [
        ProposalType.PENAMBAHAN_SUMBER_DAYA
    ]


def test_it_proposes_program_expansion_where_no_program_reaches() -> None:
    assert _types(ServiceSituation("k4", "d1", R, supply_adequate=True, program_present=False)) == [
        ProposalType.PERLUASAN_PROGRAM
    ]


def test_it_asks_to_assess_supply_when_unknown_and_data_when_missing() -> None:
    assert _types(ServiceSituation("k4", "d1", R), ServiceSituation("k4", "d2", NA)) == [
        ProposalType.KAJI_KECUKUPAN_SUMBER_DAYA,
        ProposalType.PENYEDIAAN_DATA,
    ]


def test_it_proposes_nothing_for_adequate_coverage() -> None:
    assert _types(ServiceSituation("k4", "d1", M, supply_adequate=False)) == []


def test_it_proposes_coordination_when_poor_indicators_span_opd() -> None:
    types = _types(
        ServiceSituation("k4", "d1", R, supply_adequate=True, opd="Dinas Kesehatan"),
        ServiceSituation("air", "d1", R, supply_adequate=False, opd="Dinas PUPR"),
        ServiceSituation("air", "d2", R, supply_adequate=False, opd="Dinas PUPR"),
    )
    assert types.count(ProposalType.PENGUATAN_KOORDINASI) == 1
