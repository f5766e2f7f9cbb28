"""Personas for the platform tests (tests/factories.py builds them)."""

from __future__ import annotations

from types import SimpleNamespace

import factories as f
import pytest

from konvergensi.accounts.models import InstitutionKind, Role


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def regions(db):
    return f.make_regions()


@pytest.fixture
def people(regions):
    """Everyone the access rules distinguish, in kabupaten 53.02 unless said otherwise."""
    pkm = f.make_puskesmas()
    p = SimpleNamespace()
    p.puskesmas_facility = pkm
    p.bappeda = f.bappeda()
    p.dinsos = f.opd("dinsos")
    p.dpmd = f.opd("dpmd")
    p.dinkes = f.opd("dinkes")
    p.other_kab_dpmd = f.opd("dpmd", region="53.03")
    p.other_kab_bappeda = f.bappeda(region="53.03")
    p.puskesmas = f.InstitutionFactory(
        name="Puskesmas Soe", kind=InstitutionKind.PUSKESMAS, region_id="53.02.01", puskesmas=pkm
    )
    p.desa = f.InstitutionFactory(
        name="Desa Dua (KPM)", kind=InstitutionKind.DESA, region_id="53.02.01.2002"
    )
    p.bupati = f.InstitutionFactory(name="Bupati", kind=InstitutionKind.PIMPINAN, region_id="53.02")
    p.admin = f.user("admin", p.bappeda, Role.ADMIN)
    p.dinsos_operator = f.user("opd.dinsos", p.dinsos)
    p.dpmd_operator = f.user("opd.dpmd", p.dpmd)
    p.dinkes_operator = f.user("dinkes", p.dinkes)
    p.other_kab_operator = f.user("ttu.dpmd", p.other_kab_dpmd)
    p.other_kab_admin = f.user("ttu.admin", p.other_kab_bappeda, Role.ADMIN)
    p.puskesmas_user = f.user("puskesmas", p.puskesmas)
    p.kpm = f.user("kpm", p.desa)
    p.viewer = f.user("bupati", p.bupati, Role.VIEWER)
    return p


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing is not what these tests test; PBKDF2 would make each persona cost ~0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
