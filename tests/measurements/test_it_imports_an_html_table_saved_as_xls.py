"""A web application's "export to Excel" (an HTML table named .xls) imports like the
spreadsheet Excel shows when it opens the file."""

from html import escape
from io import StringIO

import openpyxl
from django.core.management import call_command

from konvergensi.measurements.models import Measurement

from .conftest import HEADER, row


def _html_xls(path, rows):
    trs = "".join(
        "<tr>" + "".join(f"<td>{escape(c) or '&nbsp;'}</td>" for c in r) + "</tr>" for r in rows
    )
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    title = f"<tr><td colspan='{len(HEADER)}'><b>Laporan Pengukuran Februari 2026</b></td></tr>"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body>"
        f"<table border='1'>{title}{head}{trs}</table></body></html>",
        encoding="utf-8",
    )
    return path


def test_it_imports_the_good_rows_and_writes_the_bad_ones_to_an_xlsx(tmp_path, operator):
    path = _html_xls(
        tmp_path / "feb.xls",
        [row("Ani", nik="5302014501240001"), row("Budi", sex="L", weight="x"), row("Cici")],
    )
    out = StringIO()

    call_command("import_measurements", str(path), "--user", operator.username, stdout=out)

    assert out.getvalue().startswith("ok=2 warnings=0 errors=1 created=2 updated=0")
    saved = Measurement.objects.order_by("child__name")
    assert [(m.child.name, m.weight_kg, m.lenhei_cm) for m in saved] == [
        ("Ani", 9.5, 75.2),
        ("Cici", 9.5, 75.2),
    ]
    assert saved[0].child.nik == "5302014501240001"
    # the error file of an html input is a real workbook, not html or csv
    ws = openpyxl.load_workbook(tmp_path / "feb.galat.xlsx").active
    cells = list(ws.iter_rows(values_only=True))
    assert cells[0][: len(HEADER)] == tuple(HEADER)
    assert [r[1] for r in cells[1:]] == ["Budi"]
    assert cells[1][-1] == 4  # "Baris Asal": the row under the title and the header
    assert not (tmp_path / "feb.galat.csv").exists()
