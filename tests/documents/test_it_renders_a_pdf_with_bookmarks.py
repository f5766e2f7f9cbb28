from documents.helpers import pdf_outline_titles, pdf_page_count
from konvergensi.documents import blocks as b
from konvergensi.documents import charts, pdf


def test_it_renders_a_pdf_with_bookmarks():
    doc = b.Document("Dokumen Uji")
    png = charts.funnel_plot(
        [20, 40],
        [0.5, 0.15],
        ["Desa Satu", "Desa Tiga"],
        p0=0.19,
        curve_n=[1, 20, 40],
        limits={k: [0.9, 0.4, 0.3] for k in ("upper_95", "upper_998")}
        | {k: [0.0, 0.05, 0.08] for k in ("lower_95", "lower_998")},
    )
    doc.add(
        b.Heading("1. Sebaran Prevalensi"),
        b.Paragraph("Prevalensi ≥ 30% – sangat tinggi."),
        b.Heading("1.1 Funnel plot", 2),
        b.Image(png),
        b.PageBreak(),
        b.Heading("2. Rekomendasi"),
        b.Table(("Desa", "Kelas"), (("Desa Satu", "Sangat tinggi"),), ((None, "#c62828"),)),
    )
    data = pdf.render(doc)
    assert data.startswith(b"%PDF")
    assert pdf_page_count(data) == 2
    assert pdf_outline_titles(data) == [
        "1. Sebaran Prevalensi",
        "1.1 Funnel plot",
        "2. Rekomendasi",
    ]
