from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_a_puskesmas_operator_cannot_import_rows_for_desa_it_does_not_serve(
    tmp_path, puskesmas_operator, kabupaten
):
    rows = [
        row("Ani", desa="SoE"),
        row("Budi", desa="Kuatae"),
        row("Citra", kec="Mollo Selatan", desa="Biloto"),
    ]
    batch = preview_import(
        write_csv(tmp_path / "p.csv", rows), user=puskesmas_operator, region=kabupaten
    )
    errors = {i[0]: i[4] for i in batch.summary["issues"] if i[3] == "desa_out_of_scope"}
    assert set(errors) == {3, 4}
    assert "Kuatae (53.02.01.2012) di luar wilayah kerja Anda" in errors[3]
    batch = confirm_import(batch, user=puskesmas_operator, desa_confirmations={})
    assert batch.created == 1
    assert list(Measurement.objects.values_list("desa_code", flat=True)) == ["53.02.01.1001"]
