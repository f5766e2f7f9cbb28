"""From the gathered inputs to the snapshot of one analysis (no database writes).

Calls analytics for every number: distribution and hotspots (§1.7 Tahap Ketiga 2), the depth
decision, coverage gaps and the traffic-light matrix (Tabel 1.2), lokus desa (§1.7.4), data
notes (Kebutuhan Data) and recommendation proposals (§1.7.4–1.7.6). Every figure in the
snapshot carries its period and its denominator.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from analytics import coverage as cov
from analytics import distribution as dist
from analytics import hotspots as hs
from analytics import lokus as lk
from analytics import trend as tr
from analytics.prevalence import aggregate_by_prefix, prevalences
from analytics.traffic_light import CoverageClass, Direction, IndicatorSpec, matrix
from konvergensi.reference_data import load_national_reference

from . import config as cfg
from .inputs import Inputs


def _num(x: float | None, digits: int = 6) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), digits)


def _estimate(e) -> dict[str, Any]:
    return {
        "cases": e.cases,
        "n": e.n,
        "value": _num(e.value),
        "lower": _num(e.lower),
        "upper": _num(e.upper),
    }


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def main_specs(inputs: Inputs, config: dict) -> tuple[list[IndicatorSpec], list[dict], list[str]]:
    """Main indicators = esensial, measured at desa level, with a target (DESIGN §4)."""
    directions = cfg.merged(config)["directions"]
    specs, meta, skipped = [], [], []
    for i in inputs.indicators:
        if i.category != "esensial" or i.level != "desa":
            continue
        target = inputs.targets.get(i.code)
        direction = directions.get(i.code, i.direction)
        # A higher-is-better target of 0 cannot be classified (every value would be memadai).
        if target is None or target < 0 or (target == 0 and direction != "lower"):
            skipped.append(i.code)
            continue
        d = Direction.LOWER_IS_BETTER if direction == "lower" else Direction.HIGHER_IS_BETTER
        specs.append(IndicatorSpec(i.code, i.short_name, Decimal(target), d))
        meta.append(
            {
                "code": i.code,
                "number": i.number,
                "name": i.name,
                "short_name": i.short_name,
                "target": str(target),
                "direction": direction,
                "unit": i.unit,
                "opd_types": list(i.opd_types),
            }
        )
    return specs, meta, skipped


def _distribution(inputs: Inputs) -> tuple[dict, dist.Distribution | None]:
    codes = [c for c, _n, _k in inputs.desa]
    cases = [inputs.stunting.get(c, (0, 0))[0] for c in codes]
    n = [inputs.stunting.get(c, (0, 0))[1] for c in codes]
    period = inputs.period.words
    if not codes or sum(n) == 0:
        return {"period": period, "has_data": False}, None
    d = dist.distribution(codes, cases, n, period=period)
    rolled = aggregate_by_prefix(codes, cases, n, level="kecamatan")
    kec_codes = sorted(rolled)
    kec = prevalences(
        kec_codes, [rolled[k][0] for k in kec_codes], [rolled[k][1] for k in kec_codes]
    )
    c = d.concentration
    out = {
        "period": period,
        "denominator": inputs.denominator,
        "has_data": True,
        "pooled": _estimate(d.pooled),
        "desa": {code: _estimate(e) for code, e in d.units.items()},
        "kecamatan": {code: _estimate(e) for code, e in kec.items()},
        "above": d.above,
        "below": d.below,
        "equal": d.equal,
        "no_data": d.no_data,
        "significantly_above": list(d.significantly_above),
        "significantly_below": list(d.significantly_below),
        "concentration": {
            "top_k": c.top_k,
            "top_k_share": _num(c.top_k_share),
            "top_fifth_count": c.top_fifth_count,
            "top_fifth_share": _num(c.top_fifth_share),
            "gini": _num(c.gini),
        },
    }
    return out, d


def _national(pooled_percent: float | None) -> list[dict]:
    rows = []
    for f in load_national_reference():
        diff = None if pooled_percent is None else round(pooled_percent - float(f.value), 2)
        rows.append(
            {
                "code": f.code,
                "kind": f.kind,
                "year": f.year,
                "value": str(f.value),
                "source": f.source,
                "source_name": f.source_name,
                "difference": diff,
            }
        )
    return rows


def _hotspots(d: dist.Distribution | None) -> dict:
    if d is None or d.hotspot is None:
        return {"available": False}
    h = d.hotspot
    n_max = max((r.n for r in h.results), default=1)
    curve = hs.funnel_curve(h.p0, max(n_max, 2), points=80)
    return {
        "available": True,
        "period": h.period,
        "p0": _num(h.p0),
        "total_cases": h.total_cases,
        "total_n": h.total_n,
        "results": [
            {
                "code": r.code,
                "cases": r.cases,
                "n": r.n,
                "prevalence": _num(r.prevalence),
                "p_above": _num(r.p_above),
                "class": r.prevalence_class.value,
                "class_label": r.prevalence_class.label,
                "expected": _num(r.expected, 3),
                "case_class": r.case_class.value,
            }
            for r in h.results
            if r.n > 0
        ],
        "funnel": {
            "n": [int(x) for x in curve.n],
            "lower_95": [_num(x) for x in curve.lower_95],
            "upper_95": [_num(x) for x in curve.upper_95],
            "lower_998": [_num(x) for x in curve.lower_998],
            "upper_998": [_num(x) for x in curve.upper_998],
        },
    }


def _matrix(inputs: Inputs, specs, config) -> tuple[dict, Any]:
    codes = [c for c, _n, _k in inputs.desa]
    prev = {
        c: (Decimal(s) * 100 / Decimal(n)).quantize(Decimal("0.01"))
        for c, (s, n) in inputs.stunting.items()
        if n > 0
    }
    m = matrix(
        codes,
        prev,
        inputs.coverage,
        specs,
        config=cfg.traffic_light(config),
        period=f"{inputs.period.words}; cakupan {inputs.year}",
    )
    rows = [
        {
            "desa": r.desa,
            "prevalence": {"value": _dec(r.prevalence.value), "cls": r.prevalence.cls.value},
            "cells": {k: {"value": _dec(v.value), "cls": v.cls.value} for k, v in r.cells.items()},
        }
        for r in m.rows
    ]
    return {"period": m.period, "rows": rows}, m


def _lokus(inputs: Inputs, m, config) -> tuple[dict, lk.LokusResult]:
    cost = cfg.cost_per_desa(config)
    desa = [
        lk.DesaInput(
            code=row.desa,
            stunted=inputs.stunting.get(row.desa, (None, None))[0],
            measured=inputs.stunting.get(row.desa, (None, None))[1],
            coverage={k: v.cls for k, v in row.cells.items()},
            cost=cost,
        )
        for row in m.rows
    ]
    result = lk.select_lokus(desa, cfg.lokus_rule(config), period=inputs.period.words)
    poor = {row.desa: [k for k, v in row.cells.items() if v.cls.is_poor] for row in m.rows}

    def pct(x: Fraction | None) -> float | None:
        return None if x is None else round(float(x * 100), 4)

    rows = [
        {
            "rank": r.rank,
            "code": r.code,
            "has_data": r.has_data,
            "prevalence": pct(r.prevalence),
            "cases": r.cases,
            "n": r.measured,
            "poor_count": r.poor_count,
            "main_count": r.indicator_count,
            "criteria": [k for k, v in (("a", r.meets_a), ("b", r.meets_b), ("c", r.meets_c)) if v],
            "reasons": list(r.reasons),
            "selected": r.selected,
            "poor_indicators": poor.get(r.code, []),
        }
        for r in result.rows
    ]
    out = {
        "period": result.period,
        "pooled_prevalence": pct(result.pooled_prevalence),
        "mean_cases": None if result.mean_cases is None else round(float(result.mean_cases), 4),
        "desa_with_data": result.desa_with_data,
        "selected_count": result.selected_count,
        "choices": result.choices,
        "rows": rows,
    }
    return out, result


def _data_notes(inputs: Inputs, hotspot_desa: list[str], meta: list[dict]) -> list[dict]:
    notes: list[cov.DataNote] = []
    if not inputs.has_measurements:
        # Stunting data at desa level come from the measurements; none at all → Aksi 7.
        note = cov.stunting_data_note(cov.DataLevel.TIDAK_ADA)
        if note:
            notes.append(note)
    levels, names, opd = {}, {}, {}
    for i in inputs.indicators:
        if i.category != "esensial":
            continue
        a = inputs.availability.get(i.code)
        found = a.levels if a else ()
        if "desa" in found:
            continue
        levels[i.code] = (
            cov.DataLevel.KECAMATAN
            if "kecamatan" in found
            else cov.DataLevel.KABUPATEN
            if "kabupaten" in found
            else cov.DataLevel.TIDAK_ADA
        )
        names[i.code] = i.short_name
        opd[i.code] = ", ".join(i.opd_types) or "OPD penanggung jawab layanan"
    notes += cov.coverage_data_notes(levels, names=names, opd=opd, hotspot_desa=hotspot_desa)
    return [
        {"indicator": n.indicator, "addressed_to": n.addressed_to, "text": n.text} for n in notes
    ]


def _situations(inputs: Inputs, m, selected: set[str]) -> list[cov.ServiceSituation]:
    """Lokus desa × main indicator with supply adequacy and program reach (§1.7.5 A)."""
    by_indicator: dict[str, list] = {}
    for t in inputs.supply_types:
        for code in t.indicators:
            by_indicator.setdefault(code, []).append(t)
    reach: dict[tuple[str, str], int] = {}
    for p in inputs.programs:
        for d in p.desa:
            for code in p.indicators:
                reach[(d, code)] = reach.get((d, code), 0) + 1
    any_programs = bool(inputs.programs)
    info = {i.code: i for i in inputs.indicators}
    out = []
    for row in m.rows:
        if row.desa not in selected:
            continue
        for code, cell in row.cells.items():
            types = by_indicator.get(code, [])
            counts = [inputs.supply.get(t.code, {}).get(row.desa) for t in types]
            if not types or any(c is None for c in counts):
                adequate = None
            else:
                adequate = all(c >= t.minimum_per_desa for c, t in zip(counts, types, strict=True))
            present = (reach.get((row.desa, code), 0) > 0) if any_programs else None
            i = info[code]
            out.append(
                cov.ServiceSituation(
                    code,
                    row.desa,
                    cell.cls,
                    adequate,
                    present,
                    i.opd_types[0] if i.opd_types else None,
                    i.short_name,
                )
            )
    return out


def _depth(d, m) -> dict:
    if d is None or d.hotspot is None:
        return {"available": False}
    coverage = {r.desa: {k: v.cls for k, v in r.cells.items()} for r in m.rows}
    s = dist.suggest_analysis_depth(d.hotspot, coverage=coverage)
    return {
        "available": True,
        "option": s.option.value,
        "label": s.option.label,
        "reasons": list(s.reasons),
        "khusus": {k: list(v) for k, v in s.khusus.items()},
        "perhatian": {k: list(v) for k, v in s.perhatian.items()},
    }


def compute(inputs: Inputs, config: dict) -> tuple[dict, list[cov.Proposal]]:
    """The snapshot and the recommendation proposals for the lokus desa."""
    specs, meta, skipped = main_specs(inputs, config)
    distribution, d = _distribution(inputs)
    pooled = distribution["pooled"]["value"] if distribution.get("has_data") else None
    mtx_json, m = _matrix(inputs, specs, config)
    lokus_json, lokus = _lokus(inputs, m, config)
    selected = {r.code for r in lokus.rows if r.selected}
    hotspot_desa = distribution.get("significantly_above", [])
    gaps = cov.coverage_gaps(specs, inputs.coverage, [c for c, _n, _k in inputs.desa])
    summary = {
        k: {cls.value: n for cls, n in v.items()} for k, v in cov.summarise_classes(gaps).items()
    }
    proposals = cov.propose(_situations(inputs, m, selected))
    snapshot = {
        "kabupaten": {"code": inputs.kabupaten.code, "name": inputs.kabupaten.name},
        "year": inputs.year,
        "period": inputs.period.to_json() | {"words": inputs.period.words},
        "coverage_year": inputs.year,
        "denominator": inputs.denominator,
        "config": cfg.merged(config),
        "desa": [{"code": c, "name": n, "kecamatan": k} for c, n, k in inputs.desa],
        "kecamatan": inputs.kecamatan,
        "distribution": distribution,
        "national": _national(None if pooled is None else pooled * 100),
        "hotspots": _hotspots(d),
        "depth": _depth(d, m),
        "indicators": meta,
        "indicators_without_target": skipped,
        "matrix": mtx_json,
        "coverage_summary": summary,
        "lokus": lokus_json,
        "data_notes": _data_notes(inputs, hotspot_desa, meta),
    }
    return snapshot, proposals


def compare(previous: dict | None, current: dict) -> dict:
    """Year-over-year change per desa and main indicator (analytics.trend)."""
    if not previous:
        return {"baseline": True, "prevalence": [], "coverage": [], "summary": {}}
    prev_units = previous.get("distribution", {}).get("desa", {})
    curr_units = current.get("distribution", {}).get("desa", {})
    prevalence_rows = []
    for d in current["desa"]:
        p, c = prev_units.get(d["code"]), curr_units.get(d["code"])
        t = tr.prevalence_trend(
            (p["cases"], p["n"]) if p else None,
            (c["cases"], c["n"]) if c else None,
            previous_period=previous.get("period", {}).get("words", ""),
            current_period=current["period"]["words"],
        )
        prevalence_rows.append(
            {
                "desa": d["code"],
                "previous": _num(t.previous.value),
                "current": _num(t.current.value),
                "difference": _num(t.difference),
                "p_value": _num(t.p_value),
                "status": t.status.value,
            }
        )
    prev_cells = {r["desa"]: r["cells"] for r in previous.get("matrix", {}).get("rows", [])}
    coverage_rows = []
    for row in current["matrix"]["rows"]:
        for code, cell in row["cells"].items():
            before = prev_cells.get(row["desa"], {}).get(code)
            status = tr.coverage_trend(
                CoverageClass(before["cls"]) if before else None, CoverageClass(cell["cls"])
            )
            coverage_rows.append(
                {
                    "desa": row["desa"],
                    "indicator": code,
                    "previous": before["cls"] if before else None,
                    "current": cell["cls"],
                    "status": status.value,
                }
            )
    summary: dict[str, dict[str, int]] = {"prevalence": {}, "coverage": {}}
    for r in prevalence_rows:
        summary["prevalence"][r["status"]] = summary["prevalence"].get(r["status"], 0) + 1
    for r in coverage_rows:
        summary["coverage"][r["status"]] = summary["coverage"].get(r["status"], 0) + 1
    return {
        "baseline": False,
        "previous_year": previous.get("year"),
        "previous_period": previous.get("period", {}).get("words", ""),
        "prevalence": prevalence_rows,
        "coverage": coverage_rows,
        "summary": summary,
    }
