"""Traffic light tool (Pedoman Aksi 1 §1.7.4, Tabel 1.2; DESIGN §4 "Traffic light").

Prevalence (percent) falls in four classes: sangat tinggi / tinggi / rendah / sangat rendah,
defaults from the WHO–UNICEF 2018 prevalence thresholds collapsed to four: ≥ 30, 20–< 30,
10–< 20, < 10. Coverage falls in four classes relative to the indicator's target t with its
direction: higher-is-better memadai ≥ t, hampir memadai ≥ 0.8 t, rendah ≥ 0.5 t, sangat
rendah below; lower-is-better memadai ≤ t, hampir memadai ≤ 1.25 t, rendah ≤ 2 t, sangat
rendah above. A missing value is its own grey class "tidak ada data", never the worst class.

Every comparison is done on ``decimal.Decimal``: a float is read through its shortest
round-tripping text (``repr``), so 72.0 is Decimal("72.0") and 0.8 × 90 is exactly 72 —
72.00% against a target of 90% is "hampir memadai", as the decimal reading says.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

Number = Decimal | int | float | str


class PrevalenceClass(StrEnum):
    SANGAT_TINGGI = "sangat_tinggi"
    TINGGI = "tinggi"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat_rendah"
    TIDAK_ADA_DATA = "tidak_ada_data"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def colour(self) -> str:
        return _PREVALENCE_COLOURS[self]


class CoverageClass(StrEnum):
    MEMADAI = "memadai"
    HAMPIR_MEMADAI = "hampir_memadai"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat_rendah"
    TIDAK_ADA_DATA = "tidak_ada_data"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def colour(self) -> str:
        return _COVERAGE_COLOURS[self]

    @property
    def is_poor(self) -> bool:
        """ "Kurang" in Pedoman §1.7.4 = the two lower classes (DESIGN §4 Lokus desa)."""
        return self in (CoverageClass.RENDAH, CoverageClass.SANGAT_RENDAH)

    @property
    def has_data(self) -> bool:
        return self is not CoverageClass.TIDAK_ADA_DATA

    @property
    def rank(self) -> int:
        """Ordinal from worst (0) to best (3); −1 for no data."""
        return _COVERAGE_RANK[self]


_GREY = "#9e9e9e"
_PREVALENCE_COLOURS = {
    PrevalenceClass.SANGAT_TINGGI: "#c62828",
    PrevalenceClass.TINGGI: "#ef6c00",
    PrevalenceClass.RENDAH: "#f9a825",
    PrevalenceClass.SANGAT_RENDAH: "#2e7d32",
    PrevalenceClass.TIDAK_ADA_DATA: _GREY,
}
_COVERAGE_COLOURS = {
    CoverageClass.SANGAT_RENDAH: "#c62828",
    CoverageClass.RENDAH: "#ef6c00",
    CoverageClass.HAMPIR_MEMADAI: "#f9a825",
    CoverageClass.MEMADAI: "#2e7d32",
    CoverageClass.TIDAK_ADA_DATA: _GREY,
}
_COVERAGE_RANK = {
    CoverageClass.SANGAT_RENDAH: 0,
    CoverageClass.RENDAH: 1,
    CoverageClass.HAMPIR_MEMADAI: 2,
    CoverageClass.MEMADAI: 3,
    CoverageClass.TIDAK_ADA_DATA: -1,
}


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


def to_decimal(value: Number | None) -> Decimal | None:
    """Exact decimal for a stored value; None for missing (None, NaN, empty text).

    Floats go through ``repr`` (shortest text that round-trips), so 72.0 → Decimal("72.0"),
    never the binary expansion 71.99999….
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if math.isnan(value):
            return None
        result = Decimal(repr(value))
    else:
        text = value.strip().replace(",", ".")
        if text == "":
            return None
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    if result.is_nan():
        return None
    if result.is_infinite():
        raise ValueError(f"value must be finite, got {value!r}")
    return result


@dataclass(frozen=True)
class PrevalenceThresholds:
    """Lower bounds (inclusive, percent) of the three upper prevalence classes."""

    sangat_tinggi: Decimal = Decimal("30")
    tinggi: Decimal = Decimal("20")
    rendah: Decimal = Decimal("10")

    def __post_init__(self) -> None:
        for name in ("sangat_tinggi", "tinggi", "rendah"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise ValueError(
                    f"prevalence threshold {name} must be a finite Decimal, got {value!r}"
                )
        if not (Decimal(0) < self.rendah < self.tinggi < self.sangat_tinggi <= Decimal(100)):
            raise ValueError(
                "prevalence thresholds must satisfy 0 < rendah < tinggi < sangat_tinggi <= 100, "
                f"got rendah={self.rendah}, tinggi={self.tinggi}, "
                f"sangat_tinggi={self.sangat_tinggi}"
            )


@dataclass(frozen=True)
class CoverageFactors:
    """Multiples of the target t bounding hampir memadai and rendah (memadai is t itself)."""

    hampir_memadai: Decimal
    rendah: Decimal


@dataclass(frozen=True)
class TrafficLightConfig:
    """Editable per kabupaten. Factors are Decimals (e.g. Decimal("0.8"), not 0.8)."""

    prevalence: PrevalenceThresholds = field(default_factory=PrevalenceThresholds)
    higher_is_better: CoverageFactors = field(
        default_factory=lambda: CoverageFactors(Decimal("0.8"), Decimal("0.5"))
    )
    lower_is_better: CoverageFactors = field(
        default_factory=lambda: CoverageFactors(Decimal("1.25"), Decimal("2"))
    )

    def __post_init__(self) -> None:
        for name in ("higher_is_better", "lower_is_better"):
            factors: CoverageFactors = getattr(self, name)
            for part in ("hampir_memadai", "rendah"):
                value = getattr(factors, part)
                if not isinstance(value, Decimal) or not value.is_finite():
                    raise ValueError(f"{name}.{part} must be a finite Decimal, got {value!r}")
        h = self.higher_is_better
        if not (Decimal(0) < h.rendah < h.hampir_memadai < Decimal(1)):
            raise ValueError(
                "higher_is_better factors must satisfy 0 < rendah < hampir_memadai < 1, "
                f"got rendah={h.rendah}, hampir_memadai={h.hampir_memadai}"
            )
        lo = self.lower_is_better
        if not (Decimal(1) < lo.hampir_memadai < lo.rendah):
            raise ValueError(
                "lower_is_better factors must satisfy 1 < hampir_memadai < rendah, "
                f"got hampir_memadai={lo.hampir_memadai}, rendah={lo.rendah}"
            )


DEFAULT_CONFIG = TrafficLightConfig()


def classify_prevalence(
    percent: Number | None, config: TrafficLightConfig = DEFAULT_CONFIG
) -> PrevalenceClass:
    """Class of a prevalence given in percent (e.g. 24.5); None/NaN → tidak ada data."""
    value = to_decimal(percent)
    if value is None:
        return PrevalenceClass.TIDAK_ADA_DATA
    if value < 0 or value > 100:
        raise ValueError(f"prevalence must be a percent in [0, 100], got {percent!r}")
    t = config.prevalence
    if value >= t.sangat_tinggi:
        return PrevalenceClass.SANGAT_TINGGI
    if value >= t.tinggi:
        return PrevalenceClass.TINGGI
    if value >= t.rendah:
        return PrevalenceClass.RENDAH
    return PrevalenceClass.SANGAT_RENDAH


def classify_coverage(
    value: Number | None,
    target: Number,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
    config: TrafficLightConfig = DEFAULT_CONFIG,
) -> CoverageClass:
    """Class of a coverage value against target t (same unit); None/NaN → tidak ada data."""
    direction = Direction(direction)
    t = to_decimal(target)
    if t is None:
        raise ValueError("target is required to classify coverage")
    if t < 0 or (direction is Direction.HIGHER_IS_BETTER and t == 0):
        raise ValueError(f"target must be positive (or 0 when lower is better), got {target!r}")
    v = to_decimal(value)
    if v is None:
        return CoverageClass.TIDAK_ADA_DATA
    if direction is Direction.HIGHER_IS_BETTER:
        f = config.higher_is_better
        if v >= t:
            return CoverageClass.MEMADAI
        if v >= f.hampir_memadai * t:
            return CoverageClass.HAMPIR_MEMADAI
        if v >= f.rendah * t:
            return CoverageClass.RENDAH
        return CoverageClass.SANGAT_RENDAH
    g = config.lower_is_better
    if v <= t:
        return CoverageClass.MEMADAI
    if v <= g.hampir_memadai * t:
        return CoverageClass.HAMPIR_MEMADAI
    if v <= g.rendah * t:
        return CoverageClass.RENDAH
    return CoverageClass.SANGAT_RENDAH


@dataclass(frozen=True)
class IndicatorSpec:
    """A coverage indicator as the matrix needs it: code, name, target t and direction."""

    code: str
    name: str
    target: Decimal
    direction: Direction = Direction.HIGHER_IS_BETTER


@dataclass(frozen=True)
class PrevalenceCell:
    value: Decimal | None
    cls: PrevalenceClass


@dataclass(frozen=True)
class CoverageCell:
    value: Decimal | None
    cls: CoverageClass


@dataclass(frozen=True)
class MatrixRow:
    desa: str
    prevalence: PrevalenceCell
    cells: dict[str, CoverageCell]


@dataclass(frozen=True)
class TrafficLightMatrix:
    """Tabel 1.2: rows = desa (in the order given), columns = prevalence then indicators."""

    indicators: tuple[IndicatorSpec, ...]
    rows: tuple[MatrixRow, ...]
    period: str = ""


def matrix(
    desa_codes: Sequence[str],
    prevalence_percent: Mapping[str, Number | None],
    coverage: Mapping[str, Mapping[str, Number | None]],
    indicators: Sequence[IndicatorSpec],
    *,
    config: TrafficLightConfig = DEFAULT_CONFIG,
    period: str = "",
) -> TrafficLightMatrix:
    """Build the traffic-light matrix.

    prevalence_percent: {desa code: prevalence in percent or None}.
    coverage: {indicator code: {desa code: value or None}}; a desa or indicator that is
    absent is "tidak ada data".
    """
    codes = [s.code for s in indicators]
    if len(set(codes)) != len(codes):
        raise ValueError("indicator codes must be unique")
    if len(set(desa_codes)) != len(desa_codes):
        raise ValueError("desa codes must be unique")
    rows = []
    for desa in desa_codes:
        p = to_decimal(prevalence_percent.get(desa))
        cells: dict[str, CoverageCell] = {}
        for spec in indicators:
            v = to_decimal(coverage.get(spec.code, {}).get(desa))
            cells[spec.code] = CoverageCell(
                v, classify_coverage(v, spec.target, spec.direction, config)
            )
        rows.append(MatrixRow(desa, PrevalenceCell(p, classify_prevalence(p, config)), cells))
    return TrafficLightMatrix(tuple(indicators), tuple(rows), period)
