from django.core.management.base import BaseCommand, CommandError

from konvergensi.regions.services import load_regions


class Command(BaseCommand):
    help = "Memuat kode wilayah Kemendagri (idn-area-data, ODbL 1.0)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--kabupaten", help="kode kabupaten/kota, mis. 53.02")
        group.add_argument("--province", help="kode provinsi, mis. 53")
        group.add_argument("--all", action="store_true", help="seluruh Indonesia")

    def handle(self, *args, **options):
        scope = "" if options["all"] else (options["kabupaten"] or options["province"]).strip()
        if options["kabupaten"] and scope.count(".") != 1:
            raise CommandError(f"Kode kabupaten tidak valid: {scope!r} (contoh: 53.02)")
        if options["province"] and "." in scope:
            raise CommandError(f"Kode provinsi tidak valid: {scope!r} (contoh: 53)")
        result = load_regions(scope)
        if scope and result.created + result.updated + result.unchanged == 0:
            raise CommandError(f"Kode wilayah {scope} tidak ditemukan.")
        self.stdout.write(
            f"created={result.created} updated={result.updated} unchanged={result.unchanged}"
        )
