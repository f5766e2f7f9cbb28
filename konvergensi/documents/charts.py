"""Charts as PNG bytes (matplotlib, Agg backend: no display needed on a server)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Polygon


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=130, bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def prevalence_bars(
    labels: Sequence[str],
    values: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    reference: float | None = None,
    reference_label: str = "",
    colours: Sequence[str] | None = None,
    title: str = "",
) -> bytes:
    """Horizontal bars (percent) with 95% interval whiskers and an optional reference line."""
    height = max(2.5, 0.28 * len(labels) + 1.2)
    fig, ax = plt.subplots(figsize=(7.5, height))
    y = list(range(len(labels)))
    err = [
        [v - lo for v, lo in zip(values, lower, strict=True)],
        [up - v for v, up in zip(values, upper, strict=True)],
    ]
    ax.barh(y, values, color=colours or "#1565c0", xerr=err, ecolor="#424242", capsize=2)
    if reference is not None:
        ax.axvline(reference, color="#c62828", linestyle="--", linewidth=1)
        ax.text(
            reference, -0.9, f" {reference_label} {_pct(reference)}%", color="#c62828", fontsize=7
        )
    ax.set_yticks(y, labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("Prevalensi stunting (%) dengan interval kepercayaan 95%", fontsize=8)
    ax.set_title(title, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def funnel_plot(
    n: Sequence[int],
    prevalence: Sequence[float],
    labels: Sequence[str],
    *,
    p0: float,
    curve_n: Sequence[int],
    limits: dict[str, Sequence[float]],
    title: str = "",
) -> bytes:
    """Funnel plot in percent: points per region, the pooled line, 95% and 99.8% limits."""
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for key, style in (("95", "--"), ("998", ":")):
        ax.plot(curve_n, [x * 100 for x in limits[f"upper_{key}"]], "k" + style, linewidth=0.8)
        ax.plot(curve_n, [x * 100 for x in limits[f"lower_{key}"]], "k" + style, linewidth=0.8)
    ax.axhline(p0 * 100, color="#1565c0", linewidth=1)
    upper95 = dict(zip(curve_n, limits["upper_95"], strict=True))
    for x, y, label in zip(n, prevalence, labels, strict=True):
        nearest = min(upper95, key=lambda k: abs(k - x))
        above = y > upper95[nearest]
        ax.scatter([x], [y * 100], color="#c62828" if above else "#616161", s=14, zorder=3)
        if above:
            ax.annotate(label, (x, y * 100), fontsize=6, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("Jumlah balita diukur (n)", fontsize=8)
    ax.set_ylabel("Prevalensi stunting (%)", fontsize=8)
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    return _png(fig)


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords[0]] if coords else []
    if kind == "MultiPolygon":
        return [poly[0] for poly in coords if poly]
    return []


def choropleth(
    geometries: dict[str, dict], colours: dict[str, str], *, legend: Sequence[tuple[str, str]] = ()
) -> bytes:
    """Polygons (GeoJSON geometries keyed by code) filled with the given colours."""
    fig, ax = plt.subplots(figsize=(7.5, 6))
    for code, geometry in geometries.items():
        for ring in _rings(geometry):
            ax.add_patch(
                Polygon(
                    ring, closed=True, facecolor=colours.get(code, "#bdbdbd"), edgecolor="white"
                )
            )
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.axis("off")
    for label, colour in legend:
        ax.scatter([], [], color=colour, label=label, marker="s")
    if legend:
        ax.legend(fontsize=7, loc="lower left")
    return _png(fig)
