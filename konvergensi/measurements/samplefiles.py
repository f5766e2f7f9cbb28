"""Realistic, messy e-PPGBM exports for tests, the demo and benchmarks.

:func:`generate_eppgbm` writes one measurement round (e.g. the February weighing month) for a set
of desa: children 0–59 months, sex balanced, length/height and weight drawn from the WHO 2006
LMS tables (length-for-age, weight-for-age) with a per-desa shift of HAZ so that stunting
prevalence ranges over the desa (10–45% by default), measured lying below 24 months and standing
from 24 months with a few inconsistent rows, as posyandu do. A share of rows carries the errors
real exports have; which row got which is returned, so tests can check that all are caught.
Deterministic for a seed. No Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist
from typing import Literal

import numpy as np

from growth import zscores
from growth.tables import table
from konvergensi.documents.xlsx_stream import write_xlsx

from .eppgbm_match import region_key
from .eppgbm_read import gc_paused

HEADER = (
    "No", "NIK", "Nama", "JK", "Tgl Lahir", "BB Lahir", "TB Lahir", "Nama Ortu", "Prov",
    "Kab/Kota", "Kec", "Pukesmas", "Desa/Kel", "Posyandu", "RT", "RW", "Alamat",
    "Usia Saat Ukur", "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur", "LiLA", "BB/U",
    "ZS BB/U", "TB/U", "ZS TB/U", "BB/TB", "ZS BB/TB", "Naik Berat Badan", "Jml Vit A", "KPSP",
    "KIA", "Detail",
)  # fmt: skip
COL = {name: j for j, name in enumerate(HEADER)}

ERROR_KINDS = (
    "birth_date_typo",
    "weight_in_grams",
    "weight_height_swapped",
    "future_date",
    "duplicate",
    "conflict",
    "missing_sex",
    "decimal_confusion",
    "desa_misspelt",
    "nik_mangled",
    "dates_swapped",
    "age_over_59",
)

BOYS = (
    "Muhammad", "Ahmad", "Rizky", "Fajar", "Dimas", "Bayu", "Arya", "Raka", "Yohanes", "Yosef",
    "Fransiskus", "Agustinus", "Daniel", "Kevin", "Gilang", "Aditya", "Farhan", "Ilham", "Rafi",
    "Alif", "Reza", "Dafa", "Zidan", "Kenzo", "Gabriel", "Marselinus", "Petrus", "Stefanus",
    "Abdul", "Rahmat", "Yusuf", "Hafiz", "Arkan", "Bima", "Galang", "Samuel", "Yonatan", "Aldo",
)  # fmt: skip
GIRLS = (
    "Siti", "Nur", "Aisyah", "Putri", "Dewi", "Ayu", "Nabila", "Zahra", "Maria", "Agnes",
    "Yuliana", "Theresia", "Fransiska", "Veronika", "Salsabila", "Keisha", "Alya", "Naura",
    "Anisa", "Intan", "Kirana", "Citra", "Melati", "Sekar", "Adinda", "Bunga", "Yasmin",
    "Maharani", "Rosalia", "Elisabeth", "Aurel", "Cahaya", "Febriani", "Lestari", "Wulan",
)  # fmt: skip
SECOND = (
    "Pratama", "Saputra", "Ramadhan", "Hidayat", "Nugroho", "Wijaya", "Setiawan", "Kurniawan",
    "Lestari", "Sari", "Rahayu", "Anggraini", "Bili", "Nenabu", "Tefa", "Seran", "Manu", "Nope",
    "Lake", "Ndun", "Fanggidae", "Kana", "Bessie", "Taneo", "Benu", "Saefatu", "Hidayah",
    "Permata", "Amalia", "Putra", "Putri", "Maharani", "Rahman", "Kusuma", "Salsabila",
)  # fmt: skip
POSYANDU = (
    "Melati", "Mawar", "Anggrek", "Kenanga", "Flamboyan", "Dahlia", "Cempaka", "Teratai",
    "Bougenville", "Kamboja", "Seroja", "Tunas Harapan", "Kasih Ibu", "Sehat Sejahtera",
)  # fmt: skip
DUSUN = ("Dusun I", "Dusun II", "Dusun III", "Dusun IV", "Dusun V")
MONTHS_ID = (
    "JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS", "SEPTEMBER",
    "OKTOBER", "NOVEMBER", "DESEMBER",
)  # fmt: skip


@dataclass(frozen=True)
class GeneratedFile:
    """What was written: the data rows, where the header is, and the injected errors
    (spreadsheet row → kind, see ``ERROR_KINDS``; a ``conflict`` marks both rows)."""

    path: Path
    rows: int
    header_row: int
    injected: dict[int, str] = field(default_factory=dict)
    stunting_target: dict[str, float] = field(default_factory=dict)


def _at_z(name: str, sex: np.ndarray, key: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The measurement at z-score ``z`` (inverse LMS) from the engine's WHO 2006 table."""
    t = table(name)
    idx = (sex - 1) * t.n + np.clip(key - t.first, 0, t.n - 1)
    l, m, s = t.l[idx], t.m[idx], t.s[idx]  # noqa: E741 - WHO's names
    return m * (1 + l * s * z) ** (1 / l)


def _category(z: np.ndarray, cuts: Sequence[float], labels: Sequence[str]) -> list[str]:
    """Permenkes 2/2020 category for each z (cuts ascending, labels one more than cuts)."""
    idx = np.searchsorted(np.asarray(cuts), z, side="left")
    lab = np.asarray(labels, dtype=object)[idx]
    return [x if z_ == z_ else "" for x, z_ in zip(lab.tolist(), z.tolist(), strict=True)]


def _age_text(birth: np.ndarray, meas: np.ndarray) -> list[str]:
    """ "2 Tahun - 3 Bulan - 5 Hari" as e-PPGBM writes it (completed calendar units)."""
    by, bm, bd = _ymd(birth)
    my, mm, md = _ymd(meas)
    months = (my - by) * 12 + (mm - bm) - (md < bd)
    anchor_m = (by - 1970) * 12 + (bm - 1) + months
    anchor = anchor_m.astype("timedelta64[M]") + np.datetime64("1970-01", "M")
    anchor_days = anchor.astype("datetime64[D]") + np.minimum(
        bd - 1,
        ((anchor + 1).astype("datetime64[D]") - anchor.astype("datetime64[D]")).astype(int) - 1,
    ).astype("timedelta64[D]")
    days = (meas - anchor_days).astype(int)
    return [
        f"{m // 12} Tahun - {m % 12} Bulan - {d} Hari"
        for m, d in zip(months.tolist(), days.tolist(), strict=True)
    ]


def _ymd(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = d.astype("datetime64[Y]").astype(int) + 1970
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    day = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(int) + 1
    return y, m, day


def _misspell(name: str, taken: set[str], rng: np.random.Generator) -> str:
    """A believable typo (vowel swapped, letter dropped or doubled) that no longer matches."""
    vowels = "aiueo"
    for _ in range(20):
        i = int(rng.integers(1, max(2, len(name))))
        ch = name[i - 1]
        op = int(rng.integers(0, 3))
        if op == 0 and ch.lower() in vowels:
            new = vowels[(vowels.index(ch.lower()) + 1) % 5]
            cand = name[: i - 1] + new + name[i:]
        elif op == 1 and len(name) > 4:
            cand = name[: i - 1] + name[i:]
        else:
            cand = name[:i] + ch.lower() + name[i:]
        if region_key(cand) not in taken and region_key(cand):
            return cand
    return name + "h"


def generate_eppgbm(
    path: str | os.PathLike[str],
    *,
    rows: int,
    seed: int,
    desa: Sequence[tuple[str, str, str]],
    fmt: Literal["xlsx", "csv"] = "xlsx",
    error_rate: float = 0.02,
    title_rows: bool = True,
    start_date: dt.date = dt.date(2025, 2, 1),
    days: int = 28,
    date_style: Literal["cell", "dmy", "iso"] | None = None,
    encoding: str = "utf-8-sig",
    provinsi: str = "NUSA TENGGARA TIMUR",
    kabupaten: str = "TIMOR TENGAH SELATAN",
    stunting_range: tuple[float, float] = (0.10, 0.45),
) -> GeneratedFile:
    """Write an e-PPGBM-style export of ``rows`` measurements (plus injected duplicate rows).

    ``desa``: (kecamatan name, desa name, Kemendagri desa code) for each desa in the file.
    Measurements fall in ``start_date`` … ``start_date + days - 1``. ``date_style``: date cells
    ("cell", default for xlsx), "dd/mm/yyyy" text ("dmy", default for csv) or "yyyy-mm-dd" text.
    csv files use ";" and decimal commas in ``encoding`` (utf-8-sig or cp1252).
    """
    if not desa:
        raise ValueError("desa: give at least one (kecamatan, desa, code)")
    with gc_paused():
        return _generate(
            Path(path), rows, seed, desa, fmt, error_rate, title_rows, start_date, days,
            date_style, encoding, provinsi, kabupaten, stunting_range,
        )  # fmt: skip


def _generate(
    out: Path,
    rows: int,
    seed: int,
    desa: Sequence[tuple[str, str, str]],
    fmt: Literal["xlsx", "csv"],
    error_rate: float,
    title_rows: bool,
    start_date: dt.date,
    days: int,
    date_style: Literal["cell", "dmy", "iso"] | None,
    encoding: str,
    provinsi: str,
    kabupaten: str,
    stunting_range: tuple[float, float],
) -> GeneratedFile:
    rng = np.random.default_rng(seed)
    n = rows
    style = date_style or ("cell" if fmt == "xlsx" else "dmy")
    nd = len(desa)

    # which desa, and how stunted each desa is (HAZ ~ N(mu_d, 1): P(HAZ < -2) = target)
    size = rng.gamma(2.0, 1.0, nd) + 0.2
    d_idx = np.sort(rng.choice(nd, size=n, p=size / size.sum()))
    targets = np.linspace(*stunting_range, nd) if nd > 1 else np.array([np.mean(stunting_range)])
    targets = rng.permutation(targets)
    inv = NormalDist().inv_cdf
    mu = np.array([-2.0 - inv(float(p)) for p in targets])

    sex = rng.integers(1, 3, n)
    age = rng.integers(0, 1827, n)  # days; 1826 days = 59.99 months
    meas = np.datetime64(start_date, "D") + rng.integers(0, days, n).astype("timedelta64[D]")
    birth = meas - age.astype("timedelta64[D]")
    haz = np.clip(mu[d_idx] + rng.standard_normal(n), -4.5, 3.5)
    waz = np.clip(0.6 * haz - 0.1 + 0.8 * rng.standard_normal(n), -4.0, 3.0)
    length = _at_z("len", sex, age, haz)
    weight = _at_z("wei", sex, age, waz)
    lying = np.where(rng.random(n) < 0.03, age >= 731, age < 731)  # 3% measured the "wrong" way
    # the table gives length below 731 days and height from 731; the reading is as measured
    reading = length + np.where(lying & (age >= 731), 0.7, 0.0)
    reading -= np.where(~lying & (age < 731), 0.7, 0.0)
    reading = np.round(reading, 1)
    weight = np.round(weight, 1)
    muac = np.where(
        age >= 183, np.round(14.2 + 0.8 * waz + 0.6 * rng.standard_normal(n), 1), np.nan
    )
    # the export's own z-scores, as the growth engine computes them from the clean values
    z = zscores(
        sex=sex,
        age_days=age.astype(float),
        weight_kg=weight,
        lenhei_cm=reading,
        measure=np.where(lying, "l", "h"),
    )
    zwei, zlen, zwfl = z["zwei"], z["zlen"], z["zwfl"]

    first = np.where(sex == 1, rng.integers(0, len(BOYS), n), rng.integers(0, len(GIRLS), n))
    second = rng.integers(0, len(SECOND), n)
    mother_first = rng.integers(0, len(GIRLS), n)
    mother_second = rng.integers(0, len(SECOND), n)
    names = [
        f"{(BOYS if s == 1 else GIRLS)[f]} {SECOND[g]}".upper()
        for s, f, g in zip(sex.tolist(), first.tolist(), second.tolist(), strict=True)
    ]
    mothers = [
        f"{GIRLS[f]} {SECOND[g]}".upper()
        for f, g in zip(mother_first.tolist(), mother_second.tolist(), strict=True)
    ]

    # NIK: 6-digit kecamatan code, birth date (day + 40 for girls), 4-digit sequence
    by, bm, bd = _ymd(birth)
    region6 = np.array([code.replace(".", "")[:6] for _, _, code in desa])[d_idx]
    dd = bd + np.where(sex == 2, 40, 0)
    born = np.char.add(
        np.char.add(np.char.zfill(dd.astype(str), 2), np.char.zfill(bm.astype(str), 2)),
        np.char.zfill((by % 100).astype(str), 2),
    )
    stem = np.char.add(region6, born)
    order = np.argsort(stem, kind="stable")
    s_sorted = stem[order]
    starts = np.r_[True, s_sorted[1:] != s_sorted[:-1]]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    seq = np.empty(n, dtype=int)
    seq[order] = np.arange(n) - group_start + 1
    nik = np.char.add(stem, np.char.zfill(seq.astype(str), 4))
    has_nik = rng.random(n) < 0.85

    posyandu_of = [
        [
            f"{POSYANDU[int(k)]} {int(rng.integers(1, 4))}"
            for k in rng.choice(len(POSYANDU), int(rng.integers(1, 5)), replace=False)
        ]
        for _ in range(nd)
    ]
    pos_pick = rng.integers(0, 4, n)
    rt = rng.integers(1, 11, n)
    rw = rng.integers(1, 6, n)
    dusun = rng.integers(0, len(DUSUN), n)
    bb_lahir = np.round(np.clip(rng.normal(3.0, 0.45, n), 1.5, 4.8), 1)
    tb_lahir = np.round(np.clip(rng.normal(48.5, 2.0, n), 42, 54), 1)
    no_birth = rng.random(n) < 0.2
    naik = rng.choice(np.array(["Ya", "Tidak", "-"]), n, p=[0.6, 0.25, 0.15])
    vita = np.where(age >= 183, rng.integers(0, 3, n), 0)
    kpsp = rng.choice(np.array(["Sesuai", "Meragukan", "-"]), n, p=[0.7, 0.05, 0.25])
    kia = rng.choice(np.array(["Ya", "Tidak"]), n, p=[0.85, 0.15])

    wfa_cat = _category(
        zwei,
        [-3, -2, 1],
        [
            "Berat Badan Sangat Kurang",
            "Berat Badan Kurang",
            "Berat Badan Normal",
            "Risiko Berat Badan Lebih",
        ],
    )
    hfa_cat = _category(zlen, [-3, -2, 3], ["Sangat Pendek", "Pendek", "Normal", "Tinggi"])
    wfh_cat = _category(
        zwfl,
        [-3, -2, 1, 2, 3],
        ["Gizi Buruk", "Gizi Kurang", "Gizi Baik", "Berisiko Gizi Lebih", "Gizi Lebih", "Obesitas"],
    )
    age_text = _age_text(birth, meas)
    births = birth.astype(object).tolist()
    measured = meas.astype(object).tolist()

    def as_date(d: dt.date) -> object:
        if style == "cell":
            return d
        return d.isoformat() if style == "iso" else d.strftime("%d/%m/%Y")

    def num(x: float) -> object:
        if x != x:
            return ""
        return x if fmt == "xlsx" else f"{x:g}".replace(".", ",")

    table: list[list[object]] = []
    for i in range(n):
        k = int(d_idx[i])
        kec, ds, _ = desa[k]
        pos = posyandu_of[k][int(pos_pick[i]) % len(posyandu_of[k])]
        table.append([
            0, str(nik[i]) if has_nik[i] else "", names[i], "L" if sex[i] == 1 else "P",
            as_date(births[i]), "" if no_birth[i] else num(bb_lahir[i]),
            "" if no_birth[i] else num(tb_lahir[i]), mothers[i], provinsi, kabupaten,
            kec.upper(), f"{kec.upper()}", ds.upper(), pos, f"{rt[i]:03d}", f"{rw[i]:03d}",
            f"{DUSUN[dusun[i]]}, RT {rt[i]:03d}/RW {rw[i]:03d}", age_text[i],
            as_date(measured[i]), num(weight[i]), num(reading[i]),
            "Terlentang" if lying[i] else "Berdiri", num(muac[i]), wfa_cat[i], num(zwei[i]),
            hfa_cat[i], num(zlen[i]), wfh_cat[i], num(zwfl[i]), str(naik[i]), int(vita[i]),
            str(kpsp[i]), str(kia[i]), "Lihat",
        ])  # fmt: skip

    injected_by_index, extra_after = _inject(
        table,
        rng,
        error_rate,
        desa,
        d_idx,
        fmt,
        as_date,
        num,
        weight,
        reading,
        birth,
        meas,
        nik,
    )

    final: list[list[object]] = []
    kinds: list[str | None] = []
    for i, row in enumerate(table):
        final.append(row)
        kinds.append(injected_by_index.get(i))
        for extra, kind in extra_after.get(i, ()):
            final.append(extra)
            kinds.append(kind)
    for no, row in enumerate(final, start=1):
        row[0] = no

    titles: list[list[object]] = []
    if title_rows:
        titles = [
            [f"DATA PENGUKURAN BULAN {MONTHS_ID[start_date.month - 1]} {start_date.year}"],
            [f"Provinsi: {provinsi}"],
            [f"Kabupaten/Kota: {kabupaten}"],
            [],
        ]
    header_row = len(titles) + 1
    injected = {header_row + 1 + i: kind for i, kind in enumerate(kinds) if kind is not None}
    if fmt == "xlsx":
        write_xlsx(
            os.fspath(out),
            [*titles, list(HEADER), *final],
            sheet_name="Data Pengukuran",
            bold_rows=[header_row - 1],
        )
    else:
        with open(out, "w", newline="", encoding=encoding, errors="replace") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerows(titles)
            w.writerow(HEADER)
            w.writerows(final)
    return GeneratedFile(
        path=out,
        rows=len(final),
        header_row=header_row,
        injected=injected,
        stunting_target={desa[k][2]: float(targets[k]) for k in range(nd)},
    )


def _inject(
    table: list[list[object]],
    rng: np.random.Generator,
    error_rate: float,
    desa: Sequence[tuple[str, str, str]],
    d_idx: np.ndarray,
    fmt: str,
    as_date: Callable[[dt.date], object],
    num: Callable[[float], object],
    weight: np.ndarray,
    reading: np.ndarray,
    birth: np.ndarray,
    meas: np.ndarray,
    nik: np.ndarray,
) -> tuple[dict[int, str], dict[int, list[tuple[list[object], str]]]]:
    """Spoil ``error_rate`` of the rows in place, one kind of error each; duplicates and
    conflicting copies are returned to be inserted after their source row."""
    n = len(table)
    k = round(n * error_rate)
    if k == 0:
        return {}, {}
    chosen = np.sort(rng.choice(n, size=min(k, n), replace=False))
    kinds = rng.choice(len(ERROR_KINDS), size=len(chosen))
    by_kec: dict[str, set[str]] = {}
    for kec, ds, _ in desa:
        by_kec.setdefault(region_key(kec), set()).add(region_key(ds))
    marked: dict[int, str] = {}
    extra: dict[int, list[tuple[list[object], str]]] = {}
    c = COL
    for i, kind_i in zip(chosen.tolist(), kinds.tolist(), strict=True):
        kind = ERROR_KINDS[kind_i]
        row = table[i]
        b = birth[i].astype(object)
        m = meas[i].astype(object)
        if kind == "birth_date_typo":
            # month 13 or 31 in a 30-day month: written as text even in xlsx; a day from 13 on,
            # else 05/13 would be a valid month-first date (decision 0008)
            row[c["Tgl Lahir"]] = (
                f"{max(b.day, 13):02d}/13/{b.year}"
                if rng.random() < 0.5
                else f"31/{[4, 6, 9, 11][b.month % 4]:02d}/{b.year}"
            )
        elif kind == "weight_in_grams":
            row[c["Berat"]] = num(float(round(weight[i] * 1000)))
        elif kind == "weight_height_swapped":
            if weight[i] > 38 or reading[i] < 41:
                row[c["Berat"]] = num(reading[i] + 50)  # keep it unmistakably out of range
            else:
                row[c["Berat"]], row[c["Tinggi"]] = row[c["Tinggi"]], row[c["Berat"]]
        elif kind == "future_date":
            row[c["Tanggal Pengukuran"]] = as_date(m.replace(year=m.year + 10))
        elif kind == "duplicate":
            # only the copy is wrong; the source row is the one to import
            extra.setdefault(i, []).append((list(row), "duplicate"))
            continue
        elif kind == "conflict":
            other = list(row)
            other[c["Berat"]] = num(round(weight[i] + 0.4, 1))
            extra.setdefault(i, []).append((other, "conflict"))
        elif kind == "missing_sex":
            row[c["JK"]] = ""
        elif kind == "decimal_confusion":
            row[c["Tinggi"]] = num(round(reading[i] * 10, 1))
        elif kind == "desa_misspelt":
            kec, ds, _ = desa[int(d_idx[i])]
            row[c["Desa/Kel"]] = _misspell(ds, by_kec[region_key(kec)], rng).upper()
        elif kind == "nik_mangled":
            value = int(nik[i])
            # Excel keeps 15 significant digits: the 16th becomes 0
            cut = float(value // 10 * 10)
            row[c["NIK"]] = cut if fmt == "xlsx" else f"{value:.5E}".replace(".", ",")
        elif kind == "dates_swapped":
            if b == m:
                row[c["Tgl Lahir"]] = as_date(m + dt.timedelta(days=3))
            else:
                row[c["Tgl Lahir"]], row[c["Tanggal Pengukuran"]] = as_date(m), as_date(b)
        elif kind == "age_over_59":
            older = m - dt.timedelta(days=int(rng.integers(1830, 2150)))
            row[c["Tgl Lahir"]] = as_date(older)
        marked[i] = kind
    return marked, extra
