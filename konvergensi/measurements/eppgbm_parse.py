"""Typing and validating the rows of an e-PPGBM export (DESIGN §4 "Imports").

:func:`parse_rows` turns a :class:`RawTable` into typed columns (one polars frame, one row per
data row, in file order) and a list of :class:`RowIssue`. Nothing here decides what gets
written: the caller imports the rows where ``ParsedRows.importable`` is true, after adding the
WHO plausibility flags from the growth engine (``ParsedRows.growth_inputs``).

Plausible ranges (outside ``*_ERROR`` is an error, outside ``*_WARN`` a warning):

- weight 0.5–40 kg (warning outside 1.5–30 kg); a 59-month-old at +5 SD weighs about 33 kg;
- length/height 38–130 cm (warning outside 45–120 cm, the WHO weight-for-length/height range);
- LiLA 5–30 cm (warning outside 7–25 cm); head circumference 20–60 cm (warning outside 30–56).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from .eppgbm_issues import Collector, RowIssue
from .eppgbm_match import _SAME_VALUES, check_duplicates, check_nik_conflicts, match_regions
from .eppgbm_read import RawTable, gc_paused
from .eppgbm_values import (
    EXACT_INTEGER_LIMIT,
    NUMBER,
    DateOrder,
    cell_text,
    codes,
    date_order,
    dates,
    numbers,
    read_either_way,
    texts,
    whole_16_digits,
)

DAYS_PER_MONTH = 30.4375  # WHO anthro: months = days / 30.4375
WEIGHT_ERROR, WEIGHT_WARN = (0.5, 40.0), (1.5, 30.0)
LENHEI_ERROR, LENHEI_WARN = (38.0, 130.0), (45.0, 120.0)
MUAC_ERROR, MUAC_WARN = (5.0, 30.0), (7.0, 25.0)
HEADC_ERROR, HEADC_WARN = (20.0, 60.0), (30.0, 56.0)
AGE_TEXT_TOLERANCE_MONTHS = 1.0

SEX_CODES: dict[str, object] = {
    **dict.fromkeys(["L", "LK", "LAKILAKI", "LAKI", "LELAKI", "PRIA", "M", "MALE", "1"], 1),
    **dict.fromkeys(["P", "PR", "PEREMPUAN", "WANITA", "W", "F", "FEMALE", "2"], 2),
}
MEASURE_CODES: dict[str, object] = {
    **dict.fromkeys(["TERLENTANG", "TELENTANG", "BERBARING", "PB", "L", "LYING"], "l"),
    **dict.fromkeys(["BERDIRI", "TB", "H", "B", "STANDING"], "h"),
}
OEDEMA_CODES: dict[str, object] = {
    **dict.fromkeys(["YA", "Y", "ADA", "1", "TRUE", "POSITIF", "YES"], True),
    **dict.fromkeys(["TIDAK", "TDK", "T", "N", "NO", "0", "FALSE", "TIDAKADA", "NEGATIF"], False),
}


@dataclass(frozen=True, eq=False)
class ParsedRows:
    """Typed rows and their issues.

    ``data`` columns (one row per data row, file order): ``row`` (spreadsheet row), ``nik``
    (16 digits or null), ``name``, ``sex`` (1 laki-laki, 2 perempuan), ``birth_date``,
    ``measurement_date`` (Date), ``age_days`` (Int64), ``weight_kg``, ``lenhei_cm``,
    ``muac_cm``, ``headc_cm`` (Float64, null when missing or invalid), ``measure``
    ("l" terlentang, "h" berdiri), ``oedema`` (Boolean, false when not given), text columns
    ``mother_name``, ``father_name``, ``province``, ``kabupaten``, ``kecamatan``, ``puskesmas``,
    ``desa``, ``desa_code`` (dotted Kemendagri code), ``region_code`` (the matched desa code,
    see ``parse_rows(regions=...)``), ``posyandu``, ``rt``, ``rw``, ``address``, ``age_text``,
    the export's own z-scores ``zwei_src``, ``zlen_src``, ``zwfl_src`` (Float64),
    ``child_key`` (NIK or name|birth date|mother|desa), ``duplicate_of`` (the row this one
    repeats, or null) and ``status`` ("ok" / "warning" / "error").
    """

    data: pl.DataFrame
    issues: list[RowIssue]

    def __len__(self) -> int:
        return self.data.height

    @property
    def importable(self) -> np.ndarray:
        """Rows without errors that are not repeats of an earlier row."""
        return ((self.data["status"] != "error") & self.data["duplicate_of"].is_null()).to_numpy()

    def counts(self) -> dict[str, int]:
        """Rows per status, plus duplicates and importable rows, for the preview summary."""
        status = self.data["status"]
        return {
            "rows": self.data.height,
            "ok": int((status == "ok").sum()),
            "warning": int((status == "warning").sum()),
            "error": int((status == "error").sum()),
            "duplicate": int(self.data["duplicate_of"].is_not_null().sum()),
            "importable": int(self.importable.sum()),
        }

    def issues_by_row(self) -> dict[int, list[RowIssue]]:
        out: dict[int, list[RowIssue]] = {}
        for issue in self.issues:
            out.setdefault(issue.row, []).append(issue)
        return out

    def growth_inputs(self, mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Arrays for the growth engine (DESIGN §3), same order as ``data`` (or ``data[mask]``):
        ``sex`` int8 (1/2, 0 unknown), ``age_days`` float (NaN unknown), ``weight_kg``,
        ``lenhei_cm`` float (NaN missing), ``measure`` str ("l", "h", "" unknown), ``oedema`` bool.
        """
        d = self.data if mask is None else self.data.filter(pl.Series(mask))
        return {
            "sex": d["sex"].fill_null(0).to_numpy().astype(np.int8),
            "age_days": d["age_days"].cast(pl.Float64).fill_null(np.nan).to_numpy(),
            "weight_kg": d["weight_kg"].fill_null(np.nan).to_numpy(),
            "lenhei_cm": d["lenhei_cm"].fill_null(np.nan).to_numpy(),
            "measure": d["measure"].fill_null("").to_numpy().astype(str),
            "oedema": d["oedema"].to_numpy().astype(bool),
        }


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _range(lo: float, hi: float, unit: str) -> str:
    return f"{_fmt(lo)}–{_fmt(hi)} {unit}"


def _text_col(raw: RawTable, field: str) -> pl.Series:
    col = raw.column(field)
    if col is None:
        return pl.Series([None] * len(raw), dtype=pl.String)
    return texts(col)


def _num_col(raw: RawTable, field: str) -> tuple[np.ndarray, np.ndarray]:
    col = raw.column(field)
    if col is None:
        n = len(raw)
        return np.full(n, np.nan), np.zeros(n, dtype=bool)
    return numbers(col)


def _name_key(s: pl.Series) -> pl.Series:
    return s.str.to_lowercase().str.replace_all(r"[^0-9a-z]+", " ").str.strip_chars()


def parse_rows(
    raw: RawTable,
    *,
    today: dt.date,
    regions: Iterable[tuple[str, str, str]] | None = None,
) -> ParsedRows:
    """Type and validate every data row of ``raw``.

    ``today`` bounds dates (no measurement in the future). ``regions``, when given, is the list
    of (kecamatan name, desa name, Kemendagri desa code) the import may write to: each row's
    desa is matched by code or by name within its kecamatan and unmatched rows are errors.
    """
    with gc_paused():
        return _parse_rows(raw, today=today, regions=regions)


def _parse_rows(
    raw: RawTable, *, today: dt.date, regions: Iterable[tuple[str, str, str]] | None
) -> ParsedRows:
    c = Collector(raw)
    today64 = np.datetime64(today, "D")

    # --- identity -------------------------------------------------------------------------
    name = _text_col(raw, "name")
    c.add(name.is_null().to_numpy(), "name", "error", "name_missing", lambda i: "Nama anak kosong.")

    sex_text = _text_col(raw, "sex")
    sex, sex_unknown = codes(sex_text, SEX_CODES, pl.Int8)
    c.add(
        sex_text.is_null().to_numpy(),
        "sex",
        "error",
        "sex_missing",
        lambda i: "Jenis kelamin kosong (isi L atau P).",
    )
    c.add(
        sex_unknown,
        "sex",
        "error",
        "sex_unknown",
        lambda i: (
            f"Jenis kelamin tidak dikenal: '{c.text('sex', i)}' "
            "(nilai yang diterima: L, P, Laki-laki, Perempuan)."
        ),
    )

    nik, nik_ok = _nik(raw, c)

    # --- dates ----------------------------------------------------------------------------
    birth_cells = raw.columns[raw.fields["birth_date"]]
    meas_cells = raw.columns[raw.fields["measurement_date"]]
    order = date_order([birth_cells, meas_cells])
    birth, birth_bad = dates(birth_cells, month_first=order.month_first)
    meas, meas_bad = dates(meas_cells, month_first=order.month_first)
    accepted = "format yang diterima: hh/bb/tttt, hh-bb-tttt atau tttt-bb-hh"
    if order.month_first:
        example = _month_first_example(raw, order)
        accepted = (
            "format yang diterima di berkas ini: bb/hh/tttt, bb-hh-tttt atau tttt-bb-hh, "
            f"seperti {example}"
        )
        for field, values, what in (
            ("birth_date", birth, "Tanggal lahir"),
            ("measurement_date", meas, "Tanggal pengukuran"),
        ):
            c.add(
                read_either_way(raw.columns[raw.fields[field]]),
                field,
                "warning",
                f"{field}_month_first",
                lambda i, what=what, field=field, values=values: (
                    f"{what} {c.text(field, i)} dibaca bulan/hari/tahun seperti tanggal lain di "
                    f"berkas ini (mis. {example}): {_date_words(values[i])}."
                ),
            )
    for field, values, bad, what in (
        ("birth_date", birth, birth_bad, "Tanggal lahir"),
        ("measurement_date", meas, meas_bad, "Tanggal pengukuran"),
    ):
        code = "birth_date" if field == "birth_date" else "measurement_date"
        c.add(
            np.isnat(values) & ~bad,
            field,
            "error",
            f"{code}_missing",
            lambda i, what=what: f"{what} kosong.",
        )
        c.add(
            bad,
            field,
            "error",
            f"{code}_invalid",
            lambda i, what=what, field=field: (
                f"{what} tidak valid: '{c.text(field, i)}' ({accepted})."
            ),
        )
    both = ~np.isnat(birth) & ~np.isnat(meas)
    age_days = np.where(both, (meas - birth).astype(np.int64), 0)
    before = both & (age_days < 0)
    c.add(
        before,
        "measurement_date",
        "error",
        "measured_before_birth",
        lambda i: (
            f"Tanggal pengukuran ({c.text('measurement_date', i)}) sebelum tanggal lahir "
            f"({c.text('birth_date', i)})."
        ),
    )
    future = ~np.isnat(meas) & (meas > today64)
    c.add(
        future,
        "measurement_date",
        "error",
        "measurement_in_future",
        lambda i: (
            f"Tanggal pengukuran {c.text('measurement_date', i)} di masa depan "
            f"(hari ini {today:%d/%m/%Y})."
        ),
    )
    birth_future = ~np.isnat(birth) & (birth > today64) & ~before
    c.add(
        birth_future,
        "birth_date",
        "error",
        "birth_in_future",
        lambda i: f"Tanggal lahir {c.text('birth_date', i)} di masa depan.",
    )
    age_months = age_days / DAYS_PER_MONTH
    too_old = both & (age_months >= 60)
    c.add(
        too_old,
        "birth_date",
        "error",
        "age_out_of_scope",
        lambda i: (
            f"Umur saat ukur {int(age_months[i])} bulan: di luar cakupan balita (0–59 bulan)."
        ),
    )
    age_ok = both & ~before

    if "age_text" in raw.fields:
        _check_age_text(raw, c, age_months, age_ok)

    # --- measurements ---------------------------------------------------------------------
    weight, weight_bad = _num_col(raw, "weight_kg")
    lenhei, lenhei_bad = _num_col(raw, "lenhei_cm")
    swapped = (
        (weight >= LENHEI_ERROR[0]) & (weight <= LENHEI_ERROR[1]) & (lenhei <= WEIGHT_ERROR[1])
    )
    anchor = "weight_kg" if "weight_kg" in raw.fields else "lenhei_cm"
    c.add(
        swapped,
        anchor,
        "error",
        "weight_height_swapped",
        lambda i: (
            f"Berat ({c.text('weight_kg', i)}) dan tinggi ({c.text('lenhei_cm', i)}) "
            "tampaknya tertukar."
        ),
    )
    neither = np.isnan(weight) & np.isnan(lenhei) & ~weight_bad & ~lenhei_bad
    c.add(
        neither,
        anchor,
        "error",
        "measurement_missing",
        lambda i: "Berat dan tinggi badan kosong: tidak ada hasil pengukuran.",
    )
    # one of the two is stored (monthly weighing has no length), but the user is told which
    # indicators the child will be missing from; a file without the column is not warned on
    # every row
    for field, values, bad, message in (
        (
            "weight_kg",
            weight,
            weight_bad,
            "Berat badan kosong: anak ini tidak dihitung untuk BB/U, BB/TB dan IMT/U.",
        ),
        (
            "lenhei_cm",
            lenhei,
            lenhei_bad,
            "Panjang/tinggi badan kosong: anak ini tidak dihitung untuk TB/U (stunting), BB/TB "
            "dan IMT/U.",
        ),
    ):
        if field in raw.fields:
            c.add(
                np.isnan(values) & ~bad & ~neither,
                field,
                "warning",
                f"{field.split('_')[0]}_missing",
                lambda i, message=message: message,
            )
    _check_range(
        c,
        "weight_kg",
        weight,
        weight_bad & ~swapped,
        ~swapped,
        WEIGHT_ERROR,
        WEIGHT_WARN,
        "kg",
        "Berat badan",
    )
    _check_range(
        c,
        "lenhei_cm",
        lenhei,
        lenhei_bad & ~swapped,
        ~swapped,
        LENHEI_ERROR,
        LENHEI_WARN,
        "cm",
        "Panjang/tinggi badan",
    )
    muac, muac_bad = _num_col(raw, "muac_cm")
    _check_range(c, "muac_cm", muac, muac_bad, None, MUAC_ERROR, MUAC_WARN, "cm", "LiLA")
    headc, headc_bad = _num_col(raw, "headc_cm")
    _check_range(
        c, "headc_cm", headc, headc_bad, None, HEADC_ERROR, HEADC_WARN, "cm", "Lingkar kepala"
    )
    weight = np.where(swapped | weight_bad, np.nan, weight)
    lenhei = np.where(swapped | lenhei_bad, np.nan, lenhei)

    measure, measure_unknown = codes(_text_col(raw, "measure"), MEASURE_CODES, pl.String)
    c.add(
        measure_unknown,
        "measure",
        "error",
        "measure_unknown",
        lambda i: (
            f"Cara ukur tidak dikenal: '{c.text('measure', i)}' "
            "(nilai yang diterima: Terlentang, Berdiri)."
        ),
    )
    if "measure" in raw.fields:
        # Without a position the engine takes the table by age and corrects nothing (WHO,
        # anthro): said, since a standing child of 1-2 years then counts 0.7 cm shorter.
        c.add(
            measure.is_null().to_numpy() & ~measure_unknown & ~np.isnan(lenhei),
            "measure",
            "warning",
            "measure_missing",
            lambda i: (
                "Cara ukur kosong: panjang/tinggi dinilai menurut umur (terlentang di bawah "
                "24 bulan, berdiri sejak 24 bulan) tanpa koreksi 0,7 cm."
            ),
        )
    oedema, oedema_unknown = codes(_text_col(raw, "oedema"), OEDEMA_CODES, pl.Boolean)
    c.add(
        oedema_unknown,
        "oedema",
        "error",
        "oedema_unknown",
        lambda i: (
            f"Isian edema tidak dikenal: '{c.text('oedema', i)}' (nilai yang diterima: Ya, Tidak)."
        ),
    )

    # --- place ----------------------------------------------------------------------------
    kecamatan = _text_col(raw, "kecamatan")
    desa = _text_col(raw, "desa")
    desa_code = _desa_code(raw, c, desa)
    no_code = desa_code.is_null().to_numpy()
    c.add(
        desa.is_null().to_numpy() & no_code,
        "desa",
        "error",
        "desa_missing",
        lambda i: "Desa/kelurahan kosong.",
    )
    c.add(
        kecamatan.is_null().to_numpy() & no_code,
        "kecamatan",
        "error",
        "kecamatan_missing",
        lambda i: "Kecamatan kosong.",
    )
    if regions is not None:
        region_code = match_regions(raw, c, regions, kecamatan, desa, desa_code)
    else:
        region_code = desa_code

    mother = (
        _text_col(raw, "mother_name")
        if "mother_name" in raw.fields
        else _text_col(raw, "parent_name")
    )
    data = pl.DataFrame(
        {
            "row": raw.rows,
            "nik": nik,
            "name": name,
            "sex": sex,
            "birth_date": pl.Series(birth, dtype=pl.Date),
            "measurement_date": pl.Series(meas, dtype=pl.Date),
            "age_days": pl.Series(np.where(age_ok, age_days, 0), dtype=pl.Int64),
            "weight_kg": pl.Series(weight, nan_to_null=True),
            "lenhei_cm": pl.Series(lenhei, nan_to_null=True),
            "measure": measure,
            "oedema": oedema.fill_null(False),
            "muac_cm": pl.Series(np.where(muac_bad, np.nan, muac), nan_to_null=True),
            "headc_cm": pl.Series(np.where(headc_bad, np.nan, headc), nan_to_null=True),
            "mother_name": mother,
            "father_name": _text_col(raw, "father_name"),
            "province": _text_col(raw, "province"),
            "kabupaten": _text_col(raw, "kabupaten"),
            "kecamatan": kecamatan,
            "puskesmas": _text_col(raw, "puskesmas"),
            "desa": desa,
            "desa_code": desa_code,
            "region_code": region_code,
            "posyandu": _text_col(raw, "posyandu"),
            "rt": _text_col(raw, "rt"),
            "rw": _text_col(raw, "rw"),
            "address": _text_col(raw, "address"),
            "age_text": _text_col(raw, "age_text"),
            "zwei_src": pl.Series(_num_col(raw, "zwei_src")[0], nan_to_null=True),
            "zlen_src": pl.Series(_num_col(raw, "zlen_src")[0], nan_to_null=True),
            "zwfl_src": pl.Series(_num_col(raw, "zwfl_src")[0], nan_to_null=True),
        }
    )
    data = data.with_columns(
        age_days=pl.when(pl.Series(age_ok)).then(pl.col("age_days")),
        child_key=pl.when(pl.Series(nik_ok))
        .then(pl.concat_str(pl.lit("nik|"), pl.col("nik")))
        .otherwise(
            pl.concat_str(
                pl.lit("anak"),
                _name_key(name),
                pl.col("birth_date").cast(pl.String),
                _name_key(mother).fill_null(""),
                pl.coalesce(
                    pl.col("region_code"),
                    pl.col("desa_code"),
                    _name_key(kecamatan) + "/" + _name_key(desa),
                ),
                separator="|",
            )
        ),
    )
    duplicate_of = check_duplicates(data, c)
    _name_conflicting_columns(raw, c, data)
    check_nik_conflicts(data, c, duplicate_of)
    _summary_rows(raw, c, sex_text, birth, birth_bad, duplicate_of)
    _copies_of_errors(raw, c, duplicate_of)
    status = pl.Series(np.where(c.error, 2, np.where(c.warning, 1, 0)).astype(np.int8))
    data = data.with_columns(
        duplicate_of=pl.Series(duplicate_of.tolist(), dtype=pl.Int64),
        status=status.replace_strict({0: "ok", 1: "warning", 2: "error"}, return_dtype=pl.String),
    )
    return ParsedRows(data=data, issues=c.sorted())


def _name_conflicting_columns(raw: RawTable, c: Collector, data: pl.DataFrame) -> None:
    """A conflict (one child, one date, other values) names the columns whose values differ
    among its rows, in the file's order ("Berat; Tinggi"), so that the error file's Kolom and
    cell fills point at them; it was a whole-row issue naming no column."""
    conflicts = sorted({i for i, _, issue in c.found if issue.code == "conflict"})
    if not conflicts:
        return
    # the values check_duplicates compares, those the file has a column for
    fields = sorted((f for f in _SAME_VALUES if f in raw.fields), key=raw.fields.__getitem__)
    groups = (
        data.with_row_index("i")
        .filter(pl.col("i").is_in(conflicts))
        .group_by("child_key", "measurement_date")
        .agg("i", *(pl.col(f).n_unique() for f in fields))
    )
    column: dict[int, str] = {}
    for group in groups.iter_rows(named=True):
        differing = "; ".join(raw.label(f) for f in fields if group[f] > 1)
        column.update(dict.fromkeys(group["i"], differing))
    c.found = [
        (i, order, replace(issue, column=column[i]) if issue.code == "conflict" else issue)
        for i, order, issue in c.found
    ]


def _copies_of_errors(raw: RawTable, c: Collector, duplicate_of: np.ndarray) -> None:
    """An exact copy of a row that is itself an error imports nothing either: it becomes an
    error saying so, instead of the warning "hanya baris N yang diimpor" (not true then)."""
    copies = {i: int(n) for i, n in enumerate(duplicate_of.tolist()) if n is not None}
    originals = np.searchsorted(raw.rows, list(copies.values()))
    bad = {i for i, j in zip(copies, originals.tolist(), strict=True) if c.error[j]}
    if not bad:
        return
    for k, (i, order, issue) in enumerate(c.found):
        if i in bad and issue.code == "duplicate":
            n = copies[i]
            message = (
                f"Baris duplikat dari baris {n}; baris {n} bergalat, jadi keduanya tidak diimpor."
            )
            c.found[k] = (i, order, RowIssue(issue.row, "", "error", "duplicate", message))
    c.error[sorted(bad)] = True


_SUMMARY = r"(?i)^\s*(jumlah|total|sub\s*total|rata-rata|rerata|rata2)\b"


def _summary_rows(
    raw: RawTable,
    c: Collector,
    sex: pl.Series,
    birth: np.ndarray,
    birth_bad: np.ndarray,
    duplicate_of: np.ndarray,
) -> None:
    """A "Jumlah" / "Total" row (totals under the data, or per desa) is not a child: one
    error says so instead of the missing sex, birth date and so on it would otherwise get."""
    # no sex and no birth date: whatever else the row holds, it does not describe a child
    nothing = sex.is_null().to_numpy() & np.isnat(birth) & ~birth_bad
    if not nothing.any():
        return
    summary = np.zeros(len(raw), dtype=bool)
    word: dict[int, str] = {}
    for j, col in enumerate(raw.columns):
        hit = col.text.str.contains(_SUMMARY).fill_null(False).to_numpy() & nothing & ~summary
        for i in np.flatnonzero(hit).tolist():
            word[i] = f"{raw.header[j]}: '{col.text[i].strip()}'"
        summary |= hit
    if not summary.any():
        return
    rows = set(raw.rows[summary].tolist())
    c.found = [t for t in c.found if t[2].row not in rows]
    c.warning[summary] = False
    duplicate_of[summary] = None
    c.add(
        summary,
        "",
        "error",
        "summary_row",
        lambda i: f"Baris jumlah/total ({word[i]}), bukan data anak: tidak diimpor.",
    )


def _check_range(
    c: Collector,
    field: str,
    values: np.ndarray,
    bad: np.ndarray,
    check: np.ndarray | None,
    error: tuple[float, float],
    warn: tuple[float, float],
    unit: str,
    what: str,
) -> None:
    if field not in c.raw.fields:
        return
    c.add(
        bad,
        field,
        "error",
        f"{field.split('_')[0]}_invalid",
        lambda i: f"{what} bukan angka: '{c.text(field, i)}'.",
    )
    present = ~np.isnan(values)
    if check is not None:
        present &= check
    with np.errstate(invalid="ignore"):
        out = present & ((values < error[0]) | (values > error[1]))
        unusual = present & ~out & ((values < warn[0]) | (values > warn[1]))

    def hint(i: int) -> str:
        v = values[i]
        if v > error[1] and error[0] <= v / 1000 <= error[1] and unit == "kg":
            return " Mungkin ditulis dalam gram?"
        if v > error[1] and error[0] <= v / 10 <= error[1]:
            return " Mungkin salah letak koma desimal?"
        return ""

    code = field.split("_")[0]
    c.add(
        out,
        field,
        "error",
        f"{code}_out_of_range",
        lambda i: (
            f"{what} {c.text(field, i)} {unit} di luar rentang yang mungkin "
            f"({_range(*error, unit)}).{hint(i)}"
        ),
    )
    c.add(
        unusual,
        field,
        "warning",
        f"{code}_unusual",
        lambda i: (
            f"{what} {c.text(field, i)} {unit} tidak biasa (umumnya {_range(*warn, unit)}), "
            "periksa kembali."
        ),
    )


def _check_age_text(
    raw: RawTable, c: Collector, age_months: np.ndarray, age_ok: np.ndarray
) -> None:
    """ "2 Tahun - 3 Bulan - 5 Hari" (or without days, or a bare number of months) against the
    dates. Without days the text is truncated, so it may run up to a month behind the dates."""
    s = _text_col(raw, "age_text").str.to_lowercase()
    parts = pl.DataFrame({"s": s}).select(
        y=pl.col("s").str.extract(r"(\d+)\s*(?:tahun|thn|th)\b").cast(pl.Int64),
        m=pl.col("s").str.extract(r"(\d+)\s*(?:bulan|bln|bl)\b").cast(pl.Int64),
        d=pl.col("s").str.extract(r"(\d+)\s*(?:hari|hr)\b").cast(pl.Int64),
        bare=pl.col("s").str.extract(r"^(\d+(?:[.,]\d+)?)$").str.replace(",", ".").cast(pl.Float64),
    )
    y, m, d = (parts[k].to_numpy().astype(float) for k in ("y", "m", "d"))
    bare = parts["bare"].fill_null(np.nan).to_numpy()
    any_part = ~(np.isnan(y) & np.isnan(m) & np.isnan(d))
    text_months = np.where(
        any_part,
        np.nan_to_num(y) * 12 + np.nan_to_num(m) + np.nan_to_num(d) / DAYS_PER_MONTH,
        bare,
    )
    no_days = np.isnan(d)
    present = s.is_not_null().to_numpy()
    unreadable = present & np.isnan(text_months)
    c.add(
        unreadable,
        "age_text",
        "warning",
        "age_text_unreadable",
        lambda i: f"Usia saat ukur tidak terbaca: '{c.text('age_text', i)}'.",
    )
    # a calendar month is 28–31 days; 0.1 month of slack covers the 30.4375-day convention
    upper = text_months + np.where(no_days, 1.0, 0.0)
    tol = AGE_TEXT_TOLERANCE_MONTHS + 0.1
    with np.errstate(invalid="ignore"):
        off = (
            present
            & age_ok
            & ~unreadable
            & ((age_months < text_months - tol) | (age_months > upper + tol))
        )
    c.add(
        off,
        "age_text",
        "warning",
        "age_text_mismatch",
        lambda i: (
            f"Usia saat ukur '{c.text('age_text', i)}' tidak sesuai dengan tanggal lahir dan "
            "tanggal pengukuran (selisih lebih dari 1 bulan, menurut tanggal "
            f"{_age_words(age_months[i])})."
        ),
    )


_MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                "September", "Oktober", "November", "Desember")  # fmt: skip


def _date_words(day: np.datetime64) -> str:
    """``5 November 2026``."""
    d = day.astype(dt.date)
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def _month_first_example(raw: RawTable, order: DateOrder) -> str:
    """``11/25/2026 di baris 2``: the date that shows a file writes its dates month first."""
    assert order.example is not None
    j, i = order.example
    field = ("birth_date", "measurement_date")[j]
    return f"{cell_text(raw.columns[raw.fields[field]][i])} di baris {raw.rows[i]}"


def _age_words(months: float) -> str:
    whole = int(months)
    return f"{whole // 12} tahun {whole % 12} bulan"


def _nik(raw: RawTable, c: Collector) -> tuple[pl.Series, np.ndarray]:
    """NIK as 16-digit text; anything else is dropped with a warning.

    A number is kept only when :func:`whole_16_digits` holds: Excel keeps 15 significant
    digits, so a 16-digit number ending in 0 may have been cut; so may one at or above 2**53
    (not exact in a float64) or one with a fraction. Scientific notation text ("5,30201E+15")
    is always cut."""
    n = len(raw)
    col = raw.column("nik")
    if col is None:
        return pl.Series([None] * n, dtype=pl.String), np.zeros(n, dtype=bool)
    if col.kind is None:
        numeric = fraction = too_large = ends_in_zero = np.zeros(n, dtype=bool)
    else:
        assert col.value is not None
        numeric = col.kind == NUMBER
        value = np.where(numeric, col.value, 0.0)
        whole = numeric & (value == np.floor(value))
        sixteen = (value >= 1e15) & (value < 1e16)
        fraction = numeric & ~whole
        too_large = whole & sixteen & (value >= EXACT_INTEGER_LIMIT)
        ends_in_zero = whole & sixteen & ~too_large & ~whole_16_digits(value)
    original = texts(col)
    s = original.str.replace(r"^'", "").str.replace_all(r"[\s.\-]", "")
    scientific = s.str.contains(r"^\d[.,]?\d*[eE]\+?\d+$").fill_null(False).to_numpy()
    sci_text = original.str.contains(r"^\d[.,]\d+[eE]\+?\d+$").fill_null(False).to_numpy()
    scientific = (scientific | sci_text) & ~numeric
    mangled = scientific | fraction | too_large | ends_in_zero
    valid = s.str.contains(r"^\d{16}$").fill_null(False).to_numpy() & ~mangled
    valid &= ~s.str.contains(r"^0+$").fill_null(False).to_numpy()
    present = s.is_not_null().to_numpy()

    def why(i: int) -> str:
        if fraction[i]:
            return "tersimpan sebagai angka pecahan, bukan 16 digit"
        if too_large[i]:
            return (
                "tersimpan sebagai angka yang terlalu besar untuk disimpan tepat (lebih dari "
                f"{EXACT_INTEGER_LIMIT}), jadi digit terakhirnya mungkin berubah"
            )
        if ends_in_zero[i]:
            return (
                "tersimpan sebagai angka dan berakhir dengan 0: Excel menyimpan angka hanya "
                "sampai 15 digit dan mengganti digit ke-16 dengan 0, jadi NIK ini mungkin terpotong"
            )
        return "tersimpan sebagai angka oleh Excel sehingga digit terakhirnya hilang"

    c.add(
        mangled,
        "nik",
        "warning",
        "nik_mangled",
        lambda i: (
            f"NIK '{c.text('nik', i)}' {why(i)} (NIK dikosongkan). Simpan kolom NIK sebagai teks."
        ),
    )
    c.add(
        present & ~valid & ~mangled,
        "nik",
        "warning",
        "nik_invalid",
        lambda i: f"NIK harus 16 angka: '{c.text('nik', i)}' (NIK dikosongkan).",
    )
    return pl.select(pl.when(pl.Series(valid)).then(s)).to_series().alias("nik"), valid


def _desa_code(raw: RawTable, c: Collector, desa: pl.Series) -> pl.Series:
    """Kemendagri desa code as "53.02.01.2001" (10 digits, dotted or not)."""
    n = len(raw)
    if "desa_code" not in raw.fields:
        return pl.Series([None] * n, dtype=pl.String)
    s = _text_col(raw, "desa_code")
    digits = s.str.replace_all(r"\D", "")
    ok = digits.str.len_chars() == 10
    dotted = pl.select(
        pl.when(pl.Series(ok.fill_null(False))).then(
            pl.concat_str(
                digits.str.slice(0, 2),
                digits.str.slice(2, 2),
                digits.str.slice(4, 2),
                digits.str.slice(6, 4),
                separator=".",
            )
        )
    ).to_series()
    bad = (s.is_not_null() & ~ok.fill_null(False)).to_numpy()
    has_name = desa.is_not_null().to_numpy()
    c.add(
        bad & ~has_name,
        "desa_code",
        "error",
        "desa_code_invalid",
        lambda i: f"Kode desa tidak valid: '{c.text('desa_code', i)}' (contoh: 53.02.01.2001).",
    )
    c.add(
        bad & has_name,
        "desa_code",
        "warning",
        "desa_code_invalid",
        lambda i: (
            f"Kode desa tidak valid: '{c.text('desa_code', i)}' (contoh: 53.02.01.2001), "
            "desa dicocokkan menurut nama."
        ),
    )
    return dotted.alias("desa_code")
