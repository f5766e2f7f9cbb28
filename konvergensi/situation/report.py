"""The outputs of an analysis: the traffic-light matrix as a coloured xlsx and the Dokumen
Analisis Situasi (DOCX and PDF from the same blocks), following the Pedoman's outline of Aksi 1
(1.3 output, 1.7 Tahapan: sebaran prevalensi; ketersediaan program dan kesenjangan cakupan;
rekomendasi lokasi fokus; penyampaian layanan; koordinasi; kebutuhan data)."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from analytics.traffic_light import CoverageClass, PrevalenceClass
from konvergensi.documents import blocks as b
from konvergensi.documents import charts, docx, pdf
from konvergensi.documents import xlsx as xl

from . import formatting as fmt
from .inputs import boundaries
from .models import SituationAnalysis
from .services import fgd_groups, lokus_list, recommendation_types

ADDRESSEES = {"aksi_6": "Penanggung jawab Aksi 6", "aksi_7": "Penanggung jawab Aksi 7"}


def _names(s: dict) -> dict[str, str]:
    return {d["code"]: d["name"] for d in s.get("desa", [])}


def _header_lines(analysis: SituationAnalysis) -> list[str]:
    s = analysis.snapshot
    return [
        f"Matriks lampu lalu lintas (Tabel 1.2) · {s['kabupaten']['name']} · {analysis.year}",
        f"Periode pengukuran: {s['period']['words']}; cakupan layanan tahun {s['coverage_year']}",
        f"Penyebut prevalensi: {s.get('denominator', '')}",
        "Sel abu-abu = tidak ada data (bukan sangat rendah).",
    ]


def matrix_table(s: dict) -> tuple[list[str], list[list], list[list[str | None]]]:
    names = _names(s)
    indicators = s["indicators"]
    headers = ["Kode desa", "Desa", "Prevalensi stunting (%)"] + [
        f"{i['number']}. {i['short_name']} (target {i['target']}; "
        f"{'makin rendah makin baik' if i['direction'] == 'lower' else 'makin tinggi makin baik'})"
        for i in indicators
    ]
    rows, fills = [], []
    for r in s["matrix"]["rows"]:
        p = r["prevalence"]
        row: list = [r["desa"], names.get(r["desa"], r["desa"])]
        row.append(None if p["value"] is None else float(p["value"]))
        fill: list[str | None] = [None, None, PrevalenceClass(p["cls"]).colour]
        for i in indicators:
            cell = r["cells"][i["code"]]
            row.append(None if cell["value"] is None else float(cell["value"]))
            fill.append(CoverageClass(cell["cls"]).colour)
        rows.append(row)
        fills.append(fill)
    return headers, rows, fills


def traffic_light_xlsx(analysis: SituationAnalysis) -> bytes:
    s = analysis.snapshot
    headers, rows, fills = matrix_table(s)
    legend_rows, legend_fills = [], []
    for cls in PrevalenceClass:
        legend_rows.append(("Prevalensi", fmt.CLASS_LABELS[cls.value], _prev_rule(s, cls.value)))
        legend_fills.append((None, cls.colour, None))
    for cls in CoverageClass:
        legend_rows.append(("Cakupan", fmt.CLASS_LABELS[cls.value], _cov_rule(s, cls.value)))
        legend_fills.append((None, cls.colour, None))
    return xl.workbook_bytes(
        [
            xl.Sheet(
                "Lampu lalu lintas",
                headers,
                rows,
                fills,
                _header_lines(analysis),
                widths=(16, 22, 12) + (14,) * len(s["indicators"]),
                number_format=xl.ONE_DECIMAL,
                frozen_columns=2,
            ),
            xl.Sheet(
                "Legenda", ("Jenis", "Kelas", "Batas"), legend_rows, legend_fills, (), (12, 18, 70)
            ),
        ]
    )


def _prev_rule(s: dict, cls: str) -> str:
    p = s["config"]["prevalence"]
    return {
        "sangat_tinggi": f"≥ {p['sangat_tinggi']}%",
        "tinggi": f"{p['tinggi']}% – < {p['sangat_tinggi']}%",
        "rendah": f"{p['rendah']}% – < {p['tinggi']}%",
        "sangat_rendah": f"< {p['rendah']}%",
        "tidak_ada_data": "tidak ada pengukuran pada periode ini",
    }[cls]


def _cov_rule(s: dict, cls: str) -> str:
    h, lo = s["config"]["higher"], s["config"]["lower"]
    return {
        "memadai": "makin tinggi: ≥ t; makin rendah: ≤ t",
        "hampir_memadai": (
            f"makin tinggi: ≥ {h['hampir_memadai']} t; makin rendah: ≤ {lo['hampir_memadai']} t"
        ),
        "rendah": f"makin tinggi: ≥ {h['rendah']} t; makin rendah: ≤ {lo['rendah']} t",
        "sangat_rendah": "di bawah/di atas batas kelas rendah",
        "tidak_ada_data": "tidak ada data (abu-abu)",
    }[cls]


# --- the document -----------------------------------------------------------------------------


def _distribution_blocks(s: dict) -> list[b.Block]:
    d = s["distribution"]
    out: list[b.Block] = [b.Heading("2. Analisis Sebaran Prevalensi Stunting")]
    if not d.get("has_data"):
        return [*out, b.Paragraph(f"Belum ada data pengukuran pada periode {d['period']}.")]
    names = _names(s)
    pooled = d["pooled"]
    c = d["concentration"]
    out += [
        b.Paragraph(
            f"Periode {d['period']}. Prevalensi stunting kabupaten "
            f"{fmt.percent(pooled['value'] * 100)} "
            f"({pooled['cases']} dari {pooled['n']} balita; IK 95% "
            f"{fmt.percent(pooled['lower'] * 100)}–{fmt.percent(pooled['upper'] * 100)}). "
            f"Penyebut: {d.get('denominator', '')}."
        ),
        b.Paragraph(
            f"{d['above']} desa di atas dan {d['below']} desa di bawah prevalensi kabupaten; "
            f"{d['no_data']} desa tanpa data. {len(d['significantly_above'])} desa signifikan di "
            f"atas (uji binomial eksak). {c['top_fifth_count']} desa dengan kasus terbanyak "
            f"menyumbang {fmt.percent((c['top_fifth_share'] or 0) * 100)} seluruh kasus."
        ),
    ]
    rows = sorted(
        ((k, v) for k, v in d["desa"].items() if v["n"] > 0), key=lambda kv: -kv[1]["value"]
    )[:40]
    colours = [PrevalenceClass(_prev_class(s, v["value"] * 100)).colour for _k, v in rows]
    png = charts.prevalence_bars(
        [names.get(k, k) for k, _v in rows],
        [v["value"] * 100 for _k, v in rows],
        [v["lower"] * 100 for _k, v in rows],
        [v["upper"] * 100 for _k, v in rows],
        reference=pooled["value"] * 100,
        reference_label="Kabupaten",
        colours=colours,
    )
    out.append(
        b.Image(
            png, f"Gambar 1. Prevalensi stunting per desa (maks. 40 desa tertinggi), {d['period']}."
        )
    )
    national = [
        (
            f"{n['source']} {n['year']}",
            "Target" if n["kind"] == "target" else "Prevalensi",
            fmt.percent(float(n["value"])),
            "–" if n["difference"] is None else f"{fmt.number(n['difference'])} poin",
        )
        for n in s["national"]
    ]
    out.append(
        b.Table(
            ("Rujukan", "Jenis", "Nilai", "Selisih kabupaten"),
            tuple(national),
            caption="Tabel 1. Perbandingan dengan angka nasional (SSGI/SKI) dan target RPJMN.",
        )
    )
    kec = tuple(
        (
            s["kecamatan"].get(k, k),
            fmt.percent(None if v["value"] is None else v["value"] * 100),
            f"{v['cases']}/{v['n']}",
        )
        for k, v in sorted(d["kecamatan"].items())
    )
    out.append(
        b.Table(
            ("Kecamatan", "Prevalensi", "Kasus/n"),
            kec,
            caption="Tabel 2. Prevalensi per kecamatan.",
        )
    )
    return out


def _prev_class(s: dict, pct: float) -> str:
    p = s["config"]["prevalence"]
    if pct >= float(p["sangat_tinggi"]):
        return "sangat_tinggi"
    if pct >= float(p["tinggi"]):
        return "tinggi"
    if pct >= float(p["rendah"]):
        return "rendah"
    return "sangat_rendah"


def _hotspot_blocks(s: dict) -> list[b.Block]:
    h = s["hotspots"]
    out: list[b.Block] = [
        b.Heading("2.1 Wilayah dengan prevalensi signifikan di atas rata-rata", 2)
    ]
    if not h.get("available"):
        return [
            *out,
            b.Paragraph("Uji hotspot tidak dapat dilakukan (tidak ada data atau tidak ada kasus)."),
        ]
    names = _names(s)
    png = charts.funnel_plot(
        [r["n"] for r in h["results"]],
        [r["prevalence"] for r in h["results"]],
        [names.get(r["code"], r["code"]) for r in h["results"]],
        p0=h["p0"],
        curve_n=h["funnel"]["n"],
        limits=h["funnel"],
    )
    out.append(
        b.Image(
            png, "Gambar 2. Funnel plot: batas kendali 95% (garis putus) dan 99,8% (titik-titik)."
        )
    )
    depth = s["depth"]
    if depth.get("available"):
        out.append(b.Paragraph(f"Tingkat kedalaman analisis yang disarankan: {depth['label']}."))
        out.append(b.Bullets(tuple(depth["reasons"])))
    return out


def _matrix_blocks(s: dict) -> list[b.Block]:
    _headers, rows, fills = matrix_table(s)
    text_rows = tuple(
        tuple(
            fmt.number(v) if isinstance(v, float) else ("–" if v is None else str(v)) for v in row
        )
        for row in rows
    )
    short = ["Kode", "Desa", "Prev."] + [str(i["number"]) for i in s["indicators"]]
    legend = "; ".join(f"{i['number']} = {i['short_name']}" for i in s["indicators"])
    return [
        b.Heading("3. Analisis Ketersediaan Program dan Kesenjangan Cakupan Layanan"),
        b.Paragraph(
            f"Matriks lampu lalu lintas (Tabel 1.2), {s['matrix']['period']}. Kolom indikator: "
            f"{legend}. Abu-abu = tidak ada data."
        ),
        b.Table(
            tuple(short),
            text_rows,
            tuple(tuple(f) for f in fills),
            caption="Tabel 3. Matriks lampu lalu lintas prevalensi dan cakupan indikator utama.",
            widths=(2.2, 2.6, 1.2) + (1.0,) * len(s["indicators"]),
        ),
    ]


def _lokus_blocks(analysis: SituationAnalysis) -> list[b.Block]:
    s = analysis.snapshot
    lk = s["lokus"]
    rows = tuple(
        (
            str(r["rank"] or "–"),
            r["desa_name"],
            ", ".join(r["criteria"]) or "–",
            fmt.percent(r["prevalence"]),
            "–" if r["cases"] is None else str(r["cases"]),
            str(len(r["poor_indicators"])),
            "diubah pengguna" if r["overridden"] else "",
        )
        for r in lokus_list(analysis)
    )
    return [
        b.Heading("4. Rekomendasi Lokasi Fokus (Desa Lokus)"),
        b.Paragraph(
            f"Prevalensi kabupaten {fmt.percent(lk['pooled_prevalence'])}, "
            "rata-rata kasus per desa "
            f"{fmt.number(lk['mean_cases'])} ({lk['desa_with_data']} desa dengan data). "
            f"{len(rows)} desa lokus terpilih."
        ),
        b.Table(
            ("Peringkat", "Desa", "Kriteria", "Prevalensi", "Kasus", "Indikator kurang", "Catatan"),
            rows,
            caption="Tabel 4. Daftar desa lokus dengan kriteria yang dipenuhi "
            + "; ".join(fmt.CRITERIA.values()),
            widths=(1, 3, 1.2, 1.3, 1, 1.3, 2),
        ),
        b.Paragraph("Pilihan metode yang digunakan:"),
        b.Bullets(tuple(lk["choices"].values())),
    ]


def _fgd_blocks(analysis: SituationAnalysis) -> list[b.Block]:
    answers = defaultdict(list)
    for a in analysis.fgd.all():
        if a.answer:
            answers[a.group_id].append(a)
    out: list[b.Block] = []
    for section, title in (
        ("1.7.5", "5. Analisis Situasi Penyampaian Layanan pada Rumah Tangga 1.000 HPK"),
        ("1.7.6", "6. Analisis Kebutuhan Penguatan Koordinasi"),
    ):
        out.append(b.Heading(title))
        for g in (g for g in fgd_groups() if g.section == section):
            questions = {q.id: q.text for q in g.questions}
            items = tuple(
                f"{a.respondent} — {questions.get(a.question_id, a.question_id)} {a.answer}"
                for a in answers[g.id]
            )
            out.append(b.Heading(g.title, 2))
            out.append(
                b.Bullets(items) if items else b.Paragraph("Belum ada hasil diskusi.", italic=True)
            )
    return out


def _recommendation_blocks(analysis: SituationAnalysis) -> list[b.Block]:
    types = recommendation_types()
    out: list[b.Block] = [b.Heading("7. Rekomendasi")]
    recs = list(analysis.recommendations.select_related("institution", "desa", "indicator"))
    for group, title in (
        ("program", "7.1 Rekomendasi kebutuhan program/kegiatan"),
        ("layanan", "7.2 Rekomendasi tindakan perbaikan layanan"),
        ("koordinasi", "7.3 Rekomendasi penguatan koordinasi"),
    ):
        out.append(b.Heading(title, 2))
        rows = [
            (
                types[r.type_code].title if r.type_code in types else r.type_code,
                r.institution.name if r.institution else "–",
                r.text,
                "Ya" if r.accepted else "Belum",
            )
            for r in recs
            if r.type_code in types and types[r.type_code].group == group
        ]
        rows.sort(key=lambda row: (row[0], row[1]))
        if rows:
            out.append(
                b.Table(
                    ("Jenis", "OPD", "Rekomendasi", "Diterima"), tuple(rows), widths=(2, 2, 6, 1)
                )
            )
        else:
            out.append(b.Paragraph("Tidak ada rekomendasi.", italic=True))
    return out


def _data_blocks(s: dict) -> list[b.Block]:
    notes = s["data_notes"]
    rows = tuple((ADDRESSEES.get(n["addressed_to"], "OPD"), n["text"]) for n in notes)
    out: list[b.Block] = [b.Heading("8. Kebutuhan Data dan Tindakan yang Diperlukan")]
    if rows:
        out.append(b.Table(("Ditujukan kepada", "Catatan"), rows, widths=(2, 8)))
    else:
        out.append(b.Paragraph("Data tingkat desa tersedia untuk semua indikator esensial."))
    return out


def _trend_blocks(s: dict) -> list[b.Block]:
    t = s.get("trend", {})
    out: list[b.Block] = [b.Heading("9. Perbandingan dengan Tahun Sebelumnya")]
    if t.get("baseline", True):
        return [
            *out,
            b.Paragraph(
                "Analisis ini adalah data awal (baseline): belum ada analisis tahun sebelumnya."
            ),
        ]
    names = _names(s)
    prev = t["summary"].get("prevalence", {})
    out.append(
        b.Paragraph(
            f"Dibandingkan dengan analisis {t['previous_year']} ({t['previous_period']}): "
            f"{prev.get('membaik', 0)} desa membaik, {prev.get('memburuk', 0)} memburuk "
            "(uji eksak Fisher, p < 0,05)."
        )
    )
    rows = tuple(
        (names.get(r["desa"], r["desa"]), fmt.TREND_LABELS[r["status"]])
        for r in t["prevalence"]
        if r["status"] in ("membaik", "memburuk")
    )
    if rows:
        out.append(b.Table(("Desa", "Perubahan prevalensi"), rows))
    return out


def _map_blocks(analysis: SituationAnalysis) -> list[b.Block]:
    s = analysis.snapshot
    geometries = boundaries(analysis.region_id)
    if not geometries:
        return [
            b.Paragraph("Peta tidak ditampilkan: batas wilayah desa belum diunggah.", italic=True)
        ]
    colours = {
        r["desa"]: PrevalenceClass(r["prevalence"]["cls"]).colour for r in s["matrix"]["rows"]
    }
    legend = [(fmt.CLASS_LABELS[c.value], c.colour) for c in PrevalenceClass]
    png = charts.choropleth(geometries, colours, legend=legend)
    return [b.Image(png, "Gambar 3. Peta kelas prevalensi stunting per desa.")]


def document(analysis: SituationAnalysis) -> b.Document:
    s = analysis.snapshot
    doc = b.Document(
        f"Dokumen Analisis Situasi Program Penurunan Stunting {s['kabupaten']['name']} "
        f"Tahun {analysis.year}",
        f"Status: {analysis.get_status_display()} · dibuat {fmt.date(timezone.localdate())} · "
        f"data dihitung {fmt.date(analysis.computed_at)}",
    )
    doc.add(
        b.Heading("1. Pendahuluan"),
        b.Paragraph(
            "Analisis Situasi mengidentifikasi sebaran prevalensi stunting, ketersediaan "
            "program dan praktik manajemen layanan untuk merumuskan rekomendasi program/"
            "kegiatan, perbaikan layanan dan penguatan koordinasi (Pedoman Aksi 1, 1.3)."
        ),
        b.Paragraph(
            f"Periode pengukuran: {s['period']['words']}. Cakupan layanan tahun "
            f"{s['coverage_year']}. Penyebut prevalensi: {s.get('denominator', '')}."
        ),
    )
    doc.add(*_distribution_blocks(s))
    doc.add(*_hotspot_blocks(s))
    doc.add(*_map_blocks(analysis))
    doc.add(*_matrix_blocks(s))
    doc.add(*_lokus_blocks(analysis))
    doc.add(*_fgd_blocks(analysis))
    doc.add(*_recommendation_blocks(analysis))
    doc.add(*_data_blocks(s))
    doc.add(*_trend_blocks(s))
    return doc


def document_docx(analysis: SituationAnalysis) -> bytes:
    return docx.render(document(analysis))


def document_pdf(analysis: SituationAnalysis) -> bytes:
    return pdf.render(document(analysis), wide=True)
