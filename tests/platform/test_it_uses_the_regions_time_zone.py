"""The deployment shows times in its region's own zone (WIB, WITA or WIT) unless told otherwise."""

import pytest

from konvergensi.timezones import WIB, WIT, WITA, zone_for_region


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("53.02", WITA),  # Timor Tengah Selatan, NTT
        ("51", WITA),  # Bali
        ("73.71", WITA),  # Makassar
        ("64.72", WITA),  # Samarinda, Kalimantan Timur
        ("61.71", WIB),  # Pontianak, Kalimantan Barat
        ("62", WIB),  # Kalimantan Tengah
        ("31.71", WIB),  # Jakarta Pusat
        ("11.01", WIB),  # Aceh
        ("81.71", WIT),  # Ambon
        ("94.71", WIT),  # Kota Jayapura (old Papua code)
        ("", WIB),  # the nation
        ("xx", WIB),
    ],
)
def test_each_province_gets_its_zone(code, zone):
    assert zone_for_region(code) == zone


def test_the_settings_default_follows_the_region(monkeypatch):
    import importlib

    import konvergensi.settings as settings_module

    monkeypatch.delenv("TIME_ZONE", raising=False)
    monkeypatch.setenv("KONVERGENSI_REGION", "91.01")
    assert importlib.reload(settings_module).TIME_ZONE == WIT
    monkeypatch.setenv("TIME_ZONE", "Asia/Jakarta")
    assert importlib.reload(settings_module).TIME_ZONE == WIB
    monkeypatch.undo()
    importlib.reload(settings_module)
