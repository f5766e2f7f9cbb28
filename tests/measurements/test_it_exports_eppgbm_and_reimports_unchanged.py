import io

import openpyxl

from konvergensi.accounts.access import Access
from konvergensi.measurements.export import EXPORT_HEADER, export_eppgbm
from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_it_round_trips_export_then_import_with_nothing_changed(tmp_path, operator, kabupaten):
    rows = [
        row("Ani", nik="5302014101240001", muac="13,5"),
        row("Budi", sex="L", desa="Cendana", how="Berdiri", born="31/01/2023", weight="11,25",
            height="84,3"),
    ]  # fmt: skip
    confirm_import(
        preview_import(write_csv(tmp_path / "a.csv", rows), user=operator, region=kabupaten),
        user=operator,
        desa_confirmations={},
    )
    data = export_eppgbm(Measurement.objects.all(), Access(operator))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(sheet.values)
    assert values[0] == EXPORT_HEADER
    assert values[1][0] == "5302014101240001" and values[1][2] == "P"

    path = tmp_path / "ekspor.xlsx"
    path.write_bytes(data)
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.rows_error == 0, batch.summary["issues"]
    batch = confirm_import(batch, user=operator, desa_confirmations={})
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 2)
