from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import row, write_csv


def test_it_imports_a_flagged_row_with_a_warning_naming_the_indicator(
    tmp_path, operator, kabupaten
):
    # 2 years old and 50 cm: length-for-age far below -6 SD (WHO flag), still within the
    # parser's possible range, so it is imported, flagged and not counted.
    rows = [
        row(
            "Ani", born="01/01/2024", measured="10/02/2026", height="60", weight="11", how="Berdiri"
        )
    ]
    batch = preview_import(write_csv(tmp_path / "f.csv", rows), user=operator, region=kabupaten)
    assert (batch.rows_ok, batch.rows_warning, batch.rows_error) == (0, 1, 0)
    messages = [i[4] for i in batch.summary["issues"] if i[3] == "flag_zlen"]
    assert len(messages) == 1
    assert messages[0].startswith("Nilai TB/U tidak masuk akal (z = -")
    assert messages[0].endswith("diberi tanda dan tidak dihitung.")
    assert "," in messages[0].split("z = ")[1]  # decimal comma
    confirm_import(batch, user=operator, desa_confirmations={})
    m = Measurement.objects.get()
    assert m.flen is True and m.zlen < -6 and m.cat_hfa == ""
