"""Import an e-PPGBM export from the command line: the same preview and confirmation as the web.

Prints ``ok=N warnings=N errors=N created=N updated=N unchanged=N`` and writes the problem rows
beside the input (``<name>.galat.xlsx`` / ``.csv``). A file that cannot be imported at all
exits with status 1 and the reason.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from konvergensi.accounts.access import Access
from konvergensi.measurements import services
from konvergensi.measurements.access import can_import_measurements, import_region_for_user
from konvergensi.measurements.models import ImportStatus
from konvergensi.regions.models import Region


class Command(BaseCommand):
    help = "Impor ekspor e-PPGBM (xlsx/csv) ke data pengukuran."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas ekspor e-PPGBM (xlsx, xls, ods atau csv)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        parser.add_argument("--user", help="nama pengguna pengimpor (bawaan: superuser pertama)")
        parser.add_argument("--region", help="kode wilayah (bawaan: wilayah pengguna)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        user = _user(options["user"])
        access = Access(user)
        if not can_import_measurements(access):
            raise CommandError(f"Pengguna {user.username} tidak berhak mengimpor pengukuran.")
        region = _region(options["region"], access)
        batch = services.preview_import(path, user=user, region=region)
        if batch.status == ImportStatus.FAILED:
            raise CommandError(batch.message)
        if not options["dry_run"]:
            batch = services.confirm_import(batch, user=user)
            if batch.status != ImportStatus.DONE:
                raise CommandError(batch.message)
        error_path = path.with_name(services.error_file_name(path.name, batch.summary["format"]))
        if batch.error_file:
            with batch.error_file.open("rb") as fh:
                error_path.write_bytes(fh.read())
        elif error_path.exists():
            error_path.unlink()  # a stale file from an earlier run would mislead
        self.stdout.write(
            f"ok={batch.rows_ok} warnings={batch.rows_warning} errors={batch.rows_error} "
            f"created={batch.created} updated={batch.updated} unchanged={batch.unchanged}"
        )
        if batch.error_file:
            self.stderr.write(f"Baris bermasalah ditulis ke {error_path}")


def _user(username: str | None):
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna '{username}' tidak ditemukan.")
        return user
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError("Sebutkan --user: tidak ada superuser.")
    return user


def _region(code: str | None, access: Access) -> Region:
    if code:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"Wilayah dengan kode {code} tidak ditemukan.")
        return region
    region = import_region_for_user(access)
    if region is None:
        deployment = settings.KONVERGENSI_REGION or "(nasional)"
        raise CommandError(f"Sebutkan --region: wilayah {deployment} belum dimuat.")
    return region
