import io

from documents.helpers import pdf_outline_titles, pdf_page_count
from docx import Document

from konvergensi.situation import report, services

HEADINGS = [
    "1. Pendahuluan",
    "2. Analisis Sebaran Prevalensi Stunting",
    "3. Analisis Ketersediaan Program dan Kesenjangan Cakupan Layanan",
    "4. Rekomendasi Lokasi Fokus (Desa Lokus)",
    "7. Rekomendasi",
    "8. Kebutuhan Data dan Tindakan yang Diperlukan",
]


def test_it_writes_the_document_as_docx(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    doc = Document(io.BytesIO(report.document_docx(analysis)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in HEADINGS:
        assert h in headings
    lokus = next(t for t in doc.tables if t.rows[0].cells[0].text == "Peringkat")
    body = [[c.text for c in row.cells] for row in lokus.rows[1:]]
    assert [(r[0], r[1], r[2]) for r in body] == [
        ("1", "Desa Empat", "c"),
        ("2", "Desa Satu", "a, b"),
    ]
    assert len(doc.inline_shapes) >= 2  # prevalence chart and funnel plot
    assert any("batas wilayah desa belum diunggah" in p.text for p in doc.paragraphs)


def test_it_writes_the_document_as_pdf(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    data = report.document_pdf(analysis)
    assert data.startswith(b"%PDF") and pdf_page_count(data) >= 2
    titles = pdf_outline_titles(data)
    for h in HEADINGS:
        assert h in titles
