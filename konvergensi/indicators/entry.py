"""Shared checks for one entered figure (web form, grid, spreadsheet row): the same rules and
the same Indonesian messages everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from konvergensi.accounts.models import Institution, InstitutionKind

from .models import Indicator
from .numbers import quantize2

HUNDRED = Decimal(100)
TOLERANCE = Decimal("0.1")


@dataclass(frozen=True)
class Figure:
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal


def compute_figure(
    indicator: Indicator,
    numerator: Decimal | None,
    denominator: Decimal | None,
    value: Decimal | None,
) -> tuple[Figure | None, list[tuple[str, str]]]:
    """The value to store and the problems as ``[(column, message)]``.

    With both numerator and denominator the value is computed (× 100 for a percentage); a
    value typed as well must agree within 0,1. Otherwise the typed value is taken.
    """
    errors: list[tuple[str, str]] = []
    for col, v in (("pembilang", numerator), ("penyebut", denominator), ("nilai", value)):
        if v is not None and v < 0:
            errors.append((col, _("tidak boleh negatif")))
    if errors:
        return None, errors
    if numerator is not None and denominator is not None:
        if denominator == 0:
            return None, [("penyebut", _("penyebut tidak boleh 0"))]
        if indicator.is_percent and numerator > denominator:
            return None, [
                (
                    "pembilang",
                    _("pembilang (%(n)s) lebih besar dari penyebut (%(d)s)")
                    % {"n": numerator, "d": denominator},
                )
            ]
        computed = numerator / denominator * (HUNDRED if indicator.is_percent else 1)
        computed = quantize2(computed)
        if value is not None and abs(value - computed) > TOLERANCE:
            return None, [
                (
                    "nilai",
                    _("nilai %(v)s tidak sesuai pembilang/penyebut (%(c)s)")
                    % {"v": value, "c": computed},
                )
            ]
        value = computed
    elif value is None:
        return None, [("nilai", _("isi nilai, atau pembilang dan penyebut"))]
    if indicator.is_percent and value > HUNDRED:
        return None, [("nilai", _("persentase lebih dari 100 (%(v)s)") % {"v": value})]
    return Figure(numerator, denominator, quantize2(value)), []


def owner_institution(user, indicator_opd_types: list[str], kabupaten_code: str):
    """The institution a figure is filed under: the user's own when it is responsible, else
    the responsible OPD of the kabupaten (an admin entering for it), else the user's own."""
    inst = getattr(user, "institution", None)
    if inst is not None and (
        (inst.kind == InstitutionKind.OPD and inst.opd_type in indicator_opd_types)
        or inst.kind in indicator_opd_types
    ):
        return inst
    responsible = (
        Institution.objects.filter(
            kind=InstitutionKind.OPD,
            opd_type__in=indicator_opd_types,
            region_id=kabupaten_code,
        )
        .order_by("pk")
        .first()
    )
    if responsible is not None:
        return responsible
    if inst is not None:
        return inst
    return (
        Institution.objects.filter(kind=InstitutionKind.BAPPEDA, region_id=kabupaten_code)
        .order_by("pk")
        .first()
    )
