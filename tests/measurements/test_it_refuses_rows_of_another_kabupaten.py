"""A row whose Kab/Kota names another kabupaten/kota is not matched to a desa of this one, even
where the kecamatan and desa names exist here too; the ways users write this kabupaten's name
pass. An import for one kecamatan (the CLI's --region) keeps to that kecamatan."""

from konvergensi.measurements.matching import kabupaten_key, may_abbreviate
from konvergensi.measurements.models import Measurement
from konvergensi.measurements.services import confirm_import, preview_import
from konvergensi.regions.models import Region

from .conftest import HEADER, row, write_csv

KAB = HEADER.index("Kab/Kota")


def _row(name: str, kab: str, **kw) -> list[str]:
    r = row(name, **kw)
    r[KAB] = kab
    return r


def test_it_refuses_another_kabupaten_and_accepts_this_ones_spellings(
    tmp_path, operator, kabupaten
):
    written = {
        "A": "KAB. KUPANG",  # Kota Soe / SoE exist here, the row is still Kupang's
        "B": "Kota Kupang",
        "C": "53.01",
        "D": "KAB. TIMOR TENGAH SELATAN",
        "E": "Timor Tengah Selatan",
        "F": "TTS",
        "G": "Kabupaten Timor Tenga Selatan",
        "H": "53.02",
        "I": "",
        "J": "Entah Berantah",
    }
    rows = [_row(name, kab) for name, kab in written.items()]
    batch = preview_import(write_csv(tmp_path / "f.csv", rows), user=operator, region=kabupaten)

    issues = {i[0]: i for i in batch.summary["issues"] if i[3].startswith("kabupaten_")}
    assert sorted(issues) == [2, 3, 4, 11]
    assert {r: tuple(issues[r][2:4]) for r in issues} == {
        2: ("error", "kabupaten_other"),
        3: ("error", "kabupaten_other"),
        4: ("error", "kabupaten_other"),
        11: ("warning", "kabupaten_unknown"),
    }
    assert issues[2][1] == "Kab/Kota"
    assert issues[2][4] == (
        "Kab/Kota 'KAB. KUPANG' adalah Kabupaten Kupang, bukan Timor Tengah Selatan: baris "
        "tidak diimpor di sini."
    )
    assert "Kota Kupang" in issues[3][4] and "Kabupaten Kupang" not in issues[3][4]
    assert "tidak dikenal" in issues[11][4]
    # one reason per refused row: its desa is not looked for
    assert [i[3] for i in batch.summary["issues"] if i[0] == 2] == ["kabupaten_other"]
    assert (batch.rows_ok, batch.rows_warning, batch.rows_error) == (6, 1, 3)

    confirm_import(batch, user=operator, desa_confirmations={})
    stored = set(Measurement.objects.values_list("child__name", flat=True))
    assert stored == set("DEFGHIJ")


def test_an_import_for_one_kecamatan_keeps_to_it(tmp_path, operator, kabupaten):
    mollo = Region.objects.get(code="53.02.02")
    rows = [
        row("Ani", kec="Kota Soe", desa="SoE"),
        row("Budi", kec="Mollo Selatan", desa="Biloto"),
    ]
    batch = preview_import(write_csv(tmp_path / "f.csv", rows), user=operator, region=mollo)
    outside = [i for i in batch.summary["issues"] if i[3] == "desa_outside_import_region"]
    assert [(i[0], i[2]) for i in outside] == [(2, "error")]
    assert outside[0][4] == (
        "Desa SoE (53.02.01.1001) di luar wilayah impor ini (Mollo Selatan); baris tidak diimpor."
    )
    assert (batch.rows_ok, batch.rows_error) == (1, 1)


def test_the_kabupaten_key_strips_the_whole_prefix_of_the_administrative_names():
    # DKI Jakarta's names carry "Administrasi"; a file writes them without it
    assert kabupaten_key("Kabupaten Administrasi Kepulauan Seribu") == ("kab", "kepulauanseribu")
    assert kabupaten_key("Kota Administrasi Jakarta Pusat") == ("kota", "jakartapusat")
    assert kabupaten_key("KAB. TIMOR TENGAH SELATAN") == ("kab", "timortengahselatan")
    assert kabupaten_key("Kupang") == (None, "kupang")
    assert may_abbreviate("TTS", "Kabupaten Timor Tengah Selatan")
    assert may_abbreviate("JP", "Kota Administrasi Jakarta Pusat")
    assert not may_abbreviate("Belu", "Kabupaten Timor Tengah Selatan")
