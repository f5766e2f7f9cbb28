"""Web applications "export to Excel" by sending an HTML table named .xls; Excel opens it and
so does the import: every cell as the page shows it, read like a csv cell."""

from html import escape

from konvergensi.measurements.eppgbm import parse_rows, read_table

from .files import HEADER, TODAY, row, write_csv

TITLE = "DATA PENGUKURAN BULAN FEBRUARI 2025"


def _tr(cells, tag="td") -> str:
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>\n"


def _page(*tables: str, head="<meta charset='utf-8'>") -> bytes:
    body = "\n".join(f"<table border='1'>\n{t}</table>" for t in tables)
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


ROWS = [
    row(Berat="11,5", Tinggi="85,2"),
    row(Nama="Ani Lake", NIK="5302014501230002", JK="P", Tgl_Lahir="17/08/2023", Berat="9,25"),
    row(Nama="Yakob", NIK="", Tanggal_Pengukuran="31/02/2025", Berat="x"),  # two errors
]


def _page_of_rows() -> bytes:
    """ROWS under a title merged across the table and a blank row, as exporters write them:
    non-breaking spaces, a <br> inside a name, <th> headers."""
    body = [_tr(r).replace("Santoso", "&nbsp;Santoso&nbsp;") for r in ROWS]
    body[1] = body[1].replace("Siti Aminah", "Siti<br>Aminah")
    title = f"<tr><td colspan='{len(HEADER)}'><b>{TITLE}</b></td></tr>\n"
    blank = f"<tr><td colspan='{len(HEADER)}'>&nbsp;</td></tr>\n"
    return _page(title + blank + _tr(HEADER, "th") + "".join(body))


def test_it_reads_the_same_rows_as_the_equivalent_csv(tmp_path):
    (tmp_path / "ekspor.xls").write_bytes(_page_of_rows())
    csv_path = write_csv(tmp_path / "ekspor.csv", ROWS, titles=[TITLE, ""])

    html, csv = read_table(tmp_path / "ekspor.xls"), read_table(csv_path)
    parsed_html, parsed_csv = parse_rows(html, today=TODAY), parse_rows(csv, today=TODAY)

    assert (html.format, csv.format) == ("html", "csv")
    assert html.header == tuple(HEADER)
    assert html.title_rows == ((TITLE,),)
    assert html.rows.tolist() == csv.rows.tolist() == [4, 5, 6]
    assert parsed_html.data.equals(parsed_csv.data)
    assert parsed_html.issues == parsed_csv.issues
    assert len(parsed_html.issues) >= 2  # the broken row is reported, not dropped
    assert parsed_html.data["name"].to_list() == ["Budi Santoso", "Ani Lake", "Yakob"]
    assert parsed_html.data["weight_kg"].to_list()[:2] == [11.5, 9.25]


def test_it_reads_html_whatever_the_file_is_called(tmp_path):
    for name in ("ekspor.xls", "ekspor.xlsx", "ekspor.csv", "ekspor"):
        raw = read_table(_page_of_rows(), filename=name)
        assert (raw.format, len(raw)) == ("html", 3), name


def test_it_reads_a_bare_table_with_iso_dates_and_decimal_points():
    # the shape a black-box tester met: <th> headers, ISO dates, a UTF-8 <meta>, no title
    header = ["NIK", "Nama", "JK", "Tgl Lahir", "Nama Ortu", "Kec", "Desa/Kel", "Posyandu",
              "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur"]  # fmt: skip
    rows = [
        ["5302025107228717", "Maria Tallo", "P", "2022-07-11", "Yohana Nenobais",
         "Mollo Selatan", "Kesetnana", "Matahari", "2025-02-25", "15.4", "100.5", "Berdiri"],
        ["5302020802238409", "Aldo Liu", "L", "2023-02-08", "Marselina Oematan",
         "Mollo Selatan", "Kesetnana", "Matahari", "2025-02-25", "15.1", "100.6", "Berdiri"],
    ]  # fmt: skip

    raw = read_table(_page(_tr(header, "th") + "".join(map(_tr, rows))), filename="A11.xls")
    parsed = parse_rows(raw, today=TODAY)

    assert raw.rows.tolist() == [2, 3]
    assert parsed.issues == []
    d = parsed.data
    assert d["nik"].to_list() == ["5302025107228717", "5302020802238409"]  # not 5.30203E+15
    assert [str(x) for x in d["birth_date"].to_list()] == ["2022-07-11", "2023-02-08"]
    assert d["weight_kg"].to_list() == [15.4, 15.1]
    assert d["lenhei_cm"].to_list() == [100.5, 100.6]


def test_it_picks_the_table_with_the_header_after_a_letterhead_table():
    letterhead = _tr(["Dinas Kesehatan", "Kabupaten Kupang"]) + _tr(["Periode", "Februari 2025"])
    summary = _tr(["Kec", "Desa/Kel", "Nama"]) + _tr(["Kupang Timur", "Oesao", "Jumlah: 1"])
    data = _tr(HEADER, "th") + _tr(row(Nama="Ani"))

    raw = read_table(_page(letterhead, summary, data), filename="x.xls")

    assert raw.header == tuple(HEADER)
    assert raw.rows.tolist() == [2]  # the row in its own table
    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Ani"]


def test_it_reads_a_data_table_inside_a_layout_table():
    # old web pages lay the page out with a table; the data table sits in one of its cells
    inner = "<table>" + _tr(HEADER) + _tr(row()) + _tr(row(Nama="Ani")) + "</table>"
    page = f"<table><tr><td>Logo</td><td>{inner}<p>Dicetak 01/03/2025</p></td></tr></table>"

    raw = read_table(page.encode(), filename="x.xls")

    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Budi Santoso", "Ani"]


def test_it_keeps_columns_aligned_under_a_two_row_header_of_spans():
    # "Pengukuran" spans Tanggal | Berat | Tinggi; the other headers span both header rows
    top = "".join(
        "<th colspan='3'>Pengukuran</th>"
        if h == "Tanggal Pengukuran"
        else f"<th rowspan='2'>{h}</th>"
        for h in HEADER
        if h not in ("Berat", "Tinggi")
    )
    sub = "<th>Tanggal</th><th>Berat</th><th>Tinggi</th>"

    raw = read_table(_page(f"<tr>{top}</tr><tr>{sub}</tr>" + _tr(row())), filename="x.xls")
    d = parse_rows(raw, today=TODAY).data

    assert raw.header[9:12] == ("Tanggal (Pengukuran)", "Berat", "Tinggi")
    assert raw.label("measure") == "Cara Ukur"
    assert str(d["measurement_date"][0]) == "2025-02-05"
    assert (d["weight_kg"][0], d["lenhei_cm"][0], d["measure"][0]) == (11.5, 85.2, "h")


def test_it_reads_broken_html_as_a_browser_does():
    # unclosed cells and rows, upper-case tags, an absurd colspan, a stray end tag, a script
    cells = "".join(f"<TD><font face=Arial>{escape(c)}" for c in row(Nama="Ani"))
    cells = cells.replace(">Ani", ">Ani<script>hitung('Ani')</script><style>td{}</style>")
    page = (
        "\ufeff<TABLE><TR><TD COLSPAN=99999999999999>REKAP</TABLE></table>"
        "<script>document.write('<table><tr><td>Nama<td>JK<td>Kec')</script>"
        f"<table><tr><th>{'<th>'.join(HEADER)}<tr>{cells}"
    )

    raw = read_table(page.encode(), filename="x.xls")

    assert raw.header == tuple(HEADER)
    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Ani"]


def test_it_reads_utf8_bytes_under_a_latin1_declaration():
    # PHP applications often declare iso-8859-1 and send UTF-8; the bytes decide, as in csv
    head = "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
    page = _page(_tr(HEADER) + _tr(row(Nama="Stéfanus Nenabu")), head=head)

    raw = read_table(page, filename="x.xls")

    assert (raw.encoding, raw.header[2]) == ("utf-8", "Nama")
    assert parse_rows(raw, today=TODAY).data["name"].to_list() == ["Stéfanus Nenabu"]
