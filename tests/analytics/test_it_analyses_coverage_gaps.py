from decimal import Decimal

from analytics.coverage import (
    DataLevel,
    coverage_data_notes,
    coverage_gap,
    coverage_gaps,
    stunting_data_note,
    summarise_classes,
)
from analytics.traffic_light import CoverageClass, Direction, IndicatorSpec


def test_it_computes_the_gap_respecting_direction() -> None:
    assert coverage_gap("72.5", "90", Direction.HIGHER_IS_BETTER) == Decimal("17.5")
    assert coverage_gap("12", "8", Direction.LOWER_IS_BETTER) == Decimal("4")
    assert coverage_gap("95", "90", Direction.HIGHER_IS_BETTER) == Decimal("-5")
    assert coverage_gap(None, "90", Direction.HIGHER_IS_BETTER) is None


def test_it_summarises_classes_per_indicator() -> None:
    spec = IndicatorSpec("k1", "K1", Decimal("90"))
    rows = coverage_gaps([spec], {"k1": {"a": 95, "b": 50, "c": 40}}, ["a", "b", "c", "d"])
    summary = summarise_classes(rows)["k1"]
    # 95 ≥ 90 memadai; 50 ≥ 45 rendah; 40 < 45 sangat rendah; d missing
    assert summary[CoverageClass.MEMADAI] == 1
    assert summary[CoverageClass.HAMPIR_MEMADAI] == 0
    assert summary[CoverageClass.RENDAH] == 1
    assert summary[CoverageClass.SANGAT_RENDAH] == 1
    assert summary[CoverageClass.TIDAK_ADA_DATA] == 1


def test_it_addresses_data_notes_to_aksi_6_and_aksi_7() -> None:
    assert stunting_data_note(DataLevel.DESA) is None
    note = stunting_data_note("puskesmas")
    assert note is not None and note.addressed_to == "aksi_6"
    none = stunting_data_note(DataLevel.TIDAK_ADA)
    assert none is not None and none.addressed_to == "aksi_7"
    assert "Aksi 7" in none.text


def test_it_writes_coverage_data_notes_per_level() -> None:
    notes = coverage_data_notes(
        {"k1": "desa", "k4": "puskesmas", "ttd": "tidak_ada"},
        names={"ttd": "Remaja putri mengonsumsi TTD"},
        opd={"ttd": "Dinas Kesehatan"},
        hotspot_desa=["d2", "d1"],
    )
    assert [(n.indicator, n.addressed_to) for n in notes] == [("k4", "aksi_6"), ("ttd", "opd")]
    assert notes[1].text == (
        "Data cakupan 'Remaja putri mengonsumsi TTD' tidak tersedia, tidak pada tingkat "
        "Puskesmas atau kecamatan. Dinas Kesehatan memasukkan pengumpulan data sebagai "
        "rencana aksi OPD, dengan prioritas pada wilayah hotspot: d1, d2."
    )
