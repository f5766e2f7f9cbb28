import io

from openpyxl import load_workbook

from konvergensi.documents import xlsx


def test_it_writes_a_coloured_xlsx():
    data = xlsx.workbook_bytes(
        [
            xlsx.Sheet(
                "Matriks",
                ("Kode", "Desa", "Nilai"),
                [("53.02.01.2001", "Desa Satu", 30.5)],
                fills=[(None, None, "#c62828")],
                header_lines=("Judul", "Periode: Februari 2026"),
                number_format=xlsx.ONE_DECIMAL,
                frozen_columns=2,
            ),
            xlsx.Sheet("Legenda", ("Kelas",), [("Memadai",)], fills=[("#2e7d32",)]),
        ]
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Matriks"]
    assert ws["A1"].value == "Judul" and ws["A2"].value == "Periode: Februari 2026"
    assert ws["C5"].value == 30.5
    assert ws["C5"].fill.start_color.rgb == "FFC62828"
    assert ws["C5"].font.color.rgb == "FFFFFFFF"  # white reads better on dark red
    assert ws["C5"].number_format == "#,##0.0"
    assert ws.freeze_panes == "C5"  # code and name stay in view
    assert ws["B5"].fill.fill_type is None
    assert wb["Legenda"]["A2"].fill.start_color.rgb == "FF2E7D32"
