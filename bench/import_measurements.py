"""Benchmark: importing e-PPGBM exports of 100k rows, on SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/import_measurements.py [--rows 100000] [--backends sqlite,postgres]
[--postgres postgres://postgres@127.0.0.1:5432/postgres] [--markdown-out FILE]``

The files are generated once by ``measurements.samplefiles.generate_eppgbm`` (seeded, messy: title
rows, misspelt desa, ~2% bad rows, duplicates) over the 278 real desa of Timor Tengah Selatan
(53.02), as xlsx and as ``;`` csv. For each backend and format the table gives:

- **read**: ``eppgbm.read_table`` + ``parse_rows`` (no database), the floor of any import;
- **preview**: ``services.preview_import`` (store, read, validate, desa and child matching,
  growth engine, predicted counts, error file);
- **confirm**: ``services.confirm_import`` into an empty database (children, measurements and
  their django-simple-history records in one transaction), in the process that previewed (the
  analysis is cached; only a check that nothing was written since the preview);
- **import (preview + confirm)**: the two steps a user takes, the headline figure (goal ≤ 10 s);
- **confirm in another process**: the same with the cache dropped, as a worker process that did
  not preview it runs it (reads, validates and matches the file again);
- **again**: preview + confirm of the same file a second time (everything unchanged);
- **no history**: the confirm with the history helpers replaced by plain ``bulk_create``, to show
  what the audit trail costs.

Each backend runs in its own process with a fresh database (a temporary SQLite file; a new
PostgreSQL database ``konvergensi_bench_import`` that is dropped at the end).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KAB = "53.02"
PG_DB = "konvergensi_bench_import"


def desa_list() -> list[tuple[str, str, str]]:
    data = ROOT / "konvergensi" / "regions" / "data"
    with open(data / "districts.csv", encoding="utf-8") as fh:
        kec = {r[0]: r[2] for r in csv.reader(fh) if r[0].startswith(KAB + ".")}
    with open(data / "villages.csv", encoding="utf-8") as fh:
        return [(kec[r[1]], r[2], r[0]) for r in csv.reader(fh) if r[1] in kec]


def make_files(rows: int, seed: int, cache: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    from konvergensi.measurements.samplefiles import generate_eppgbm

    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for fmt in ("xlsx", "csv"):
        path = cache / f"eppgbm-{rows}-{seed}.{fmt}"
        if not path.exists():
            t = time.perf_counter()
            generate_eppgbm(
                path,
                rows=rows,
                seed=seed,
                desa=desa_list(),
                fmt=fmt,
                kabupaten="TIMOR TENGAH SELATAN",
            )
            print(f"generated {path.name} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        out[fmt] = path
    return out


# --- one backend, in its own process --------------------------------------------------------


def run_backend(files: dict[str, str]) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from konvergensi.accounts.models import User
    from konvergensi.measurements import services
    from konvergensi.measurements.eppgbm import parse_rows, read_table
    from konvergensi.measurements.models import Child, ImportBatch, Measurement
    from konvergensi.regions.models import Posyandu, Region
    from konvergensi.regions.services import load_regions

    call_command("migrate", verbosity=0)
    load_regions(KAB)
    user = User.objects.create_superuser("bench", password="bench-password-1")
    region = Region.objects.get(code=KAB)

    def clear() -> None:
        # Raw deletes: the ORM's delete() would send a signal and write a history row per object.
        for model in (Measurement, Child, Posyandu):
            for m in (model.history.model, model):
                m.objects.all()._raw_delete(m.objects.db)
        ImportBatch.objects.all()._raw_delete(ImportBatch.objects.db)

    def timed(fn):
        t = time.perf_counter()
        value = fn()
        return time.perf_counter() - t, value

    results = {"vendor": connection.vendor, "version": _db_version(connection), "formats": {}}
    for fmt, path in files.items():
        data = Path(path).read_bytes()
        read_s, parsed = timed(
            lambda data=data, path=path: parse_rows(
                read_table(data, filename=Path(path).name), today=_today()
            )
        )
        n = len(parsed)
        clear()
        preview_s, batch = timed(
            lambda path=path: services.preview_import(path, user=user, region=region)
        )
        confirm_s, batch = timed(lambda batch=batch: services.confirm_import(batch, user=user))
        assert batch.status == "done", batch.message
        written = (batch.created, batch.updated, batch.unchanged, batch.rows_error)
        hist = Measurement.history.count()
        again_s, again = timed(
            lambda path=path: services.confirm_import(
                services.preview_import(path, user=user, region=region), user=user
            )
        )
        assert again.created == 0 and again.updated == 0
        clear()
        from konvergensi.measurements import fastwrite

        originals = (fastwrite._history, fastwrite._history_of_new_rows)
        fastwrite._history = fastwrite._history_of_new_rows = lambda *args, **kwargs: None
        try:
            b2 = services.preview_import(path, user=user, region=region)
            nohist_s, b2 = timed(lambda b2=b2: services.confirm_import(b2, user=user))
        finally:
            fastwrite._history, fastwrite._history_of_new_rows = originals
        clear()
        # The worker that confirms is another process than the web one that previewed: it
        # finds no cached analysis and reads, validates and matches the file again.
        b3 = services.preview_import(path, user=user, region=region)
        services._CACHE.drop(b3)
        cold_s, b3 = timed(lambda b3=b3: services.confirm_import(b3, user=user))
        assert b3.status == "done", b3.message
        clear()
        results["formats"][fmt] = {
            "rows": n, "read": read_s, "preview": preview_s, "confirm": confirm_s,
            "again": again_s, "confirm_no_history": nohist_s, "confirm_cold": cold_s,
            "created": written[0], "errors": written[3], "history_rows": hist,
        }  # fmt: skip
    return results


def _today():
    import datetime as dt

    return dt.date(2026, 1, 1)


def _db_version(connection) -> str:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("select sqlite_version()")
            return "SQLite " + cur.fetchone()[0]
        cur.execute("show server_version")
        return "PostgreSQL " + cur.fetchone()[0]


def spawn(backend: str, files: dict[str, Path], pg_url: str) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="konvergensi.settings", TASKS_IMMEDIATE="1",
               AXES_ENABLED="0", LOG_LEVEL="WARNING", DEBUG="0")  # fmt: skip
    tmp = tempfile.mkdtemp(prefix="konv-bench-")
    env["KONVERGENSI_DATA_DIR"] = tmp
    env["MEDIA_ROOT"] = str(Path(tmp) / "media")
    if backend == "postgres":
        import psycopg

        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = pg_url.rsplit("/", 1)[0] + "/" + PG_DB
    else:
        env.pop("DATABASE_URL", None)
    try:
        arg = json.dumps({k: str(v) for k, v in files.items()})
        out = subprocess.run(
            [sys.executable, __file__, "--inner", arg],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        print(exc.stderr, file=sys.stderr)
        raise
    finally:
        if backend == "postgres":
            import psycopg

            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {len(os.sched_getaffinity(0))} usable cores{mem}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}, "
            f"load average {load:.1f} at start")  # fmt: skip


def table(all_results: list[dict]) -> str:
    lines = [
        "| Backend | Format | Rows | Step | Seconds | Rows/s | × read |",
        "|---|---|---:|---|---:|---:|---:|",
    ]
    for res in all_results:
        for fmt, r in res["formats"].items():
            steps = [
                ("**import (preview + confirm)**", r["preview"] + r["confirm"]),
                ("read (read_table + parse_rows)", r["read"]),
                ("preview", r["preview"]),
                ("confirm (with history)", r["confirm"]),
                ("confirm in another process (file read again)", r["confirm_cold"]),
                ("same file again (all unchanged)", r["again"]),
                ("confirm without history", r["confirm_no_history"]),
            ]
            for name, s in steps:
                lines.append(
                    f"| {res['version']} | {fmt} | {r['rows']:,} | {name} | {s:.2f} | "
                    f"{r['rows'] / s:,.0f} | {s / r['read']:.1f} |"
                )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "konvergensi-bench"))
    parser.add_argument("--markdown-out")
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_backend(json.loads(args.inner))))
        return
    files = make_files(args.rows, args.seed, Path(args.cache))
    results = [spawn(b, files, args.postgres) for b in args.backends.split(",") if b]
    for res in results:
        for fmt, r in res["formats"].items():
            print(f"{res['version']} {fmt}: created={r['created']} errors={r['errors']} "
                  f"history={r['history_rows']}", file=sys.stderr)  # fmt: skip
    md = f"Machine: {machine()}\n\n{table(results)}\n"
    print(md)
    if args.markdown_out:
        Path(args.markdown_out).write_text(md)


if __name__ == "__main__":
    main()
