"""Selection and ranking of lokus desa (Pedoman Aksi 1 §1.7.4; DESIGN §4 "Lokus desa").

Criteria, all strict, comparisons in exact ``Fraction`` arithmetic:
  (a) prevalence above the kabupaten prevalence, pooled = all stunted ÷ all measured with a
      valid HAZ (over the desa given);
  (b) case count above the mean cases per desa, the mean over the desa that have data;
  (c) more than half of the main indicators that have data for that desa are "kurang"
      (rendah or sangat rendah), whatever the prevalence.
A candidate meets at least one. A desa without measurements (measured None or 0) has no
data: it meets neither (a) nor (b), is not counted in the pooled prevalence or the mean, and
can still meet (c). A missing coverage cell is neither poor nor counted.

Order: poor main indicators desc, prevalence desc, cases desc (no data sorts after any
value), then desa code asc. How many: by share of desa or by budget (``ByShare`` /
``ByBudget``); the choices made are returned in ``LokusResult.choices``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from analytics.traffic_light import CoverageClass


class ShareBase(StrEnum):
    ALL_DESA = "semua_desa"
    CANDIDATES = "kandidat"


class BudgetRule(StrEnum):
    STOP = "berhenti"
    SKIP = "lewati"


@dataclass(frozen=True)
class ByShare:
    """Select ceil(share × base) desa in rank order, at most all candidates.

    Default: 10% of all desa in the input (Pedoman: "proporsi jumlah desa yang akan
    ditangani"), rounded up so that a small share still selects at least one desa.
    """

    share: Fraction = Fraction(1, 10)
    base: ShareBase = ShareBase.ALL_DESA

    def __post_init__(self) -> None:
        if not isinstance(self.share, Fraction | int) or not (0 < self.share <= 1):
            raise ValueError(f"share must be a Fraction in (0, 1], got {self.share!r}")


@dataclass(frozen=True)
class ByBudget:
    """Select in rank order while the running cost stays within ``budget``.

    ``when_not_fit``: STOP (default) ends the selection at the first candidate whose cost does
    not fit, so no lower-ranked desa is funded before a higher-ranked one; SKIP passes over it
    and keeps trying cheaper desa further down the list.
    """

    budget: Decimal
    when_not_fit: BudgetRule = BudgetRule.STOP

    def __post_init__(self) -> None:
        if not isinstance(self.budget, Decimal) or not self.budget.is_finite() or self.budget < 0:
            raise ValueError(f"budget must be a non-negative Decimal, got {self.budget!r}")


@dataclass(frozen=True)
class DesaInput:
    """One desa: stunted count, children measured with a valid HAZ, main-indicator classes.

    ``measured`` None or 0 = no data for the period. ``coverage`` maps each main indicator
    (esensial, measured at desa level) to its class; absent / None / TIDAK_ADA_DATA is a
    missing cell. ``cost`` is needed only for selection by budget.
    """

    code: str
    stunted: int | None
    measured: int | None
    coverage: Mapping[str, CoverageClass | None] = field(default_factory=dict)
    cost: Decimal | None = None

    @property
    def has_data(self) -> bool:
        return self.measured is not None and self.measured > 0


@dataclass(frozen=True)
class LokusRow:
    """One desa in the output. ``rank`` counts candidates only (None for a non-candidate)."""

    rank: int | None
    code: str
    has_data: bool
    prevalence: Fraction | None
    cases: int | None
    measured: int | None
    poor_count: int
    indicator_count: int
    meets_a: bool
    meets_b: bool
    meets_c: bool
    reasons: tuple[str, ...]
    selected: bool
    cost: Decimal | None = None

    @property
    def candidate(self) -> bool:
        return self.meets_a or self.meets_b or self.meets_c

    @property
    def prevalence_percent(self) -> float:
        return float(self.prevalence * 100) if self.prevalence is not None else math.nan


@dataclass(frozen=True)
class LokusResult:
    """Candidates in rank order first, then the other desa (code order)."""

    rows: tuple[LokusRow, ...]
    pooled_prevalence: Fraction | None
    mean_cases: Fraction | None
    desa_with_data: int
    selected_count: int
    choices: dict[str, str]
    period: str = ""

    @property
    def selected(self) -> tuple[LokusRow, ...]:
        return tuple(r for r in self.rows if r.selected)


def _percent(value: Fraction) -> str:
    return f"{float(value * 100):.1f}".replace(".", ",") + "%"


def _number(value: Fraction) -> str:
    return f"{float(value):.1f}".replace(".", ",")


def _validate(desa: Sequence[DesaInput]) -> None:
    seen: set[str] = set()
    for d in desa:
        if d.code in seen:
            raise ValueError(f"desa code {d.code!r} appears more than once")
        seen.add(d.code)
        if d.has_data:
            assert d.measured is not None
            if d.stunted is None or d.stunted < 0 or d.stunted > d.measured:
                raise ValueError(
                    f"desa {d.code!r}: stunted must be between 0 and measured ({d.measured}), "
                    f"got {d.stunted!r}"
                )
        elif d.measured is not None and d.measured < 0:
            raise ValueError(f"desa {d.code!r}: measured must be non-negative, got {d.measured}")


def _evaluate(d: DesaInput, pooled: Fraction | None, mean: Fraction | None) -> LokusRow:
    classes = [c for c in d.coverage.values() if c is not None and c.has_data]
    poor = sum(1 for c in classes if c.is_poor)
    total = len(classes)
    prevalence = cases = None
    meets_a = meets_b = False
    reasons: list[str] = []
    if d.has_data:
        assert d.measured is not None and d.stunted is not None
        cases = d.stunted
        prevalence = Fraction(d.stunted, d.measured)
        if pooled is not None and prevalence > pooled:
            meets_a = True
            reasons.append(
                f"(a) Prevalensi stunting {_percent(prevalence)} ({d.stunted}/{d.measured}) "
                f"di atas prevalensi kabupaten {_percent(pooled)}."
            )
        if mean is not None and cases > mean:
            meets_b = True
            reasons.append(
                f"(b) Jumlah kasus stunting {cases} di atas rata-rata {_number(mean)} kasus "
                "per desa."
            )
    meets_c = total > 0 and 2 * poor > total
    if meets_c:
        tail = " meskipun prevalensi stunting rendah" if d.has_data and not meets_a else ""
        reasons.append(
            f"(c) {poor} dari {total} indikator utama tergolong kurang (lebih dari separuh){tail}."
        )
    if not d.has_data:
        reasons.append("Tidak ada data pengukuran stunting pada periode ini.")
    return LokusRow(
        rank=None,
        code=d.code,
        has_data=d.has_data,
        prevalence=prevalence,
        cases=cases,
        measured=d.measured if d.has_data else None,
        poor_count=poor,
        indicator_count=total,
        meets_a=meets_a,
        meets_b=meets_b,
        meets_c=meets_c,
        reasons=tuple(reasons),
        selected=False,
        cost=d.cost,
    )


def _sort_key(row: LokusRow) -> tuple[int, Fraction, int, str]:
    # Descending on the first three by negation; "no data" sorts after every real value.
    prevalence = -row.prevalence if row.prevalence is not None else Fraction(1)
    cases = -row.cases if row.cases is not None else 1
    return (-row.poor_count, prevalence, cases, row.code)


def _select_count_by_share(rule: ByShare, n_desa: int, n_candidates: int) -> int:
    base = n_desa if rule.base is ShareBase.ALL_DESA else n_candidates
    return min(math.ceil(Fraction(rule.share) * base), n_candidates)


def _select_by_budget(rule: ByBudget, ranked: Sequence[LokusRow]) -> set[str]:
    chosen: set[str] = set()
    spent = Decimal(0)
    for row in ranked:
        if row.cost is None:
            raise ValueError(f"desa {row.code!r} has no cost; every candidate needs one")
        if row.cost < 0:
            raise ValueError(f"desa {row.code!r}: cost must be non-negative, got {row.cost}")
        if spent + row.cost <= rule.budget:
            chosen.add(row.code)
            spent += row.cost
        elif rule.when_not_fit is BudgetRule.STOP:
            break
    return chosen


def _choices(rule: ByShare | ByBudget) -> dict[str, str]:
    choices = {
        "prevalensi_pembanding": (
            "Prevalensi kabupaten = total balita stunting ÷ total balita diukur dengan TB/U "
            "valid (prevalensi gabungan), bukan rata-rata prevalensi desa."
        ),
        "rata_rata_kasus": (
            "Rata-rata kasus per desa dihitung atas desa yang memiliki data pengukuran "
            "pada periode ini."
        ),
        "desa_tanpa_data": (
            "Desa tanpa data pengukuran dicatat 'tidak ada data' (bukan nol kasus), tidak masuk "
            "perhitungan rata-rata, dan hanya dapat memenuhi kriteria (c)."
        ),
        "indikator_kurang": (
            "Indikator utama 'kurang' = kelas rendah atau sangat rendah; indikator tanpa data "
            "tidak dihitung sebagai kurang maupun sebagai penyebut. Kriteria (c) berlaku juga "
            "bila prevalensi tinggi."
        ),
        "perbandingan": (
            "Semua kriteria memakai 'di atas'/'lebih dari' secara tegas; tepat separuh indikator "
            "kurang tidak memenuhi kriteria (c)."
        ),
        "urutan": (
            "Urutan: jumlah indikator utama kurang, lalu prevalensi, lalu jumlah kasus (menurun); "
            "seri diurutkan menurut kode desa (menaik)."
        ),
    }
    if isinstance(rule, ByShare):
        base = "seluruh desa" if rule.base is ShareBase.ALL_DESA else "desa kandidat"
        choices["jumlah_lokus"] = (
            f"Berdasarkan proporsi: {_percent(Fraction(rule.share))} dari jumlah {base}, "
            "dibulatkan ke atas, paling banyak sejumlah desa kandidat."
        )
    else:
        action = (
            "pemilihan berhenti pada desa pertama yang biayanya tidak cukup"
            if rule.when_not_fit is BudgetRule.STOP
            else "desa yang biayanya tidak cukup dilewati dan pemilihan berlanjut ke desa "
            "berikutnya"
        )
        choices["jumlah_lokus"] = (
            f"Berdasarkan anggaran {rule.budget}: desa dipilih menurut urutan prioritas selama "
            f"anggaran mencukupi; {action}."
        )
    return choices


def select_lokus(
    desa: Sequence[DesaInput],
    rule: ByShare | ByBudget | None = None,
    *,
    period: str = "",
) -> LokusResult:
    """Rank the candidate desa and select the lokus. ``rule`` defaults to ``ByShare()``."""
    rule = rule if rule is not None else ByShare()
    _validate(desa)
    with_data = [d for d in desa if d.has_data]
    total_stunted = sum(d.stunted or 0 for d in with_data)
    total_measured = sum(d.measured or 0 for d in with_data)
    pooled = Fraction(total_stunted, total_measured) if total_measured > 0 else None
    mean = Fraction(total_stunted, len(with_data)) if with_data else None

    rows = [_evaluate(d, pooled, mean) for d in desa]
    candidates = sorted((r for r in rows if r.candidate), key=_sort_key)
    others = sorted((r for r in rows if not r.candidate), key=lambda r: r.code)

    if isinstance(rule, ByShare):
        count = _select_count_by_share(rule, len(desa), len(candidates))
        chosen = {r.code for r in candidates[:count]}
    else:
        chosen = _select_by_budget(rule, candidates)

    ranked = [
        replace(row, rank=i + 1, selected=row.code in chosen) for i, row in enumerate(candidates)
    ]
    return LokusResult(
        rows=tuple(ranked + others),
        pooled_prevalence=pooled,
        mean_cases=mean,
        desa_with_data=len(with_data),
        selected_count=len(chosen),
        choices=_choices(rule),
        period=period,
    )
