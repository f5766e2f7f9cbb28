import pytest

from konvergensi.measurements.eppgbm import ImportFileError, read_table

from .files import HEADER, row, write_csv, write_xlsx


def _without(*drop):
    keep = [i for i, h in enumerate(HEADER) if h not in drop]
    return [HEADER[i] for i in keep], [[row()[i] for i in keep]]


def test_it_names_the_missing_columns_by_their_eppgbm_names(tmp_path):
    header, rows = _without("Tgl Lahir", "Tanggal Pengukuran")
    path = write_xlsx(tmp_path / "kurang.xlsx", rows, header=header)

    with pytest.raises(ImportFileError) as info:
        read_table(path)

    assert str(info.value) == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
        "Tgl Lahir, Tanggal Pengukuran."
    )


def test_it_needs_weight_or_height_and_a_place(tmp_path):
    header, rows = _without("Berat", "Tinggi", "Kec", "Desa/Kel")
    path = write_csv(tmp_path / "kurang.csv", rows, header=header)

    with pytest.raises(ImportFileError) as info:
        read_table(path)

    assert str(info.value) == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
        "Berat atau Tinggi, Kec, Desa/Kel."
    )


def test_it_accepts_weight_only_files(tmp_path):
    header, rows = _without("Tinggi", "Cara Ukur")
    assert read_table(write_csv(tmp_path / "bb.csv", rows, header=header)).fields["weight_kg"] == 10


def test_it_points_at_a_misspelt_header_of_a_missing_column(tmp_path):
    header = ["Tgl Lahr" if h == "Tgl Lahir" else h for h in HEADER]
    header = ["Tangal Pengukuran" if h == "Tanggal Pengukuran" else h for h in header]
    header = ["Desa Kel Tinggal" if h == "Desa/Kel" else h for h in header]  # too far: no hint
    path = write_csv(tmp_path / "salah-ketik.csv", [row()], header=header)

    with pytest.raises(ImportFileError) as info:
        read_table(path)

    assert str(info.value) == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
        "Tgl Lahir (mungkin kolom 'Tgl Lahr'?), "
        "Tanggal Pengukuran (mungkin kolom 'Tangal Pengukuran'?), Desa/Kel. "
        "Perbaiki judul kolomnya sesuai ekspor e-PPGBM lalu unggah kembali."
    )
