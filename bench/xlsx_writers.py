"""Benchmark: the two xlsx writers of ``konvergensi.documents.xlsx`` on an e-PPGBM export.

Run: ``.venv/bin/python bench/xlsx_writers.py [--rows 100000] [--openpyxl-rows 20000]
[--repeats 3]``

Rows have the shape of ``measurements.export.export_rows`` (26 columns: NIK and names as text,
two dates, weights, heights and z-scores as floats, category labels). ``large_table_bytes``
(the SpreadsheetML stream writer the e-PPGBM export uses) runs on ``--rows`` rows;
``workbook_bytes`` (openpyxl write-only, with column formats: the path of the styled analysis
tables and templates) on ``--openpyxl-rows`` rows. Timing: best of ``--repeats`` with
``time.perf_counter``, rows built before the clock starts. Report the load average with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "konvergensi.settings")

import django

django.setup()

from konvergensi.documents import xlsx  # noqa: E402
from konvergensi.measurements.export import EXPORT_HEADER  # noqa: E402


def make_rows(n: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(n):
        born = dt.date(2021, 3, 1) + dt.timedelta(days=i % 1700)
        rows.append([
            f"530201{i:010d}", f"Anak {i}", "LP"[i % 2], born, f"Ibu {i % 7000}",
            "Nusa Tenggara Timur", "Timor Tengah Selatan", f"Kec {i % 32}", f"Puskesmas {i % 36}",
            f"Desa {i % 278}", f"Posyandu {i % 556}", f"{i % 9:03d}", f"{i % 5:03d}",
            f"Dusun {i % 40}", "2 Tahun - 3 Bulan - 5 Hari", dt.date(2026, 2, 1 + i % 28),
            8.0 + (i % 90) / 10, 70.0 + (i % 400) / 10, ("Terlentang", "Berdiri")[i % 2],
            12.0 + (i % 40) / 10, "Berat badan normal", -0.5 - (i % 30) / 10, "Normal",
            -1.0 - (i % 25) / 10, "Gizi baik", 0.2 - (i % 20) / 10,
        ])  # fmt: skip
    return rows


def best(fn, repeats: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--openpyxl-rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    rows = make_rows(max(args.rows, args.openpyxl_rows))
    columns = [
        xlsx.Column(h, xlsx.DATE if h in ("Tgl Lahir", "Tanggal Pengukuran") else None)
        for h in EXPORT_HEADER
    ]
    sheet = xlsx.Sheet("Data", columns, rows[: args.openpyxl_rows], number_format=xlsx.ONE_DECIMAL)
    cases = [
        ("large_table_bytes (stream)", args.rows,
         lambda: xlsx.large_table_bytes("Data Pengukuran", EXPORT_HEADER, rows[: args.rows])),
        ("workbook_bytes (openpyxl write-only)", args.openpyxl_rows,
         lambda: xlsx.workbook_bytes([sheet])),
    ]  # fmt: skip
    print(f"{'writer':38} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'MB':>6}")
    for name, n, fn in cases:
        seconds, size = best(fn, args.repeats)
        print(f"{name:38} {n:>8} {seconds:>8.2f} {n / seconds:>9.0f} {size / 1e6:>6.1f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
