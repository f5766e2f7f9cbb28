"""xlsx files built in code for the import tests."""

from __future__ import annotations

import io

import openpyxl


def xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


COLUMNS = [
    "kode_indikator",
    "nama_indikator",
    "kode_wilayah",
    "nama_wilayah",
    "tahun",
    "bulan",
    "pembilang",
    "penyebut",
    "nilai",
    "sumber",
]


def cov(code, region, year=2025, num=None, den=None, value=None, source="Laporan", month=None):
    return [code, "", region, "", year, month, num, den, value, source]
