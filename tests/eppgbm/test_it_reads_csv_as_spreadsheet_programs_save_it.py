"""csv files as Excel, LibreOffice and e-PPGBM write them: the row numbers in messages are the
rows the user sees when opening the file in a spreadsheet program."""

import csv
import io

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv


def _csv_bytes(rows, *, sep, encoding, newline="\r\n"):
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def test_it_reads_comma_separated_point_decimals_with_quoted_cells(tmp_path):
    rows = [HEADER, row(Berat="11.5", Tinggi="85.2", Nama_Ortu="Nenabu, Siti"),
            row(Nama="Ani", NIK="", Berat="9.25", Tinggi="80", Desa_Kel='Nunle"u')]  # fmt: skip
    data = _csv_bytes(rows, sep=",", encoding="utf-8")
    assert b'"Nenabu, Siti"' in data and b'"Nunle""u"' in data

    raw = read_table(data, filename="koma.csv")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.delimiter == ","
    assert parsed.data["weight_kg"].to_list() == [11.5, 9.25]
    assert parsed.data["mother_name"].to_list() == ["Nenabu, Siti", "Siti Aminah"]
    assert parsed.data["desa"].to_list() == ["Oesao", 'Nunle"u']
    assert parsed.issues == []


def test_it_reads_utf16_and_bom_files_with_either_line_ending(tmp_path):
    rows = [HEADER, row(Nama="Théresia"), row(Nama="Ani", NIK="", Berat="-1")]
    for encoding, newline in [("utf-16", "\r\n"), ("utf-8-sig", "\r\n"), ("utf-8-sig", "\n"),
                              ("utf-8", "\r")]:  # fmt: skip
        raw = read_table(_csv_bytes(rows, sep=";", encoding=encoding, newline=newline))
        parsed = parse_rows(raw, today=TODAY)

        assert raw.header[0] == "No", encoding
        assert parsed.data["name"].to_list() == ["Théresia", "Ani"]
        assert [(i.row, i.column, i.code) for i in parsed.issues] == [
            (3, "Berat", "weight_out_of_range")
        ]


def test_it_counts_a_cell_spanning_lines_as_one_row(tmp_path):
    # Alt+Enter in Excel: a quoted cell with a line break; rows after it keep their numbers
    rows = [row(Nama_Ortu="Siti\nAminah"), row(Nama="Ani", NIK=""),
            row(Nama="Cici", NIK="", Berat="abc")]  # fmt: skip
    data = _csv_bytes([["DATA PENGUKURAN"], HEADER, *rows], sep=";", encoding="utf-8")

    raw = read_table(data)
    parsed = parse_rows(raw, today=TODAY)

    assert raw.rows.tolist() == [3, 4, 5]
    assert parsed.data["mother_name"].to_list()[0] == "Siti\nAminah"
    assert parsed.issues == [
        RowIssue(5, "Berat", "error", "weight_invalid", "Berat badan bukan angka: 'abc'.")
    ]


def test_it_keeps_a_stray_quote_inside_a_cell(tmp_path):
    path = write_csv(tmp_path / "kutip.csv", [row(Berat='12" kg', Nama='Budi "Ucok"', NIK="")])

    parsed = parse_rows(read_table(path), today=TODAY)

    assert parsed.data["name"].to_list() == ['Budi "Ucok"']
    assert [(i.row, i.code, i.message) for i in parsed.issues] == [
        (2, "weight_invalid", "Berat badan bukan angka: '12\" kg'.")
    ]
