"""Matching rows to desa (by Kemendagri code, else by name within the kecamatan) and finding
the same child measured twice on one date within a file (DESIGN §4 "Imports")."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import polars as pl

from .eppgbm_issues import Collector
from .eppgbm_read import RawTable

_REGION_PREFIX = re.compile(r"^(desa|kelurahan|kel|kecamatan|kec)\b\.?\s*")


def region_key(name: str) -> str:
    """Region names compared without case, punctuation or a "Desa"/"Kel."/"Kec." prefix."""
    text = _REGION_PREFIX.sub("", name.lower().strip())
    return re.sub(r"[^0-9a-z]+", "", text)


def match_regions(
    raw: RawTable,
    c: Collector,
    regions: Iterable[tuple[str, str, str]],
    kecamatan: pl.Series,
    desa: pl.Series,
    desa_code: pl.Series,
) -> pl.Series:
    """Match each row's desa by code, else by name within the kecamatan (DESIGN §4)."""
    by_code: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    kec_names: dict[str, str] = {}
    desa_names: dict[str, dict[str, str]] = {}
    for kec, ds, code in regions:
        by_code[code] = code
        by_name[(region_key(kec), region_key(ds))] = code
        kec_names[region_key(kec)] = kec
        desa_names.setdefault(region_key(kec), {})[region_key(ds)] = ds
    frame = pl.DataFrame({"kec": kecamatan, "desa": desa, "code": desa_code})
    combos = frame.unique(maintain_order=True)
    resolved: list[str | None] = []
    problems: dict[tuple[str | None, str | None, str | None], tuple[str, str, str]] = {}
    for kec, ds, code in combos.iter_rows():
        if code is not None and code in by_code:
            resolved.append(code)
            continue
        if code is not None and ds is None:
            resolved.append(None)
            problems[(kec, ds, code)] = (
                "desa_code",
                "desa_code_unknown",
                f"Kode desa {code} tidak ada dalam daftar wilayah.",
            )
            continue
        if ds is None or (kec is None and code is None):
            resolved.append(None)  # already reported as missing
            continue
        kk = region_key(kec) if kec is not None else None
        match = by_name.get((kk, region_key(ds))) if kk is not None else None
        if match is None and kk is None:
            candidates = [v for (k, d), v in by_name.items() if d == region_key(ds)]
            match = candidates[0] if len(candidates) == 1 else None
        resolved.append(match)
        if match is not None:
            continue
        if kk is not None and kk not in kec_names:
            near = difflib.get_close_matches(kk, list(kec_names), n=1, cutoff=0.75)
            hint = f" (mungkin: {kec_names[near[0]]})" if near else ""
            problems[(kec, ds, code)] = (
                "kecamatan",
                "kecamatan_unknown",
                f"Kecamatan '{kec}' tidak ada dalam daftar wilayah{hint}.",
            )
        else:
            pool = desa_names.get(kk or "", {})
            near = difflib.get_close_matches(region_key(ds), list(pool), n=1, cutoff=0.75)
            hint = f" (mungkin: {pool[near[0]]})" if near else ""
            where = f" di Kecamatan {kec}" if kec else ""
            problems[(kec, ds, code)] = (
                "desa",
                "desa_unknown",
                f"Desa/kelurahan '{ds}' tidak ditemukan{where}{hint}.",
            )
    combos = combos.with_columns(region_code=pl.Series(resolved, dtype=pl.String))
    joined = frame.join(
        combos, on=["kec", "desa", "code"], how="left", nulls_equal=True, maintain_order="left"
    )
    if problems:
        keys = list(zip(kecamatan.to_list(), desa.to_list(), desa_code.to_list(), strict=True))
        by_problem: dict[tuple[str, str, str], list[int]] = {}
        for i, key in enumerate(keys):
            if key in problems:
                by_problem.setdefault(problems[key], []).append(i)
        for (field, code, message), idx in by_problem.items():
            mask = np.zeros(len(raw), dtype=bool)
            mask[idx] = True
            c.add(mask, field, "error", code, lambda i, message=message: message)
    return joined["region_code"]


_SAME_VALUES = (
    "name",
    "sex",
    "birth_date",
    "weight_kg",
    "lenhei_cm",
    "measure",
    "oedema",
    "muac_cm",
    "headc_cm",
)


def check_duplicates(data: pl.DataFrame, c: Collector) -> np.ndarray:
    """Same child and measurement date twice: identical values → warning, later row skipped;
    different values → error on each row naming the others."""
    duplicate_of = np.full(data.height, None, dtype=object)
    keyed = data.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("i"),
        "child_key",
        "measurement_date",
        pl.struct(list(_SAME_VALUES)).hash().alias("h"),
    ).filter(pl.col("child_key").is_not_null() & pl.col("measurement_date").is_not_null())
    groups = (
        keyed.group_by(["child_key", "measurement_date"])
        .agg("i", "h")
        .filter(pl.col("i").list.len() > 1)
    )
    rows = c.raw.rows
    dup_mask = np.zeros(data.height, dtype=bool)
    conflicts: dict[int, list[int]] = {}
    for idx, hashes in zip(groups["i"].to_list(), groups["h"].to_list(), strict=True):
        pairs = sorted(zip(idx, hashes, strict=True))
        first_of: dict[int, int] = {}
        for i, h in pairs:
            if h in first_of:
                duplicate_of[i] = int(rows[first_of[h]])
                dup_mask[i] = True
            else:
                first_of[h] = i
        reps = list(first_of.values())
        if len(reps) > 1:
            for i in reps:
                conflicts[i] = [int(rows[j]) for j in reps if j != i]
    c.add(
        dup_mask,
        "",
        "warning",
        "duplicate",
        lambda i: (
            f"Baris duplikat dari baris {duplicate_of[i]} (hanya baris {duplicate_of[i]} "
            "yang diimpor)."
        ),
    )
    conflict_mask = np.zeros(data.height, dtype=bool)
    conflict_mask[list(conflicts)] = True
    c.add(
        conflict_mask,
        "",
        "error",
        "conflict",
        lambda i: (
            "Anak yang sama diukur pada tanggal yang sama dengan data berbeda di baris "
            + ", ".join(map(str, conflicts[i]))
            + "."
        ),
    )
    return duplicate_of


SEX_WORDS = {1: "laki-laki", 2: "perempuan"}


def day_text(day: dt.date) -> str:
    """A date as the user typed it in an e-PPGBM file: ``19/09/2023``."""
    return day.strftime("%d/%m/%Y")


def first_few(items: list[Any], n: int) -> str:
    """``items`` joined by commas, the first ``n`` only: "2, 3, 4 dan 12 lainnya"."""
    shown = ", ".join(str(x) for x in items[:n])
    return shown if len(items) <= n else f"{shown} dan {len(items) - n} lainnya"


def check_nik_conflicts(data: pl.DataFrame, c: Collector, duplicate_of: np.ndarray) -> None:
    """One NIK is one child: rows with the same NIK but another birth date or sex each get an
    error naming the other rows, so none is imported (nobody can tell which one is right; the
    age, and so every z-score, depends on the birth date). Exact copies (``duplicate_of``) are
    left to the duplicate rule. The groups are found in polars; messages are built only for
    the few NIKs in conflict."""
    keyed = data.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("i"), "nik", "birth_date", "sex"
    ).filter(
        pl.col("nik").is_not_null() & pl.Series(duplicate_of.tolist(), dtype=pl.Int64).is_null()
    )
    groups = (
        keyed.group_by("nik")
        .agg("i", "birth_date", "sex")
        .filter(
            (pl.col("birth_date").list.drop_nulls().list.n_unique() > 1)
            | (pl.col("sex").list.drop_nulls().list.n_unique() > 1)
        )
    )
    rows = c.raw.rows
    show_date: Callable[[Any], object] = day_text
    for field, word, show in (
        ("birth_date", "tanggal lahir", show_date),
        ("sex", "jenis kelamin", SEX_WORDS.get),
    ):
        messages: dict[int, str] = {}
        for idx, values in zip(groups["i"].to_list(), groups[field].to_list(), strict=True):
            by_value: dict[Any, list[int]] = {}
            for i, v in zip(idx, values, strict=True):
                if v is not None:
                    by_value.setdefault(v, []).append(i)
            # one message per value, not per row: a NIK typed on hundreds of rows stays linear
            for v, mine in by_value.items():
                if len(by_value) < 2:
                    break
                others = sorted(int(rows[j]) for w, js in by_value.items() if w != v for j in js)
                seen = [str(show(w)) for w in by_value if w != v]
                text = (
                    f"NIK sama dengan baris {first_few(others, 10)} tetapi {word} berbeda "
                    f"({show(v)} vs {first_few(seen, 5)}): periksa salah satunya."
                )
                for i in mine:
                    messages[i] = text
        mask = np.zeros(data.height, dtype=bool)
        mask[list(messages)] = True
        c.add(mask, field, "error", f"nik_{field}_conflict", messages.__getitem__)
