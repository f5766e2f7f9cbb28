"""Aksi 1 FGD questions, recommendation types and national reference figures."""

from decimal import Decimal

from konvergensi.reference_data import (
    load_fgd_questions,
    load_national_reference,
    load_recommendation_types,
)


def test_it_loads_fgd_groups_for_service_delivery_and_coordination():
    groups = {g.id: g for g in load_fgd_questions()}
    assert set(groups) == {
        "layanan_opd",
        "layanan_penyedia",
        "koordinasi_opd",
        "koordinasi_penyedia",
        "koordinasi_kab_kec_desa",
    }
    assert {g.topic for g in groups.values()} == {"pelaksanaan_layanan", "koordinasi"}
    assert len(groups["layanan_penyedia"].questions) == 5
    for group in groups.values():
        ids = [q.id for q in group.questions]
        assert len(ids) == len(set(ids)), group.id
    for group_id in ("koordinasi_opd", "koordinasi_penyedia", "koordinasi_kab_kec_desa"):
        assert [q.ref for q in groups[group_id].questions] == ["1", "2", "3", "4", "5", "6"]


def test_it_loads_the_recommendation_types_of_1_7_4_to_1_7_6():
    types = load_recommendation_types()
    refs = [t.ref for t in types]
    assert refs[:5] == ["1.7.4.a", "1.7.4.b", "1.7.4.c", "1.7.4.d", "1.7.4.e"]
    groups = [t.group for t in types]
    assert groups.count("program") == 5
    assert groups.count("layanan") == 4
    assert groups.count("koordinasi") == 3
    assert len({t.code for t in types}) == len(types)


def test_it_loads_national_figures_as_decimals():
    figures = {f.code: f for f in load_national_reference()}
    assert figures["ssgi_2021"].value == Decimal("24.4")
    assert figures["ssgi_2022"].value == Decimal("21.6")
    assert figures["ski_2023"].value == Decimal("21.5")
    assert figures["ssgi_2024"].value == Decimal("19.8")
    assert figures["rpjmn_2024"].value == Decimal("14")
    assert figures["rpjmn_2029"].value == Decimal("14.2")
    assert figures["rpjpn_2045"].value == Decimal("5")
    assert {f.kind for f in figures.values()} == {"prevalence", "target"}
    assert all(f.source_name for f in figures.values())
