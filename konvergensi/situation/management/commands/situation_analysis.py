"""Run (or reuse) the Analisis Situasi of a year and print its lokus list as JSON."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from konvergensi.regions.models import Region
from konvergensi.situation import services
from konvergensi.situation.models import SituationAnalysis


@transaction.atomic
def analyse(year: int, region_code: str, *, rerun: bool = False) -> dict:
    """The analysis of the kabupaten and year as JSON-ready data; runs it when not computed."""
    kabupaten = Region.objects.filter(code=region_code).first()
    if kabupaten is None:
        raise services.MissingData(f"Wilayah {region_code} tidak ditemukan; muat data wilayah.")
    analysis = SituationAnalysis.objects.filter(region=kabupaten, year=year).first()
    if analysis is None:
        analysis = services.create_analysis(kabupaten, year)
    if rerun or not analysis.computed:
        services.run_analysis(analysis)
    return services.analysis_json(analysis)


class Command(BaseCommand):
    help = "Jalankan (atau pakai ulang) Analisis Situasi Aksi 1 dan cetak daftar desa lokus."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun analisis")
        parser.add_argument("--region", default="", help="kode kabupaten/kota (bawaan: deployment)")
        parser.add_argument("--json", action="store_true", help="cetak sebagai JSON")
        parser.add_argument("--rerun", action="store_true", help="hitung ulang walau sudah ada")

    def handle(self, *args, **options):
        code = options["region"] or settings.KONVERGENSI_REGION
        try:
            data = analyse(options["year"], code, rerun=options["rerun"])
        except services.MissingData as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Analisis Situasi {code} {options['year']} · {data['period'].get('words', '')}"
        )
        for row in data["lokus"]:
            self.stdout.write(
                f"{row['rank']:>3}. {row['desa_code']} {row['desa_name']} "
                f"kriteria {','.join(row['criteria'])}"
            )
