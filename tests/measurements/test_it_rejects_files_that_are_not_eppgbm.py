import pytest

from konvergensi.measurements.models import ImportStatus
from konvergensi.measurements.services import preview_import

from .conftest import write_csv, write_xlsx

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x00\x00\x01" * 2 + b"\x08\x06\x00\x00\x00"


def test_it_lists_the_missing_columns(tmp_path, operator, kabupaten):
    path = write_xlsx(
        tmp_path / "lain.xlsx",
        [["Ani", "P", "05/01/2024"]],
        header=["Nama", "JK", "Tgl Lahir", "Catatan"],
    )
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.status == ImportStatus.FAILED
    assert batch.message == (
        "Berkas ini bukan ekspor e-PPGBM: kolom wajib tidak ditemukan: "
        "Tanggal Pengukuran, Berat atau Tinggi, Kec, Desa/Kel."
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("kosong.csv", b"", "Berkas kosong"),
        ("gambar.png", PNG, "bukan spreadsheet"),
        ("laporan.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "melainkan dokumen PDF"),
        ("surat.csv", b"Kepada Yth.\nBapak Kepala Dinas\n", "bukan ekspor e-PPGBM"),
    ],
)
def test_it_explains_why_a_file_cannot_be_read(
    tmp_path, operator, kabupaten, name, content, expected
):
    path = tmp_path / name
    path.write_bytes(content)
    batch = preview_import(path, user=operator, region=kabupaten)
    assert batch.status == ImportStatus.FAILED
    assert expected in batch.message
    assert batch.checksum and batch.file  # the upload is kept for the record


def test_it_says_a_header_only_file_has_no_data(tmp_path, operator, kabupaten):
    batch = preview_import(write_csv(tmp_path / "h.csv", []), user=operator, region=kabupaten)
    assert batch.status == ImportStatus.FAILED
    assert "tidak berisi data" in batch.message
