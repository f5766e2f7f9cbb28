import numpy as np

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv


def test_it_returns_arrays_for_the_growth_engine_in_row_order(tmp_path):
    rows = [
        row(),
        row(Nama="Ani", NIK="", JK="P", Tinggi="", Cara_Ukur="", Berat="7,25"),
        row(Nama="Cici", NIK="", JK="", Tgl_Lahir="x"),
    ]
    parsed = parse_rows(read_table(write_csv(tmp_path / "g.csv", rows)), today=TODAY)

    g = parsed.growth_inputs()

    assert g["sex"].tolist() == [1, 2, 0]
    np.testing.assert_array_equal(g["age_days"], [762.0, 762.0, np.nan])
    np.testing.assert_array_equal(g["weight_kg"], [11.5, 7.25, 11.5])
    np.testing.assert_array_equal(g["lenhei_cm"], [85.2, np.nan, 85.2])
    assert g["measure"].tolist() == ["h", "", "h"]
    assert g["oedema"].tolist() == [False, False, False]
    only = parsed.growth_inputs(parsed.importable)
    assert only["sex"].tolist() == [1, 2]
