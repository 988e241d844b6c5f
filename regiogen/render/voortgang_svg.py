"""The voortgang charts as SVG, written directly: the pictures in the Markdown and the HTML.

16 cm wide at 150 dpi like the charts of series (:mod:`regiogen.render.chart_svg`), DejaVu
Sans or the reader's sans-serif, Dutch labels and numbers. Every coordinate is written with
fixed precision, so the same spec gives the same bytes; the spec rides along as JSON in
``<metadata id="regiogen-grafiek">``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from regiogen.source.dates import format_datum, format_maand_kort
from regiogen.source.numbers import format_getal

from .chart_svg import CHAR, FONT, WIDTH, tick_label
from .voortgang_charts import (
    KLEUREN,
    METING,
    NUL,
    PEIL,
    STREEF,
    MetingenSpec,
    TijdlijnSpec,
    kwartaal_labels,
    meting_axis,
    peil_positie,
    tijd_bereik,
    voortgang_to_json,
)

__all__ = ["metingen_svg", "tijdlijn_svg"]

#: Height of a chart of measurements: 7 cm at 150 dpi.
METINGEN_HEIGHT = 413
SMALL = 16  # 7,7 pt at 150 dpi: value labels, row labels
SMALL_CHAR = 9.7
ROW = 32  # one mijlpaal in the timeline


def _head(spec: MetingenSpec | TijdlijnSpec, height: int) -> str:
    cm = height / 150 * 2.54
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="16cm" height="{cm:.2f}cm" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="{FONT}">\n'
        '<metadata id="regiogen-grafiek">'
        f"{escape(voortgang_to_json(spec), quote=False)}</metadata>\n"
        "<defs>"
        '<marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/>'
        "</marker></defs>\n"
        '<rect width="100%" height="100%" fill="#ffffff"/>\n'
    )


def _text(x: float, y: float, text: str, *, size: int = FONT, colour: str = "444444",
          anchor: str = "start") -> str:  # fmt: skip
    small = f' font-size="{size}"' if size != FONT else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="#{colour}"{small}>'
        f"{escape(text, quote=False)}</text>\n"
    )


def metingen_svg(spec: MetingenSpec) -> bytes:
    """The SVG of a result's measurements (the same bytes for the same spec)."""
    axis = meting_axis(spec)
    labels = [tick_label(axis, t) for t in axis.ticks()]
    left = 14 + FONT + 12 + max(len(t) for t in labels) * CHAR + 10
    top, right, bottom = 16.0, WIDTH - 18.0, METINGEN_HEIGHT - FONT - 24.0
    first, last = tijd_bereik(spec)
    span = (last - first).days

    def x(day: date) -> float:
        return left + (day - first).days / span * (right - left)

    def y(value: float) -> float:
        laag, hoog = float(axis.laag), float(axis.hoog)
        return bottom - (value - laag) / (hoog - laag) * (bottom - top)

    parts = [_head(spec, METINGEN_HEIGHT)]
    for tick, label in zip(axis.ticks(), labels, strict=True):
        ty = y(float(tick))
        parts.append(
            f'<line x1="{left:.1f}" y1="{ty:.1f}" x2="{right:.1f}" y2="{ty:.1f}" '
            'stroke="#e0e0e0" stroke-width="1.2"/>'
        )
        parts.append(_text(left - 8, ty + FONT * 0.35, label, anchor="end"))
    parts.append(
        f'<polyline points="{left:.1f},{top:.1f} {left:.1f},{bottom:.1f} {right:.1f},'
        f'{bottom:.1f}" fill="none" stroke="#666666" stroke-width="1.5"/>\n'
    )
    parts += _time_labels(spec, x, bottom)
    mid = (top + bottom) / 2
    parts.append(
        f'<text transform="translate({14 + FONT:.1f},{mid:.1f}) rotate(-90)" '
        f'text-anchor="middle" fill="#222222">{escape(spec.eenheid or "waarde", quote=False)}'
        "</text>\n"
    )
    for line, colour, dash in (
        (spec.nul, NUL, ' stroke-dasharray="10 6"'),
        (spec.streef, STREEF, ""),
    ):
        if line is None:
            continue
        ly = y(float(line.waarde))
        parts.append(
            f'<line x1="{left:.1f}" y1="{ly:.1f}" x2="{right:.1f}" y2="{ly:.1f}" '
            f'stroke="#{colour}" stroke-width="2"{dash}/>'
        )
        parts.append(_text(left + 6, ly - 6, line.label, size=SMALL, colour=colour))
    px = x(spec.peildatum)
    parts.append(
        f'<line x1="{px:.1f}" y1="{top:.1f}" x2="{px:.1f}" y2="{bottom:.1f}" '
        f'stroke="#{PEIL}" stroke-width="2" stroke-dasharray="3 5"/>'
    )
    parts.append(_text(px - 6, top + SMALL, "peildatum", size=SMALL, colour=PEIL, anchor="end"))
    points = [(x(d), y(float(v)), v) for d, v in spec.punten]
    path = " ".join(f"{px_:.1f},{py:.1f}" for px_, py, _ in points)
    parts.append(
        f'<polyline points="{path}" fill="none" stroke="#{METING}" stroke-width="4" '
        'stroke-linejoin="round" stroke-linecap="round"/>\n'
    )
    for px_, py, value in points:
        parts.append(f'<circle cx="{px_:.1f}" cy="{py:.1f}" r="6" fill="#{METING}"/>')
        parts.append(_text(px_, py - 12, format_getal(value), size=SMALL, anchor="middle"))
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")


def _time_labels(spec: MetingenSpec, x: Callable[[date], float], bottom: float) -> list[str]:
    """Labels under the measurements' days (and the peildatum when it is far from them),
    each dropped that would run into the one before."""
    days = sorted({d for d, _ in spec.punten})
    if all(abs((spec.peildatum - d).days) > 60 for d in days):
        days = sorted([*days, spec.peildatum])
    out, last = [], float("-inf")
    for day in days:
        at = x(day)
        if at - last < 9 * CHAR:
            continue
        last = at
        out.append(
            f'<line x1="{at:.1f}" y1="{bottom:.1f}" x2="{at:.1f}" y2="{bottom + 6:.1f}" '
            'stroke="#666666" stroke-width="1.5"/>'
        )
        out.append(_text(at, bottom + FONT + 8, format_maand_kort(day), anchor="middle"))
    return out


def tijdlijn_svg(spec: TijdlijnSpec) -> bytes:
    """The SVG of the mijlpalen by quarter (the same bytes for the same spec)."""
    rows = len(spec.balken)
    widest = max((len(b.label) for b in spec.balken), default=10)
    left = 12 + widest * SMALL_CHAR + 10
    right, top = WIDTH - 14.0, 52.0
    bottom = top + max(rows, 1) * ROW + 8
    height = int(bottom + 2 * SMALL + 26)
    quarters = max(len(spec.kwartalen), 1)
    width = (right - left) / quarters
    parts = [_head(spec, height)]
    parts += _legend(spec)
    for i in range(quarters + 1):
        gx = left + i * width
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top:.1f}" x2="{gx:.1f}" y2="{bottom:.1f}" '
            'stroke="#e0e0e0" stroke-width="1.2"/>'
        )
    parts.append(
        f'<polyline points="{left:.1f},{top:.1f} {left:.1f},{bottom:.1f} {right:.1f},'
        f'{bottom:.1f}" fill="none" stroke="#666666" stroke-width="1.5"/>\n'
    )
    for i, label in enumerate(kwartaal_labels(spec.kwartalen)):
        cx = left + (i + 0.5) * width
        for n, line in enumerate(label.split("\n")):
            parts.append(_text(cx, bottom + SMALL + 6 + n * (SMALL + 4), line, size=SMALL,
                               anchor="middle"))  # fmt: skip
    for n, balk in enumerate(spec.balken):
        cy = top + 4 + (n + 0.5) * ROW
        colour = KLEUREN[balk.stand]
        parts.append(_text(left - 8, cy + SMALL * 0.35, balk.label, size=SMALL, colour="222222",
                           anchor="end"))  # fmt: skip
        bx = left + (balk.kwartaal + 0.1) * width
        parts.append(
            f'<rect x="{bx:.1f}" y="{cy - 10:.1f}" width="{0.8 * width:.1f}" height="20" '
            f'fill="#{colour}"/>'
        )
        if balk.verwacht is not None:
            nx = left + (balk.verwacht + 0.1) * width
            parts.append(
                f'<rect x="{nx:.1f}" y="{cy - 10:.1f}" width="{0.8 * width:.1f}" height="20" '
                f'fill="none" stroke="#{colour}" stroke-width="2" stroke-dasharray="6 4"/>'
            )
            parts.append(
                f'<line x1="{bx + 0.8 * width:.1f}" y1="{cy:.1f}" x2="{nx - 2:.1f}" '
                f'y2="{cy:.1f}" stroke="#{colour}" stroke-width="2" marker-end="url(#pijl)"/>'
            )
        parts.append("\n")
    where = peil_positie(spec)
    if where is not None:
        px = left + where * width
        parts.append(
            f'<line x1="{px:.1f}" y1="{top:.1f}" x2="{px:.1f}" y2="{bottom:.1f}" '
            f'stroke="#{PEIL}" stroke-width="2" stroke-dasharray="3 5"/>\n'
        )
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")


def _legend(spec: TijdlijnSpec) -> list[str]:
    """The states shown, in a fixed order, and the peildatum line."""
    out, x, y = [], 14.0, 24.0
    for stand, label in spec.standen:
        out.append(
            f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="26" height="16" fill="#{KLEUREN[stand]}"/>'
        )
        out.append(_text(x + 34, y + SMALL * 0.35, label, size=SMALL, colour="222222"))
        x += 34 + len(label) * SMALL_CHAR + 26
    if spec.nieuw_verwacht:
        out.append(
            f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="26" height="16" fill="none" '
            f'stroke="#{KLEUREN["vertraagd"]}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(_text(x + 34, y + SMALL * 0.35, "nieuw verwacht", size=SMALL,
                         colour="222222"))  # fmt: skip
        x += 34 + 14 * SMALL_CHAR + 26
    if peil_positie(spec) is not None:
        out.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 26:.1f}" y2="{y:.1f}" stroke="#{PEIL}" '
            'stroke-width="2" stroke-dasharray="3 5"/>'
        )
        text = f"peildatum {format_datum(spec.peildatum)}"
        out.append(_text(x + 34, y + SMALL * 0.35, text, size=SMALL, colour="222222"))
    out.append("\n")
    return out
