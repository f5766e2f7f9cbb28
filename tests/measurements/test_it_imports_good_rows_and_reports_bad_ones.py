from konvergensi.measurements.models import Child, ImportStatus, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_it_stores_good_rows_and_names_row_column_and_reason_of_bad_ones(
    tmp_path, operator, kabupaten
):
    path = write_csv(
        tmp_path / "ppgbm.csv",
        [
            row("Ani", nik="5302014101240001"),
            row("Budi", sex="L", weight="abc"),
            row("Citra", born="31/02/2024"),
            row("Dodi", sex="X"),
            row(
                "Eka", desa="Cendana", weight="12,1", height="85", how="Berdiri", born="01/06/2023"
            ),
        ],
    )
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.status == ImportStatus.PREVIEW
    assert (batch.rows_total, batch.rows_error) == (5, 3)
    assert Measurement.objects.count() == 0  # a preview writes nothing
    issues = {(i[0], i[1]): i[4] for i in batch.summary["issues"] if i[2] == "error"}
    assert "bukan angka" in issues[(3, "Berat")]
    assert "Tanggal lahir tidak valid" in issues[(4, "Tgl Lahir")]
    assert "Jenis kelamin tidak dikenal" in issues[(5, "JK")]

    batch = confirm_import(batch, user=operator, desa_confirmations={})
    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created, batch.updated, batch.unchanged) == (2, 0, 0)
    assert set(Child.objects.values_list("name", flat=True)) == {"Ani", "Eka"}
    m = Measurement.objects.get(child__name="Eka")
    assert m.desa_code == "53.02.01.1002" and m.measure == "h" and m.zlen is not None
    assert m.cat_hfa != ""
    assert batch.error_file.name.endswith(".galat.csv")
