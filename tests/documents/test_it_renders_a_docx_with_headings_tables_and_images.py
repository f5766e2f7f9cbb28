import io

from docx import Document as read_docx

from konvergensi.documents import blocks as b
from konvergensi.documents import charts, docx


def _document() -> b.Document:
    doc = b.Document("Dokumen Uji", "Kabupaten Contoh · 28 November 2026")
    png = charts.prevalence_bars(["Desa Satu", "Desa Dua"], [30.0, 12.5], [20.0, 5.0], [41.0, 25.0])
    doc.add(
        b.Heading("1. Pendahuluan"),
        b.Paragraph("Prevalensi 19,0% (19/100)."),
        b.Bullets(("satu", "dua")),
        b.Table(("Desa", "Kelas"), (("Desa Satu", "Sangat tinggi"),), ((None, "#c62828"),)),
        b.Image(png, "Gambar 1"),
    )
    return doc


def test_it_renders_a_docx_with_headings_tables_and_images():
    data = docx.render(_document())
    read = read_docx(io.BytesIO(data))
    headings = [p.text for p in read.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["1. Pendahuluan"]
    table = read.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Desa Satu", "Sangat tinggi"]
    assert 'w:fill="C62828"' in table.rows[1].cells[1]._tc.xml
    assert len(read.inline_shapes) == 1
