"""Recompute the stored z-scores, flags and categories after a growth engine change."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from konvergensi.measurements.services import recompute_zscores


class Command(BaseCommand):
    help = "Hitung ulang z-score, tanda dan kategori semua pengukuran dengan mesin terbaru."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, **options):
        changed = recompute_zscores(batch_size=max(1, options["batch_size"]))
        self.stdout.write(f"changed={changed}")
