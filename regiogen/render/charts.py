"""Charts of series (year → value): what to draw, and the value axis both drawings share.

A chart is drawn twice from one :class:`ChartSpec`, without a plotting library: as SVG for the
Markdown and the HTML (:mod:`regiogen.render.chart_svg`), and as a native Word chart
(DrawingML, :mod:`regiogen.render.docx.chart_part`) that the reader can restyle and whose
numbers Word shows on hover. Both take their value axis from :func:`value_axis`, so they show
the same ticks. The SVG carries the spec as JSON in its ``<metadata>``
(:func:`spec_to_json` / :func:`spec_from_json`): ``regiogen render`` of a built Markdown file
makes the same Word chart again from the ``.svg`` next to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any, Literal

__all__ = [
    "COLOURS",
    "ChartSpec",
    "Reeks",
    "ValueAxis",
    "nice_axis",
    "spec_from_json",
    "spec_to_json",
    "value_axis",
    "years_of",
]

#: Rijksoverheid-like colours, in the order series get them (hex RGB, no ``#``).
COLOURS = ("154273", "E17000", "39870C", "A90061", "777C00", "01689B")


@dataclass(frozen=True)
class Reeks:
    """One series: its label in the legend and its points (year, value)."""

    label: str
    punten: tuple[tuple[int, Decimal], ...]
    stippel: bool = False  # dashed (a line) or hatched (a bar), for a prognosis


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: series, kind, the unit on the value axis."""

    reeksen: tuple[Reeks, ...]
    soort: Literal["lijn", "staaf"] = "lijn"
    eenheid: str | None = None


@dataclass(frozen=True)
class ValueAxis:
    """The value axis: lowest and highest value shown and the step between ticks."""

    laag: Decimal
    hoog: Decimal
    stap: Decimal

    def ticks(self) -> list[Decimal]:
        """Every tick from ``laag`` to ``hoog``."""
        count = int((self.hoog - self.laag) / self.stap)
        return [self.laag + self.stap * n for n in range(count + 1)]

    def decimals(self) -> int:
        """Decimals a tick label needs (0 for a whole step)."""
        exponent = self.stap.normalize().as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0


def years_of(spec: ChartSpec) -> list[int]:
    """Every year from the first to the last of any series (gaps included, in order)."""
    years = [jaar for reeks in spec.reeksen for jaar, _ in reeks.punten]
    return list(range(min(years), max(years) + 1)) if years else []


_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def value_axis(spec: ChartSpec, target: int = 7) -> ValueAxis:
    """A value axis with round steps (1, 2, 2,5 or 5 × 10ⁿ) that holds every value.

    Bars start at zero; a line starts at zero too unless it has a negative value.
    """
    values = [v for reeks in spec.reeksen for _, v in reeks.punten]
    return nice_axis(min([Decimal(0), *values]), max([Decimal(0), *values]), target)


def nice_axis(low: Decimal, high: Decimal, target: int = 7) -> ValueAxis:
    """The axis with round steps (1, 2, 2,5 or 5 × 10ⁿ), about ``target`` of them, from at
    most ``low`` to at least ``high``."""
    if high == low:
        high = low + 1
    raw = (high - low) / target
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(m * magnitude for m in _STEPS if m * magnitude >= raw)
    laag = (low / step).to_integral_value(ROUND_FLOOR) * step
    hoog = (high / step).to_integral_value(ROUND_CEILING) * step
    return ValueAxis(_plain(laag), _plain(hoog), _plain(step))


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (``200``, ``2.5``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def spec_to_json(spec: ChartSpec) -> str:
    """The spec as compact JSON with sorted keys (values as decimal strings)."""
    data = {
        "soort": spec.soort,
        "eenheid": spec.eenheid,
        "reeksen": [
            {
                "label": reeks.label,
                "stippel": reeks.stippel,
                "punten": [[jaar, str(waarde)] for jaar, waarde in reeks.punten],
            }
            for reeks in spec.reeksen
        ],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def spec_from_json(text: str) -> ChartSpec | None:
    """The spec :func:`spec_to_json` wrote, or None for anything else (never an exception)."""
    try:
        data = json.loads(text)
        return _spec(data)
    except (ValueError, TypeError, KeyError, InvalidOperation, RecursionError):
        return None


def _spec(data: Any) -> ChartSpec | None:
    soort = data["soort"]
    eenheid = data["eenheid"]
    rows = data["reeksen"]
    if soort not in ("lijn", "staaf") or not (eenheid is None or isinstance(eenheid, str)):
        return None
    if not isinstance(rows, list) or not 0 < len(rows) <= 12:
        return None
    reeksen = []
    for row in rows:
        label, stippel, punten = row["label"], row["stippel"], row["punten"]
        if not isinstance(label, str) or not isinstance(stippel, bool):
            return None
        if not isinstance(punten, list) or not 0 < len(punten) <= 200:
            return None
        points = []
        for jaar, waarde in punten:
            if type(jaar) is not int or not 1900 <= jaar <= 2200 or not isinstance(waarde, str):
                return None
            value = Decimal(waarde)
            if not value.is_finite() or abs(value) >= Decimal("1e15"):
                return None
            points.append((jaar, value))
        reeksen.append(Reeks(label, tuple(points), stippel))
    return ChartSpec(tuple(reeksen), soort, eenheid)
