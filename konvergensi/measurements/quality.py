"""Measurement quality (Pedoman Aksi 7 Tahap Kedua 5: kendali mutu pengukuran).

- Re-measurement of a random sample by a second measurer: ``draw_sample`` picks N measurements
  of a posyandu in a period with a seeded ``random.Random`` (the seed, the pool and the picks
  are written into each row's audit history, so the draw can be repeated), creating pending
  ``Remeasurement`` rows that ``record_remeasurement`` fills in.
- TEM and relative TEM per measurer and per posyandu from those pairs:
  ``analytics.quality.technical_error_by``, judged with its thresholds (Ulijaszek & Kerr 1999;
  ISAK limits via Perini et al. 2005; WHO MGRS maximum allowable differences, de Onis et al.
  2004 — see analytics/quality.py).
- Per posyandu in a period: terminal-digit heaping (0 and 5) of length/height and weight
  decimals, SD of HAZ outside 0.8–1.2, and the share of flagged values (WHO & UNICEF 2019,
  ch. 3).
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from analytics.quality import (
    LENGTH_THRESHOLDS,
    WEIGHT_THRESHOLDS,
    TemJudgement,
    TemResult,
    digit_preference,
    sd_check,
    technical_error_by,
)
from konvergensi.accounts.access import Scope
from konvergensi.regions.models import Posyandu, Region

from .models import Measurement, Remeasurement
from .prevalence import Period

# 0 and 5 together are expected in 20% of terminal digits; above 30% we call it heaping. A
# working default (WHO & UNICEF 2019 ch. 3 asks to inspect digit preference, without a cut-off).
HEAPING_LIMIT = 0.30
# SD of valid HAZ expected within 0.8–1.2 (WHO & UNICEF 2019, ch. 3).
SD_LOW, SD_HIGH = 0.8, 1.2
# Share of flagged values above 1% points at measurement or entry problems (analytics default).
FLAG_LIMIT = 0.01
# Below this many values a posyandu's heaping and SD are shown but not judged.
MIN_N = 20
MAX_SAMPLE = 100

JUDGEMENT_LABELS = {
    TemJudgement.BAIK: "Baik",
    TemJudgement.DAPAT_DITERIMA: "Dapat diterima",
    TemJudgement.PERLU_PELATIHAN_ULANG: "Perlu pelatihan ulang",
    TemJudgement.TIDAK_ADA_DATA: "Tidak ada data",
}


@dataclass(frozen=True)
class QualityRow:
    posyandu_id: int | None
    name: str
    desa: str
    n: int
    height_0_5: float
    height_heaping: bool
    weight_0_5: float
    weight_heaping: bool
    sd_haz: float
    sd_outside: bool
    flagged: int
    flagged_share: float
    flagged_over: bool

    @property
    def problems(self) -> int:
        return sum((self.height_heaping, self.weight_heaping, self.sd_outside, self.flagged_over))


def _in_region(within: Region, scope: Scope | None):
    qs = Measurement.objects.filter(
        Q(desa_code=within.code) | Q(desa_code__startswith=within.code + ".")
    )
    return qs.filter(scope.q("desa_code")) if scope is not None else qs


def quality_rows(period: Period, within: Region, scope: Scope | None = None) -> list[QualityRow]:
    """One row per posyandu with measurements in the period (all measurements, not only the
    last per child: quality is about each measurement taken)."""
    qs = _in_region(within, scope).filter(
        measured_on__gte=period.start, measured_on__lte=period.end
    )
    data = list(
        qs.order_by().values_list(
            "posyandu_id", "desa_code", "lenhei_cm", "weight_kg", "zlen", "flen", "fwei", "fwfl"
        )
    )
    if not data:
        return []
    pos = np.array([-1 if r[0] is None else r[0] for r in data])
    length = np.array([np.nan if r[2] is None else r[2] for r in data], dtype=float)
    weight = np.array([np.nan if r[3] is None else r[3] for r in data], dtype=float)
    zlen = np.array([np.nan if r[4] is None else r[4] for r in data], dtype=float)
    flen = np.array([r[5] for r in data], dtype=bool)
    any_flag = flen | np.array([r[6] or r[7] for r in data], dtype=bool)
    desa_of = {r[0]: r[1] for r in data}
    names = dict(
        Posyandu.objects.filter(pk__in=[k for k in desa_of if k]).values_list("pk", "name")
    )
    desa_names = dict(
        Region.objects.filter(code__in=set(desa_of.values())).values_list("code", "name")
    )
    rows = []
    for key in np.unique(pos).tolist():
        m = pos == key
        n = int(m.sum())
        h, w = digit_preference(length[m]), digit_preference(weight[m])
        sd = sd_check(zlen[m], flen[m], low=SD_LOW, high=SD_HIGH)
        flagged = int(any_flag[m].sum())
        pk = None if key == -1 else int(key)
        rows.append(
            QualityRow(
                pk,
                f"Posyandu {names[pk]}" if pk in names else _("Tanpa posyandu"),
                desa_names.get(desa_of[pk], desa_of[pk]),
                n,
                h.share_0_5,
                h.n >= MIN_N and h.share_0_5 > HEAPING_LIMIT,
                w.share_0_5,
                w.n >= MIN_N and w.share_0_5 > HEAPING_LIMIT,
                sd.sd,
                sd.n >= MIN_N and sd.outside,
                flagged,
                flagged / n,
                flagged / n > FLAG_LIMIT,
            )
        )
    return rows


SORT_KEYS = {
    "masalah": lambda r: (-r.problems, r.name),
    "nama": lambda r: (r.desa, r.name),
    "n": lambda r: -r.n,
    "tinggi05": lambda r: -_nz(r.height_0_5),
    "berat05": lambda r: -_nz(r.weight_0_5),
    "sd": lambda r: -abs(_nz(r.sd_haz, 1.0) - 1.0),
    "flag": lambda r: -r.flagged_share,
}


def _nz(x: float, default: float = 0.0) -> float:
    return default if x is None or math.isnan(x) else x


def sort_rows(rows: list[QualityRow], key: str) -> list[QualityRow]:
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["masalah"]))


# --- re-measurement and TEM -------------------------------------------------------------------


@dataclass(frozen=True)
class TemRow:
    group: str
    length: TemResult
    weight: TemResult

    @property
    def length_label(self) -> str:
        return JUDGEMENT_LABELS[self.length.judgement]

    @property
    def weight_label(self) -> str:
        return JUDGEMENT_LABELS[self.weight.judgement]


def pairs(period: Period, within: Region, scope: Scope | None = None):
    """Recorded re-measurements with their first measurement, in the region and period."""
    measurements = _in_region(within, scope).filter(
        measured_on__gte=period.start, measured_on__lte=period.end
    )
    return (
        Remeasurement.objects.filter(measurement__in=measurements)
        .exclude(measurer="")
        .select_related("measurement", "measurement__posyandu")
        .order_by("pk")
    )


def tem_by(kind: str, rems: Iterable[Remeasurement]) -> list[TemRow]:
    """TEM of length/height and of weight per measurer (the first measurer, whose work is
    checked) or per posyandu."""
    rems = list(rems)

    def group(r: Remeasurement) -> str:
        m = r.measurement
        if kind == "measurer":
            return m.measurer or _("(tanpa nama)")
        return f"Posyandu {m.posyandu.name}" if m.posyandu else _("Tanpa posyandu")

    groups = [group(r) for r in rems]
    first_len = [_f(r.measurement.lenhei_cm) for r in rems]
    second_len = [_f(r.lenhei_cm) for r in rems]
    first_w = [_f(r.measurement.weight_kg) for r in rems]
    second_w = [_f(r.weight_kg) for r in rems]
    if not rems:
        return []
    by_len = technical_error_by(groups, first_len, second_len, thresholds=LENGTH_THRESHOLDS)
    by_w = technical_error_by(groups, first_w, second_w, thresholds=WEIGHT_THRESHOLDS)
    return [TemRow(g, by_len[g], by_w[g]) for g in by_len]


def _f(x: float | None) -> float:
    return math.nan if x is None else float(x)


def sample_pool(posyandu: Posyandu, period: Period) -> list[int]:
    return list(
        Measurement.objects.filter(
            posyandu=posyandu, measured_on__gte=period.start, measured_on__lte=period.end
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def draw_sample(
    posyandu: Posyandu, period: Period, n: int, *, seed: int | None = None
) -> list[Remeasurement]:
    """Pick ``n`` measurements of the posyandu in the period at random (seeded) and create a
    pending re-measurement for each. The seed and the size of the pool go into each row's
    history (change reason), so anyone can repeat the draw: ``random.Random(seed).sample``
    over the measurement ids in ascending order."""
    pool = sample_pool(posyandu, period)
    seed = secrets.randbelow(10**9) if seed is None else int(seed)
    picks = sorted(random.Random(seed).sample(pool, min(max(n, 0), len(pool), MAX_SAMPLE)))
    reason = f"sampel acak seed={seed} pool={len(pool)} n={len(picks)} {period.label}"[:100]
    created = []
    for pk in picks:
        rem = Remeasurement(measurement_id=pk, measurer="")
        rem._change_reason = reason  # type: ignore[attr-defined]
        rem.save()
        created.append(rem)
    return created


def pending(within: Region, scope: Scope | None = None):
    return (
        Remeasurement.objects.filter(measurer="", measurement__in=_in_region(within, scope))
        .select_related("measurement__child", "measurement__posyandu")
        .order_by("measurement__posyandu__name", "pk")
    )


def record_remeasurement(
    rem: Remeasurement,
    *,
    measurer: str,
    weight_kg: float | None,
    lenhei_cm: float | None,
    muac_cm: float | None = None,
) -> Remeasurement:
    rem.measurer = measurer
    rem.weight_kg, rem.lenhei_cm, rem.muac_cm = weight_kg, lenhei_cm, muac_cm
    rem.save()
    return rem
