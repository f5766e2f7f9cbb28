"""Header names of e-PPGBM exports and their canonical field names.

e-PPGBM (elektronik Pencatatan dan Pelaporan Gizi Berbasis Masyarakat) exports differ by
version and by hand edits: "Tgl Lahir" / "Tgl. Lahir" / "Tanggal Lahir", "Pukesmas" (sic, as
real exports spell it) / "Puskesmas", "Berat" / "Berat (kg)". A header is normalised (lowercase,
letters and digits only) and looked up; failing that, a trailing unit in parentheses is dropped
and it is looked up again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# canonical field -> header spellings seen in exports (any case, spacing or punctuation)
ALIASES: dict[str, tuple[str, ...]] = {
    "row_no": ("No", "No.", "Nomor", "No Urut"),
    "nik": ("NIK", "NIK Anak", "No KTP", "Nomor Induk Kependudukan"),
    "name": ("Nama", "Nama Anak", "Nama Balita"),
    "sex": ("JK", "JK (L/P)", "L/P", "Jenis Kelamin", "Kelamin", "Sex"),
    "birth_date": ("Tgl Lahir", "Tanggal Lahir", "Tgl. Lahir", "Tgl Lhr", "Tanggal Lahir Anak"),
    "birth_weight_kg": ("BB Lahir", "Berat Lahir", "Berat Badan Lahir"),
    "birth_length_cm": ("TB Lahir", "PB Lahir", "Panjang Lahir", "Panjang Badan Lahir"),
    "parent_name": ("Nama Ortu", "Nama Orang Tua", "Nama Orangtua", "Orang Tua"),
    "mother_name": ("Nama Ibu", "Nama Ibu Kandung", "Ibu"),
    "father_name": ("Nama Ayah", "Ayah"),
    "province": ("Prov", "Provinsi", "Propinsi"),
    "kabupaten": ("Kab/Kota", "Kabupaten", "Kabupaten/Kota", "Kota", "Kab"),
    "kecamatan": ("Kec", "Kecamatan", "Kec."),
    "puskesmas": ("Pukesmas", "Puskesmas", "Nama Puskesmas"),
    "desa": ("Desa/Kel", "Desa", "Kelurahan", "Desa/Kelurahan", "Kel/Desa", "Nama Desa"),
    "desa_code": (
        "Kode Desa",
        "Kode Desa/Kel",
        "Kode Kelurahan",
        "Kode Wilayah",
        "Kode Kemendagri",
    ),
    "posyandu": ("Posyandu", "Nama Posyandu"),
    "rt": ("RT",),
    "rw": ("RW",),
    "address": ("Alamat", "Alamat Lengkap"),
    "age_text": ("Usia Saat Ukur", "Umur Saat Ukur", "Usia", "Umur", "Usia Ukur"),
    "measurement_date": (
        "Tanggal Pengukuran",
        "Tgl Pengukuran",
        "Tgl. Pengukuran",
        "Tanggal Ukur",
        "Tgl Ukur",
        "Tanggal Penimbangan",
        "Tgl Penimbangan",
    ),
    "weight_kg": ("Berat", "Berat Badan", "BB", "BB (kg)", "Berat (kg)", "Berat Badan (kg)"),
    "lenhei_cm": (
        "Tinggi",
        "Tinggi Badan",
        "TB",
        "PB/TB",
        "TB/PB",
        "Panjang Badan",
        "Panjang/Tinggi",
        "Tinggi (cm)",
    ),
    "measure": ("Cara Ukur", "Cara Pengukuran", "Posisi Ukur"),
    "muac_cm": ("LiLA", "LILA (cm)", "Lingkar Lengan Atas"),
    "headc_cm": ("Lingkar Kepala", "LK", "Lingkar Kepala (cm)"),
    "oedema": ("Edema", "Oedema", "Bengkak"),
    "wfa_cat_src": ("BB/U",),
    "zwei_src": ("ZS BB/U", "Z-Score BB/U", "ZScore BB/U", "Z BB/U"),
    "hfa_cat_src": ("TB/U", "PB/U", "TB/U (PB/U)"),
    "zlen_src": ("ZS TB/U", "Z-Score TB/U", "ZScore TB/U", "Z TB/U", "ZS PB/U"),
    "wfh_cat_src": ("BB/TB", "BB/PB"),
    "zwfl_src": ("ZS BB/TB", "Z-Score BB/TB", "ZScore BB/TB", "Z BB/TB", "ZS BB/PB"),
    "weight_gain_src": ("Naik Berat Badan", "Naik BB", "N/T"),
    "vita_count": ("Jml Vit A", "Jumlah Vit A", "Vitamin A"),
    "kpsp": ("KPSP",),
    "kia": ("KIA", "Buku KIA"),
}

# how a missing required field is named to the user (the usual e-PPGBM header)
LABELS: dict[str, str] = {field: spellings[0] for field, spellings in ALIASES.items()}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_UNIT = re.compile(r"\s*\((kg|cm|gram|gr|g|bulan|tahun|l/p)\)\s*$", re.IGNORECASE)


def normalise_header(text: object) -> str:
    """Lowercase letters and digits only: ``"Tgl. Lahir"`` → ``"tgllahir"``."""
    return _NON_ALNUM.sub("", str(text).lower())


_LOOKUP: dict[str, str] = {
    normalise_header(spelling): field
    for field, spellings in ALIASES.items()
    for spelling in spellings
}


def field_for_header(text: object) -> str | None:
    """The canonical field for a header cell, or None when it is not an e-PPGBM column."""
    if not isinstance(text, str):
        return None
    field = _LOOKUP.get(normalise_header(text))
    if field is None:
        field = _LOOKUP.get(normalise_header(_UNIT.sub("", text)))
    return field


# Required columns as the user is told of them, each with the fields any of which will do:
# Nama, JK, Tgl Lahir, Tanggal Pengukuran, Berat or Tinggi (at least one), Kec (not needed when
# Kode Desa is there, the code names the kecamatan) and Desa/Kel (or Kode Desa).
_REQUIRED: tuple[tuple[str, tuple[str, ...]], ...] = (
    *((LABELS[f], (f,)) for f in ("name", "sex", "birth_date", "measurement_date")),
    ("Berat atau Tinggi", ("weight_kg", "lenhei_cm")),
    (LABELS["kecamatan"], ("kecamatan", "desa_code")),
    (LABELS["desa"], ("desa", "desa_code")),
)


def missing_required(fields: set[str]) -> list[str]:
    """The e-PPGBM names of required columns absent from ``fields``, in the usual order."""
    return [label for label, any_of in _REQUIRED if fields.isdisjoint(any_of)]


NEAR_HEADER_CUTOFF = 0.8  # difflib ratio: "tgllahr" ~ "tgllahir" 0.93, "berat" ~ "tinggi" 0.36


def near_header(missing: str, labels: Iterable[str], taken: set[int]) -> str | None:
    """A header of the file that looks like a misspelling of required column ``missing`` (a
    name from ``missing_required``): "Tgl Lahr" for Tgl Lahir. Only among columns that name
    no field (not in ``taken``, by position); None when none is close."""
    any_of = next((fields for label, fields in _REQUIRED if label == missing), ())
    wanted = [normalise_header(a) for f in any_of for a in ALIASES[f]]
    best, score = None, 0.0
    for j, label in enumerate(labels):
        key = normalise_header(_UNIT.sub("", label))
        if j in taken or not key:
            continue
        for w in wanted:
            ratio = difflib.SequenceMatcher(None, key, w).ratio()
            if ratio > score:
                best, score = label, ratio
    return best if score >= NEAR_HEADER_CUTOFF else None
