"""``manage.py prevalence``: the prevalence table of the analysis pages, as JSON or text.

    manage.py prevalence --level desa --from 2026-02-01 --to 2026-02-28 --region 53.02 --json
    manage.py prevalence --level kecamatan --round "Februari 2026"

Prints the same figures as the page (``prevalence.prevalence_table(...).to_json()``): with
``--json`` a JSON array of rows (code, name, level, measured, per indicator cases, n,
prevalence, lower, upper, flagged; sasaran, coverage); the period and denominator go to stderr.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from konvergensi.measurements.prevalence import (
    LEVELS,
    Period,
    prevalence_table,
    rounds_for,
)
from konvergensi.regions.models import Region


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise CommandError(f"Tanggal tidak sah: {value!r} (format YYYY-MM-DD)") from err


class Command(BaseCommand):
    help = "Prevalensi stunting, wasting, underweight dan overweight per unit (JSON atau teks)."

    def add_arguments(self, parser):
        parser.add_argument("--level", choices=LEVELS, default="desa")
        parser.add_argument("--from", dest="start")
        parser.add_argument("--to", dest="end")
        parser.add_argument("--round", dest="round_name", help="nama putaran pengukuran")
        parser.add_argument("--region", help="kode wilayah (bawaan: KONVERGENSI_REGION)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        code = opts["region"] or settings.KONVERGENSI_REGION
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"Wilayah {code!r} tidak ada.")
        table = prevalence_table(_period(opts, code), opts["level"], region)
        data = table.to_json()
        self.stderr.write(f"{table.denominator}.")
        if opts["json"]:
            self.stdout.write(json.dumps(data["rows"], ensure_ascii=False, indent=1))
            return
        for row in data["rows"]:
            s = row["stunting"]
            pct = "tidak ada data" if s["prevalence"] is None else f"{s['prevalence']:.1%}"
            self.stdout.write(f"{row['code']:<14} {row['name']:<30} {s['cases']}/{s['n']} {pct}")


def _period(opts, code: str) -> Period:
    if opts["round_name"]:
        rnd = rounds_for(code).filter(name=opts["round_name"]).first()
        if rnd is None:
            raise CommandError(f"Putaran {opts['round_name']!r} tidak ada.")
        return Period.of_round(rnd)
    if not (opts["start"] and opts["end"]):
        raise CommandError("Beri --round, atau --from dan --to.")
    return Period.of_dates(_date(opts["start"]), _date(opts["end"]))
