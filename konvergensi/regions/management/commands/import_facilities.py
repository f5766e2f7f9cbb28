from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from konvergensi.regions.services import COLUMNS, ImportFileError, import_facilities


class Command(BaseCommand):
    help = "Mengimpor puskesmas atau posyandu dari berkas XLSX/CSV templat."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=sorted(COLUMNS))
        parser.add_argument(
            "--kabupaten",
            default=settings.KONVERGENSI_REGION,
            help="kode kabupaten/kota, mis. 53.02",
        )
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, tanpa menyimpan")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            plan = import_facilities(
                path,
                path.name,
                kind=options["kind"],
                kabupaten=options["kabupaten"],
                dry_run=options["dry_run"],
            )
        except ImportFileError as e:
            raise CommandError(str(e)) from e
        for error in plan.errors:
            self.stderr.write(str(error))
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} kesalahan; tidak ada yang disimpan.")
        prefix = "dry-run " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}created={plan.created} updated={plan.updated} unchanged={plan.unchanged}"
        )
