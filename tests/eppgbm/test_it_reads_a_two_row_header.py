"""A header over two rows: group cells merged across ("Pengukuran" over "Tanggal | Berat |
Tinggi", "Z-Score" over "BB/U | TB/U") and the other headers merged down both rows."""

import openpyxl

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import TODAY, row

TOP = ["No", "NIK", "Nama", "JK", "Tgl Lahir", "Nama Ortu", "Kec", "Desa/Kel",
       "Usia Saat Ukur", "Pengukuran", None, None, "Cara Ukur", "Status Gizi", None, "Z-Score",
       None]  # fmt: skip
SUB = [None] * 9 + ["Tanggal", "Berat", "Tinggi", None, "BB/U", "TB/U", "BB/U", "TB/U"]


def _workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["REKAP PENGUKURAN"])
    ws.append(TOP)
    ws.append(SUB)
    for j in [*range(1, 10), 13]:
        ws.merge_cells(start_row=2, start_column=j, end_row=3, end_column=j)
    ws.merge_cells("J2:L2")
    ws.merge_cells("N2:O2")
    ws.merge_cells("P2:Q2")
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_it_names_each_column_by_its_group_and_its_own_header(tmp_path):
    extra = ["Normal", "Pendek", "-0,5", "-2,4"]
    path = _workbook(
        tmp_path / "dua-baris.xlsx",
        [row() + extra, row(Nama="Ani", NIK="", Tanggal_Pengukuran="31/02/2025") + extra],
    )

    raw = read_table(path)
    parsed = parse_rows(raw, today=TODAY)

    assert raw.header_row == 3
    assert raw.title_rows == (("REKAP PENGUKURAN",),)
    assert raw.rows.tolist() == [4, 5]
    assert raw.header[9:] == ("Tanggal (Pengukuran)", "Berat", "Tinggi", "Cara Ukur", "BB/U",
                              "TB/U", "BB/U (Z-Score)", "TB/U (Z-Score)")  # fmt: skip
    assert {f: raw.header[j] for f, j in raw.fields.items() if f.endswith("_src")} == {
        "wfa_cat_src": "BB/U",
        "hfa_cat_src": "TB/U",
        "zwei_src": "BB/U (Z-Score)",
        "zlen_src": "TB/U (Z-Score)",
    }
    assert parsed.data["zlen_src"].to_list() == [-2.4, -2.4]
    assert parsed.issues == [
        RowIssue(5, "Tanggal (Pengukuran)", "error", "measurement_date_invalid",
                 "Tanggal pengukuran tidak valid: '31/02/2025' "
                 "(format yang diterima: hh/bb/tttt, hh-bb-tttt atau tttt-bb-hh)."),
    ]  # fmt: skip


def test_it_reads_a_two_row_header_saved_as_csv(tmp_path):
    # merged cells saved as csv: the text in the first cell, the others empty
    lines = [
        ";".join(h or "" for h in TOP[:13]),
        ";".join(h or "" for h in SUB[:13]),
        ";".join(row()),
    ]
    path = tmp_path / "dua-baris.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    raw = read_table(path)
    parsed = parse_rows(raw, today=TODAY)

    assert raw.header_row == 2
    assert raw.label("measurement_date") == "Tanggal (Pengukuran)"
    assert raw.rows.tolist() == [3]
    assert parsed.issues == []
