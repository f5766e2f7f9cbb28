"""Benchmark: the kabupaten prevalence page for 300 desa and 150,000 children.

Run: ``.venv/bin/python bench/prevalence_page.py [--children 150000] [--desa 300]
[--backends sqlite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/test]
[--renders 9] [--markdown-out FILE]``

Data (seeded): the 278 real desa of Timor Tengah Selatan (53.02) plus synthetic desa up to
``--desa``, two posyandu per desa, sasaran per desa, two rounds (Februari and Agustus 2026);
every child is measured in each round with probability 0.85, so the Agustus page aggregates
about 0.85 × children last measurements out of about 1.7 × children rows. The z-scores are
drawn (HAZ shifted per desa) and 0.3% of values flagged; the page does not run the growth
engine. Rows are written with plain ``executemany`` (``measurements.demo._insert``).

Each backend runs in its own process with a fresh database: a temporary SQLite file, or a new
PostgreSQL database ``konvergensi_bench_prevalence`` on the given server (dropped at the end).
Timing: Django's test ``Client`` GET of ``/pengukuran/analisis/wilayah/53.02/?putaran=<Agustus>``
(the whole view: the counts, roll-up, template, chart data), logged in as a Dinas Kesehatan
operator (scope = the kabupaten prefix); one warm-up, then the median of ``--renders``. A round
is counted from its stored per-desa summary (``prevalence.refresh_round``), brought up to date
first. Also: the kecamatan page, the puskesmas view, the coverage page and the CLI's service
call alone (``prevalence_table``).

Cold (one render each, after a change): measurements written as the e-PPGBM import writes them
(``fastwrite`` with history, batch saved as done, which refreshes the summary: that refresh is
timed too, it is what the import pays) for the children of one kecamatan not yet measured in
the round, then for every remaining child of the kabupaten; the same for a second kecamatan
without the import's refresh (the first viewer recounts the touched desa); the page after
``invalidate()`` (no usable summary: the whole round recounted on the page); and a free date
range with the round's dates (always the live query, cached by data version).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KAB = "53.02"
PG_DB = "konvergensi_bench_prevalence"


def setup_data(children: int, n_desa: int, seed: int) -> dict:
    import datetime as dt

    import numpy as np
    from django.core.management import call_command

    from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
    from konvergensi.measurements.demo import _insert
    from konvergensi.measurements.models import Child, Measurement, MeasurementRound, Sasaran
    from konvergensi.regions.models import Level, Posyandu, Puskesmas, Region
    from konvergensi.regions.services import load_regions

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    load_regions(KAB)
    kab = Region.objects.get(code=KAB)
    kecs = list(Region.objects.filter(level=Level.KECAMATAN, code__startswith=KAB + "."))
    desa = list(
        Region.objects.filter(level=Level.DESA, code__startswith=KAB + ".").order_by("code")
    )
    extra = []
    for i in range(max(0, n_desa - len(desa))):
        kec = kecs[i % len(kecs)]
        extra.append(
            Region(code=f"{kec.code}.29{i:02d}", name=f"Desa Uji {i}", level=Level.DESA, parent=kec)
        )
    Region.objects.bulk_create(extra)
    desa = list(
        Region.objects.filter(level=Level.DESA, code__startswith=KAB + ".").order_by("code")
    )[:n_desa]
    codes = [d.code for d in desa]
    for k, kec in enumerate(kecs):
        pkm = Puskesmas.objects.create(code=f"P{k}", name=kec.name, kecamatan=kec)
        pkm.desa.set([d for d in desa if d.code.startswith(kec.code + ".")])
    Posyandu.objects.bulk_create(
        [Posyandu(desa=d, name=name) for d in desa for name in ("Mawar", "Melati")]
    )
    pos = {}
    for p in Posyandu.objects.all():
        pos.setdefault(p.desa_id, []).append(p.pk)
    rng = np.random.default_rng(seed)
    d_idx = rng.integers(0, len(codes), children)
    sex = rng.integers(1, 3, children)
    born = dt.date(2021, 9, 1).toordinal() + rng.integers(0, 1580, children)
    _insert(
        Child,
        ["nik", "mother_name", "father_name", "address", "rt", "rw", "name", "sex", "birth_date",
         "desa", "posyandu", "match_key"],
        [
            ("", "", "", "", "", "", f"Anak {i}", int(sex[i]),
             dt.date.fromordinal(int(born[i])), codes[d_idx[i]], pos[codes[d_idx[i]]][i % 2],
             f"anak {i}")
            for i in range(children)
        ],
    )  # fmt: skip
    ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    shift = rng.uniform(-1.8, -0.6, len(codes))
    rounds = []
    for name, start, end in (
        ("Februari 2026", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("Agustus 2026", dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
    ):
        rounds.append(
            MeasurementRound.objects.create(region=kab, name=name, start_date=start, end_date=end)
        )
        present = np.nonzero(rng.random(children) < 0.85)[0]
        day = start.toordinal() + rng.integers(0, 28, present.size)
        zlen = np.round(rng.normal(shift[d_idx[present]], 1.1), 2)
        zwei = np.round(rng.normal(-0.9, 1.0, present.size), 2)
        zwfl = np.round(rng.normal(-0.3, 1.0, present.size), 2)
        flag = rng.random((3, present.size)) < 0.003
        rows = [
            (ids[i], dt.date.fromordinal(int(day[j])), codes[d_idx[i]], pos[codes[d_idx[i]]][i % 2],
             int(day[j] - born[i]), 10.0, 80.0, "l", False, "", float(zlen[j]), float(zwei[j]),
             float(zwfl[j]), bool(flag[0, j]), bool(flag[1, j]), bool(flag[2, j]), False, "", "",
             "", "", "bench")
            for j, i in enumerate(present.tolist())
        ]  # fmt: skip
        _insert(
            Measurement,
            ["child", "measured_on", "desa_code", "posyandu", "age_days", "weight_kg", "lenhei_cm",
             "measure", "oedema", "measurer", "zlen", "zwei", "zwfl", "flen", "fwei", "fwfl",
             "fbmi", "cat_wfa", "cat_hfa", "cat_wfh", "cat_bfa", "engine_version"],
            rows,
        )  # fmt: skip
    Sasaran.objects.bulk_create(
        [Sasaran(desa_id=c, year=2026, count=int(np.sum(d_idx == k) * 1.1), source="entered")
         for k, c in enumerate(codes)]
    )  # fmt: skip
    inst = Institution.objects.create(
        name="Dinas Kesehatan", kind=InstitutionKind.OPD, opd_type="dinkes", region=kab
    )
    User.objects.create_user(
        username="dinkes", password="x" * 12, institution=inst, role=Role.OPERATOR
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return {
        "setup_s": round(time.perf_counter() - t0, 1),
        "measurements": Measurement.objects.count(),
        "desa": len(codes),
        "round": rounds[-1].pk,
    }


def time_pages(round_pk: int, renders: int) -> dict:
    from django.conf import settings
    from django.test import Client

    from konvergensi.accounts.models import User
    from konvergensi.measurements.models import MeasurementRound
    from konvergensi.measurements.prevalence import Period, prevalence_table
    from konvergensi.regions.models import Region

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(username="dinkes"))
    out = {}
    base, q = "/pengukuran/analisis", f"?putaran={round_pk}"
    pages = {
        "kabupaten page (per kecamatan)": f"{base}/wilayah/{KAB}/{q}",
        "kabupaten page (per puskesmas)": f"{base}/wilayah/{KAB}/puskesmas/{q}",
        "kecamatan page (per desa)": f"{base}/wilayah/{KAB}.01/{q}",
        "coverage page (300 desa)": f"{base}/cakupan/{KAB}/{q}",
    }
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(renders):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
        out[label] = (statistics.median(times), min(times), max(times))
    out.update(time_cold(round_pk, renders, client, pages["kabupaten page (per kecamatan)"]))
    period = Period.of_round(MeasurementRound.objects.get(pk=round_pk))
    kab = Region.objects.get(code=KAB)
    times = []
    for _ in range(renders):
        t = time.perf_counter()
        prevalence_table(period, "desa", kab).to_json()
        times.append((time.perf_counter() - t) * 1000)
    out["service only, 300 desa rows (CLI path)"] = (
        statistics.median(times),
        min(times),
        max(times),
    )
    return out


def _import_rows(round_pk: int, prefix: str, *, refresh: bool) -> tuple[int, float]:
    """Write one measurement in the round for every child of the desa under ``prefix`` not yet
    measured in it, as the e-PPGBM import writes (``fastwrite``, with history), then save the
    batch as done (which refreshes the round summary, timed). Returns (rows, refresh ms)."""
    from django.db import transaction
    from django.db.models import Exists, OuterRef

    from konvergensi.accounts.models import User
    from konvergensi.measurements import fastwrite
    from konvergensi.measurements.models import (
        Child,
        ImportBatch,
        ImportStatus,
        Measurement,
        MeasurementRound,
    )

    rnd = MeasurementRound.objects.get(pk=round_pk)
    user = User.objects.get(username="dinkes")
    measured = Measurement.objects.filter(
        child_id=OuterRef("pk"), measured_on__gte=rnd.start_date, measured_on__lte=rnd.end_date
    )
    children = list(
        Child.objects.filter(desa__code__startswith=prefix + ".")
        .filter(~Exists(measured))
        .values_list("pk", "desa_id", "posyandu_id", "birth_date")
    )
    batch = ImportBatch.objects.create(
        filename="bench.csv", checksum="bench", region_id=KAB, user=user,
        status=ImportStatus.RUNNING,
    )  # fmt: skip
    day = rnd.end_date
    cols: dict[str, list] = {
        "child_id": [c[0] for c in children],
        "measured_on": [day] * len(children),
        "desa_code": [c[1] for c in children],
        "posyandu_id": [c[2] for c in children],
        "age_days": [(day - c[3]).days for c in children],
        "batch_id": [batch.pk] * len(children),
    }
    n = len(children)
    constant = {"weight_kg": 10.0, "lenhei_cm": 80.0, "measure": "l", "oedema": False,
                "measurer": "", "zlen": -2.4, "zwei": -1.0, "zwfl": 0.1, "flen": False,
                "fwei": False, "fwfl": False, "fbmi": False, "cat_wfa": "", "cat_hfa": "",
                "cat_wfh": "", "cat_bfa": "", "engine_version": "bench"}  # fmt: skip
    cols.update({k: [v] * n for k, v in constant.items()})
    with transaction.atomic():
        fastwrite.insert(Measurement, cols, user=user, reason="Impor bench.csv")
    batch.status = ImportStatus.DONE
    t = time.perf_counter()
    if refresh:
        batch.save()
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.DONE)
    return n, (time.perf_counter() - t) * 1000


def time_cold(round_pk: int, renders: int, client, url: str) -> dict:
    """The first render of the round's kabupaten page after a change, in four situations."""
    from konvergensi.measurements.models import MeasurementRound
    from konvergensi.measurements.prevalence import invalidate

    out = {}
    rnd = MeasurementRound.objects.get(pk=round_pk)

    def first_render(label: str, target: str = url) -> None:
        t = time.perf_counter()
        assert client.get(target).status_code == 200
        ms = (time.perf_counter() - t) * 1000
        out[label] = (ms, ms, ms)

    # 1. A puskesmas file (one kecamatan's children not yet measured): the import refreshes the
    #    summary for the desa it touched, then the Bappeda opens the page.
    kec1, kec2 = f"{KAB}.01", f"{KAB}.02"
    n, ms = _import_rows(round_pk, kec1, refresh=True)
    out[f"import of {n:,} rows (1 kecamatan): summary refresh in the import"] = (ms, ms, ms)
    first_render("kabupaten page, first render after that import")
    # 2. The same without the import's refresh: the first viewer recounts the touched desa.
    n, _ms = _import_rows(round_pk, kec2, refresh=False)
    first_render(f"kabupaten page, first render after {n:,} rows written, no refresh")
    # 3. A kabupaten file: every desa touched (the whole round is recounted in the import).
    n, ms = _import_rows(round_pk, KAB, refresh=True)
    out[f"import of {n:,} rows (every desa): summary refresh in the import"] = (ms, ms, ms)
    first_render("kabupaten page, first render after that import")
    # 4. No usable summary (after invalidate(), or a round never viewed): built on the page.
    times = []
    for _ in range(3):
        invalidate()
        t = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - t) * 1000)
    out["kabupaten page, cold, summary rebuilt (after invalidate())"] = (
        statistics.median(times), min(times), max(times),
    )  # fmt: skip
    # 5. A free date range (same dates as the round) is counted live, cached by data version.
    dates = f"?dari={rnd.start_date}&sampai={rnd.end_date}"
    live = url.split("?")[0] + dates
    times = []
    for _ in range(3):
        invalidate()
        t = time.perf_counter()
        assert client.get(live).status_code == 200
        times.append((time.perf_counter() - t) * 1000)
    out["kabupaten page, free date range, cold (live query)"] = (
        statistics.median(times), min(times), max(times),
    )  # fmt: skip
    return out


def child_main(args) -> None:
    import django

    django.setup()
    info = setup_data(args.children, args.desa, args.seed)
    info["timings"] = time_pages(info["round"], args.renders)
    print("RESULT " + json.dumps(info))


def run(backend: str, args) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="konvergensi.settings", DEBUG="false",
               SECRET_KEY="bench", ALLOWED_HOSTS="*")  # fmt: skip
    env.pop("PRODUCTION", None)
    tmp = None
    if backend == "sqlite":
        tmp = tempfile.mkdtemp()
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + PG_DB
    try:
        sizes = ["--children", str(args.children), "--desa", str(args.desa)]
        cmd = [sys.executable, __file__, "--child", *sizes, "--renders", str(args.renders),
               "--seed", str(args.seed)]  # fmt: skip
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            raise SystemExit(proc.stdout[-3000:] + proc.stderr[-5000:])
        return json.loads(line[7:])
    finally:
        if backend == "postgres":
            import psycopg

            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=150_000)
    p.add_argument("--desa", type=int, default=300)
    p.add_argument("--renders", type=int, default=9)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--backends", default="sqlite,postgres")
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/test")
    p.add_argument("--markdown-out")
    p.add_argument("--child", action="store_true")
    args = p.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child_main(args)
        return
    lines = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.children:,} children, {args.desa} desa.",
        "",
        "| backend | measurements | setup s | page | median ms | min ms | max ms |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for backend in args.backends.split(","):
        res = run(backend, args)
        for label, (med, lo, hi) in res["timings"].items():
            lines.append(
                f"| {backend} | {res['measurements']:,} | {res['setup_s']} | {label} | "
                f"{med:.0f} | {lo:.0f} | {hi:.0f} |"
            )
    text = "\n".join(lines)
    print(text)
    if args.markdown_out:
        Path(args.markdown_out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
