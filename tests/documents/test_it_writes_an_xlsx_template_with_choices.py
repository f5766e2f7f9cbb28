import io

from openpyxl import load_workbook

from konvergensi.documents import xlsx


def test_it_offers_choices_and_keeps_typed_digits_as_text():
    columns = (
        xlsx.Column("NIK", xlsx.TEXT, width=20),
        xlsx.Column("JK", choices=("L", "P"), width=6),
        xlsx.Column("Cara Ukur", choices=("Terlentang", "Berdiri")),
    )
    data = xlsx.workbook_bytes(
        [
            xlsx.Sheet("Data", columns, [], input_rows=500),
            xlsx.Sheet("Petunjuk", (), [["Isi satu baris per anak."], ["JK", "L atau P"]],
                       widths=(22, 90)),
        ]
    )  # fmt: skip
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Data", "Petunjuk"]
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == ["NIK", "JK", "Cara Ukur"]  # header on row 1: re-imported
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].number_format == "@"  # what a user types stays text
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"B2:B501": '"L,P"', "C2:C501": '"Terlentang,Berdiri"'}
    notes = wb["Petunjuk"]
    assert notes["A1"].value == "Isi satu baris per anak." and notes["B2"].value == "L atau P"
    assert notes.column_dimensions["B"].width == 90
    assert notes.freeze_panes is None  # no header row to keep in view
