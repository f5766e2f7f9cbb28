from django.core.management.base import BaseCommand

from konvergensi.indicators.loading import seed_supply_types, sync_indicators


class Command(BaseCommand):
    help = "Muat/perbarui 64 indikator Perpres 72/2021 dan jenis sumber daya bawaan (idempoten)."

    def handle(self, *args, **options):
        result = sync_indicators()
        types = seed_supply_types()
        self.stdout.write(
            f"indikator: created={result.created} updated={result.updated} "
            f"unchanged={result.unchanged}; jenis sumber daya baru={types}"
        )
