from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import apply_confirmations, confirm_import, preview_import

from .conftest import HEADER, row, write_csv


def test_it_matches_desa_by_kemendagri_code(tmp_path, operator, kabupaten):
    header = [*HEADER, "Kode Desa"]
    rows = [
        [*row("Ani", kec="", desa=""), "5302012012"],
        [*row("Budi", desa="salah"), "53.02.02.2003"],
    ]
    batch = preview_import(
        write_csv(tmp_path / "k.csv", rows, header=header), user=operator, region=kabupaten
    )
    assert batch.rows_error == 0, batch.summary["issues"]
    confirm_import(batch, user=operator, desa_confirmations={})
    codes = dict(Measurement.objects.values_list("child__name", "desa_code"))
    assert codes == {"Ani": "53.02.01.2012", "Budi": "53.02.02.2003"}


def test_it_matches_desa_by_name_ignoring_case_spaces_and_prefix(tmp_path, operator, kabupaten):
    rows = [
        row("Ani", kec="KEC. KOTA  SOE", desa="Kelurahan cendana"),
        row("Budi", kec="Mollo Selatan", desa="DESA BILOTO"),
    ]
    batch = preview_import(write_csv(tmp_path / "n.csv", rows), user=operator, region=kabupaten)
    assert batch.rows_error == 0, batch.summary["issues"]
    assert {d["code"] for d in batch.summary["by_desa"]} == {"53.02.01.1002", "53.02.02.2001"}


def test_it_suggests_a_near_miss_name_and_imports_it_once_confirmed(tmp_path, operator, kabupaten):
    rows = [row("Ani", desa="Oebesah"), row("Budi", desa="Oebesah"), row("Citra", desa="Atlantis")]
    batch = preview_import(write_csv(tmp_path / "s.csv", rows), user=operator, region=kabupaten)
    assert batch.rows_error == 3
    [suggestion] = batch.summary["suggestions"]
    assert suggestion["options"][0] == {"code": "53.02.01.1003", "name": "Oebesa"}
    assert suggestion["rows"] == 2
    messages = {i[0]: i[4] for i in batch.summary["issues"]}
    assert "Mungkin maksudnya: Oebesa" in messages[2]
    assert "'Atlantis' tidak ditemukan di Kecamatan Kota Soe" in messages[4]

    batch = apply_confirmations(
        batch, user=operator, desa_confirmations={suggestion["key"]: "53.02.01.1003"}
    )
    assert batch.rows_error == 1 and batch.summary["predicted"]["created"] == 2
    batch = confirm_import(
        batch, user=operator, desa_confirmations={suggestion["key"]: "53.02.01.1003"}
    )
    assert batch.created == 2
    assert set(Measurement.objects.values_list("desa_code", flat=True)) == {"53.02.01.1003"}


def test_it_ignores_a_confirmation_naming_a_desa_outside_the_kecamatan(
    tmp_path, operator, kabupaten
):
    batch = preview_import(
        write_csv(tmp_path / "s.csv", [row("Ani", desa="Oebesah")]), user=operator, region=kabupaten
    )
    key = batch.summary["suggestions"][0]["key"]
    batch = confirm_import(batch, user=operator, desa_confirmations={key: "53.02.02.2001"})
    assert batch.created == 0 and Measurement.objects.count() == 0
