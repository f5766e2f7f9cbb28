"""A small kabupaten with hand-made measurements for the analysis pages.

Timor Tengah Selatan (53.02): kecamatan Kota Soe (three desa, Puskesmas Soe serves SoE and
Cendana) and Mollo Selatan (one desa, never measured). Measurements are written with their
z-scores and flags as given, so every expected figure can be computed by hand.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.cache import cache

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.measurements.models import Child, Measurement, MeasurementRound, Sasaran
from konvergensi.regions.models import Level, Posyandu, Puskesmas, Region

SOE, CENDANA, OEBESA, BILOTO = (
    "53.02.01.1001",
    "53.02.01.1002",
    "53.02.01.1003",
    "53.02.02.2001",
)
FEB = dt.date(2026, 2, 10)
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _settings(settings):
    # Prevalence counts are cached by data version; rolled-back tests reuse ids.
    cache.clear()
    settings.AXES_ENABLED = False
    settings.KONVERGENSI_REGION = "53.02"
    settings.LANGUAGE_CODE = "id"


@pytest.fixture
def kabupaten(db) -> Region:
    prov = Region.objects.create(code="53", name="Nusa Tenggara Timur", level=Level.PROVINSI)
    kab = Region.objects.create(
        code="53.02", name="Timor Tengah Selatan", level=Level.KABUPATEN, parent=prov
    )
    soe = Region.objects.create(code="53.02.01", name="Kota Soe", level=Level.KECAMATAN, parent=kab)
    mollo = Region.objects.create(
        code="53.02.02", name="Mollo Selatan", level=Level.KECAMATAN, parent=kab
    )
    for code, name, parent in (
        (SOE, "SoE", soe),
        (CENDANA, "Cendana", soe),
        (OEBESA, "Oebesa", soe),
        (BILOTO, "Biloto", mollo),
    ):
        Region.objects.create(code=code, name=name, level=Level.DESA, parent=parent)
    return kab


@pytest.fixture
def puskesmas(kabupaten) -> Puskesmas:
    pkm = Puskesmas.objects.create(code="P1", name="Soe", kecamatan_id="53.02.01")
    pkm.desa.set([SOE, CENDANA])
    return pkm


@pytest.fixture
def feb_round(kabupaten) -> MeasurementRound:
    return MeasurementRound.objects.create(
        region=kabupaten, name="Februari 2026", start_date=dt.date(2026, 2, 1),
        end_date=dt.date(2026, 2, 28),
    )  # fmt: skip


def user(username: str, institution: Institution | None, role: str = Role.OPERATOR) -> User:
    return User.objects.create_user(
        username=username, password="x" * 12, institution=institution, role=role
    )


@pytest.fixture
def dinkes_operator(kabupaten) -> User:
    inst = Institution.objects.create(
        name="Dinas Kesehatan", kind=InstitutionKind.OPD, opd_type="dinkes", region=kabupaten
    )
    return user("dinkes", inst)


@pytest.fixture
def dinkes_viewer(dinkes_operator) -> User:
    return user("dinkes_viewer", dinkes_operator.institution, Role.VIEWER)


@pytest.fixture
def bappeda(kabupaten) -> User:
    inst = Institution.objects.create(
        name="Bappeda", kind=InstitutionKind.BAPPEDA, region=kabupaten
    )
    return user("bappeda", inst, Role.ADMIN)


@pytest.fixture
def puskesmas_user(puskesmas) -> User:
    inst = Institution.objects.create(
        name="Puskesmas Soe", kind=InstitutionKind.PUSKESMAS, region_id="53.02.01",
        puskesmas=puskesmas,
    )  # fmt: skip
    return user("pkm", inst)


def child(desa: str, *, nik: str = "", name: str | None = None, sex: int = 1, posyandu=None):
    k = next(_counter)
    return Child.objects.create(
        nik=nik, name=name or f"Anak {k}", sex=sex, birth_date=dt.date(2024, 1, 1), desa_id=desa,
        posyandu=posyandu, match_key=f"k{k}",
    )  # fmt: skip


def measure(
    c: Child,
    on: dt.date = FEB,
    *,
    zlen: float | None = 0.0,
    zwei: float | None = 0.0,
    zwfl: float | None = 0.0,
    flen: bool = False,
    fwei: bool = False,
    fwfl: bool = False,
    **extra,
) -> Measurement:
    return Measurement.objects.create(
        child=c, measured_on=on, desa_code=c.desa_id, posyandu=c.posyandu,
        age_days=(on - c.birth_date).days, weight_kg=extra.pop("weight_kg", 9.0),
        lenhei_cm=extra.pop("lenhei_cm", 75.0), measure="l", zlen=zlen, zwei=zwei, zwfl=zwfl,
        flen=flen, fwei=fwei, fwfl=fwfl, **extra,
    )  # fmt: skip


def sasaran(desa: str, count: int, source: str = "entered", year: int = 2026) -> Sasaran:
    return Sasaran.objects.create(desa_id=desa, year=year, count=count, source=source)


def posyandu(desa: str, name: str) -> Posyandu:
    return Posyandu.objects.create(desa_id=desa, name=name)


@pytest.fixture
def soe_data(kabupaten, puskesmas):
    """SoE: 10 children, the hand-computed set (see test_it_computes_prevalence_by_hand).
    Cendana: 4 children, 1 stunted. Oebesa and Biloto: nobody measured."""
    melati = posyandu(SOE, "Melati")
    mawar = posyandu(SOE, "Mawar")
    zlens = [-3.5, -2.5, -2.1, -2.0, -1.0, 0.0, 0.5, 1.0, None, -7.0]
    for i, z in enumerate(zlens):
        c = child(SOE, posyandu=melati if i < 6 else mawar)
        measure(
            c,
            zlen=z,
            flen=(z == -7.0),
            zwfl=[-2.5, -2.1, 0, 2.5, 0, 0, 0, 0, 0, 6.0][i],
            fwfl=(i == 9),
            zwei=[-2.2, -1, 0, 0, 0, 0, 0, 0, 0, 0][i],
        )
    for z in (-2.5, 0.0, 0.3, -1.0):
        measure(child(CENDANA), zlen=z)
    sasaran(SOE, 20)
    sasaran(CENDANA, 5, "estimated")
    return {"melati": melati, "mawar": mawar}
