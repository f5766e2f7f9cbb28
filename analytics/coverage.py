"""Coverage gaps, class summaries, data notes and recommendation proposals (Pedoman Aksi 1).

- gaps and summaries: §1.7 Tahapan Ketiga 3. "Analisis Ketersediaan Program dan Kesenjangan
  Cakupan Layanan";
- data notes: the "Kebutuhan Data dan Tindakan yang Diperlukan" paragraphs of §1.7 (2. for
  the stunting data, 3. for the coverage data);
- proposals: §1.7.4 (recommendation items a–e, realokasi / penambahan alokasi), §1.7.5 A
  ("Cakupan Layanan Rendah. Apakah supply memadai?") and §1.7.6 (koordinasi).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from analytics.traffic_light import (
    DEFAULT_CONFIG,
    CoverageClass,
    Direction,
    IndicatorSpec,
    Number,
    TrafficLightConfig,
    classify_coverage,
    to_decimal,
)


def coverage_gap(
    value: Number | None, target: Number, direction: Direction | str
) -> Decimal | None:
    """Shortfall against the target in the indicator's unit, respecting direction.

    higher-is-better: t − value; lower-is-better: value − t. Positive = short of the target,
    zero or negative = target reached. None when the value is missing.
    """
    v, t = to_decimal(value), to_decimal(target)
    if t is None:
        raise ValueError("target is required for a coverage gap")
    if v is None:
        return None
    return t - v if Direction(direction) is Direction.HIGHER_IS_BETTER else v - t


@dataclass(frozen=True)
class GapRow:
    indicator: str
    desa: str
    value: Decimal | None
    target: Decimal
    gap: Decimal | None
    cls: CoverageClass


def coverage_gaps(
    indicators: Sequence[IndicatorSpec],
    values: Mapping[str, Mapping[str, Number | None]],
    desa_codes: Sequence[str],
    *,
    config: TrafficLightConfig = DEFAULT_CONFIG,
) -> list[GapRow]:
    """One row per indicator × desa; values: {indicator code: {desa code: value}}."""
    rows = []
    for spec in indicators:
        for desa in desa_codes:
            v = to_decimal(values.get(spec.code, {}).get(desa))
            rows.append(
                GapRow(
                    spec.code,
                    desa,
                    v,
                    spec.target,
                    coverage_gap(v, spec.target, spec.direction),
                    classify_coverage(v, spec.target, spec.direction, config),
                )
            )
    return rows


def summarise_classes(rows: Iterable[GapRow]) -> dict[str, dict[CoverageClass, int]]:
    """{indicator: {class: number of desa}}, every class present (zero when none)."""
    summary: dict[str, dict[CoverageClass, int]] = {}
    for row in rows:
        counts = summary.setdefault(row.indicator, dict.fromkeys(CoverageClass, 0))
        counts[row.cls] += 1
    return summary


class DataLevel(StrEnum):
    """The finest level at which an indicator's data exist."""

    DESA = "desa"
    PUSKESMAS = "puskesmas"
    KECAMATAN = "kecamatan"
    KABUPATEN = "kabupaten"
    TIDAK_ADA = "tidak_ada"


@dataclass(frozen=True)
class DataNote:
    """A note for the owner of another aksi (``addressed_to``: "aksi_6", "aksi_7", "opd")."""

    indicator: str
    addressed_to: str
    text: str


def stunting_data_note(level: DataLevel | str) -> DataNote | None:
    """§1.7, Kebutuhan Data 4.–5.: stunting data only at puskesmas → Aksi 6; none → Aksi 7."""
    level = DataLevel(level)
    if level is DataLevel.DESA:
        return None
    if level in (DataLevel.PUSKESMAS, DataLevel.KECAMATAN):
        return DataNote(
            "prevalensi_stunting",
            "aksi_6",
            f"Data prevalensi stunting hanya tersedia pada tingkat {level.value}. Penanggung "
            "jawab Aksi 6 (Sistem Manajemen Data Stunting) diminta memprioritaskan penyediaan "
            "data yang lebih rinci di tingkat desa/kelurahan.",
        )
    return DataNote(
        "prevalensi_stunting",
        "aksi_7",
        "Data prevalensi stunting belum tersedia pada tingkat Puskesmas. Dinas Kesehatan "
        "memasukkan pengukuran data stunting (Aksi 7) sebagai rencana aksi Dinas Kesehatan.",
    )


def coverage_data_notes(
    levels: Mapping[str, DataLevel | str],
    *,
    names: Mapping[str, str] | None = None,
    opd: Mapping[str, str] | None = None,
    hotspot_desa: Sequence[str] = (),
) -> list[DataNote]:
    """§1.7 3., Kebutuhan Data: notes for indicators without desa-level coverage data.

    Only at puskesmas/kecamatan → Aksi 6 owner (prioritise desa-level data). Not even there
    (kabupaten only or none) → the responsible OPD puts data collection in its action plan,
    prioritising the hotspot desa when given.
    """
    notes = []
    for code, raw in levels.items():
        level = DataLevel(raw)
        name = (names or {}).get(code, code)
        owner = (opd or {}).get(code, "OPD penanggung jawab layanan")
        if level in (DataLevel.PUSKESMAS, DataLevel.KECAMATAN):
            notes.append(
                DataNote(
                    code,
                    "aksi_6",
                    f"Data cakupan '{name}' hanya tersedia pada tingkat {level.value}. Penanggung "
                    "jawab Aksi 6 (Sistem Manajemen Data Stunting) diminta memprioritaskan "
                    "penyediaan data yang lebih rinci di tingkat desa/kelurahan.",
                )
            )
        elif level in (DataLevel.KABUPATEN, DataLevel.TIDAK_ADA):
            where = (
                "hanya tersedia pada tingkat kabupaten/kota"
                if level is DataLevel.KABUPATEN
                else "tidak tersedia"
            )
            text = (
                f"Data cakupan '{name}' {where}, tidak pada tingkat Puskesmas atau "
                f"kecamatan. {owner} memasukkan pengumpulan data sebagai rencana aksi OPD"
            )
            if hotspot_desa:
                text += ", dengan prioritas pada wilayah hotspot: " + ", ".join(
                    sorted(hotspot_desa)
                )
            notes.append(DataNote(code, "opd", text + "."))
    return notes


class ProposalType(StrEnum):
    MANAJEMEN_LAYANAN = "manajemen_layanan"
    PENAMBAHAN_SUMBER_DAYA = "penambahan_sumber_daya"
    PERLUASAN_PROGRAM = "perluasan_program"
    KAJI_KECUKUPAN_SUMBER_DAYA = "kaji_kecukupan_sumber_daya"
    PENYEDIAAN_DATA = "penyediaan_data"
    PENGUATAN_KOORDINASI = "penguatan_koordinasi"


@dataclass(frozen=True)
class ServiceSituation:
    """One indicator in one desa: class, whether supply is adequate, whether a programme
    reaches the desa (None = not known), and the responsible OPD."""

    indicator: str
    desa: str
    cls: CoverageClass
    supply_adequate: bool | None = None
    program_present: bool | None = None
    opd: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Proposal:
    type: ProposalType
    text: str
    indicator: str | None
    desa: str | None
    opd: str | None
    pedoman: str


def _proposal_for(s: ServiceSituation) -> Proposal | None:
    name = s.name or s.indicator
    where = f"'{name}' di desa {s.desa}"
    if not s.cls.has_data:
        return Proposal(
            ProposalType.PENYEDIAAN_DATA,
            f"Cakupan {where} tidak ada data: sediakan data cakupan tingkat desa (Aksi 6).",
            s.indicator,
            s.desa,
            s.opd,
            "1.7 Kebutuhan Data",
        )
    if not s.cls.is_poor:
        return None
    if s.program_present is False:
        return Proposal(
            ProposalType.PERLUASAN_PROGRAM,
            f"Cakupan {where} {s.cls.label.lower()} dan belum ada program/kegiatan yang "
            "menjangkau desa ini: perluasan program (usulan lokasi program APBN/APBD provinsi, "
            "prioritas APBD/DAK tahun berikutnya, atau Dana Desa).",
            s.indicator,
            s.desa,
            s.opd,
            "1.7.4 b, e",
        )
    if s.supply_adequate is True:
        return Proposal(
            ProposalType.MANAJEMEN_LAYANAN,
            f"Cakupan {where} {s.cls.label.lower()} padahal supply memadai: masalah "
            "manajemen/pengelolaan layanan, bukan alokasi anggaran (tinjau supervisi, SOP, "
            "kapasitas SDM).",
            s.indicator,
            s.desa,
            s.opd,
            "1.7.5 A a",
        )
    if s.supply_adequate is False:
        return Proposal(
            ProposalType.PENAMBAHAN_SUMBER_DAYA,
            f"Cakupan {where} {s.cls.label.lower()} dan supply tidak memadai: penambahan "
            "sumber daya layanan, melalui realokasi atau penambahan alokasi.",
            s.indicator,
            s.desa,
            s.opd,
            "1.7.5 A b; 1.7.4 c, d",
        )
    return Proposal(
        ProposalType.KAJI_KECUKUPAN_SUMBER_DAYA,
        f"Cakupan {where} {s.cls.label.lower()}: kaji kecukupan supply (sarana, SDM, "
        "logistik) untuk menentukan perbaikan manajemen atau penambahan sumber daya.",
        s.indicator,
        s.desa,
        s.opd,
        "1.7.5 A",
    )


def propose(situations: Iterable[ServiceSituation]) -> list[Proposal]:
    """Typed proposals from coverage class and supply adequacy (see module docstring).

    Poor coverage ("kurang") with no programme → perluasan program; with adequate supply →
    manajemen layanan; with inadequate supply → penambahan sumber daya; supply unknown →
    kaji kecukupan. No data → penyediaan data. A desa where poor indicators belong to two or
    more OPD also gets a penguatan koordinasi proposal (§1.7.6).
    """
    items = list(situations)
    proposals = [p for s in items if (p := _proposal_for(s)) is not None]
    poor_opd: dict[str, set[str]] = {}
    for s in items:
        if s.cls.is_poor and s.opd:
            poor_opd.setdefault(s.desa, set()).add(s.opd)
    for desa, opds in sorted(poor_opd.items()):
        if len(opds) >= 2:
            proposals.append(
                Proposal(
                    ProposalType.PENGUATAN_KOORDINASI,
                    f"Cakupan kurang di desa {desa} melibatkan beberapa OPD "
                    f"({', '.join(sorted(opds))}): perkuat koordinasi antar-OPD dan dengan "
                    "kecamatan/desa.",
                    None,
                    desa,
                    None,
                    "1.7.6",
                )
            )
    return proposals
