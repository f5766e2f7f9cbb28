"""Personas and a small region tree, built in code per test (STYLE.md: personas in one place).

Kabupaten 53.02 (ours) has two kecamatan; 53.02.01 has desa 2001 and 2002, 53.02.02 has 2001.
Kabupaten 53.03 is "another kabupaten". Puskesmas P-A serves only 53.02.01.2001.
"""

from __future__ import annotations

import factory

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.regions.models import Level, Puskesmas, Region, level_of_code, parent_code

REGIONS = {
    "53": "Nusa Tenggara Timur",
    "53.02": "Kabupaten Timor Tengah Selatan",
    "53.02.01": "Kota Soe",
    "53.02.01.2001": "Desa Satu",
    "53.02.01.2002": "Desa Dua",
    "53.02.02": "Mollo Selatan",
    "53.02.02.2001": "Desa Tiga",
    "53.03": "Kabupaten Timor Tengah Utara",
    "53.03.01": "Miomaffo Barat",
    "53.03.01.2001": "Desa Lain",
}
PASSWORD = "kata-sandi-uji-123"


def make_regions() -> dict[str, Region]:
    made = {}
    for code, name in REGIONS.items():
        made[code], _ = Region.objects.get_or_create(
            code=code,
            defaults={"name": name, "level": level_of_code(code), "parent_id": parent_code(code)},
        )
    return made


def make_puskesmas(code="P-A", name="Soe", kecamatan="53.02.01", desa=("53.02.01.2001",)):
    pkm = Puskesmas.objects.create(code=code, name=name, kecamatan_id=kecamatan)
    pkm.desa.set(desa)
    return pkm


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Instansi {n}")
    kind = InstitutionKind.OPD
    region_id = "53.02"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    role = Role.OPERATOR
    password = factory.django.Password(PASSWORD)


def bappeda(region="53.02") -> Institution:
    return InstitutionFactory(
        name=f"Bappeda {region}", kind=InstitutionKind.BAPPEDA, region_id=region
    )


def opd(opd_type: str, region="53.02") -> Institution:
    return InstitutionFactory(name=f"{opd_type} {region}", opd_type=opd_type, region_id=region)


def user(username: str, institution: Institution | None, role=Role.OPERATOR) -> User:
    return UserFactory(username=username, institution=institution, role=role)


__all__ = ["Level", "make_puskesmas", "make_regions"]
