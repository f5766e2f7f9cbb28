import io
from decimal import Decimal

import openpyxl

from konvergensi.indicators.models import CoverageValue


def test_it_round_trips_the_template(client, people, indicators):
    client.force_login(people.dinkes_operator)
    r = client.get("/indikator/impor/coverage/templat.xlsx?tahun=2025")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["data"]
    header = [c.value for c in ws[1]]
    codes = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert "asi_eksklusif" in codes and "pus_miskin_pbi_jkn" not in codes  # dinsos's
    col = {h: i for i, h in enumerate(header)}
    filled = 0
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "asi_eksklusif" and row[col["kode_wilayah"]].value.count(".") == 3:
            row[col["pembilang"]].value = 30
            row[col["penyebut"]].value = 40
            filled += 1
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "isi.xlsx"
    r = client.post("/indikator/impor/coverage/", {"file": buf})
    preview = r.url
    assert client.get(preview).status_code == 200
    assert not CoverageValue.objects.exists()  # preview writes nothing
    client.post(preview + "simpan/")
    assert CoverageValue.objects.count() == filled == 3
    assert {v.value for v in CoverageValue.objects.all()} == {Decimal("75.00")}
