"""A clerk merges the kecamatan and desa cells down over the rows of one desa; the file keeps
the value in the top cell only. Every row of the merge is read with the value the sheet shows,
in xlsx and in an HTML table (rowspan); a header merge and a total line merged across columns
are left as they were."""

from html import escape

import openpyxl

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row

KEC, DESA = HEADER.index("Kec") + 1, HEADER.index("Desa/Kel") + 1  # 1-based sheet columns


def _children(n: int) -> list[list[object]]:
    return [row(No=str(k + 1), NIK="", Nama=f"Anak {k}") for k in range(n)]


def test_it_gives_a_cell_merged_down_to_every_row_of_the_merge(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["REKAP PENGUKURAN"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    rows = _children(5)
    rows[3][DESA - 1] = "Noelbaki"  # a second desa, merged over the last two rows
    for r in rows:
        ws.append(r)
    for k in range(1, 5):  # the merged-away cells are empty in the file, as Excel keeps them
        ws.cell(row=2 + 1 + k, column=KEC).value = None
    for k in (1, 2, 4):
        ws.cell(row=2 + 1 + k, column=DESA).value = None
    ws.merge_cells(start_row=3, start_column=KEC, end_row=7, end_column=KEC)
    ws.merge_cells(start_row=3, start_column=DESA, end_row=5, end_column=DESA)
    ws.merge_cells(start_row=6, start_column=DESA, end_row=7, end_column=DESA)
    ws.append(["JUMLAH"])
    ws.merge_cells(start_row=8, start_column=1, end_row=8, end_column=9)
    wb.save(tmp_path / "gabung.xlsx")

    parsed = parse_rows(read_table(tmp_path / "gabung.xlsx"), today=TODAY)

    data = parsed.data
    assert data["kecamatan"].to_list()[:5] == ["Kupang Timur"] * 5
    assert data["desa"].to_list()[:5] == ["Oesao"] * 3 + ["Noelbaki"] * 2
    assert [i.code for i in parsed.issues] == ["summary_row"]  # the total line, nothing else


def test_it_reads_a_rowspan_in_an_html_table_the_same_way(tmp_path):
    rows = _children(3)
    body = []
    for k, r in enumerate(rows):
        cells = []
        for j, value in enumerate(r):
            if j in (KEC - 1, DESA - 1):
                if k == 0:
                    cells.append(f"<td rowspan='3'>{escape(str(value))}</td>")
                continue
            cells.append(f"<td>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in HEADER) + "</tr>"
    page = f"<html><body><table>{head}{''.join(body)}</table></body></html>"
    (tmp_path / "web.xls").write_text(page, encoding="utf-8")

    parsed = parse_rows(read_table(tmp_path / "web.xls"), today=TODAY)

    assert parsed.data["desa"].to_list() == ["Oesao"] * 3
    assert parsed.data["kecamatan"].to_list() == ["Kupang Timur"] * 3
    assert parsed.issues == []
