import io

from openpyxl import load_workbook

from konvergensi.situation import report, services
from situation.conftest import D1, D2, D3, D4


def test_it_writes_the_coloured_traffic_light_xlsx(analysis, people):
    services.run_analysis(analysis, user=people.admin)
    wb = load_workbook(io.BytesIO(report.traffic_light_xlsx(analysis)))
    ws = wb["Lampu lalu lintas"]
    assert "Februari 2026" in ws["A2"].value
    header = [c.value for c in ws[6]]
    imun = next(i for i, h in enumerate(header) if h and "Imunisasi" in h) + 1
    unmet = next(i for i, h in enumerate(header) if h and "Unmet" in h.title()) + 1
    rows = {ws.cell(row=r, column=1).value: r for r in range(7, ws.max_row + 1)}
    # D1 50% prevalence: sangat tinggi, red
    assert ws.cell(rows[D1], 3).value == 50
    assert ws.cell(rows[D1], 3).fill.start_color.rgb == "FFC62828"
    # D2 unmet need 9.0 against 7.4, lower is better: hampir memadai (yellow), not red
    assert ws.cell(rows[D2], unmet).value == 9
    assert ws.cell(rows[D2], unmet).fill.start_color.rgb == "FFF9A825"
    # D4 imunisasi 30 against 90: sangat rendah (red); D3 no imunisasi data: grey, empty cell
    assert ws.cell(rows[D4], imun).fill.start_color.rgb == "FFC62828"
    assert ws.cell(rows[D3], imun).value is None
    assert ws.cell(rows[D3], imun).fill.start_color.rgb == "FF9E9E9E"
    legend = [r[1].value for r in wb["Legenda"].iter_rows(min_row=2)]
    assert "Tidak ada data" in legend and "Hampir memadai" in legend
