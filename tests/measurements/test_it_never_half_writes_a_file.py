from unittest import mock

from konvergensi.measurements import fastwrite, services
from konvergensi.measurements.models import Child, ImportStatus, Measurement

from .conftest import row, write_csv


def test_it_rolls_back_everything_when_writing_fails_midway(tmp_path, operator, kabupaten):
    path = write_csv(
        tmp_path / "feb.csv", [row(f"Anak {k}", measured=f"{k + 1:02d}/02/2026") for k in range(5)]
    )
    batch = services.preview_import(path, user=operator, region=kabupaten)
    real = fastwrite.insert

    def fail_midway(model, columns, **kwargs):
        if model is Measurement:  # children and some measurements are already written...
            real(model, {k: v[:2] for k, v in columns.items()}, **kwargs)
            raise RuntimeError("disk penuh")  # ...when the database gives up
        return real(model, columns, **kwargs)

    with mock.patch.object(fastwrite, "insert", fail_midway):
        batch = services.confirm_import(batch, user=operator, desa_confirmations={})
    assert batch.status == ImportStatus.FAILED
    assert batch.message.startswith("Impor gagal, tidak ada data yang disimpan")
    assert "Traceback" not in batch.message and "disk penuh" not in batch.message
    assert Child.objects.count() == 0
    assert Measurement.objects.count() == 0
    assert Measurement.history.count() == 0
