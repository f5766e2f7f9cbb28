"""Personas and a small kabupaten for the measurement import tests.

Timor Tengah Selatan (53.02) with two kecamatan and real Kemendagri codes; Puskesmas Soe serves
three desa of Kota Soe. Files are written per test with openpyxl or as `;` csv with decimal
commas, the way e-PPGBM users download them.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.services import confirm_import, preview_import
from konvergensi.regions.models import Level, Puskesmas, Region

HEADER = [
    "NIK",
    "Nama",
    "JK",
    "Tgl Lahir",
    "Nama Ortu",
    "Prov",
    "Kab/Kota",
    "Kec",
    "Pukesmas",
    "Desa/Kel",
    "Posyandu",
    "RT",
    "RW",
    "Alamat",
    "Usia Saat Ukur",
    "Tanggal Pengukuran",
    "Berat",
    "Tinggi",
    "Cara Ukur",
    "LiLA",
]

DESA = {
    "53.02.01": (
        "Kota Soe",
        [
            ("1001", "SoE"),
            ("1002", "Cendana"),
            ("1003", "Oebesa"),
            ("2012", "Kuatae"),
            ("2013", "Noemeto"),
        ],
    ),
    "53.02.02": ("Mollo Selatan", [("2001", "Biloto"), ("2003", "Kesetnana")]),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    settings.KONVERGENSI_REGION = "53.02"


@pytest.fixture
def kabupaten(db) -> Region:
    prov = Region.objects.create(code="53", name="Nusa Tenggara Timur", level=Level.PROVINSI)
    kab = Region.objects.create(
        code="53.02", name="Timor Tengah Selatan", level=Level.KABUPATEN, parent=prov
    )
    for kec_code, (kec_name, desa) in DESA.items():
        kec = Region.objects.create(code=kec_code, name=kec_name, level=Level.KECAMATAN, parent=kab)
        for suffix, name in desa:
            Region.objects.create(
                code=f"{kec_code}.{suffix}", name=name, level=Level.DESA, parent=kec
            )
    return kab


def _user(username: str, institution: Institution | None, role: str, **extra) -> User:
    return User.objects.create_user(
        username=username, password="x" * 12, institution=institution, role=role, **extra
    )


@pytest.fixture
def dinkes(kabupaten) -> Institution:
    return Institution.objects.create(
        name="Dinas Kesehatan TTS", kind=InstitutionKind.OPD, opd_type="dinkes", region=kabupaten
    )


@pytest.fixture
def operator(dinkes) -> User:
    """A Dinas Kesehatan operator: imports for the whole kabupaten."""
    return _user("dinkes_op", dinkes, Role.OPERATOR)


@pytest.fixture
def viewer(dinkes) -> User:
    return _user("dinkes_viewer", dinkes, Role.VIEWER)


@pytest.fixture
def puskesmas_operator(kabupaten) -> User:
    """Puskesmas Soe serves SoE, Cendana and Oebesa only."""
    pkm = Puskesmas.objects.create(code="P5302010101", name="Soe", kecamatan_id="53.02.01")
    pkm.desa.set(["53.02.01.1001", "53.02.01.1002", "53.02.01.1003"])
    inst = Institution.objects.create(
        name="Puskesmas Soe", kind=InstitutionKind.PUSKESMAS, region_id="53.02.01", puskesmas=pkm
    )
    return _user("pkm_op", inst, Role.OPERATOR)


@pytest.fixture
def bappeda_viewer(kabupaten) -> User:
    inst = Institution.objects.create(
        name="Bappeda TTS", kind=InstitutionKind.BAPPEDA, region=kabupaten
    )
    return _user("bappeda_op", inst, Role.OPERATOR)


def row(
    name="Ani",
    *,
    nik="",
    sex="P",
    born="05/01/2024",
    parent="Maria",
    kec="Kota Soe",
    desa="SoE",
    posyandu="Melati",
    measured="10/02/2026",
    weight="9,5",
    height="75,2",
    how="Terlentang",
    muac="",
    age="",
) -> list[str]:
    return [
        nik,
        name,
        sex,
        born,
        parent,
        "Nusa Tenggara Timur",
        "Timor Tengah Selatan",
        kec,
        "Soe",
        desa,
        posyandu,
        "001",
        "002",
        "Jl. Mawar",
        age,
        measured,
        weight,
        height,
        how,
        muac,
    ]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], header: list[str] = HEADER, title: str | None = None
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def as_xlsx_cells(r: list[str]) -> list[object]:
    """A csv row as Excel would hold it: dates as dates, numbers as numbers."""
    out: list[object] = []
    for j, v in enumerate(r):
        h = HEADER[j]
        if h in {"Tgl Lahir", "Tanggal Pengukuran"} and v:
            d, m, y = map(int, v.split("/"))
            out.append(dt.datetime(y, m, d))
        elif h in {"Berat", "Tinggi", "LiLA"} and v:
            out.append(float(v.replace(",", ".")))
        else:
            out.append(v)
    return out


def import_file(path, user, region):
    """Preview and confirm a file, as a user who confirms without choosing any desa."""
    return confirm_import(
        preview_import(path, user=user, region=region), user=user, desa_confirmations={}
    )
