import pytest

from growth import cli


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("SEX", "sex"),
        ("JK", "sex"),
        ("Jenis Kelamin", "sex"),
        ("Berat", "weight_kg"),
        ("Berat (kg)", "weight_kg"),
        ("Tinggi", "lenhei_cm"),
        ("TB/PB", "lenhei_cm"),
        ("Cara Ukur", "measure"),
        ("Tgl Lahir", "birth_date"),
        ("Tanggal Pengukuran", "measurement_date"),
        ("LiLA", "muac_cm"),
        ("Age_Days", "age_days"),
        ("umur_bulan", "age_months"),
    ],
)
def test_it_maps_a_header_to_its_engine_argument(header, canonical):
    assert cli.canonical_name(header) == canonical


def test_it_ignores_columns_it_does_not_know():
    assert cli.map_columns(["NIK", "Nama", "jk", "Posyandu", "berat"]) == {"sex": 2, "weight_kg": 4}
