from documents.helpers import pdf_outline_titles, pdf_page_count, pdf_pages_text, pdf_text
from konvergensi.documents import blocks as b
from konvergensi.documents import charts, pdf


def test_it_renders_a_pdf_with_bookmarks():
    doc = b.Document("Dokumen Uji", "Kabupaten Contoh · 2026")
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
        b.Image(png, "Gambar 1. Funnel plot."),
        b.PageBreak(),
        b.Heading("2. Rekomendasi"),
        b.Bullets(("Perkuat koordinasi OPD", "Tambah kader")),
        b.Table(
            ("Desa", "Kelas", "Prevalensi"),
            (("Desa Satu", "Sangat tinggi", "50,0%"),),
            ((None, "#c62828", None),),
            caption="Tabel 1. Kelas desa.",
        ),
    )
    data = pdf.render(doc)
    assert pdf_page_count(data) == 2
    assert pdf_outline_titles(data) == [
        "1. Sebaran Prevalensi",
        "1.1 Funnel plot",
        "2. Rekomendasi",
    ]
    first, second = pdf_pages_text(data)
    # the title, the subtitle and the Indonesian symbols survive the embedded font
    assert first.startswith("Dokumen Uji Kabupaten Contoh · 2026 1. Sebaran Prevalensi")
    assert "Prevalensi ≥ 30% – sangat tinggi." in first
    assert "Gambar 1. Funnel plot." in first
    assert "Rekomendasi" not in first  # the page break came before it
    assert "Perkuat koordinasi OPD" in second and "Tambah kader" in second
    assert "Tabel 1. Kelas desa. Desa Kelas Prevalensi Desa Satu Sangat tinggi 50,0%" in second
    assert pdf_text(data) == f"{first} {second}"


def test_it_keeps_figures_whole_in_many_narrow_columns():
    # 40 columns of "100,0" on a landscape page: at the usual cell size the figures would break
    # into "100," and "0"; the table's text shrinks until every figure fits its column.
    headers = tuple(str(i) for i in range(1, 41))
    row = ("100,0",) * 40
    doc = b.Document("Matriks")
    doc.add(b.Table(headers, (row, row)))
    data = pdf.render(doc, wide=True)
    assert " ".join(headers) + " " + " ".join(row * 2) in pdf_text(data)
