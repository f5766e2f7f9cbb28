import pytest

from konvergensi.measurements.models import Measurement
from konvergensi.measurements.samplefiles import generate_eppgbm
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import DESA


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_imports_a_messy_generated_export(tmp_path, operator, kabupaten, fmt):
    desa = [
        (kec, name, f"{code}.{suffix}")
        for code, (kec, names) in DESA.items()
        for suffix, name in names
    ]
    path = tmp_path / f"sample.{fmt}"
    generate_eppgbm(path, rows=300, seed=7, desa=desa, fmt=fmt)
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.rows_total >= 300 and batch.rows_error > 0
    assert batch.rows_ok > 250
    batch = confirm_import(batch, user=operator, desa_confirmations={})
    assert batch.created == Measurement.objects.count() > 250
    assert batch.created == batch.rows_ok + batch.rows_warning - batch.summary["duplicates"]
    again = confirm_import(
        preview_import(path, user=operator, region=kabupaten), user=operator, desa_confirmations={}
    )
    assert (again.created, again.updated) == (0, 0)
