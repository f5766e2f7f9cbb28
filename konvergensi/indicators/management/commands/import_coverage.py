"""Import coverage values (or supply counts with --supply) from an xlsx template, on the same
code path as the web upload. Prints ok/errors/created/updated/unchanged."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from konvergensi.accounts.access import Access
from konvergensi.core.cli import acting_user
from konvergensi.indicators.coverage import CoverageSpec
from konvergensi.indicators.supply import SupplySpec
from konvergensi.indicators.tabular import ImportFileError, run_import


class Command(BaseCommand):
    help = "Impor nilai cakupan indikator dari templat xlsx."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="pengguna yang mengimpor (bawaan: superuser pertama)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        parser.add_argument("--supply", action="store_true", help="berkas sumber daya per desa")

    def handle(self, *args, file, user, dry_run, supply, **options):
        account = acting_user(user)
        kabupaten = Access(account).kabupaten_code or settings.KONVERGENSI_REGION
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"berkas tidak ditemukan: {file}")
        spec = (SupplySpec if supply else CoverageSpec)(account, kabupaten, path.name)
        try:
            report = run_import(spec, path.read_bytes(), user=account, dry_run=dry_run)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        for issue in report.issues:
            self.stderr.write(str(issue))
        self.stdout.write(report.summary())
