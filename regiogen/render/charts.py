"""Charts of series (year → value) as PNG, with matplotlib, byte for byte reproducible.

matplotlib is imported only when a chart is drawn (``check`` and documents without series
never pay for it), always with the Agg backend and without pyplot (no global figure state,
no GUI). What makes the bytes the same on every run: one fixed font (DejaVu Sans, shipped
with matplotlib), fixed size and dpi, fixed colours, no timestamps or software name in the
PNG (``metadata={"Software": None}``), and a fixed ``svg.hashsalt`` should SVG ever be asked.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from regiogen.source.numbers import format_getal

__all__ = ["DPI", "ChartSpec", "Reeks", "render_chart"]

#: Dots per inch of every chart; with the size below a chart is 1654 × 827 pixels.
DPI = 150
#: Size in inches: 16 cm wide (the text width of A4 with 2,5 cm margins), 8 cm high.
SIZE = (16 / 2.54, 8 / 2.54)
#: Rijksoverheid-like colours, in the order series get them.
COLOURS = ("#154273", "#e17000", "#39870c", "#a90061", "#777c00", "#01689b")


@dataclass(frozen=True)
class Reeks:
    """One series: its label in the legend and its points (year, value)."""

    label: str
    punten: tuple[tuple[int, Decimal], ...]
    stippel: bool = False  # dashed, for a prognosis


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: series, kind, the unit on the value axis."""

    reeksen: tuple[Reeks, ...]
    soort: Literal["lijn", "staaf"] = "lijn"
    eenheid: str | None = None


_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.unicode_minus": False,
    "svg.hashsalt": "regiogen",
    "svg.fonttype": "path",
    "path.simplify": False,
    "text.hinting": "default",
    "text.antialiased": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#666666",
    "axes.labelcolor": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
}


def render_chart(spec: ChartSpec) -> bytes:
    """Draw ``spec`` and return the PNG bytes (the same bytes for the same spec)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys are literal names
        figure = Figure(figsize=SIZE, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(1, 1, 1)
        years = sorted({jaar for reeks in spec.reeksen for jaar, _ in reeks.punten})
        if spec.soort == "staaf":
            _bars(axes, spec.reeksen, years)
        else:
            _lines(axes, spec.reeksen)
        axes.set_axisbelow(True)
        if len(years) <= 12:
            axes.set_xticks(years)
        else:
            axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{round(x):d}"))
        axes.yaxis.set_major_formatter(FuncFormatter(_dutch_tick))
        if spec.soort == "lijn":
            low = min((float(v) for r in spec.reeksen for _, v in r.punten), default=0.0)
            if low >= 0:
                axes.set_ylim(bottom=0)
        if spec.eenheid:
            axes.set_ylabel(spec.eenheid)
        if len(spec.reeksen) > 1:
            axes.legend(loc="best")
        figure.tight_layout(pad=0.6)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _lines(axes: Any, reeksen: Sequence[Reeks]) -> None:
    for n, reeks in enumerate(reeksen):
        xs = [jaar for jaar, _ in reeks.punten]
        ys = [float(v) for _, v in reeks.punten]
        axes.plot(
            xs,
            ys,
            color=COLOURS[n % len(COLOURS)],
            linewidth=2.0,
            marker="o",
            markersize=4,
            linestyle="--" if reeks.stippel else "-",
            label=reeks.label,
        )


def _bars(axes: Any, reeksen: Sequence[Reeks], years: list[int]) -> None:
    count = max(len(reeksen), 1)
    width = 0.8 / count
    for n, reeks in enumerate(reeksen):
        values = dict(reeks.punten)
        xs = [jaar - 0.4 + width * (n + 0.5) for jaar in years if jaar in values]
        ys = [float(values[jaar]) for jaar in years if jaar in values]
        axes.bar(
            xs,
            ys,
            width=width * 0.92,
            color=COLOURS[n % len(COLOURS)],
            hatch="//" if reeks.stippel else None,
            edgecolor="white",
            label=reeks.label,
        )


def _dutch_tick(value: float, _pos: object) -> str:
    """Axis labels with a decimal comma and dots between thousands."""
    rounded = Decimal(f"{float(value):.2f}")
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal(1))
    elif rounded * 10 == (rounded * 10).to_integral_value():
        rounded = rounded.quantize(Decimal("0.1"))
    return format_getal(rounded)
