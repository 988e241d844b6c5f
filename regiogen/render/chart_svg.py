"""A chart as SVG, written directly: the picture in the Markdown and in the HTML.

16 × 8 cm (the text width of A4 with 2,5 cm margins), DejaVu Sans or the reader's sans-serif,
Dutch tick labels, the value axis of :func:`regiogen.render.charts.value_axis`. Every number
is written with fixed precision, so the same spec gives the same bytes. The spec itself rides
along as JSON in ``<metadata id="regiogen-grafiek">``; :func:`spec_from_svg` reads it back.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from html import escape, unescape

from regiogen.source.numbers import format_getal

from .charts import COLOURS, ChartSpec, Reeks, ValueAxis, spec_from_json, spec_to_json, years_of
from .charts import value_axis as make_value_axis
from .voortgang_charts import MetingenSpec, TijdlijnSpec, voortgang_from_json

#: What a chart SVG of regiogen can carry.
AnySpec = ChartSpec | MetingenSpec | TijdlijnSpec
#: The ``soort`` of a voortgang chart's spec.
VOORTGANG_SOORTEN = ("metingen", "tijdlijn")

__all__ = ["AnySpec", "chart_svg", "spec_from_svg", "tick_label"]

WIDTH, HEIGHT = 945, 472  # 16 × 8 cm at 150 dpi
FONT = 19  # 9 pt at 150 dpi
CHAR = 11.5  # the width of a digit or letter, roughly, at that size
_METADATA = re.compile(rb'<metadata id="regiogen-grafiek">([^<]{1,200000})</metadata>')


def chart_svg(spec: ChartSpec) -> bytes:
    """The SVG of ``spec`` (the same bytes for the same spec)."""
    years = years_of(spec)
    axis = make_value_axis(spec)
    labels = [tick_label(axis, t) for t in axis.ticks()]
    legend = len(spec.reeksen) > 1
    left = 14 + (FONT + 12 if spec.eenheid else 0) + max(len(t) for t in labels) * CHAR + 10
    top = 26 + (FONT + 18 if legend else 0)
    right, bottom = WIDTH - 18, HEIGHT - FONT - 24
    plot = _Plot(left, top, right, bottom, axis, len(years))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="16cm" height="8cm" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="{FONT}">\n'
        f'<metadata id="regiogen-grafiek">{escape(spec_to_json(spec), quote=False)}</metadata>\n'
        "<defs>"
        + "".join(
            f'<pattern id="arcering-{n}" width="10" height="10" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="10" height="10" fill="#ffffff"/>'
            f'<rect width="5" height="10" fill="#{_colour(n)}"/></pattern>'
            for n in range(len(spec.reeksen))
        )
        + "</defs>\n",
        '<rect width="100%" height="100%" fill="#ffffff"/>\n',
    ]
    parts += _grid(plot, axis, labels)
    parts += _year_labels(plot, years)
    if spec.eenheid:
        y = (top + bottom) / 2
        unit = escape(spec.eenheid.strip(), quote=False)
        parts.append(
            f'<text transform="translate({14 + FONT:.1f},{y:.1f}) rotate(-90)" '
            f'text-anchor="middle" fill="#222222">{unit}</text>\n'
        )
    if spec.soort == "staaf":
        parts += _bars(plot, spec.reeksen, years)
    else:
        parts += _lines(plot, spec.reeksen, years)
    if legend:
        parts += _legend(spec)
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")


def _is_svg(data: bytes) -> bool:
    """True when ``data`` looks like an SVG document."""
    head = data[:512].lstrip()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head)


def spec_from_svg(data: bytes) -> AnySpec | None:
    """The spec a chart SVG of regiogen carries (a chart of series or of the voortgang), or
    None for any other picture."""
    if not _is_svg(data):
        return None
    match = _METADATA.search(data)
    if match is None:
        return None
    try:
        text = unescape(match.group(1).decode("utf-8"))
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(data, dict) and data.get("soort") in VOORTGANG_SOORTEN:
        return voortgang_from_json(data)
    return spec_from_json(text)


class _Plot:
    """The plot area and the mapping of (category, value) to SVG coordinates."""

    def __init__(
        self, left: float, top: float, right: float, bottom: float, axis: ValueAxis, count: int
    ) -> None:
        self.left, self.top, self.right, self.bottom = left, top, right, bottom
        self.axis = axis
        self.band = (right - left) / max(count, 1)

    def x(self, index: float) -> float:
        """The middle of category ``index`` (0-based)."""
        return self.left + (index + 0.5) * self.band

    def y(self, value: float) -> float:
        laag, hoog = float(self.axis.laag), float(self.axis.hoog)
        return self.bottom - (value - laag) / (hoog - laag) * (self.bottom - self.top)


def _grid(plot: _Plot, axis: ValueAxis, labels: list[str]) -> list[str]:
    rows = []
    for tick, label in zip(axis.ticks(), labels, strict=True):
        y = plot.y(float(tick))
        colour = "#666666" if tick == 0 else "#dddddd"
        rows.append(
            f'<line x1="{plot.left:.1f}" y1="{y:.1f}" x2="{plot.right:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
            f'<text x="{plot.left - 8:.1f}" y="{y + FONT * 0.35:.1f}" text-anchor="end" '
            f'fill="#444444">{label}</text>\n'
        )
    rows.append(
        f'<line x1="{plot.left:.1f}" y1="{plot.top:.1f}" x2="{plot.left:.1f}" '
        f'y2="{plot.bottom:.1f}" stroke="#666666" stroke-width="1.5"/>\n'
    )
    return rows


def _year_labels(plot: _Plot, years: list[int]) -> list[str]:
    skip = max(1, math.ceil(len(years) / 12))
    return [
        f'<text x="{plot.x(n):.1f}" y="{plot.bottom + FONT + 8:.1f}" text-anchor="middle" '
        f'fill="#444444">{year}</text>\n'
        for n, year in enumerate(years)
        if n % skip == 0
    ]


def _lines(plot: _Plot, reeksen: tuple[Reeks, ...], years: list[int]) -> list[str]:
    out = []
    for n, reeks in enumerate(reeksen):
        colour = _colour(n)
        points = [(plot.x(years.index(j)), plot.y(float(v))) for j, v in reeks.punten]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash = ' stroke-dasharray="12 7"' if reeks.stippel else ""
        out.append(
            f'<polyline points="{path}" fill="none" stroke="#{colour}" stroke-width="4" '
            f'stroke-linejoin="round" stroke-linecap="round"{dash}/>\n'
        )
        out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#{colour}"/>\n' for x, y in points]
    return out


def _bars(plot: _Plot, reeksen: tuple[Reeks, ...], years: list[int]) -> list[str]:
    count = max(len(reeksen), 1)
    width = plot.band * 0.8 / count
    zero = plot.y(0.0)
    out = []
    for n, reeks in enumerate(reeksen):
        fill = f"url(#arcering-{n})" if reeks.stippel else f"#{_colour(n)}"
        for jaar, waarde in reeks.punten:
            x = plot.x(years.index(jaar)) - plot.band * 0.4 + width * n + width * 0.04
            y = plot.y(float(waarde))
            top, height = min(y, zero), abs(zero - y)
            out.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{width * 0.92:.1f}" '
                f'height="{height:.1f}" fill="{fill}" stroke="#{_colour(n)}" '
                'stroke-width="1"/>\n'
            )
    return out


def _legend(spec: ChartSpec) -> list[str]:
    out = []
    x, y = 24.0, 18 + FONT * 0.6
    for n, reeks in enumerate(spec.reeksen):
        colour = _colour(n)
        if spec.soort == "staaf":
            fill = f"url(#arcering-{n})" if reeks.stippel else f"#{colour}"
            out.append(
                f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="26" height="16" fill="{fill}" '
                f'stroke="#{colour}" stroke-width="1"/>'
            )
        else:
            dash = ' stroke-dasharray="8 5"' if reeks.stippel else ""
            out.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 26:.1f}" y2="{y:.1f}" '
                f'stroke="#{colour}" stroke-width="4"{dash}/>'
            )
        out.append(
            f'<text x="{x + 34:.1f}" y="{y + FONT * 0.35:.1f}" fill="#222222">'
            f"{escape(reeks.label, quote=False)}</text>\n"
        )
        x += 34 + len(reeks.label) * CHAR + 28
    return out


def tick_label(axis: ValueAxis, tick: Decimal) -> str:
    """A tick of ``axis`` the Dutch way, with the decimals the step needs (``2,5``)."""
    return format_getal(tick.quantize(Decimal(1).scaleb(-axis.decimals())))


def _colour(n: int) -> str:
    return COLOURS[n % len(COLOURS)]
