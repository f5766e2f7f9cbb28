"""Indonesian number and date text for pages and documents (decimal comma, "28 November 2026")."""

from __future__ import annotations

import datetime as dt

from analytics.traffic_light import CoverageClass, PrevalenceClass

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]

CLASS_LABELS = {
    "sangat_tinggi": "Sangat tinggi",
    "tinggi": "Tinggi",
    "rendah": "Rendah",
    "sangat_rendah": "Sangat rendah",
    "memadai": "Memadai",
    "hampir_memadai": "Hampir memadai",
    "tidak_ada_data": "Tidak ada data",
}
TREND_LABELS = {
    "membaik": "Membaik",
    "memburuk": "Memburuk",
    "tetap": "Tetap",
    "baseline": "Data awal (baseline)",
    "tidak_ada_data": "Tidak ada data",
}
CRITERIA = {
    "a": "(a) prevalensi di atas prevalensi kabupaten",
    "b": "(b) jumlah kasus di atas rata-rata per desa",
    "c": "(c) lebih dari separuh indikator utama kurang",
}


def number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else number(value, digits) + "%"


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "–"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def prevalence_colour(cls: str) -> str:
    return PrevalenceClass(cls).colour


def coverage_colour(cls: str) -> str:
    return CoverageClass(cls).colour
