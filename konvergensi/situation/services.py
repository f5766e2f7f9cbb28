"""Aksi 1 actions: create an analysis, configure it, run it, and the user's edits (lokus
selection, recommendations, FGD answers). Every write is one transaction; access is checked by
the views (``situation.access``).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from analytics.coverage import Proposal, ProposalType
from konvergensi.indicators.models import CoverageValue, Indicator
from konvergensi.measurements.models import Measurement
from konvergensi.reference_data import load_fgd_questions, load_recommendation_types
from konvergensi.regions.models import Level, Region

from . import compute as comp
from . import config as cfg
from .inputs import default_period, gather
from .models import FgdAnswer, LokusDesa, Origin, Recommendation, SituationAnalysis

# analytics proposal → recommendation type (recommendation_types.toml, Pedoman 1.7.4–1.7.6)
PROPOSAL_TYPE = {
    ProposalType.PERLUASAN_PROGRAM: "program_tahun_berikutnya",
    ProposalType.MANAJEMEN_LAYANAN: "layanan_instrumen_sop",
    ProposalType.PENAMBAHAN_SUMBER_DAYA: "sumber_daya_prioritas",
    ProposalType.KAJI_KECUKUPAN_SUMBER_DAYA: "program_prioritas",
    ProposalType.PENYEDIAAN_DATA: "layanan_data_1000hpk",
    ProposalType.PENGUATAN_KOORDINASI: "koordinasi_antar_opd",
}


class MissingData(Exception):
    """The analysis cannot run: the message says which data are missing (Bahasa Indonesia)."""


def recommendation_types() -> dict[str, Any]:
    return {t.code: t for t in load_recommendation_types()}


def fgd_groups():
    return load_fgd_questions()


# --- create and configure -----------------------------------------------------------------


@transaction.atomic
def create_analysis(kabupaten: Region, year: int, *, user=None) -> SituationAnalysis:
    existing = SituationAnalysis.objects.filter(region=kabupaten, year=year).first()
    if existing is not None:
        return existing
    rnd, start, end = default_period(kabupaten.code, year)
    return SituationAnalysis.objects.create(
        region=kabupaten,
        year=year,
        round=rnd,
        period_start=start,
        period_end=end,
        config=cfg.default_config(),
    )


@transaction.atomic
def save_config(analysis: SituationAnalysis, *, config: dict, rnd=None, start=None, end=None):
    cfg.traffic_light(config)  # validates the thresholds (ValueError)
    cfg.lokus_rule(config)
    analysis.config = cfg.merged(config)
    if rnd is not None:
        analysis.round, analysis.period_start, analysis.period_end = (
            rnd,
            rnd.start_date,
            rnd.end_date,
        )
    elif start and end:
        analysis.round, analysis.period_start, analysis.period_end = None, start, end
    analysis.save()
    return analysis


# --- data status (the steps of the Aksi 1 page) ---------------------------------------------


def data_status(kabupaten: Region, analysis: SituationAnalysis | None, year: int) -> dict:
    if analysis is not None:
        start, end = analysis.period_start, analysis.period_end
    else:
        _rnd, start, end = default_period(kabupaten.code, year)
    measurements = Measurement.objects.filter(
        desa_code__startswith=kabupaten.code + ".", measured_on__gte=start, measured_on__lte=end
    ).count()
    coverage = CoverageValue.objects.filter(
        region__code__startswith=kabupaten.code, year=year
    ).count()
    desa = Region.objects.filter(level=Level.DESA, code__startswith=kabupaten.code + ".").count()
    return {
        "measurements": measurements,
        "coverage": coverage,
        "desa": desa,
        "indicators": Indicator.objects.exists(),
        "start": start,
        "end": end,
    }


def check_inputs(inputs) -> None:
    if not inputs.desa:
        raise MissingData("Belum ada data desa/kelurahan untuk kabupaten ini; muat data wilayah.")
    if not inputs.indicators:
        raise MissingData("Daftar indikator belum dimuat (menu Indikator).")
    if not inputs.has_measurements and not inputs.coverage:
        raise MissingData(
            f"Belum ada data pengukuran balita pada periode {inputs.period.words} maupun data "
            f"cakupan layanan tahun {inputs.year}. Impor data e-PPGBM atau isi cakupan "
            "indikator terlebih dahulu."
        )


# --- run -----------------------------------------------------------------------------------


def _key(p: Proposal) -> str:
    raw = f"{p.type.value}|{p.indicator or ''}|{p.desa or ''}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16] + ":" + raw[:150]


def _grouped(proposals: list[Proposal], names: dict[str, str]) -> list[dict]:
    """One record per (type, indicator) for the desa-level proposals; coordination per desa."""
    groups: dict[tuple, list[Proposal]] = {}
    for p in proposals:
        key = (p.type, p.indicator, p.desa if p.indicator is None else None)
        groups.setdefault(key, []).append(p)
    out = []
    for (ptype, indicator, desa), items in groups.items():
        first = items[0]
        if indicator is None or len(items) == 1:
            text, one_desa = first.text, first.desa
        else:
            desa_names = ", ".join(sorted(names.get(p.desa or "", p.desa or "") for p in items))
            text = _group_text(first, desa_names)
            one_desa = None
        for code, name in names.items():
            text = text.replace(f"desa {code}", f"desa {name}")
        proposal = Proposal(ptype, text, indicator, one_desa or desa, first.opd, first.pedoman)
        out.append(
            {"proposal": proposal, "key": _key(Proposal(ptype, "", indicator, desa, None, ""))}
        )
    return out


def _group_text(p: Proposal, desa_names: str) -> str:
    head = p.text.split(" di desa ")[0]
    tail = p.text.split(": ", 1)[1] if ": " in p.text else ""
    return f"{head} di desa lokus {desa_names}: {tail}".rstrip(": ")


def _sync_recommendations(analysis, proposals, inputs, lokus_json) -> None:
    names = {c: n for c, n, _k in inputs.desa}
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    wanted = _grouped(proposals, names)
    selected = [names[r["code"]] for r in lokus_json["rows"] if r["selected"]]
    if selected:
        wanted.insert(
            0,
            {
                "proposal": Proposal(
                    ProposalType.PERLUASAN_PROGRAM,  # placeholder type, replaced below
                    f"Tetapkan {len(selected)} desa lokasi fokus (lokus) penanganan stunting tahun "
                    f"{analysis.year + 1}: {', '.join(selected)}.",
                    None,
                    None,
                    None,
                    "1.7.4.a",
                ),
                "key": "lokasi_prioritas",
                "type": "lokasi_prioritas",
            },
        )
    existing = {r.key: r for r in analysis.recommendations.filter(origin=Origin.PROPOSED)}
    keep = set()
    for item in wanted:
        p: Proposal = item["proposal"]
        key = item["key"]
        keep.add(key)
        type_code = item.get("type") or PROPOSAL_TYPE[p.type]
        institution = inputs.institutions.get(p.opd) if p.opd else None
        rec = existing.get(key)
        if rec is not None and (rec.edited or rec.accepted):
            continue  # the user's wording and decision stay
        if rec is None:
            rec = Recommendation(analysis=analysis, origin=Origin.PROPOSED, key=key)
        rec.type_code = type_code
        rec.text = p.text
        rec.institution_id = institution
        rec.indicator_id = indicators.get(p.indicator) if p.indicator else None
        rec.desa_id = p.desa
        rec.save()
    for key, rec in existing.items():
        if key not in keep and not rec.edited and not rec.accepted:
            rec.delete()


def _sync_lokus(analysis, lokus_json) -> None:
    old = {row.desa_id: row for row in analysis.lokus.all()}
    seen = set()
    for r in lokus_json["rows"]:
        row = old.get(r["code"]) or LokusDesa(analysis=analysis, desa_id=r["code"])
        seen.add(r["code"])
        row.rank = r["rank"]
        row.prevalence = (
            None if r["prevalence"] is None else Decimal(str(round(r["prevalence"], 2)))
        )
        row.cases, row.n = r["cases"], r["n"]
        row.poor_count, row.main_count = r["poor_count"], r["main_count"]
        row.meets_a, row.meets_b, row.meets_c = (k in r["criteria"] for k in "abc")
        row.reasons = r["reasons"]
        row.poor_indicators = r["poor_indicators"]
        row.computed_selected = r["selected"]
        if not row.overridden:
            row.selected = r["selected"]
        row.save()
    for code, row in old.items():
        if code not in seen:
            row.delete()


def previous_analysis(analysis: SituationAnalysis) -> SituationAnalysis | None:
    return (
        SituationAnalysis.objects.filter(region=analysis.region, year__lt=analysis.year)
        .exclude(snapshot={})
        .order_by("-year")
        .first()
    )


@transaction.atomic
def run_analysis(analysis: SituationAnalysis, *, user=None) -> SituationAnalysis:
    """Gather the data, compute the snapshot, update lokus rows and proposed recommendations.

    Re-running keeps manual recommendations, edited or accepted proposals and the user's
    lokus overrides; proposals no longer produced (and untouched) are removed."""
    inputs = gather(analysis)
    check_inputs(inputs)
    snapshot, proposals = comp.compute(inputs, analysis.config)
    previous = previous_analysis(analysis)
    snapshot["trend"] = comp.compare(previous.snapshot if previous else None, snapshot)
    analysis.snapshot = snapshot
    analysis.computed_at = timezone.now()
    analysis.computed_by = user if user is not None and user.is_authenticated else None
    analysis.save()
    _sync_lokus(analysis, snapshot["lokus"])
    _sync_recommendations(analysis, proposals, inputs, snapshot["lokus"])
    return analysis


# --- the user's edits ----------------------------------------------------------------------


@transaction.atomic
def set_lokus_selection(row: LokusDesa, *, selected: bool, note: str) -> LokusDesa:
    row.selected = selected
    row.overridden = selected != row.computed_selected
    row.override_note = note if row.overridden else ""
    row.save()
    return row


@transaction.atomic
def save_recommendation(rec: Recommendation, **fields) -> Recommendation:
    for name, value in fields.items():
        setattr(rec, name, value)
    if rec.origin == Origin.PROPOSED:
        rec.edited = True
    rec.save()
    return rec


@transaction.atomic
def add_recommendation(analysis: SituationAnalysis, **fields) -> Recommendation:
    return Recommendation.objects.create(analysis=analysis, origin=Origin.MANUAL, **fields)


@transaction.atomic
def delete_recommendation(rec: Recommendation) -> None:
    rec.delete()


@transaction.atomic
def save_fgd(analysis, group_id: str, respondent: str, answers: dict[str, tuple[str, bool]]):
    """answers: {question id: (answer text, done)} for one OPD/forum in one group."""
    for question_id, (text, done) in answers.items():
        FgdAnswer.objects.update_or_create(
            analysis=analysis,
            group_id=group_id,
            question_id=question_id,
            respondent=respondent,
            defaults={"answer": text, "done": done},
        )


@transaction.atomic
def set_status(analysis: SituationAnalysis, status: str) -> None:
    analysis.status = status
    analysis.save(update_fields=["status"])


# --- views of the result shared by the page, the CLI and the documents ----------------------


def lokus_list(analysis: SituationAnalysis) -> list[dict]:
    """The lokus list as the page shows it (selected desa, rank order)."""
    names = {d["code"]: d["name"] for d in analysis.snapshot.get("desa", [])}
    out = []
    for row in analysis.lokus.filter(selected=True).order_by("rank", "desa_id"):
        out.append(
            {
                "rank": row.rank,
                "desa_code": row.desa_id,
                "desa_name": names.get(row.desa_id, row.desa_id),
                "criteria": [k for k in "abc" if getattr(row, f"meets_{k}")],
                "prevalence": None if row.prevalence is None else float(row.prevalence),
                "cases": row.cases,
                "n": row.n,
                "poor_indicators": list(row.poor_indicators),
                "overridden": row.overridden,
            }
        )
    return out


def traffic_light_classes(analysis: SituationAnalysis) -> dict[str, dict[str, str]]:
    out = {}
    for row in analysis.snapshot.get("matrix", {}).get("rows", []):
        classes = {"prevalensi": row["prevalence"]["cls"]}
        classes.update({k: v["cls"] for k, v in row["cells"].items()})
        out[row["desa"]] = classes
    return out


def analysis_json(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    return {
        "kabupaten": analysis.region_id,
        "year": analysis.year,
        "period": s.get("period", {}),
        "denominator": s.get("denominator", ""),
        "status": analysis.status,
        "lokus": lokus_list(analysis),
        "choices": s.get("lokus", {}).get("choices", {}),
        "traffic_light": traffic_light_classes(analysis),
    }
