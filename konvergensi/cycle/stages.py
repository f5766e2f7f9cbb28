"""The stages (tahapan) of each aksi as the Pedoman orders them (``AksiSpec.stages``, from
``cycle/data/kerangka_kegiatan.toml``), with a link to the page where the app supports a stage.
The page decides access: a link only leads there."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from konvergensi.reference_data import AksiSpec


@dataclass(frozen=True)
class StageLink:
    label: str | Promise
    url_name: str
    # what the URL takes: nothing, the selected year, the year before it, the kabupaten code
    arg: str | None = None


_SITUATION = StageLink(_("Analisis Situasi"), "situation:year", "year")
_COVERAGE = StageLink(_("Data cakupan indikator"), "indicators:index")
_PREVALENCE = StageLink(_("Analisis prevalensi stunting"), "measurements:prevalence_home")
_QUALITY = StageLink(_("Mutu data pengukuran"), "measurements:quality", "kabupaten")

# (aksi, stage number from 1) → the pages for that stage; stages not listed have none yet.
LINKS: dict[tuple[int, int], tuple[StageLink, ...]] = {
    (1, 1): (_SITUATION,),
    (1, 2): (StageLink(_("Analisis Situasi tahun sebelumnya"), "situation:year", "previous_year"),),
    (1, 3): (_SITUATION, _COVERAGE, _PREVALENCE),
    (6, 1): (_COVERAGE,),
    (6, 2): (_QUALITY,),
    (7, 1): (StageLink(_("Putaran pengukuran"), "measurements:rounds"),),
    (7, 2): (
        StageLink(_("Impor data e-PPGBM"), "measurements:imports"),
        StageLink(_("Entri pengukuran"), "measurements:entry"),
    ),
    (7, 3): (_QUALITY,),
    (7, 4): (_PREVALENCE,),
}


@dataclass(frozen=True)
class Stage:
    number: int
    text: str
    links: tuple[tuple[str | Promise, str], ...]  # (label, URL)


def _url(link: StageLink, *, year: int, kabupaten: str) -> str:
    args = {
        None: [],
        "year": [year],
        "previous_year": [year - 1],
        "kabupaten": [kabupaten],
    }[link.arg]
    return reverse(link.url_name, args=args)


def stages(spec: AksiSpec, *, year: int, kabupaten: str) -> list[Stage]:
    return [
        Stage(
            number,
            text,
            tuple(
                (link.label, _url(link, year=year, kabupaten=kabupaten))
                for link in LINKS.get((spec.number, number), ())
            ),
        )
        for number, text in enumerate(spec.stages, start=1)
    ]
