"""A length whose position the engine cannot use as written is imported with a warning that
says how it was judged: measured standing below 9 months (the position is ignored, WHO Anthro)
and a blank Cara Ukur (the table is chosen by age, no 0.7 cm correction)."""

from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import

from .conftest import HEADER, row, write_csv


def _issues(batch, code):
    return [i for i in batch.summary["issues"] if i[3] == code]


def test_a_standing_infant_and_a_blank_position_are_warned_of_and_imported(
    tmp_path, operator, kabupaten
):
    infant = {"born": "13/09/2025", "measured": "10/02/2026", "weight": "6,5"}  # 150 days
    rows = [
        row("Ani", height="62", how="Berdiri", **infant),  # the position is ignored
        row("Budi", height="62", how="", **infant),
        row("Citra", height="62", **infant),  # lying, as the conftest's rows are
        # 1 year old, standing: corrected by +0.7 cm, nothing to say
        row(
            "Dewi",
            born="10/02/2025",
            measured="10/02/2026",
            height="72",
            weight="8,5",
            how="Berdiri",
        ),
        row("Eko", height="", how="", **infant),
    ]
    batch = preview_import(write_csv(tmp_path / "f.csv", rows), user=operator, region=kabupaten)
    standing = _issues(batch, "standing_infant")
    blank = _issues(batch, "measure_missing")
    assert [(i[0], i[1], i[2]) for i in standing] == [(2, "Cara Ukur", "warning")]
    assert "di bawah 9 bulan" in standing[0][4] and "diabaikan" in standing[0][4]
    # Eko has no length: nothing is judged by position, so nothing to say about it
    assert [(i[0], i[1]) for i in blank] == [(3, "Cara Ukur")]
    assert "menurut umur" in blank[0][4] and "0,7 cm" in blank[0][4]
    assert (batch.rows_ok, batch.rows_warning, batch.rows_error) == (2, 3, 0)

    confirm_import(batch, user=operator, desa_confirmations={})
    z = dict(Measurement.objects.values_list("child__name", "zlen"))
    # the ignored position scores like the blank one: same table, no correction
    assert z["Ani"] == z["Budi"] == z["Citra"]
    assert Measurement.objects.count() == 5


def test_a_file_without_the_position_column_gets_no_warning_per_row(tmp_path, operator, kabupaten):
    keep = [k for k, h in enumerate(HEADER) if h != "Cara Ukur"]
    header = [HEADER[k] for k in keep]
    rows = [[r[k] for k in keep] for r in [row("Ani"), row("Budi", born="13/09/2025")]]
    path = write_csv(tmp_path / "f.csv", rows, header=header)
    batch = preview_import(path, user=operator, region=kabupaten)
    assert _issues(batch, "measure_missing") == []
    assert batch.rows_error == 0
