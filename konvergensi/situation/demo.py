"""Demo Analisis Situasi (called from core/demo.py): the analysis of every year with data up to
``year``, oldest first so that later years compare with the earlier ones, with a few FGD
answers and accepted recommendations, so that a newcomer sees lokus desa, recommendations and
a downloadable document. Idempotent: a computed year is left alone unless measurements arrived
after it ran."""

from __future__ import annotations

from django.db import transaction

from konvergensi.accounts.models import User
from konvergensi.indicators.services import coverage_years
from konvergensi.measurements.models import Measurement
from konvergensi.regions.models import Region

from . import services
from .models import SituationAnalysis, Status

FGD = {
    ("layanan_opd", "Dinas Kesehatan"): {
        "supply_memadai": "Posyandu tersedia di semua desa; kader aktif belum merata.",
        "akses_data_1000hpk": "Data ibu hamil dan baduta tersedia di Puskesmas, belum di desa.",
    },
    ("koordinasi_opd", "TPPS Kabupaten"): {
        "forum_tersedia": "Tim Percepatan Penurunan Stunting (TPPS) kabupaten.",
        "frekuensi": "Rapat triwulanan; rapat khusus menjelang rembuk stunting.",
    },
}


def _years_with_data(kabupaten_code: str, year: int) -> list[int]:
    years = set(coverage_years(kabupaten_code))
    dates = Measurement.objects.filter(desa_code__startswith=kabupaten_code + ".").dates(
        "measured_on", "year"
    )
    years |= {d.year for d in dates}
    return sorted(y for y in years if y <= year)


def _stale(analysis: SituationAnalysis) -> bool:
    if not analysis.computed:
        return True
    has_prevalence = analysis.snapshot.get("distribution", {}).get("has_data", False)
    return (
        not has_prevalence
        and Measurement.objects.filter(
            desa_code__startswith=analysis.region_id + ".",
            measured_on__gte=analysis.period_start,
            measured_on__lte=analysis.period_end,
        ).exists()
    )


def _extras(analysis: SituationAnalysis, final: bool) -> None:
    for (group, respondent), answers in FGD.items():
        services.save_fgd(
            analysis, group, respondent, {q: (text, True) for q, text in answers.items()}
        )
    for rec in analysis.recommendations.filter(type_code="lokasi_prioritas"):
        rec.accepted = True
        rec.save()
    if final:
        services.set_status(analysis, Status.FINAL)


@transaction.atomic
def seed_situation(kabupaten_code: str, year: int) -> dict[str, int]:
    kabupaten = Region.objects.get(code=kabupaten_code)
    admin = User.objects.filter(username="admin").first()
    ran = 0
    for y in _years_with_data(kabupaten_code, year):
        analysis = services.create_analysis(kabupaten, y, user=admin)
        if not _stale(analysis):
            continue
        try:
            services.run_analysis(analysis, user=admin)
        except services.MissingData:
            continue
        _extras(analysis, final=y < year)
        ran += 1
    return {"situation_analyses": ran}
