"""Write the Pedoman reference data into the database: the 64 indicators and the default
supply types. Idempotent: a second run changes nothing; an edited CSV row is updated (with a
history record); the Pedoman numbering is the identity of an indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from konvergensi.reference_data import load_indicators

from .models import Indicator, SupplyCategory, SupplyType

# Count units whose national target is already a per-kabupaten figure ("2 kali" a year);
# jiwa/keluarga targets are national totals and give no kabupaten default.
PER_KABUPATEN_COUNT_UNITS = ("kali", "kanal", "kerjasama")


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    unchanged: int


def _fields(spec) -> dict:
    return {
        "code": spec.code,
        "name": spec.name,
        "short_name": spec.short_name,
        "category": spec.category,
        "intervention": spec.intervention,
        "direction": spec.direction,
        "level": spec.level,
        "unit": spec.target_unit,
        "national_target": spec.target,
        "target_text": spec.target_text,
        "definition": spec.definition,
        "numerator_text": spec.numerator_text,
        "denominator_text": spec.denominator_text,
        "urusan": spec.urusan,
        "opd_types": ";".join(spec.opd),
        "erratum": spec.erratum,
    }


@transaction.atomic
def sync_indicators(path: Path | None = None) -> SyncResult:
    """Create or update the indicators of ``indicators.csv`` (Pedoman Tabel 1.1)."""
    existing = {i.number: i for i in Indicator.objects.all()}
    created = updated = unchanged = 0
    for spec in load_indicators(path):
        fields = _fields(spec)
        current = existing.get(spec.number)
        if current is None:
            Indicator.objects.create(number=spec.number, **fields)
            created += 1
            continue
        changed = [k for k, v in fields.items() if getattr(current, k) != v]
        if not changed:
            unchanged += 1
            continue
        for k in changed:
            setattr(current, k, fields[k])
        current.save()
        updated += 1
    return SyncResult(created, updated, unchanged)


def default_target(indicator: Indicator) -> Decimal | None:
    """The target a kabupaten uses until Bappeda sets its own: the national one (Tabel 1.1)
    for a percentage or a per-kabupaten count, none for a national total."""
    if indicator.is_percent or indicator.unit in PER_KABUPATEN_COUNT_UNITS:
        return indicator.national_target
    return None


# (code, name, category, unit, minimum per desa, OPD type, linked indicator codes)
DEFAULT_SUPPLY_TYPES = [
    (
        "posyandu",
        "Posyandu",
        SupplyCategory.SARANA,
        "unit",
        "1",
        "dinkes",
        [
            "pemantauan_tumbuh_kembang_balita",
            "imunisasi_dasar_lengkap",
            "posyandu_standar_pemantauan",
        ],
    ),
    (
        "puskesmas_pustu",
        "Puskesmas/Pustu/Polindes",
        SupplyCategory.SARANA,
        "unit",
        "1",
        "dinkes",
        ["imunisasi_dasar_lengkap", "tatalaksana_gizi_buruk", "ttd_bumil_90"],
    ),
    (
        "paud",
        "PAUD",
        SupplyCategory.SARANA,
        "lembaga",
        "1",
        "disdik",
        ["paud_holistik_integratif", "desa_guru_paud_terlatih"],
    ),
    (
        "spam",
        "Sarana air minum (SPAM)",
        SupplyCategory.SARANA,
        "unit",
        "1",
        "pupr",
        ["akses_air_minum_layak"],
    ),
    (
        "jamban_sehat",
        "Jamban sehat/sanitasi komunal",
        SupplyCategory.SARANA,
        "unit",
        "10",
        "pupr",
        ["akses_sanitasi_layak", "keluarga_stop_babs"],
    ),
    (
        "bidan_desa",
        "Bidan desa",
        SupplyCategory.SDM,
        "orang",
        "1",
        "dinkes",
        ["bidan_desa_tersedia", "ttd_bumil_90", "kb_pasca_persalinan"],
    ),
    (
        "kader_posyandu",
        "Kader posyandu",
        SupplyCategory.SDM,
        "orang",
        "5",
        "dinkes",
        ["pemantauan_tumbuh_kembang_balita", "asi_eksklusif", "mpasi_6_23_bulan"],
    ),
    (
        "kpm",
        "Kader Pembangunan Manusia (KPM)",
        SupplyCategory.SDM,
        "orang",
        "1",
        "dpmd",
        ["pembinaan_kpm", "desa_konvergensi"],
    ),
    (
        "tpk",
        "Tim Pendamping Keluarga (TPK)",
        SupplyCategory.SDM,
        "tim",
        "1",
        "dppkb",
        ["pendampingan_keluarga_berisiko_stunting", "pendampingan_kespro_catin"],
    ),
    (
        "antropometri",
        "Alat antropometri standar",
        SupplyCategory.LOGISTIK,
        "set",
        "1",
        "dinkes",
        ["pemantauan_tumbuh_kembang_balita", "posyandu_standar_pemantauan"],
    ),
    (
        "pmt_logistik",
        "Logistik PMT (paket)",
        SupplyCategory.LOGISTIK,
        "paket",
        "20",
        "dinkes",
        ["pmt_bumil_kek", "pmt_balita_gizi_kurang"],
    ),
    (
        "stok_ttd",
        "Stok tablet tambah darah",
        SupplyCategory.LOGISTIK,
        "tablet",
        "500",
        "dinkes",
        ["ttd_remaja_putri", "ttd_bumil_90", "ttd_catin"],
    ),
]


@transaction.atomic
def seed_supply_types() -> int:
    """Create the default supply types that do not exist yet (edits by the admin are kept)."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    created = 0
    for code, name, category, unit, minimum, opd, links in DEFAULT_SUPPLY_TYPES:
        st, new = SupplyType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "unit": unit,
                "minimum_per_desa": Decimal(minimum),
                "opd_type": opd,
            },
        )
        if new:
            st.indicators.set([indicators[c] for c in links if c in indicators])
            created += 1
    return created
