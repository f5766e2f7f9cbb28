"""Demo data for Aksi 1: coverage of the esensial indicators per desa over several years,
supply counts per desa and the programs of the demo OPDs (called from core/demo.py).

Every desa has a stable "risk" in [0, 1) from its code (:func:`desa_risk`): high-risk desa
have poorer coverage, fewer resources and fewer programs, so that the lokus analysis finds
them; about one low-risk desa in eight has but poor services (the Pedoman's "more than half
of the main indicators poor even where prevalence is low"). A measurement demo can use the
same function so that prevalence follows the same desa. Some indicators have data only for
the kabupaten and two none at all, so that the analysis' data notes appear. Idempotent: only
missing values are created; values users edited are kept.
"""

from __future__ import annotations

import hashlib
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from konvergensi.accounts.models import Institution, InstitutionKind, User
from konvergensi.reference_data import load_opd_types
from konvergensi.regions.models import Level, Region

from .loading import seed_supply_types, sync_indicators
from .models import Category, CoverageValue, Direction, Indicator, Program, SupplyType, SupplyValue

KABUPATEN_ONLY = (
    "bimbingan_perkawinan_catin",
    "promosi_konsumsi_ikan",
    "pemanfaatan_pekarangan_krs",
)
NO_DATA = ("variasi_bantuan_pangan_kpm", "pemeriksaan_kesehatan_catin")
IMPROVING = (
    "imunisasi_dasar_lengkap",
    "pemantauan_tumbuh_kembang_balita",
    "ttd_bumil_90",
    "asi_eksklusif",
    "akses_sanitasi_layak",
    "pmt_balita_gizi_kurang",
    "kb_pasca_persalinan",
)
SOURCE = "Data demo (dibangkitkan)"


def desa_risk(code: str) -> float:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) / 0x100000000


def poorly_served(code: str) -> bool:
    """Low risk of stunting, yet poor services (about 1 in 8 of the low-risk desa)."""
    return (
        desa_risk(code) < 0.45
        and int(hashlib.sha256(b"s" + code.encode()).hexdigest()[:4], 16) % 8 == 0
    )


def _owner(kabupaten: Region, opd_type: str) -> Institution:
    inst = (
        Institution.objects.filter(kind=InstitutionKind.OPD, opd_type=opd_type, region=kabupaten)
        .order_by("pk")
        .first()
    )
    if inst is None:
        names = {t.code: t.name for t in load_opd_types()}
        inst = Institution.objects.create(
            name=f"{names.get(opd_type, opd_type)} (demo)",
            kind=InstitutionKind.OPD,
            opd_type=opd_type,
            region=kabupaten,
        )
    return inst


def _author() -> User:
    user = (
        User.objects.filter(username="admin").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    if user is None:
        user, _ = User.objects.get_or_create(username="sistem.demo", defaults={"is_active": False})
    return user


def _value(ind: Indicator, code: str, year: int, first_year: int, rng: random.Random) -> Decimal:
    risk = desa_risk(code) + (0.75 if poorly_served(code) else 0)
    base = float(ind.national_target or 80)
    quality = random.Random(ind.code).uniform(0.8, 1.05)  # how well the kabupaten does overall
    if ind.direction == Direction.LOWER:
        v = base * (0.7 + 1.0 * risk) * rng.uniform(0.9, 1.1)
    else:
        v = base * quality * (1.15 - 0.45 * risk) * rng.uniform(0.92, 1.08)
        if ind.code in IMPROVING:
            v += 5 * (year - first_year)
    return Decimal(str(round(min(max(v, 0.0), 100.0), 2)))


def _coverage(kabupaten: Region, desa: list[Region], years, author: User) -> int:
    indicators = [
        i for i in Indicator.objects.filter(category=Category.ESENSIAL) if i.code not in NO_DATA
    ]
    have = set(
        CoverageValue.objects.filter(
            region__code__startswith=kabupaten.code, year__in=years
        ).values_list("indicator_id", "region_id", "year", "month")
    )
    new = []
    for ind in indicators:
        owner = _owner(kabupaten, ind.opd_type_list[0])
        regions = [kabupaten] if ind.code in KABUPATEN_ONLY else desa
        for year in years:
            for r in regions:
                rng = random.Random(f"{ind.code}|{r.code}|{year}")
                if (ind.pk, r.code, year, 0) in have or (
                    r.level == Level.DESA and rng.random() < 0.04
                ):
                    continue
                value = _value(ind, r.code, year, years[0], rng)
                den = Decimal(rng.randint(15, 120) * (40 if r.level == Level.KABUPATEN else 1))
                num = (value * den / 100).quantize(Decimal(1))
                value = (num / den * 100).quantize(Decimal("0.01"))
                new.append(
                    CoverageValue(
                        indicator=ind,
                        region=r,
                        year=year,
                        month=0,
                        numerator=num,
                        denominator=den,
                        value=value,
                        source=SOURCE,
                        institution=owner,
                        entered_by=author,
                    )
                )
    bulk_create_with_history(new, CoverageValue, batch_size=1000, default_user=author)
    return len(new)


def _supply(kabupaten: Region, desa: list[Region], years, author: User) -> int:
    have = set(
        SupplyValue.objects.filter(
            desa__code__startswith=kabupaten.code, year__in=years
        ).values_list("supply_type_id", "desa_id", "year")
    )
    new = []
    for st in SupplyType.objects.all():
        owner = _owner(kabupaten, st.opd_type or "dinkes")
        for year in years:
            for d in desa:
                if (st.pk, d.code, year) in have:
                    continue
                rng = random.Random(f"{st.code}|{d.code}|{year}")
                factor = rng.uniform(0.6, 2.2) * (1.25 - desa_risk(d.code))
                count = Decimal(max(0, round(float(st.minimum_per_desa) * factor)))
                new.append(
                    SupplyValue(
                        supply_type=st,
                        desa=d,
                        year=year,
                        count=count,
                        source=SOURCE,
                        institution=owner,
                    )
                )
    bulk_create_with_history(new, SupplyValue, batch_size=1000, default_user=author)
    return len(new)


# (OPD type, name, intervention, funding source, budget in million Rp, indicator codes)
PROGRAMS = [
    (
        "dinkes",
        "Pemberian TTD remaja putri di sekolah",
        "spesifik",
        "apbd_kab",
        350,
        ["ttd_remaja_putri", "skrining_anemia_remaja_putri"],
    ),
    ("dinkes", "PMT lokal ibu hamil KEK", "spesifik", "dak_nonfisik", 1200, ["pmt_bumil_kek"]),
    ("dinkes", "Kelas ibu hamil dan TTD 90 tablet", "spesifik", "apbd_kab", 420, ["ttd_bumil_90"]),
    (
        "dinkes",
        "Konseling menyusui dan MP-ASI",
        "spesifik",
        "dak_nonfisik",
        280,
        ["asi_eksklusif", "mpasi_6_23_bulan"],
    ),
    (
        "dinkes",
        "Tata laksana gizi buruk di puskesmas",
        "spesifik",
        "apbn",
        600,
        ["tatalaksana_gizi_buruk"],
    ),
    (
        "dinkes",
        "Revitalisasi posyandu dan pemantauan pertumbuhan",
        "spesifik",
        "apbd_kab",
        750,
        ["pemantauan_tumbuh_kembang_balita"],
    ),
    (
        "dinkes",
        "PMT pemulihan balita gizi kurang",
        "spesifik",
        "dak_nonfisik",
        900,
        ["pmt_balita_gizi_kurang"],
    ),
    (
        "dinkes",
        "Sweeping imunisasi dasar lengkap",
        "spesifik",
        "apbd_kab",
        310,
        ["imunisasi_dasar_lengkap"],
    ),
    (
        "dinkes",
        "STBM: pemicuan stop BABS",
        "sensitif",
        "apbd_kab",
        260,
        ["keluarga_stop_babs", "keluarga_phbs"],
    ),
    (
        "dinkes",
        "Pemeriksaan kesehatan catin",
        "spesifik",
        "apbd_kab",
        120,
        ["ttd_catin", "pemeriksaan_kesehatan_catin"],
    ),
    (
        "dinsos",
        "Pendampingan PKH dan P2K2 gizi",
        "sensitif",
        "apbn",
        2500,
        ["pus_miskin_bantuan_tunai_bersyarat", "pkh_p2k2_kesehatan_gizi"],
    ),
    (
        "dinsos",
        "Penyaluran bantuan pangan non-tunai",
        "sensitif",
        "apbn",
        3200,
        ["pus_miskin_bantuan_pangan_nontunai", "variasi_bantuan_pangan_kpm"],
    ),
    (
        "dinsos",
        "Pendaftaran PBI JKN keluarga miskin",
        "sensitif",
        "apbd_kab",
        800,
        ["pus_miskin_pbi_jkn"],
    ),
    (
        "dppkb",
        "Pendampingan keluarga berisiko stunting oleh TPK",
        "sensitif",
        "dak_nonfisik",
        950,
        ["pendampingan_keluarga_berisiko_stunting", "pendampingan_kespro_catin"],
    ),
    (
        "dppkb",
        "Pelayanan KB pasca persalinan",
        "sensitif",
        "dak_fisik",
        400,
        ["kb_pasca_persalinan", "unmet_need_kb", "kehamilan_tidak_diinginkan"],
    ),
    (
        "dpmd",
        "Dana Desa untuk PMT dan posyandu",
        "spesifik",
        "apbdes",
        1800,
        ["pmt_balita_gizi_kurang", "pemantauan_tumbuh_kembang_balita"],
    ),
    (
        "dpmd",
        "Insentif KPM dan rembuk stunting desa",
        "koordinasi",
        "apbdes",
        450,
        ["pendampingan_keluarga_berisiko_stunting"],
    ),
    (
        "pupr",
        "Pembangunan SPAM perdesaan",
        "sensitif",
        "dak_fisik",
        4200,
        ["akses_air_minum_layak"],
    ),
    (
        "pupr",
        "Sanitasi jamban sehat (Sanimas)",
        "sensitif",
        "apbd_prov",
        1600,
        ["akses_sanitasi_layak", "keluarga_stop_babs"],
    ),
    (
        "disdik",
        "PAUD HI dan kelas pengasuhan",
        "sensitif",
        "apbd_kab",
        300,
        ["paud_holistik_integratif"],
    ),
    (
        "kemenag",
        "Bimbingan perkawinan calon pengantin",
        "sensitif",
        "apbn",
        150,
        ["bimbingan_perkawinan_catin", "ttd_catin"],
    ),
    (
        "dkp",
        "Pekarangan pangan lestari bagi KRS",
        "sensitif",
        "apbd_kab",
        500,
        ["pemanfaatan_pekarangan_krs", "promosi_konsumsi_ikan"],
    ),
]


def _programs(kabupaten: Region, desa: list[Region], years, author: User) -> int:
    created = 0
    kecamatan = list(kabupaten.descendants(Level.KECAMATAN))
    indicators = {i.code: i for i in Indicator.objects.all()}
    for year in years[-2:]:
        for n, (opd, name, kind, fund, budget, codes) in enumerate(PROGRAMS):
            rng = random.Random(f"{name}|{year}")
            inst = _owner(kabupaten, opd)
            for part in range(1 + (n % 2) if kecamatan else 1):  # some split by area
                title = name if part == 0 else f"{name} (tahap {part + 1})"
                if Program.objects.filter(year=year, name=title, institution=inst).exists():
                    continue
                kecs = {k.code for k in rng.sample(kecamatan, k=max(1, len(kecamatan) * 2 // 3))}
                reach = [
                    d
                    for d in desa
                    if d.parent_id in kecs and rng.random() < 0.95 - 0.6 * desa_risk(d.code)
                ]
                p = Program(
                    year=year,
                    name=title,
                    institution=inst,
                    intervention=kind,
                    funding_source=fund,
                    budget=Decimal(budget * 1_000_000 // (part + 1)),
                )
                p._history_user = author  # type: ignore[attr-defined]
                p.save()
                p.indicators.set([indicators[c] for c in codes if c in indicators])
                p.desa.set(reach)
                created += 1
    return created


@transaction.atomic
def seed_indicators(kabupaten_code: str, years: tuple[int, ...] = (2024, 2025, 2026)) -> dict:
    sync_indicators()
    seed_supply_types()
    kabupaten = Region.objects.get(code=kabupaten_code)
    desa = list(kabupaten.descendants(Level.DESA))
    author = _author()
    return {
        "coverage_values": _coverage(kabupaten, desa, years, author),
        "supply_values": _supply(kabupaten, desa, years, author),
        "programs": _programs(kabupaten, desa, years, author),
    }
