import io

from documents.helpers import pdf_outline_titles, pdf_page_count, pdf_text
from docx import Document

from konvergensi.situation import report, services

from .conftest import COVERAGE

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
    assert pdf_page_count(data) >= 2
    titles = pdf_outline_titles(data)
    for h in HEADINGS:
        assert h in titles
    text = pdf_text(data)
    for h in HEADINGS:
        assert h in text
    assert text.startswith(
        "Dokumen Analisis Situasi Program Penurunan Stunting Kabupaten Timor Tengah Selatan "
        "Tahun 2026"
    )
    # the period and the denominator, in the words the reader gets (see conftest: 19/100)
    assert "Periode pengukuran: Februari 2026 (1–28 Feb 2026). Cakupan layanan tahun 2026." in text
    assert (
        "Penyebut prevalensi: Prevalensi = balita pendek dan sangat pendek ÷ balita diukur "
        "dengan nilai TB/U valid; periode Februari 2026 (1–28 Feb 2026)"
    ) in text
    assert "Prevalensi stunting kabupaten 19,0% (19 dari 100 balita; IK 95% " in text
    # Tabel 2: D1+D2 = 12/40 in 53.02.01, D3+D4 = 7/60 in 53.02.02
    assert "Kecamatan Prevalensi Kasus/n Kota Soe 30,0% 12/40 Mollo Selatan 11,7% 7/60" in text
    # Tabel 4, the lokus: rank, desa, criteria, prevalence, cases, poor main indicators
    assert "1 Desa Empat c 5,0% 1 2 2 Desa Satu a, b 50,0% 10 0" in text


def test_it_prints_the_traffic_light_matrix_with_whole_figures(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    text = pdf_text(report.document_pdf(analysis))
    codes = [i["code"] for i in analysis.snapshot["indicators"]]
    expected = {  # desa: (name, prevalence)
        "53.02.01.2001": ("Desa Satu", "50,0"),
        "53.02.01.2002": ("Desa Dua", "10,0"),
        "53.02.02.2002": ("Desa Empat", "5,0"),
    }
    for desa, (name, prevalence) in expected.items():
        cells = [
            f"{float(COVERAGE[c][desa]):.1f}".replace(".", ",")
            if desa in COVERAGE.get(c, {})
            else "–"
            for c in codes
        ]
        assert " ".join([desa, name, prevalence, *cells]) in text
