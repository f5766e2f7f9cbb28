from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import TODAY, row, write_csv


def test_it_reads_a_utf8_bom_csv_with_semicolons_and_decimal_commas(tmp_path):
    path = write_csv(
        tmp_path / "ekspor.csv",
        [row(Berat="11,5", Tinggi="85,2"), row(Nama="Ani", Berat="9.25", Tinggi="80")],
        titles=["DATA PENGUKURAN BULAN FEBRUARI 2025", ""],
        encoding="utf-8-sig",
    )

    raw = read_table(path)

    assert (raw.format, raw.delimiter, raw.encoding) == ("csv", ";", "utf-8-sig")
    assert raw.header[0] == "No"  # the BOM is not part of the first header
    assert raw.rows.tolist() == [4, 5]
    d = parse_rows(raw, today=TODAY).data
    assert d["weight_kg"].to_list() == [11.5, 9.25]
    assert d["lenhei_cm"].to_list() == [85.2, 80.0]


def test_it_reads_cp1252_text(tmp_path):
    path = write_csv(
        tmp_path / "latin.csv", [row(Nama="Stéfanus Nenabu", Nama_Ortu="Mâria")], encoding="cp1252"
    )

    raw = read_table(path)

    assert raw.encoding == "cp1252"
    d = parse_rows(raw, today=TODAY).data
    assert d["name"].to_list() == ["Stéfanus Nenabu"]
    assert d["mother_name"].to_list() == ["Mâria"]


def test_it_detects_comma_and_tab_delimiters(tmp_path):
    for sep in (",", "\t"):
        path = write_csv(tmp_path / "x.csv", [row(Berat="11.5", Tinggi="85.2")], sep=sep)

        raw = read_table(path.read_bytes(), filename="x.csv")

        assert raw.delimiter == sep
        assert parse_rows(raw, today=TODAY).data["weight_kg"].to_list() == [11.5]


def test_it_reads_excel_unicode_text_exports(tmp_path):
    # Excel "Save as Unicode Text": UTF-16 with a BOM, tab-separated
    path = write_csv(tmp_path / "unicode.txt", [row(Nama="Théresia")], sep="\t", encoding="utf-16")

    raw = read_table(path)

    assert (raw.encoding, raw.delimiter) == ("utf-16", "\t")
    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Théresia"]
