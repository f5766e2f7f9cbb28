"""Import an e-PPGBM export from the command line: the same preview and confirmation as the web.

Prints ``ok=N warnings=N errors=N created=N updated=N unchanged=N``, then the same in a
sentence, and writes the problem rows beside the input (``<name>.galat.xlsx`` / ``.csv``).
Exit status 1 when the file cannot be imported at all, or when not one of its rows can.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, ProgrammingError

from konvergensi.accounts.access import Access
from konvergensi.core.cli import acting_user
from konvergensi.measurements import matching, services, tasks
from konvergensi.measurements.access import can_import_measurements, import_region_for_user
from konvergensi.measurements.models import ImportBatch, ImportStatus
from konvergensi.regions.models import Region

DRY_RUN_MESSAGE = "Uji coba dari baris perintah (--dry-run): tidak ada data yang disimpan."


class Command(BaseCommand):
    help = (
        "Impor ekspor e-PPGBM (xlsx/csv) ke data pengukuran. Baris yang baik disimpan, baris "
        "bermasalah ditulis ke <nama>.galat.xlsx/.csv. Status keluar 0 bila ada baris yang "
        "diimpor (walau ada baris bergalat); 1 bila berkas tidak bisa dibaca atau tidak satu "
        "baris pun bisa diimpor."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas ekspor e-PPGBM (xlsx, xls, ods atau csv)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="periksa saja, jangan simpan (impornya tercatat sebagai dibatalkan)",
        )
        parser.add_argument("--user", help="nama pengguna pengimpor (bawaan: superuser pertama)")
        parser.add_argument(
            "--region",
            help="kode wilayah (bawaan: kabupaten pengguna); baris di luarnya tidak diimpor",
        )
        parser.add_argument(
            "--desa",
            action="append",
            default=[],
            metavar="NAMA=KODE",
            help="desa yang dimaksud untuk nama desa yang tidak persis sama, misalnya "
            '--desa "Oebesah=53.02.01.1003"; boleh diulang',
        )

    def handle(self, *args, **options):
        try:
            self._import(options)
        except (OperationalError, ProgrammingError) as exc:
            # A database that was never migrated (or is locked, or unreachable) is the
            # operator's to fix: say so in one line, not with a stack trace.
            raise CommandError(
                f"Basis data belum siap atau tidak bisa dipakai ({str(exc).strip()}). "
                "Jalankan `manage.py migrate` (dan periksa DATABASE_URL), lalu ulangi."
            ) from exc

    def _import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        user = acting_user(options["user"])
        access = Access(user)
        if not can_import_measurements(access):
            raise CommandError(f"Pengguna {user.username} tidak berhak mengimpor pengukuran.")
        region = _region(options["region"], access)
        picks = _picks(options["desa"])
        batch = services.preview_import(path, user=user, region=region)
        if batch.status == ImportStatus.FAILED:
            raise CommandError(batch.message)
        confirmations = self._confirmations(batch, picks)
        if options["dry_run"]:
            if confirmations:
                batch = services.apply_confirmations(
                    batch, user=user, desa_confirmations=confirmations
                )
            # a dry run leaves nothing to confirm on the web
            services.cancel_import(batch)
            ImportBatch.objects.filter(pk=batch.pk).update(message=DRY_RUN_MESSAGE)
        else:
            batch = tasks.confirm_here(batch, user=user, desa_confirmations=confirmations)
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
        for s in batch.summary.get("suggestions", []):
            self.stderr.write(_suggestion_hint(s))
        if batch.error_file:
            self.stderr.write(f"Baris bermasalah ditulis ke {error_path}")
        if batch.rows_total and not (batch.created + batch.updated + batch.unchanged):
            raise CommandError(
                f"Tidak satu baris pun bisa diimpor: {batch.rows_error} dari {batch.rows_total} "
                "baris bergalat. Perbaiki berkas galat lalu impor ulang."
            )
        self.stdout.write(_sentence(batch, dry_run=options["dry_run"]))

    def _confirmations(
        self, batch: ImportBatch, picks: dict[str, tuple[str, str]]
    ) -> dict[str, str]:
        """The ``--desa`` picks as the preview's desa confirmations, keyed like the web's."""
        out: dict[str, str] = {}
        used: set[str] = set()
        for s in batch.summary.get("suggestions", []):
            key = matching.norm_place(s["desa"])
            if key not in picks:
                continue
            code = picks[key][1]
            used.add(key)
            if code not in {o["code"] for o in s["options"]}:
                names = ", ".join(f"{o['name']} ({o['code']})" for o in s["options"])
                raise CommandError(
                    f"--desa: kode {code} bukan pilihan untuk '{s['desa']}' (Kecamatan "
                    f"{s['kecamatan']}); pilihannya: {names}."
                )
            out[s["key"]] = code
        for key in picks.keys() - used:
            self.stderr.write(
                f"--desa: nama desa '{picks[key][0]}' tidak ada di antara nama yang perlu dipilih."
            )
        return out


def _picks(values: list[str]) -> dict[str, tuple[str, str]]:
    """``--desa "NAMA=KODE"`` values by normalised name: (name as given, code)."""
    picks = {}
    for value in values:
        name, sep, code = value.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            raise CommandError(f'--desa harus berbentuk "NAMA=KODE", bukan "{value}".')
        picks[matching.norm_place(name)] = (name.strip(), code.strip())
    return picks


def _suggestion_hint(s: dict[str, Any]) -> str:
    options = ", ".join(f"{o['name']} ({o['code']})" for o in s["options"])
    first = s["options"][0]["code"]
    return (
        f"Desa '{s['desa']}' (Kecamatan {s['kecamatan']}, {s['rows']} baris) tidak ditemukan "
        f"persis; mungkin: {options}. Untuk mengimpornya, jalankan ulang dengan "
        f'--desa "{s["desa"]}={first}".'
    )


def _sentence(batch: ImportBatch, *, dry_run: bool) -> str:
    counts = f"{batch.created} baru, {batch.updated} diperbarui, {batch.unchanged} tidak berubah"
    skipped = f"; {batch.rows_error} baris bergalat tidak diimpor" if batch.rows_error else ""
    if filled := batch.summary.get("nik_filled"):
        counts += f", NIK dilengkapi untuk {filled} anak"
    if dry_run:
        return f"Uji coba, tidak ada yang disimpan. Bila diimpor: {counts}{skipped}."
    return f"Impor selesai: {counts}{skipped}."


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
