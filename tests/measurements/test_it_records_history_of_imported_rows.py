from konvergensi.measurements.models import Child, Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_it_records_who_imported_each_child_and_measurement(tmp_path, operator, kabupaten):
    batch = preview_import(
        write_csv(tmp_path / "a.csv", [row("Ani"), row("Budi", sex="L")]),
        user=operator,
        region=kabupaten,
    )
    confirm_import(batch, user=operator, desa_confirmations={})
    assert Measurement.history.filter(history_type="+", history_user=operator).count() == 2
    assert Child.history.filter(history_type="+", history_user=operator).count() == 2
    added = Measurement.history.filter(history_type="+", child__name="Ani").get()
    assert (added.weight_kg, added.desa_code) == (9.5, "53.02.01.1001")
    assert added.history_change_reason == "Impor a.csv"

    again = preview_import(
        write_csv(tmp_path / "b.csv", [row("Ani", weight="9,7")]), user=operator, region=kabupaten
    )
    confirm_import(again, user=operator, desa_confirmations={})
    change = Measurement.history.filter(history_type="~").get()
    assert change.history_user == operator and change.weight_kg == 9.7
    assert change.history_change_reason == "Impor b.csv"
