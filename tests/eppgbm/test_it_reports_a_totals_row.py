import openpyxl

from konvergensi.measurements.eppgbm import RowIssue, parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv


def test_it_reports_a_totals_row_once_and_skips_blank_rows_between_the_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(row())
    ws.append([None] * len(HEADER))
    ws.append(["  "] * len(HEADER))
    ws.append(row(Nama="Ani", JK="P", NIK=""))
    ws.append(["JUMLAH", None, None, None, None, None, None, None, None, None, 23.0, 170.4])
    wb.save(tmp_path / "jumlah.xlsx")

    parsed = parse_rows(read_table(tmp_path / "jumlah.xlsx"), today=TODAY)

    assert parsed.data["row"].to_list() == [2, 5, 6]
    assert parsed.issues == [
        RowIssue(6, "", "error", "summary_row",
                 "Baris jumlah/total (No: 'JUMLAH'), bukan data anak: tidak diimpor."),
    ]  # fmt: skip
    assert parsed.importable.tolist() == [True, True, False]


def test_it_reports_subtotal_rows_per_desa_in_a_csv(tmp_path):
    blank = [""] * len(HEADER)
    subtotal = blank[:]
    subtotal[HEADER.index("Nama")] = "Total Desa Oesao"
    path = write_csv(tmp_path / "subtotal.csv", [row(), subtotal, row(Nama="Ani", NIK="")])

    parsed = parse_rows(read_table(path), today=TODAY)

    assert [(i.row, i.code, i.message) for i in parsed.issues] == [
        (3, "summary_row",
         "Baris jumlah/total (Nama: 'Total Desa Oesao'), bukan data anak: tidak diimpor."),
    ]  # fmt: skip


def test_it_keeps_a_child_whose_name_starts_like_a_total(tmp_path):
    path = write_csv(tmp_path / "nama.csv", [row(Nama="Total Nenabu", NIK="")])

    parsed = parse_rows(read_table(path), today=TODAY)

    assert parsed.issues == []
