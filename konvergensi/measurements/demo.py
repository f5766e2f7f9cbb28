"""Demo measurement data for a kabupaten: seeded, realistic children and their measurements.

- Each desa draws a stunting prevalence between 10% and 45%; its children's HAZ follow a
  normal distribution shifted so that P(HAZ < −2) is that prevalence (SD 1.1, a little wider
  than the WHO standard, as surveys find). WHZ is drawn near the WHO median with a small
  correlation to HAZ; length/height and weight are the WHO LMS values at those z-scores
  (length-for-age, then weight-for-length/height at that length), so WAZ follows.
- Two rounds a year (Februari, Agustus) from 2024 until today, each with a schedule per
  puskesmas; children are born throughout, age, and leave at 60 months; below 24 months
  measured lying, from 24 months standing. Each child keeps its own z track with small
  changes between rounds.
- Realistic errors: some posyandu round to whole or half centimetres and kilograms (digit
  heaping), and about 0.4% of values are typing errors the growth engine flags.
- Sasaran balita per desa and year: entered for most desa, estimated for about one in six.
- Re-measurements by a second measurer for a sample of posyandu in the last two rounds.
- About one child in 400 without a NIK is registered a second time under another spelling of
  its name from some round on (as an import of the next round's file does), so the page of
  probable duplicates (``merge``, decision 0007) has something to show.

Z-scores, flags and categories are stored through ``engine.compute`` (growth.zscores +
classify, vectorised). Rows are written with ``bulk_create`` in chunks. Idempotent: nothing
is done when the kabupaten already has measurements.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, models, transaction
from scipy import stats

from growth import tables
from konvergensi.indicators.demo import desa_risk
from konvergensi.regions.models import Level, Posyandu, Puskesmas, Region

from . import engine, prevalence
from .matching import match_key
from .models import (
    Child,
    Measurement,
    MeasurementRound,
    Remeasurement,
    RoundSchedule,
    Sasaran,
    TargetSource,
)

CHUNK = 5000
CHILDREN_PER_DESA = 110
HAZ_SD = 1.1
ATTENDANCE = 0.85
ERROR_SHARE = 0.004
DAYS_MONTH = 30.4375

BOYS = ["Yohanes", "Marthen", "Yosua", "Kristo", "Ferdi", "Alfons", "Daniel", "Yakob",
        "Petrus", "Imanuel", "Rian", "Aldo", "Gabriel", "Stefanus", "Jefri", "Eki", "Rafael",
        "Nikolas", "Agus", "Yoel"]  # fmt: skip
GIRLS = ["Maria", "Yuliana", "Santi", "Ester", "Febi", "Kristin", "Agnes", "Selvi", "Melani",
         "Yasinta", "Dewi", "Ribka", "Lidia", "Novita", "Oktavia", "Anjelina", "Elsa", "Natalia",
         "Sarlota", "Veronika"]  # fmt: skip
FAMILY = ["Tanesib", "Nenobais", "Benu", "Tefa", "Selan", "Taneo", "Boimau", "Nubatonis",
          "Sakan", "Tlonaen", "Liu", "Oematan", "Fallo", "Kase", "Nitbani", "Banunaek", "Toto",
          "Kolo", "Manu", "Lakapu"]  # fmt: skip
MOTHERS = ["Yuliana", "Marlina", "Orpa", "Debora", "Martha", "Naomi", "Adriana", "Regina",
           "Susana", "Ester", "Yohana", "Dorkas", "Lusia", "Wilhelmina", "Rambu"]  # fmt: skip
KADER = ["Ibu Martha", "Ibu Ance", "Ibu Rosa", "Bidan Yuli", "Ibu Sela", "Kader Orpa",
         "Bidan Nona", "Ibu Ina", "Kader Lince", "Ibu Dina"]  # fmt: skip


@dataclass
class SeedResult:
    skipped: bool = False
    children: int = 0
    measurements: int = 0
    rounds: int = 0
    remeasurements: int = 0
    flagged: int = 0
    registered_twice: int = 0
    seconds: float = 0.0
    created: dict[str, int] = field(default_factory=dict)


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Plain ``executemany`` INSERTs: ``bulk_create`` prepares every value through the field
    (and SQLite caps a statement at 999 parameters), which dominates a seed of 100k rows."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for k in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[k : k + CHUNK])


def round_dates(today: dt.date, first_year: int = 2024) -> list[tuple[str, dt.date, dt.date]]:
    """Februari and Agustus rounds from ``first_year`` that have ended by ``today``."""
    out = []
    for year in range(first_year, today.year + 1):
        for month, name in ((2, "Februari"), (8, "Agustus")):
            end = dt.date(year, month, calendar.monthrange(year, month)[1])
            if end <= today:
                out.append((f"{name} {year}", dt.date(year, month, 1), end))
    return out


def _lms_value(table_name: str, sex: np.ndarray, key: np.ndarray, z: np.ndarray) -> np.ndarray:
    t = tables.table(table_name)
    key = np.clip(key, t.first, t.last)
    idx = (sex - 1) * t.n + (key - t.first)
    lam, m, s = t.l[idx], t.m[idx], t.s[idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lam == 0, m * np.exp(s * z), m * np.power(1.0 + lam * s * z, 1.0 / lam))


def _body(sex, age_days, haz, whz):
    """Length/height (cm) at HAZ and weight (kg) at WHZ for that length (WHO LMS tables)."""
    length = _lms_value("len", sex, age_days, haz)
    tenth = np.rint(length * 10).astype(np.int64)
    lying = age_days < 731
    w_len = _lms_value("wfl", sex, tenth, whz)
    w_hei = _lms_value("wfh", sex, tenth, whz)
    weight = np.where(lying, w_len, w_hei)
    return length, weight, lying


def _kab_units(kab: Region):
    desa = list(
        Region.objects.filter(level=Level.DESA, code__startswith=kab.code + ".").order_by("code")
    )
    posyandu: dict[str, list[Posyandu]] = {}
    for p in Posyandu.objects.filter(desa__in=desa).order_by("desa_id", "name"):
        posyandu.setdefault(p.desa_id, []).append(p)
    pkm_of: dict[str, Puskesmas] = {}
    for pkm in Puskesmas.objects.filter(
        kecamatan__code__startswith=kab.code + "."
    ).prefetch_related("desa"):
        for d in pkm.desa.all():
            pkm_of[d.code] = pkm
    return desa, posyandu, pkm_of


def seed_measurements(
    kabupaten_code: str = "53.02",
    *,
    seed: int = 20260201,
    children: int | None = None,
    today: dt.date | None = None,
) -> SeedResult:
    """Children, measurements, rounds, sasaran and re-measurements for the kabupaten.

    ``children`` defaults to 110 per desa (about 30,000 over the 278 desa of Timor Tengah
    Selatan); a few hundred make a small data set for tests."""
    import time

    started = time.perf_counter()
    today = today or dt.date.today()
    kab = Region.objects.get(code=kabupaten_code)
    if Measurement.objects.filter(desa_code__startswith=kab.code + ".").exists():
        return SeedResult(skipped=True)
    rng = np.random.default_rng(seed)
    desa, posyandu, pkm_of = _kab_units(kab)
    if not desa:
        return SeedResult(skipped=True)
    with transaction.atomic():
        result = SeedResult()
        rounds = _rounds(kab, today, pkm_of, rng)
        result.rounds = len(rounds)
        n = children if children is not None else CHILDREN_PER_DESA * len(desa)
        kids = _children(kab, desa, posyandu, rounds, n, rng)
        result.children = len(kids["ids"])
        result.measurements, result.flagged = _measurements(kids, rounds, pkm_of, posyandu, rng)
        result.registered_twice = _register_twice(kids, rng)
        _sasaran(desa, kids, rounds, rng)
        result.remeasurements = _remeasurements(kab, rounds, rng)
    # The rows above bypass the audit history, so the stored round counts cannot trace them:
    # drop any, then store each round's counts now, so the demo's first page is already fast.
    prevalence.invalidate()
    for r in rounds:
        prevalence.refresh_round(r["round"])
    result.seconds = time.perf_counter() - started
    return result


def _rounds(kab, today, pkm_of, rng) -> list[dict]:
    puskesmas = sorted({p.pk: p for p in pkm_of.values()}.values(), key=lambda p: p.code)
    out = []
    for name, start, end in round_dates(today):
        rnd, _ = MeasurementRound.objects.get_or_create(
            region=kab, name=name, defaults={"start_date": start, "end_date": end}
        )
        windows = {}
        span = (end - start).days + 1
        for i, pkm in enumerate(puskesmas):
            offset = (i * 5) % max(span - 10, 1)
            s = start + dt.timedelta(days=int(offset))
            e = min(s + dt.timedelta(days=9), end)
            RoundSchedule.objects.get_or_create(
                round=rnd, puskesmas=pkm, defaults={"start_date": s, "end_date": e}
            )
            windows[pkm.pk] = (s, e)
        out.append({"round": rnd, "start": start, "end": end, "windows": windows})
    return out


def _children(kab, desa, posyandu, rounds, n, rng) -> dict:
    """Children born from 59 months before the first round until the last one."""
    first, last = rounds[0]["start"], rounds[-1]["end"]
    earliest = first - dt.timedelta(days=int(59 * DAYS_MONTH))
    span = (last - earliest).days
    weights = rng.gamma(4.0, 1.0, len(desa))
    desa_idx = rng.choice(len(desa), size=n, p=weights / weights.sum())
    # per-desa stunting prevalence 10–45% → HAZ mean: P(HAZ < −2) = Φ((−2 − μ) / SD)
    # The desa's risk is shared with the coverage demo (indicators.demo.desa_risk), so that
    # desa with much stunting also tend to be poorly served, as in real kabupaten.
    risk = np.array([desa_risk(d.code) for d in desa])
    prev = 0.10 + 0.35 * (0.75 * risk + 0.25 * rng.uniform(0.0, 1.0, len(desa)))
    mu = -2.0 - HAZ_SD * stats.norm.ppf(prev)
    sex = rng.integers(1, 3, n)
    born = earliest.toordinal() + rng.integers(0, span, n)
    births = [dt.date.fromordinal(int(b)) for b in born]
    haz0 = rng.normal(mu[desa_idx], HAZ_SD)
    whz0 = rng.normal(-0.25, 1.0, n) + 0.15 * (haz0 - mu[desa_idx])
    first_i, fam_i = rng.integers(0, 20, n), rng.integers(0, len(FAMILY), n)
    mother_i = rng.integers(0, len(MOTHERS), n)
    nik_tail = rng.integers(10**11, 10**12, n)
    no_nik = rng.random(n) < 0.12
    pos_pick = rng.random(n)
    rt, rw = rng.integers(1, 20, n), rng.integers(1, 8, n)
    codes = [d.code for d in desa]
    prefix = kab.code.replace(".", "")
    rows, pos_of = [], []
    for i in range(n):
        d = codes[desa_idx[i]]
        family = FAMILY[fam_i[i]]
        name = f"{(BOYS if sex[i] == 1 else GIRLS)[first_i[i]]} {family}"
        mother = f"{MOTHERS[mother_i[i]]} {family}"
        pos_list = posyandu.get(d)
        pos = pos_list[int(pos_pick[i] * len(pos_list))].pk if pos_list else None
        pos_of.append(pos)
        rows.append((
            "" if no_nik[i] else f"{prefix}{nik_tail[i]}", name, int(sex[i]), births[i], mother,
            "", f"Dusun {rw[i]}", f"{rt[i]:03d}", f"{rw[i]:03d}", d, pos,
            match_key(name, births[i], mother),
        ))  # fmt: skip
    before = Child.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    columns = ["nik", "name", "sex", "birth_date", "mother_name", "father_name", "address", "rt",
               "rw", "desa", "posyandu", "match_key"]  # fmt: skip
    _insert(Child, columns, rows)
    ids = list(Child.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    return {
        "ids": ids,
        "posyandu": pos_of,
        "sex": sex,
        "born": born,
        "haz": haz0,
        "whz": whz0,
        "desa_idx": desa_idx,
        "codes": codes,
        "absent_desa": rng.choice(len(desa), size=max(1, len(desa) // 40), replace=False),
    }


SHARE_REGISTERED_TWICE = 1 / 400


def spelling_variant(name: str) -> str:
    """Another way a kader writes the same first name: its last y, else i, else e (never the
    first letter) written i, y or i ("Rafael" → "Rafail"), else an h added ("Agus" → "Agush")."""
    first, _, rest = name.partition(" ")
    for a, b in (("y", "i"), ("i", "y"), ("e", "i")):
        k = first.rfind(a)
        if k > 0:
            first = first[:k] + b + first[k + 1 :]
            break
    else:
        first += "h"
    return f"{first} {rest}".strip()


def _register_twice(kids, rng) -> int:
    """Give some NIK-less children with three or more measurements a second registration
    (a spelling variant of the name, the same birth date, mother and desa) that holds their
    measurements from their second-to-last one on. Returns how many."""
    ids = kids["ids"]
    eligible = list(
        Child.objects.filter(pk__in=ids, nik="")
        .annotate(n=models.Count("measurements"))
        .filter(n__gte=3)
        .order_by("pk")
    )
    if not eligible:
        return 0
    size = min(len(eligible), max(1, round(len(ids) * SHARE_REGISTERED_TWICE)))
    chosen = sorted(rng.choice(len(eligible), size=size, replace=False).tolist())
    for child in (eligible[i] for i in chosen):
        measured = Measurement.objects.filter(child=child)
        dates = list(measured.order_by("measured_on").values_list("measured_on", flat=True))
        name = spelling_variant(child.name)
        twin = Child.objects.create(
            name=name,
            sex=child.sex,
            birth_date=child.birth_date,
            mother_name=child.mother_name,
            address=child.address,
            rt=child.rt,
            rw=child.rw,
            desa_id=child.desa_id,
            posyandu_id=child.posyandu_id,
            match_key=match_key(name, child.birth_date, child.mother_name),
        )
        measured.filter(measured_on__gte=dates[-2]).update(child=twin)
    return size


_M_COLUMNS = ["child", "measured_on", "desa_code", "posyandu", "age_days", "weight_kg",
              "lenhei_cm", "measure", "oedema", "measurer", *engine.RESULT_FIELDS]  # fmt: skip


def _column(values: np.ndarray) -> list:
    """NaN → None, numpy scalars → Python values."""
    if values.dtype.kind == "f":
        return np.where(np.isnan(values), None, values).tolist()
    return values.tolist()


def _windows(kids, rnd, pkm_of) -> tuple[np.ndarray, np.ndarray]:
    """The first and last day (ordinals) each desa measures in the round."""
    default = (rnd["start"], rnd["end"])
    spans = [rnd["windows"].get(pkm_of[c].pk, default) if c in pkm_of else default
             for c in kids["codes"]]  # fmt: skip
    start = np.array([a.toordinal() for a, _b in spans])
    end = np.array([b.toordinal() for _a, b in spans])
    return start, end


def _measurements(kids, rounds, pkm_of, posyandu, rng) -> tuple[int, int]:
    ids, sex, born = kids["ids"], kids["sex"], kids["born"]
    codes, desa_idx = kids["codes"], kids["desa_idx"]
    pos = np.array([-1 if p is None else p for p in kids["posyandu"]])
    n = len(ids)
    all_pos = sorted(p.pk for ps in posyandu.values() for p in ps)
    # Posyandu that round to 0/5 (heaping): one in eight; two measurers (kader) per posyandu.
    heaping = [p for p in all_pos if rng.random() < 0.125]
    kader = {p: rng.choice(KADER, 2, replace=False).tolist() for p in all_pos}
    attendance = np.where(
        rng.random(len(codes)) < 0.15, rng.uniform(0.55, 0.75, len(codes)), ATTENDANCE
    )
    haz, whz = kids["haz"].copy(), kids["whz"].copy()
    total = flagged = 0
    for k, rnd in enumerate(rounds):
        haz += rng.normal(0, 0.15, n)
        whz += rng.normal(0, 0.15, n)
        w_start, w_end = _windows(kids, rnd, pkm_of)
        day = np.minimum(w_start[desa_idx] + rng.integers(0, 10, n), w_end[desa_idx])
        age = day - born
        present = (age >= 0) & (age < int(60 * DAYS_MONTH))
        present &= rng.random(n) < attendance[desa_idx]
        if k == len(rounds) - 1:  # a few desa not measured yet: "belum diukur"
            present &= ~np.isin(desa_idx, kids["absent_desa"])
        idx = np.nonzero(present)[0]
        if idx.size == 0:
            continue
        length, weight, lying = _body(sex[idx], age[idx], haz[idx], whz[idx])
        length = np.round(length + rng.normal(0, 0.3, idx.size), 1)
        weight = np.round(weight + rng.normal(0, 0.08, idx.size), 1)
        heap = np.isin(pos[idx], heaping) & (rng.random(idx.size) < 0.7)
        length = np.where(heap, np.round(length * 2) / 2, length)
        weight = np.where(heap, np.round(weight * 2) / 2, weight)
        # Typing errors: 20 cm too short, a misplaced decimal in the weight, 25 cm too tall.
        err = rng.random(idx.size) < ERROR_SHARE
        kind = rng.integers(0, 3, idx.size)
        length = np.where(err & (kind == 0), np.round(length - 20, 1), length)
        weight = np.where(err & (kind == 1), weight * 10, weight)
        length = np.where(err & (kind == 2), np.round(length + 25, 1), length)
        measure = np.where(lying, "l", "h")
        res = engine.compute(
            sex=sex[idx], age_days=age[idx], weight_kg=weight, lenhei_cm=length, measure=measure,
            oedema=np.zeros(idx.size, dtype=bool), muac_cm=np.full(idx.size, np.nan),
            headc_cm=np.full(idx.size, np.nan),
        )  # fmt: skip
        flagged += int((res["flen"] | res["fwei"] | res["fwfl"]).sum())
        who = rng.integers(0, 2, idx.size)
        columns = [
            [ids[i] for i in idx.tolist()],
            [dt.date.fromordinal(int(d)) for d in day[idx]],
            [codes[j] for j in desa_idx[idx].tolist()],
            [None if p < 0 else p for p in pos[idx].tolist()],
            age[idx].tolist(),
            weight.tolist(),
            length.tolist(),
            measure.tolist(),
            [False] * idx.size,
            [kader[p][w] if p >= 0 else "" for p, w in zip(pos[idx].tolist(), who, strict=True)],
            *(_column(np.asarray(res[f], dtype=float)) for f in engine.Z_FIELDS),
            *(np.asarray(res[f], dtype=bool).tolist() for f in engine.FLAG_FIELDS),
            *([str(v or "") for v in res[f]] for f in engine.CAT_FIELDS),
            [engine.ENGINE_VERSION] * idx.size,
        ]
        _insert(Measurement, _M_COLUMNS, list(zip(*columns, strict=True)))
        total += idx.size
    return total, flagged


def _sasaran(desa, kids, rounds, rng) -> None:
    """Sasaran per desa and year ≈ children under five there that year × 0.95–1.2."""
    years = sorted({r["end"].year for r in rounds})
    codes, born, desa_idx = kids["codes"], kids["born"], kids["desa_idx"]
    rows = []
    estimated = rng.random(len(codes)) < 0.17
    for year in years:
        mid = dt.date(year, 7, 1).toordinal()
        under5 = (born <= mid) & (born > mid - int(60 * DAYS_MONTH))
        counts = np.bincount(desa_idx[under5], minlength=len(codes))
        factor = rng.uniform(0.95, 1.2, len(codes))
        for j, code in enumerate(codes):
            c = math.ceil(float(counts[j] * factor[j]))
            if c == 0:
                continue
            src = TargetSource.ESTIMATED if estimated[j] else TargetSource.ENTERED
            note = "Proyeksi BPS × proporsi balita" if estimated[j] else "Pendataan desa"
            rows.append(Sasaran(desa_id=code, year=year, count=c, source=src, note=note))
    Sasaran.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)


def _remeasurements(kab, rounds, rng) -> int:
    """Ten children per sampled posyandu re-measured by a second measurer (last two rounds);
    one measurer in five is careless (larger differences)."""
    rows = []
    for rnd in rounds[-2:]:
        qs = Measurement.objects.filter(
            desa_code__startswith=kab.code + ".",
            measured_on__gte=rnd["start"],
            measured_on__lte=rnd["end"],
            posyandu__isnull=False,
        )
        pos_ids = sorted(set(qs.values_list("posyandu_id", flat=True).distinct()))
        chosen = [p for p in pos_ids if rng.random() < 0.08]
        for pid in chosen:
            ms = list(qs.filter(posyandu_id=pid).order_by("pk").values_list(
                "pk", "lenhei_cm", "weight_kg", "measurer"
            ))  # fmt: skip
            picks = rng.choice(len(ms), size=min(10, len(ms)), replace=False)
            careless = rng.random() < 0.2
            sd_len, sd_w = (0.9, 0.15) if careless else (0.25, 0.04)
            for p in picks:
                pk, length, weight, _who = ms[int(p)]
                rows.append(
                    Remeasurement(
                        measurement_id=pk,
                        measurer="Bidan Desa (ulang)",
                        lenhei_cm=None
                        if length is None
                        else round(length + rng.normal(0, sd_len), 1),
                        weight_kg=None
                        if weight is None
                        else round(weight + rng.normal(0, sd_w), 1),
                    )
                )
    Remeasurement.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)
