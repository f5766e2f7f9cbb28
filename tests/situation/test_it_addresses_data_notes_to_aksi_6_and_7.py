from konvergensi.indicators.models import CoverageValue, Indicator
from konvergensi.situation import services


def test_it_addresses_data_notes_to_the_owners(analysis, people):
    # ASI eksklusif known only for the kecamatan: a note for the owner of Aksi 6.
    CoverageValue.objects.create(
        indicator=Indicator.objects.get(code="asi_eksklusif"),
        region_id="53.02.01",
        year=2026,
        value=60,
        source="uji",
        institution=people.dinkes,
        entered_by=people.admin,
    )
    services.run_analysis(analysis, user=people.admin)
    notes = {n["indicator"]: n for n in analysis.snapshot["data_notes"]}
    assert notes["asi_eksklusif"]["addressed_to"] == "aksi_6"
    assert "tingkat kecamatan" in notes["asi_eksklusif"]["text"]
    assert notes["ttd_remaja_putri"]["addressed_to"] == "opd"  # no data anywhere
    assert "imunisasi_dasar_lengkap" not in notes  # desa-level data exist
    assert "prevalensi_stunting" not in notes


def test_it_asks_aksi_7_for_measurements_when_there_are_none(analysis, people):
    from konvergensi.measurements.models import Measurement

    Measurement.objects.all().delete()
    services.run_analysis(analysis, user=people.admin)
    notes = {n["indicator"]: n for n in analysis.snapshot["data_notes"]}
    assert notes["prevalensi_stunting"]["addressed_to"] == "aksi_7"
    assert analysis.snapshot["distribution"]["has_data"] is False
