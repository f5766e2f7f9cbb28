"""Loading the Kemendagri code lists shipped in ``regions/data`` (idn-area-data, ODbL 1.0)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Level, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = [
    (Level.PROVINSI, "provinces.csv"),
    (Level.KABUPATEN, "regencies.csv"),
    (Level.KECAMATAN, "districts.csv"),
    (Level.DESA, "villages.csv"),
]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _rows(level: Level, filename: str) -> Iterator[tuple[str, str | None, str]]:
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            if level == Level.PROVINSI:
                yield row[0], None, row[1]
            else:
                yield row[0], row[1], row[2]


def _wanted(code: str, scope: str) -> bool:
    """A row belongs to the scope when it is inside it or one of its ancestors."""
    return (
        not scope or code.startswith(scope + ".") or code == scope or scope.startswith(code + ".")
    )


@transaction.atomic
def load_regions(scope: str = "") -> LoadResult:
    """Load (or refresh) the regions inside ``scope`` (a code, or "" for the nation) and their
    ancestors. Idempotent: a second run changes nothing and reports everything unchanged."""
    existing = dict(Region.objects.values_list("code", "name"))
    to_create: list[Region] = []
    to_update: list[Region] = []
    unchanged = 0
    for level, filename in FILES:
        for code, parent, name in _rows(level, filename):
            if not _wanted(code, scope):
                continue
            if code not in existing:
                to_create.append(Region(code=code, name=name, level=level, parent_id=parent))
            elif existing[code] != name:
                to_update.append(Region(code=code, name=name))
            else:
                unchanged += 1
    # Parents are created before children because FILES runs top-down.
    Region.objects.bulk_create(to_create, batch_size=2000)
    Region.objects.bulk_update(to_update, ["name"], batch_size=2000)
    return LoadResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)
