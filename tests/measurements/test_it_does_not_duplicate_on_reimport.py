from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import as_xlsx_cells, import_file, row, write_csv, write_xlsx


def test_it_reports_a_second_import_of_the_same_file_unchanged(tmp_path, operator, kabupaten):
    rows = [row("Ani", nik="5302014101240001"), row("Budi", sex="L", parent="Yohana")]
    path = write_xlsx(
        tmp_path / "feb.xlsx", [as_xlsx_cells(r) for r in rows], title="Data Pengukuran"
    )
    first = import_file(path, operator, kabupaten)
    assert (first.created, first.updated) == (2, 0)
    second = import_file(path, operator, kabupaten)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert Measurement.objects.count() == 2 and Child.objects.count() == 2


def test_it_creates_only_new_rows_and_updates_changed_ones_of_an_overlapping_file(
    tmp_path, operator, kabupaten
):
    import_file(
        write_csv(tmp_path / "a.csv", [row("Ani"), row("Budi", sex="L")]), operator, kabupaten
    )
    overlapping = write_csv(tmp_path / "b.csv", [
        row("Ani"),                      # same: unchanged
        row("Budi", sex="L", weight="10,1"),  # corrected weight: update
        row("Ani", measured="10/03/2026", weight="9,9"),  # next month: new measurement
        row("Citra"),                    # new child
    ])  # fmt: skip
    preview = preview_import(overlapping, user=operator, region=kabupaten)
    assert preview.summary["predicted"] == {"created": 2, "updated": 1, "unchanged": 1}
    batch = confirm_import(preview, user=operator, desa_confirmations={})
    assert (batch.created, batch.updated, batch.unchanged) == (2, 1, 1)
    assert Child.objects.count() == 3 and Measurement.objects.count() == 4
    assert Measurement.objects.get(child__name="Budi").weight_kg == 10.1
