"""OpenDocument (LibreOffice) and old Excel (.xls) workbooks go through calamine like xlsx."""

import datetime as dt
import zipfile
from xml.sax.saxutils import escape

import pytest

from konvergensi.measurements.eppgbm import ImportFileError, parse_rows, read_table

from .files import HEADER, TODAY, row

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _cell(value):
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        shown = value.strftime("%d/%m/%Y")
        attrs = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    elif isinstance(value, float):
        shown, attrs = str(value), f'office:value-type="float" office:value="{value}"'
    else:
        shown, attrs = value, 'office:value-type="string"'
    return f"<table:table-cell {attrs}><text:p>{escape(shown)}</text:p></table:table-cell>"


def write_ods(path, sheets):
    """A minimal OpenDocument spreadsheet (what LibreOffice saves, without styles)."""
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join(f"<table:table-row>{''.join(map(_cell, r))}</table:table-row>" for r in rows)
        + "</table:table>"
        for name, rows in sheets
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )  # first and stored, as the format requires
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_it_reads_an_ods_workbook_with_date_and_number_cells(tmp_path):
    rows = [
        row(Tgl_Lahir=dt.date(2023, 1, 5), Berat=11.5),
        row(Nama="Ani", NIK="", Tanggal_Pengukuran=dt.date(2026, 1, 5), Usia_Saat_Ukur=""),
    ]
    path = write_ods(tmp_path / "libreoffice.ods",
                     [("Petunjuk", [["Isi data di sheet berikut"]]),
                      ("Data", [["DATA PENGUKURAN"], HEADER, *rows])])  # fmt: skip

    raw = read_table(path)
    parsed = parse_rows(raw, today=TODAY)

    assert (raw.format, raw.sheet_name, raw.header_row) == ("ods", "Data", 2)
    assert parsed.data["birth_date"].to_list() == [dt.date(2023, 1, 5)] * 2
    assert parsed.data["weight_kg"].to_list() == [11.5, 11.5]
    assert [(i.row, i.column, i.code, i.message) for i in parsed.issues] == [
        (4, "Tanggal Pengukuran", "measurement_in_future",
         "Tanggal pengukuran 05/01/2026 di masa depan (hari ini 01/03/2025)."),
    ]  # fmt: skip


def test_it_reports_a_damaged_xls_instead_of_failing():
    # openpyxl cannot write .xls, so no real one is built here; a file with the OLE2 signature
    # of an .xls reaches calamine's xls reader, and a damaged one gets a message, not a trace
    damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"rusak" * 200

    with pytest.raises(ImportFileError) as info:
        read_table(damaged, filename="lama.xls")

    assert str(info.value) == (
        "Berkas ini bukan spreadsheet yang bisa dibaca (xlsx, xls, ods atau csv)."
    )
