"""The analysis' editable settings (traffic-light thresholds and directions, lokus rule) as
JSON in ``SituationAnalysis.config`` and their analytics objects. Defaults come from analytics.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from analytics.lokus import BudgetRule, ByBudget, ByShare, ShareBase
from analytics.traffic_light import (
    DEFAULT_CONFIG,
    CoverageFactors,
    PrevalenceThresholds,
    TrafficLightConfig,
)


def default_config() -> dict[str, Any]:
    c = DEFAULT_CONFIG
    return {
        "prevalence": {
            "sangat_tinggi": str(c.prevalence.sangat_tinggi),
            "tinggi": str(c.prevalence.tinggi),
            "rendah": str(c.prevalence.rendah),
        },
        "higher": {
            "hampir_memadai": str(c.higher_is_better.hampir_memadai),
            "rendah": str(c.higher_is_better.rendah),
        },
        "lower": {
            "hampir_memadai": str(c.lower_is_better.hampir_memadai),
            "rendah": str(c.lower_is_better.rendah),
        },
        "directions": {},  # indicator code → "higher" | "lower" (overrides the indicator's)
        "lokus": {
            "rule": "share",
            "share_percent": "10",
            "share_base": ShareBase.ALL_DESA.value,
            "budget": "0",
            "cost_per_desa": "0",
            "when_not_fit": BudgetRule.STOP.value,
        },
    }


def merged(config: dict[str, Any] | None) -> dict[str, Any]:
    out = default_config()
    for key, value in (config or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def traffic_light(config: dict[str, Any]) -> TrafficLightConfig:
    c = merged(config)
    p, h, lo = c["prevalence"], c["higher"], c["lower"]
    return TrafficLightConfig(
        prevalence=PrevalenceThresholds(
            Decimal(p["sangat_tinggi"]), Decimal(p["tinggi"]), Decimal(p["rendah"])
        ),
        higher_is_better=CoverageFactors(Decimal(h["hampir_memadai"]), Decimal(h["rendah"])),
        lower_is_better=CoverageFactors(Decimal(lo["hampir_memadai"]), Decimal(lo["rendah"])),
    )


def lokus_rule(config: dict[str, Any]) -> ByShare | ByBudget:
    rule = merged(config)["lokus"]
    if rule["rule"] == "budget":
        return ByBudget(Decimal(rule["budget"]), BudgetRule(rule["when_not_fit"]))
    return ByShare(Fraction(Decimal(rule["share_percent"])) / 100, ShareBase(rule["share_base"]))


def cost_per_desa(config: dict[str, Any]) -> Decimal:
    return Decimal(merged(config)["lokus"]["cost_per_desa"])
