"""Small real e-PPGBM files written per test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl

HEADER = [
    "No", "NIK", "Nama", "JK", "Tgl Lahir", "Nama Ortu", "Kec", "Desa/Kel",
    "Usia Saat Ukur", "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur",
]  # fmt: skip
TODAY = dt.date(2025, 3, 1)


def row(**changes: object) -> list[object]:
    """A valid row (boy born 05/01/2023, measured 05/02/2025) with some cells changed."""
    base: dict[str, object] = {
        "No": "1",
        "NIK": "5302014501230001",
        "Nama": "Budi Santoso",
        "JK": "L",
        "Tgl Lahir": "05/01/2023",
        "Nama Ortu": "Siti Aminah",
        "Kec": "Kupang Timur",
        "Desa/Kel": "Oesao",
        "Usia Saat Ukur": "2 Tahun - 1 Bulan - 0 Hari",
        "Tanggal Pengukuran": "05/02/2025",
        "Berat": "11,5",
        "Tinggi": "85,2",
        "Cara Ukur": "Berdiri",
    }
    for key, value in changes.items():
        (header,) = [h for h in HEADER if _plain(h) == _plain(key)]  # Desa_Kel -> "Desa/Kel"
        base[header] = value
    return [base[h] for h in HEADER]


def _plain(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def write_csv(
    path: Path,
    rows: list[list[object]],
    *,
    header: list[str] = HEADER,
    titles: list[str] = (),  # type: ignore[assignment]
    sep: str = ";",
    encoding: str = "utf-8",
) -> Path:
    lines = [*titles, sep.join(header), *(sep.join(str(c) for c in r) for r in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], *, header: list[str] = HEADER, titles: list[list] = ()
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for t in titles:
        ws.append(t)
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path
