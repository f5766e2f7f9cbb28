import io

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from konvergensi.documents import xlsx
from konvergensi.documents.xlsx_stream import write_xlsx

# XML cannot carry most control characters (a vertical tab pasted from Word, a stray \x01 in a
# csv); Excel writes them as _xHHHH_, and a literal "_x0041_" with its underscore escaped
TEXTS = ["Baris\x0bdua", "\x01awal", "akhir\x1f", "kode _x0041_ apa adanya", "tab\tdan\nbaris"]


def _calamine(data: bytes) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_the_stream_writer_keeps_every_character_in_a_well_formed_file():
    out = io.BytesIO()
    write_xlsx(out, [["Teks"], *([t] for t in TEXTS)], bold_rows=[0])

    load_workbook(io.BytesIO(out.getvalue()))  # a parser that rejects malformed XML
    assert [r[0] for r in _calamine(out.getvalue())[1:]] == TEXTS


def test_the_styled_writer_keeps_every_character_too():
    sheet = xlsx.Sheet("Teks\x01", [xlsx.Column("Teks\x0b")], [[t] for t in TEXTS])

    data = xlsx.workbook_bytes([sheet])

    assert load_workbook(io.BytesIO(data)).active.title == "Teks-"
    assert [r[0] for r in _calamine(data)] == ["Teks\x0b", *TEXTS]
