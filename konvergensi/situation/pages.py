"""What each Aksi 1 page shows, prepared from the snapshot and the edited rows (no writes)."""

from __future__ import annotations

import json
from collections import defaultdict

from django.urls import reverse

from . import formatting as fmt
from .models import SituationAnalysis
from .services import fgd_groups, recommendation_types

GROUP_TITLES = {
    "program": "Rekomendasi kebutuhan program/kegiatan (1.3 a)",
    "layanan": "Rekomendasi tindakan perbaikan layanan (1.3 b)",
    "koordinasi": "Rekomendasi penguatan koordinasi (1.3 c)",
}


def steps(analysis: SituationAnalysis | None, status: dict) -> list[dict]:
    """The Bappeda flow, each step with done/not done and where to go."""
    computed = analysis is not None and analysis.computed
    year = analysis.year if analysis else None

    def url(name, *args):
        return reverse(name, args=[year, *args]) if year else ""

    has_data = status["measurements"] > 0 or status["coverage"] > 0
    return [
        {
            "title": "Data tersedia",
            "done": has_data,
            "detail": (
                f"{status['measurements']} pengukuran balita ({fmt.date(status['start'])} – "
                f"{fmt.date(status['end'])}); {status['coverage']} nilai cakupan indikator; "
                f"{status['desa']} desa/kelurahan."
            ),
            "url": reverse("indicators:index"),
        },
        {"title": "Buat analisis", "done": analysis is not None, "detail": "", "url": ""},
        {
            "title": "Atur ambang lampu lalu lintas dan aturan lokus",
            "done": analysis is not None,
            "detail": "",
            "url": url("situation:settings"),
        },
        {
            "title": "Jalankan analisis",
            "done": computed,
            "detail": (f"Terakhir dihitung {fmt.date(analysis.computed_at)}" if computed else ""),
            "url": "",
        },
        {
            "title": "Tinjau desa lokus",
            "done": computed and analysis.lokus.filter(selected=True).exists(),
            "detail": "",
            "url": url("situation:results", "lokus") if computed else "",
        },
        {
            "title": "Rekomendasi",
            "done": computed and analysis.recommendations.filter(accepted=True).exists(),
            "detail": "",
            "url": url("situation:results", "rekomendasi") if computed else "",
        },
        {
            "title": "FGD penyampaian layanan dan koordinasi",
            "done": computed and analysis.fgd.filter(done=True).exists(),
            "detail": "",
            "url": url("situation:results", "fgd") if computed else "",
        },
        {
            "title": "Unduh Dokumen Analisis Situasi",
            "done": computed and analysis.status == "final",
            "detail": "",
            "url": url("situation:download", "dokumen-analisis-situasi.docx") if computed else "",
        },
    ]


def _names(s: dict) -> dict[str, str]:
    return {d["code"]: d["name"] for d in s.get("desa", [])}


def tab_sebaran(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    d = s["distribution"]
    if not d.get("has_data"):
        return {"d": d}
    names = _names(s)
    rows = sorted(
        ({"code": k, "name": names.get(k, k), **v} for k, v in d["desa"].items() if v["n"] > 0),
        key=lambda r: -r["value"],
    )
    chart = {
        "labels": [r["name"] for r in rows],
        "values": [round(r["value"] * 100, 2) for r in rows],
        "lower": [round(r["lower"] * 100, 2) for r in rows],
        "upper": [round(r["upper"] * 100, 2) for r in rows],
        "pooled": round(d["pooled"]["value"] * 100, 2),
    }
    for r in rows:
        r["pct"], r["lo"], r["up"] = (fmt.percent(r[k] * 100) for k in ("value", "lower", "upper"))
    kec = [
        {
            "name": s["kecamatan"].get(k, k),
            "pct": fmt.percent(v["value"] * 100 if v["n"] else None),
            **v,
        }
        for k, v in sorted(d["kecamatan"].items())
    ]
    national = [
        n | {"pct": fmt.percent(float(n["value"])), "diff": fmt.number(n["difference"])}
        for n in s["national"]
    ]
    pooled = d["pooled"]
    return {
        "d": d,
        "rows": rows,
        "kecamatan": kec,
        "national": national,
        "pooled_pct": fmt.percent(pooled["value"] * 100),
        "pooled_ci": f"{fmt.percent(pooled['lower'] * 100)} – {fmt.percent(pooled['upper'] * 100)}",
        "top_share": fmt.percent((d["concentration"]["top_fifth_share"] or 0) * 100),
        "chart_json": json.dumps(chart),
    }


def tab_funnel(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    h = s["hotspots"]
    if not h.get("available"):
        return {"h": h, "depth": s.get("depth", {})}
    names = _names(s)
    points = [
        [r["n"], round(r["prevalence"] * 100, 2), names.get(r["code"], r["code"]), r["class"]]
        for r in h["results"]
    ]
    f = h["funnel"]
    lines = {
        k: [[n, round(v * 100, 3)] for n, v in zip(f["n"], f[k], strict=True)]
        for k in f
        if k != "n"
    }
    above = [
        r | {"name": names.get(r["code"], r["code"]), "pct": fmt.percent(r["prevalence"] * 100)}
        for r in h["results"]
        if r["class"].startswith("above")
    ]
    depth = s.get("depth", {})
    depth_rows = [
        {"name": names.get(k, k), "reasons": v} for k, v in depth.get("khusus", {}).items()
    ]
    return {
        "h": h,
        "above": above,
        "depth": depth,
        "depth_rows": depth_rows,
        "p0_pct": fmt.percent(h["p0"] * 100),
        "chart_json": json.dumps({"points": points, "lines": lines, "p0": round(h["p0"] * 100, 3)}),
    }


def tab_lampu(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    names = _names(s)
    rows = []
    for r in s["matrix"]["rows"]:
        p = r["prevalence"]
        cells = [
            {
                "cls": r["cells"][i["code"]]["cls"],
                "value": _val(r["cells"][i["code"]]["value"]),
                "label": fmt.CLASS_LABELS[r["cells"][i["code"]]["cls"]],
            }
            for i in s["indicators"]
        ]
        rows.append(
            {
                "code": r["desa"],
                "name": names.get(r["desa"], r["desa"]),
                "prev": {
                    "cls": p["cls"],
                    "value": _val(p["value"]),
                    "label": fmt.CLASS_LABELS[p["cls"]],
                },
                "cells": cells,
            }
        )
    return {
        "indicators": s["indicators"],
        "rows": rows,
        "period": s["matrix"]["period"],
        "labels": fmt.CLASS_LABELS,
        "prev_classes": ["sangat_tinggi", "tinggi", "rendah", "sangat_rendah", "tidak_ada_data"],
        "cov_classes": ["memadai", "hampir_memadai", "rendah", "sangat_rendah", "tidak_ada_data"],
    }


def _val(v: str | None) -> str:
    return "–" if v is None else fmt.number(float(v))


def tab_lokus(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    names = _names(s)
    short = {i["code"]: i["short_name"] for i in s["indicators"]}
    rows = [
        {
            "row": r,
            "name": names.get(r.desa_id, r.desa_id),
            "pct": fmt.percent(None if r.prevalence is None else float(r.prevalence)),
            "criteria": [k for k in "abc" if getattr(r, f"meets_{k}")],
            "poor": [short.get(c, c) for c in r.poor_indicators],
        }
        for r in analysis.lokus.all()
    ]
    lk = s["lokus"]
    return {
        "rows": rows,
        "lk": lk,
        "criteria": fmt.CRITERIA,
        "pooled_pct": fmt.percent(lk["pooled_prevalence"]),
        "mean_cases": fmt.number(lk["mean_cases"]),
        "selected_count": sum(1 for r in rows if r["row"].selected),
    }


def rec_context() -> dict:
    return {"types": recommendation_types()}


def tab_rekomendasi(analysis: SituationAnalysis) -> dict:
    types = recommendation_types()
    grouped: dict[str, list] = defaultdict(list)
    for r in analysis.recommendations.select_related("institution", "desa", "indicator"):
        t = types.get(r.type_code)
        grouped[t.group if t else "program"].append(r)
    groups = [{"title": GROUP_TITLES[g], "items": grouped.get(g, [])} for g in GROUP_TITLES]
    return {"groups": groups, "types": types}


def fgd_group(group_id: str):
    return next((g for g in fgd_groups() if g.id == group_id), None)


def tab_fgd(analysis: SituationAnalysis) -> dict:
    answers: dict[tuple[str, str], dict] = defaultdict(dict)
    for a in analysis.fgd.all():
        answers[(a.group_id, a.respondent)][a.question_id] = a
    groups = []
    for g in fgd_groups():
        respondents = sorted({r for (gid, r) in answers if gid == g.id})
        sheets = [
            {
                "respondent": r,
                "items": [{"q": q, "a": answers[(g.id, r)].get(q.id)} for q in g.questions],
                "done": sum(
                    1 for q in g.questions if getattr(answers[(g.id, r)].get(q.id), "done", False)
                ),
            }
            for r in respondents
        ]
        groups.append({"g": g, "sheets": sheets})
    return {"groups": groups}


def tab_tren(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    t = s.get("trend", {"baseline": True})
    names = _names(s)
    short = {i["code"]: i["short_name"] for i in s["indicators"]}
    if t.get("baseline", True):
        return {"t": t}
    prev = [
        r
        | {
            "name": names.get(r["desa"], r["desa"]),
            "label": fmt.TREND_LABELS[r["status"]],
            "before": fmt.percent(None if r["previous"] is None else r["previous"] * 100),
            "after": fmt.percent(None if r["current"] is None else r["current"] * 100),
        }
        for r in t["prevalence"]
    ]
    changed = [
        r
        | {
            "name": names.get(r["desa"], r["desa"]),
            "indicator_name": short.get(r["indicator"], r["indicator"]),
            "label": fmt.TREND_LABELS[r["status"]],
        }
        for r in t["coverage"]
        if r["status"] in ("membaik", "memburuk")
    ]
    return {"t": t, "prev": prev, "changed": changed, "labels": fmt.TREND_LABELS}


def tab_data(analysis: SituationAnalysis) -> dict:
    s = analysis.snapshot
    return {
        "notes": s["data_notes"],
        "without_target": s.get("indicators_without_target", []),
        "addressees": {
            "aksi_6": "Penanggung jawab Aksi 6",
            "aksi_7": "Penanggung jawab Aksi 7",
            "opd": "OPD penanggung jawab",
        },
    }
