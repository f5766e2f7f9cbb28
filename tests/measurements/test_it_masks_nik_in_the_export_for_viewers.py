"""The e-PPGBM export writes the full NIK only for who may see it (operators and admins of
Dinas Kesehatan, a puskesmas, a desa); a viewer gets it masked as on the child list (decision
0003), under the same e-PPGBM headers."""

import io

import openpyxl
import pytest
from django.urls import reverse

from konvergensi.measurements.export import EXPORT_HEADER
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv

NIK = "5302014101240001"


@pytest.fixture
def stored(tmp_path, operator, kabupaten):
    path = write_csv(tmp_path / "feb.csv", [row("Ani", nik=NIK), row("Budi", sex="L")])
    batch = confirm_import(
        preview_import(path, user=operator, region=kabupaten), user=operator, desa_confirmations={}
    )
    assert batch.created == 2, batch.message


def _export(client, user) -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("measurements:export"))
    assert response.status_code == 200
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)


def test_a_viewer_gets_the_nik_masked(client, stored, viewer):
    values = _export(client, viewer)
    assert values[0] == EXPORT_HEADER
    by_name = {r[1]: r for r in values[1:]}
    assert by_name["Ani"][0] == "5302••••••••0001"
    assert by_name["Budi"][0] in ("", None)  # no NIK stays empty
    assert all(NIK not in str(cell) for r in values for cell in r)


def test_an_operator_gets_the_full_nik(client, stored, operator):
    values = _export(client, operator)
    assert values[0] == EXPORT_HEADER
    assert {r[1]: r[0] for r in values[1:]}["Ani"] == NIK
