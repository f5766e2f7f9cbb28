from django.core.management.base import BaseCommand, CommandError

from konvergensi.core.demo import DEMO_KABUPATEN, DEMO_PASSWORD, run_demo
from konvergensi.regions.models import Region


class Command(BaseCommand):
    help = "Menyiapkan kabupaten demo (Timor Tengah Selatan) dengan pengguna per persona."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", default=DEMO_KABUPATEN, help="mis. 53.02")
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, **options):
        code = options["kabupaten"].strip()
        if code.count(".") != 1:
            raise CommandError(f"Kode kabupaten tidak valid: {code!r} (contoh: 53.02)")
        try:
            result = run_demo(code)
        except Region.DoesNotExist as e:
            raise CommandError(f"Kode wilayah {code} tidak ditemukan.") from e
        created = " ".join(f"{k}={v}" for k, v in result.created.items())
        self.stdout.write(f"{result.kabupaten} ({result.kabupaten.code}): {created}")
        self.stdout.write(f"\nBuka {options['url']} dan masuk dengan kata sandi {DEMO_PASSWORD!r}:")
        for username, description in result.users:
            self.stdout.write(f"  {username:<12} {description}")
