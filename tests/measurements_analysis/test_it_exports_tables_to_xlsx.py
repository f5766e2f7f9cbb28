"""Every analysis table downloads as xlsx with numbers as numbers and a header block."""

import io

import openpyxl
from django.urls import reverse

from .conftest import SOE


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_it_exports_the_prevalence_table(client, kabupaten, soe_data, feb_round, dinkes_operator):
    client.force_login(dinkes_operator)
    url = reverse("measurements:prevalence", kwargs={"code": "53.02.01"})
    ws = _sheet(client.get(url, {"putaran": feb_round.pk, "format": "xlsx"}))
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert "Periode: Februari 2026 (1–28 Feb 2026)" in [r[0] for r in cells]
    assert any(str(r[0]).startswith("Penyebut: Prevalensi = balita pendek") for r in cells)
    header = next(r for r in cells if r[0] == "Kode")
    soe = next(r for r in cells if r[0] == SOE)
    col = header.index("Stunting (pendek + sangat pendek): %")
    assert soe[col] == 37.5 and isinstance(soe[col], float)
    assert soe[header.index("Stunting (pendek + sangat pendek): kasus")] == 3
    assert soe[header.index("Stunting (pendek + sangat pendek): n")] == 8
    assert soe[header.index("Stunting (pendek + sangat pendek): dikeluarkan (flag)")] == 1
    assert soe[header.index("Cakupan pengukuran %")] == 50.0
    oebesa = next(r for r in cells if r[0] == "53.02.01.1003")
    assert oebesa[col] is None  # no data: empty, not 0
    assert cells[-1][0] == "53.02.01"  # the total row last
    assert ws.cell(row=cells.index(soe) + 1, column=col + 1).number_format == "#,##0.0"


def test_it_exports_the_children_list(client, kabupaten, soe_data, feb_round, dinkes_operator):
    client.force_login(dinkes_operator)
    url = reverse("measurements:children_desa", kwargs={"code": SOE})
    ws = _sheet(client.get(url, {"putaran": feb_round.pk, "format": "xlsx"}))
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in cells if r[0] == "Nama")
    data = cells[cells.index(header) + 1 :]
    assert len(data) == 10
    assert {r[header.index("Z TB/U")] for r in data} >= {-3.5, -2.5}
