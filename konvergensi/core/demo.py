"""A demo kabupaten that a newcomer can log into: regions, puskesmas, posyandu, institutions,
one user per persona and this year's progress of the 8 aksi (DESIGN.md §5).

Idempotent: a second run finds everything in place and changes nothing. Later issues extend
:func:`run_demo` with their own data (measurements, indicators, plans ...)."""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from konvergensi.accounts.models import Institution, InstitutionKind, Role, User
from konvergensi.cycle import services as cycle
from konvergensi.cycle.models import Evidence, Status
from konvergensi.indicators.demo import seed_indicators
from konvergensi.measurements.demo import seed_measurements
from konvergensi.reference_data import load_opd_types
from konvergensi.regions.models import Level, Posyandu, Puskesmas, Region
from konvergensi.regions.services import load_regions
from konvergensi.situation.demo import seed_situation

DEMO_KABUPATEN = "53.02"  # Kabupaten Timor Tengah Selatan, NTT
DEMO_PASSWORD = "konvergensi-demo"

# Puskesmas of Timor Tengah Selatan named as they are known locally; other kecamatan (and other
# kabupaten) get a puskesmas named after the kecamatan.
KNOWN_PUSKESMAS = {
    "53.02.01": ["Soe", "Kota Soe"],
    "53.02.02": ["Kesetnana"],
    "53.02.03": ["Kapan", "Ajaobaki"],
    "53.02.05": ["Niki-Niki"],
    "53.02.06": ["Panite"],
    "53.02.08": ["Oinlasi"],
    "53.02.10": ["Ki'e"],
}
POSYANDU_NAMES = [
    "Mawar",
    "Melati",
    "Anggrek",
    "Kenanga",
    "Cempaka",
    "Flamboyan",
    "Kasih Ibu",
    "Bina Sehat",
    "Tunas Harapan",
    "Sejahtera",
    "Cendana",
    "Matahari",
]
OPD = [  # (opd_type code in indicators/data/opd_types.csv, name used in the kabupaten)
    ("dinkes", "Dinas Kesehatan"),
    ("dinsos", "Dinas Sosial"),
    ("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("pupr", "Dinas PUPR / Perkim"),
    ("disdik", "Dinas Pendidikan"),
    ("kemenag", "Kantor Kementerian Agama"),
    ("dkp", "Dinas Ketahanan Pangan"),
]
NOTES = {
    Status.SELESAI: "Selesai sesuai jadwal; dokumen hasil telah diunggah.",
    Status.SEDANG: "Sedang berjalan; koordinasi dengan OPD terkait.",
}


@dataclass
class DemoResult:
    kabupaten: Region
    created: dict[str, int] = field(default_factory=dict)
    users: list[tuple[str, str]] = field(default_factory=list)  # (username, description)


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.replace("Kota ", "").split())


def ensure_puskesmas(kabupaten: Region) -> int:
    """One puskesmas per kecamatan, two where it has more than 12 desa."""
    created = 0
    for kec in kabupaten.descendants(Level.KECAMATAN).order_by("code"):
        desa = list(kec.children.order_by("code"))
        parts = (
            [desa[: (len(desa) + 1) // 2], desa[(len(desa) + 1) // 2 :]]
            if len(desa) > 12
            else [desa]
        )
        names = KNOWN_PUSKESMAS.get(kec.code, [])
        for i, served in enumerate(parts, start=1):
            if i <= len(names):
                name = names[i - 1]
            else:
                name = _title(kec.name) if i == 1 else _title(served[0].name)
            code = f"P{kec.code.replace('.', '')}{i:02d}"
            pkm, was_created = Puskesmas.objects.get_or_create(
                code=code, defaults={"name": name, "kecamatan": kec}
            )
            if was_created:
                pkm.desa.set(served)
                created += 1
    return created


def ensure_posyandu(kabupaten: Region) -> int:
    """2–5 posyandu per desa, the same ones on every run (seeded by the desa code)."""
    existing = set(
        Posyandu.objects.filter(desa__code__startswith=kabupaten.code + ".").values_list(
            "desa_id", "name"
        )
    )
    served = {
        d: p
        for p in Puskesmas.objects.filter(kecamatan__code__startswith=kabupaten.code + ".")
        for d in p.desa.values_list("code", flat=True)
    }
    new = []
    for desa in kabupaten.descendants(Level.DESA).order_by("code"):
        rng = random.Random(desa.code)
        for name in rng.sample(POSYANDU_NAMES, rng.randint(2, 5)):
            if (desa.code, name) not in existing:
                new.append(Posyandu(name=name, desa=desa, puskesmas=served.get(desa.code)))
    if new:
        bulk_create_with_history(new, Posyandu, batch_size=500)
    return len(new)


def _institution(name: str, kind: str, region: Region, **extra) -> tuple[Institution, bool]:
    return Institution.objects.get_or_create(name=name, kind=kind, region=region, defaults=extra)


def ensure_institutions(kabupaten: Region) -> dict[str, Institution]:
    urusan = {t.code: t.urusan for t in load_opd_types()}
    kab_name = kabupaten.name.replace("Kabupaten ", "")
    made: dict[str, Institution] = {}
    made["bappeda"], _ = _institution(
        f"Bappeda {kab_name}", InstitutionKind.BAPPEDA, kabupaten, urusan=urusan["bappeda"]
    )
    for code, name in OPD:
        made[code], _ = _institution(
            f"{name} {kab_name}",
            InstitutionKind.OPD,
            kabupaten,
            opd_type=code,
            urusan=urusan.get(code, ""),
        )
    made["bupati"], _ = _institution(f"Bupati {kab_name}", InstitutionKind.PIMPINAN, kabupaten)
    province = Region.objects.filter(code=kabupaten.parent_id).first()
    made["provinsi"], _ = _institution(
        f"Pemerintah Provinsi {province.name.title() if province else ''}".strip(),
        InstitutionKind.PROVINSI,
        kabupaten,
    )
    for kec in kabupaten.descendants(Level.KECAMATAN).order_by("code"):
        inst, _ = _institution(f"Kecamatan {kec.name}", InstitutionKind.KECAMATAN, kec)
        made.setdefault("kecamatan", inst)
    for pkm in Puskesmas.objects.filter(kecamatan__code__startswith=kabupaten.code + "."):
        inst, _ = Institution.objects.get_or_create(
            puskesmas=pkm,
            defaults={"name": str(pkm), "kind": InstitutionKind.PUSKESMAS, "region": pkm.kecamatan},
        )
        made.setdefault("puskesmas", inst)
    first_pkm = made.get("puskesmas")
    kpm_desa = list(first_pkm.puskesmas.desa.order_by("code")[:3]) if first_pkm else []
    for desa in kpm_desa:
        inst, _ = _institution(f"Desa {desa.name} (KPM)", InstitutionKind.DESA, desa)
        made.setdefault("desa", inst)
    return made


PERSONAS = [  # username, first name, last name, institution key, role, description
    ("admin", "Maria", "Nenobais", "bappeda", Role.ADMIN, "Admin Bappeda"),
    ("bappeda", "Yohanes", "Tanaem", "bappeda", Role.OPERATOR, "Operator Bappeda"),
    ("dinkes", "Agustina", "Selan", "dinkes", Role.OPERATOR, "Operator Dinas Kesehatan"),
    ("opd.dinsos", "Markus", "Benu", "dinsos", Role.OPERATOR, "Operator Dinas Sosial"),
    ("opd.dpmd", "Fransiska", "Boimau", "dpmd", Role.OPERATOR, "Operator DPMD"),
    ("puskesmas", "Yuliana", "Taneo", "puskesmas", Role.OPERATOR, "Operator puskesmas"),
    ("kecamatan", "Daniel", "Liu", "kecamatan", Role.OPERATOR, "Operator kecamatan"),
    ("kpm", "Ester", "Nubatonis", "desa", Role.OPERATOR, "Kader Pembangunan Manusia (desa)"),
    ("bupati", "Paulus", "Mella", "bupati", Role.VIEWER, "Bupati (pembaca)"),
    ("provinsi", "Rut", "Manafe", "provinsi", Role.VIEWER, "Pemerintah Provinsi (pembaca)"),
]


def ensure_users(institutions: dict[str, Institution]) -> tuple[int, list[tuple[str, str]]]:
    created, listed = 0, []
    for username, first, last, key, role, description in PERSONAS:
        if key not in institutions:
            continue
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "institution": institutions[key],
                "email": f"{username}@example.org",
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        listed.append((username, f"{description} · {institutions[key]}"))
    return created, listed


def demo_status(months: list[int], today: datetime.date) -> str:
    """Where a kabupaten on schedule would be today: done when its months are past."""
    if months and max(months) < today.month:
        return Status.SELESAI
    if today.month in months:
        return Status.SEDANG
    return Status.BELUM


def ensure_progress(kabupaten: Region, today: datetime.date, author: User | None) -> int:
    changed = 0
    for year in (today.year - 1, today.year):
        rows = cycle.get_progress(kabupaten.code, year)
        for spec in cycle.specs():
            p = rows[spec.number]
            status = (
                Status.SELESAI if year < today.year else demo_status(cycle.months_of(spec), today)
            )
            if p.status == Status.BELUM and not p.notes and status != Status.BELUM:
                cycle.update_status(p, status=status, notes=NOTES[status])
                changed += 1
            if year == today.year and status == Status.SELESAI and author is not None:
                changed += ensure_evidence(p, spec.title, author)
    return changed


def _pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for i, line in enumerate(lines):
        pdf.drawString(72, 740 - 16 * i, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def ensure_evidence(progress, aksi_title: str, author: User) -> int:
    title = f"Berita acara {aksi_title} {progress.year}"
    if Evidence.objects.filter(progress=progress, title=title).exists():
        return 0
    content = _pdf(
        title,
        [
            f"Kabupaten: {progress.region.name}",
            f"Aksi {progress.aksi}: {aksi_title}",
            "Dokumen contoh yang dibuat oleh perintah demo.",
        ],
    )
    evidence = Evidence(progress=progress, title=title, uploaded_by=author)
    evidence.file.save(f"berita-acara-aksi{progress.aksi}.pdf", ContentFile(content), save=False)
    evidence.save()
    return 1


@transaction.atomic
def run_demo(
    kabupaten_code: str = DEMO_KABUPATEN, today: datetime.date | None = None
) -> DemoResult:
    today = today or datetime.date.today()
    loaded = load_regions(kabupaten_code)
    kabupaten = Region.objects.get(code=kabupaten_code)
    result = DemoResult(kabupaten=kabupaten)
    result.created["regions"] = loaded.created
    result.created["puskesmas"] = ensure_puskesmas(kabupaten)
    result.created["posyandu"] = ensure_posyandu(kabupaten)
    before = Institution.objects.count()
    institutions = ensure_institutions(kabupaten)
    result.created["institutions"] = Institution.objects.count() - before
    result.created["users"], result.users = ensure_users(institutions)
    admin = User.objects.filter(username="admin").first()
    result.created["progress"] = ensure_progress(kabupaten, today, admin)
    result.created.update(seed_indicators(kabupaten_code))
    result.created["measurements"] = seed_measurements(kabupaten_code, today=today).measurements
    result.created.update(seed_situation(kabupaten_code, today.year))
    return result
