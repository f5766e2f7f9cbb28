import datetime as dt
import io
import math
from decimal import Decimal

from openpyxl import load_workbook

from konvergensi.documents import xlsx


def _table() -> bytes:
    columns = (
        xlsx.Column("Kode", xlsx.TEXT, width=16),
        xlsx.Column("Nama"),
        xlsx.Column("Tanggal"),
        xlsx.Column("Kasus", xlsx.INTEGER),
        xlsx.Column("Prevalensi %", xlsx.ONE_DECIMAL, width=11),
        xlsx.Column("Z TB/U", xlsx.TWO_DECIMALS),
    )
    rows = [
        ("53.02.01.2001", '=HYPERLINK("x")', dt.date(2026, 2, 3), 3, 37.5, Decimal("-2.51")),
        ("53.02.01.2002", "Oebesa", None, 0, math.nan, None),
    ]
    return xlsx.workbook_bytes(
        [xlsx.Sheet("Prevalensi: Soe/2026", columns, rows, header_lines=("Judul", "Periode"))]
    )


def test_it_keeps_numbers_and_dates_typed_with_indonesian_display_formats():
    ws = load_workbook(io.BytesIO(_table())).active
    assert ws.title == "Prevalensi- Soe-2026"  # Excel refuses : and / in sheet names
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == ["Judul", "Periode", None]
    assert ws["A1"].font.bold
    assert [c.value for c in ws[4]] == [
        "Kode", "Nama", "Tanggal", "Kasus", "Prevalensi %", "Z TB/U",
    ]  # fmt: skip
    assert ws["A4"].font.bold and ws["A4"].fill.start_color.rgb == "FFDDE7F0"
    assert ws.freeze_panes == "A5"
    assert ws["C5"].value == dt.datetime(2026, 2, 3) and ws["C5"].number_format == "DD/MM/YYYY"
    assert ws["D5"].value == 3 and ws["D5"].number_format == "#,##0"
    assert ws["E5"].value == 37.5 and ws["E5"].number_format == "#,##0.0"
    assert ws["F5"].value == -2.51 and ws["F5"].number_format == "#,##0.00"
    assert ws.column_dimensions["A"].width == 16 and ws.column_dimensions["E"].width == 11


def test_it_writes_missing_values_as_empty_cells_and_formulas_as_text():
    ws = load_workbook(io.BytesIO(_table())).active
    assert ws["E6"].value is None  # NaN: no data, not 0
    assert ws["C6"].value is None and ws["F6"].value is None
    assert ws["B5"].value == '=HYPERLINK("x")' and ws["B5"].data_type == "s"


def test_it_names_the_download_safely():
    response = xlsx.attachment("prevalensi 53.02/Feb", b"PK")
    assert response["Content-Type"] == xlsx.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="prevalensi-53.02-Feb.xlsx"'
