"""Workbooks as a kabupaten data officer sends them: a letterhead with merged title cells above
the header, headers in upper case or with stray spaces, columns moved, added or hidden."""

import openpyxl

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import HEADER, TODAY, row


def test_it_finds_the_header_on_row_7_below_merged_title_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "PEMERINTAH KABUPATEN KUPANG"
    ws.merge_cells("A1:M1")
    ws["A2"] = "DINAS KESEHATAN"
    ws.merge_cells("A2:M2")
    ws["A4"] = "Data Pengukuran Balita Februari 2025"
    ws.merge_cells("A4:M5")
    for j, text in enumerate(HEADER, start=1):
        ws.cell(7, j, text)
    ws.append(row())
    ws.append(row(Nama="Ani", JK="P", NIK="", Berat="abc"))
    wb.save(tmp_path / "kop.xlsx")

    raw = read_table(tmp_path / "kop.xlsx")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.header_row == 7
    assert raw.title_rows == (
        ("PEMERINTAH KABUPATEN KUPANG",),
        ("DINAS KESEHATAN",),
        ("Data Pengukuran Balita Februari 2025",),
    )
    assert raw.rows.tolist() == [8, 9]
    assert parsed.data["status"].to_list() == ["ok", "error"]
    assert parsed.issues == [
        RowIssue(9, "Berat", "error", "weight_invalid", "Berat badan bukan angka: 'abc'.")
    ]


def test_it_reads_upper_case_headers_and_cells_with_stray_spaces(tmp_path):
    # Excel and copies from the web leave trailing and non-breaking spaces (U+00A0)
    header = [f" {h.upper()}\u00a0" for h in HEADER]
    cells = row(
        Nama="Budi Santoso\u00a0",
        JK=" l ",
        Tgl_Lahir="05/01/2023 ",
        Berat="\u00a011,5",
        Cara_Ukur="BERDIRI\u00a0",
        Desa_Kel="Oesao  ",
    )
    wb = openpyxl.Workbook()
    wb.active.append(header)
    wb.active.append(cells)
    wb.save(tmp_path / "spasi.xlsx")

    raw = read_table(tmp_path / "spasi.xlsx")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.header[2] == "NAMA"  # the user's text, spaces trimmed
    assert raw.label("birth_date") == "TGL LAHIR"
    assert parsed.issues == []
    d = parsed.data.row(0, named=True)
    assert (d["name"], d["sex"], d["weight_kg"], d["measure"], d["desa"]) == (
        "Budi Santoso", 1, 11.5, "h", "Oesao",
    )  # fmt: skip


def test_it_reads_columns_in_another_order_with_an_unnamed_index_and_hidden_columns(tmp_path):
    order = ["Berat", "Tinggi", "Nama", "Tgl Lahir", "JK", "Tanggal Pengukuran", "Kec",
             "Desa/Kel", "NIK"]  # fmt: skip
    full = dict(zip(HEADER, row(), strict=True))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None, *order, "Catatan Petugas"])
    ws.append([1, *(full[h] for h in order), "ok"])
    ws.append([2, *(full[h] for h in order[:-1]), "12345", "ulang"])
    ws.column_dimensions["J"].hidden = True  # NIK hidden
    ws.column_dimensions["K"].hidden = True
    wb.save(tmp_path / "urutan.xlsx")

    raw = read_table(tmp_path / "urutan.xlsx")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.header[0] == "Kolom 1"
    assert raw.unmapped == ("Catatan Petugas",)
    assert parsed.data["weight_kg"].to_list() == [11.5, 11.5]
    assert parsed.data["nik"].to_list() == ["5302014501230001", None]
    assert [(i.row, i.column, i.code) for i in parsed.issues] == [(3, "NIK", "nik_invalid")]
