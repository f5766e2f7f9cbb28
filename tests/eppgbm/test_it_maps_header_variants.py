from konvergensi.measurements.eppgbm import field_for_header, parse_rows, read_table

from .files import TODAY, write_csv


def test_it_maps_header_spellings_to_fields():
    cases = {
        "Tgl. Lahir": "birth_date",
        "TANGGAL LAHIR": "birth_date",
        "Jenis Kelamin": "sex",
        "JK (L/P)": "sex",
        "Berat (kg)": "weight_kg",
        "Tinggi (cm)": "lenhei_cm",
        "Desa/Kelurahan": "desa",
        "Kode Desa": "desa_code",
        "Pukesmas": "puskesmas",
        "Puskesmas": "puskesmas",
        "Nama Ortu": "parent_name",
        "Nama Ibu": "mother_name",
        "Nama Ayah": "father_name",
        " ZS  TB/U ": "zlen_src",
        "Usia Saat Ukur": "age_text",
        "Detail": None,
    }
    assert {h: field_for_header(h) for h in cases} == cases


def test_it_reads_a_file_with_variant_headers_and_a_desa_code_only(tmp_path):
    header = [
        "NIK",
        "Nama",
        "Jenis Kelamin",
        "Tgl. Lahir",
        "Nama Ibu",
        "Nama Ayah",
        "Kode Desa",
        "Tgl Pengukuran",
        "Berat (kg)",
        "Tinggi (cm)",
        "Keterangan",
    ]
    cells = [
        "5302014501230001",
        "Budi",
        "Laki-laki",
        "2023-01-05",
        "Siti",
        "Yosef",
        "5302012001",
        "2025-02-05",
        "11,5",
        "85,2",
        "baik",
    ]
    path = write_csv(tmp_path / "varian.csv", [cells], header=header)

    raw = read_table(path)
    parsed = parse_rows(raw, today=TODAY)

    assert raw.unmapped == ("Keterangan",)
    assert parsed.issues == []
    d = parsed.data
    assert d["sex"].to_list() == [1]
    assert d["desa_code"].to_list() == ["53.02.01.2001"]
    assert d["mother_name"].to_list() == ["Siti"]
    assert d["father_name"].to_list() == ["Yosef"]
