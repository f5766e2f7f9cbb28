import datetime as dt
import io

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from konvergensi.documents import xlsx

HEADER = ("NIK", "Nama", "Tgl Lahir", "Berat", "Edema")


def _rows(n):
    for i in range(n):
        yield (f"53020141012{i:05d}", f"Anak {i}", dt.date(2024, 1, 1 + i % 28), 9.5 + i, i == 0)


def test_it_writes_a_plain_table_with_a_bold_header_and_typed_cells():
    data = xlsx.large_table_bytes("Data Pengukuran", HEADER, _rows(3))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "Data Pengukuran"
    assert [c.value for c in ws[1]] == list(HEADER) and ws["A1"].font.bold
    assert [c.value for c in ws[2]] == [
        "5302014101200000", "Anak 0", dt.datetime(2024, 1, 1), 9.5, True,
    ]  # fmt: skip
    assert ws["C3"].number_format.lower() == "dd/mm/yyyy"
    assert ws.max_row == 4


def test_calamine_reads_it_back_as_the_import_does():
    data = xlsx.large_table_bytes("Data Pengukuran", HEADER, _rows(6000))  # over one block
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert len(rows) == 6001 and rows[6000][1] == "Anak 5999"
