"""Indicators loaded from the Pedoman CSV, and xlsx helpers for the import tests."""

from __future__ import annotations

import pytest

from konvergensi.indicators.loading import seed_supply_types, sync_indicators


@pytest.fixture
def indicators(db):
    sync_indicators()
    seed_supply_types()


@pytest.fixture(autouse=True)
def _region(settings):
    settings.KONVERGENSI_REGION = "53.02"
    settings.AXES_ENABLED = False
