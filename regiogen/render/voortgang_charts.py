"""Charts of the voortgang: what to draw for a result's measurements and for the mijlpalen.

Two specs, each drawn twice without a plotting library, like the charts of series
(:mod:`regiogen.render.charts`): as SVG for the Markdown and the HTML
(:mod:`regiogen.render.voortgang_svg`) and as a native Word chart
(:mod:`regiogen.render.docx.voortgang_chart_part`).

- :class:`MetingenSpec`: a result's measurements over time, with the nulmeting and the
  streefwaarde as level lines and the peildatum as a vertical line;
- :class:`TijdlijnSpec`: the mijlpalen by quarter (a Gantt chart), one bar each, coloured by
  their state at the peildatum, with the new expected quarter of a delayed one.

The spec rides along in the SVG as JSON (:func:`voortgang_to_json` /
:func:`voortgang_from_json`), so ``regiogen render`` of a built Markdown file makes the same
Word chart again. Labels are Dutch; numbers use a decimal comma.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from regiogen.source.dates import format_maand_kort, kwartaal, parse_moment
from regiogen.source.numbers import format_getal

from .charts import ValueAxis, nice_axis

if TYPE_CHECKING:  # the model is imported only where a spec is made from it
    from regiogen.model.voortgang import MijlpaalStand, ResultaatStand

__all__ = [
    "KLEUREN",
    "Balk",
    "Lijn",
    "MetingenSpec",
    "TijdlijnSpec",
    "kwartaal_jaren",
    "kwartaal_labels",
    "meting_axis",
    "metingen_spec",
    "peil_positie",
    "tijd_bereik",
    "tijdlijn_spec",
    "voortgang_from_json",
    "voortgang_to_json",
]

#: Colours per state of a mijlpaal (colour-blind safe; the legend names them too), hex RGB.
KLEUREN = {
    "gehaald": "1B7837",
    "vervallen": "969696",
    "vertraagd": "E08214",
    "over-tijd": "B2182B",
    "gepland": "2166AC",
    "zonder-datum": "969696",
}
#: The colours of the lines in a chart of measurements.
METING, NUL, STREEF, PEIL = "2166AC", "969696", "1B7837", "B2182B"
#: Bounds on a spec read back from an SVG (it may come from anywhere).
_MAX_POINTS, _MAX_ROWS, _MAX_QUARTERS, _MAX_TEXT = 500, 300, 200, 400


@dataclass(frozen=True)
class Lijn:
    """A level line: the nulmeting or the streefwaarde, with the label the chart shows."""

    label: str
    waarde: Decimal


@dataclass(frozen=True)
class MetingenSpec:
    """A result's measurements (day, value) against its nulmeting and streefwaarde."""

    punten: tuple[tuple[date, Decimal], ...]
    nul: Lijn | None
    streef: Lijn | None
    peildatum: date
    eenheid: str | None


@dataclass(frozen=True)
class Balk:
    """One mijlpaal in the timeline: its label, quarter (index), state and, when delayed to a
    later quarter, the quarter (index) it is now expected in (else None)."""

    label: str
    kwartaal: int
    stand: str
    verwacht: int | None = None


@dataclass(frozen=True)
class TijdlijnSpec:
    """The mijlpalen by quarter (``2024-Q1`` …), at the peildatum; ``standen`` are the states
    the bars have, with their words in the legend, in the legend's order."""

    kwartalen: tuple[str, ...]
    balken: tuple[Balk, ...]
    peildatum: date
    standen: tuple[tuple[str, str], ...]

    @property
    def nieuw_verwacht(self) -> bool:
        """True when a delayed mijlpaal has a later quarter it is now expected in."""
        return any(b.verwacht is not None for b in self.balken)


def metingen_spec(stand: ResultaatStand, peildatum: date) -> MetingenSpec:
    """What the chart of ``stand`` shows."""
    eenheid = stand.nul.eenheid if stand.nul and stand.nul.eenheid else None
    suffix = f" {eenheid}" if eenheid else ""
    nul = streef = None
    if stand.nul is not None:
        nul = Lijn(f"nulmeting {format_getal(stand.nul.waarde)}{suffix}", stand.nul.waarde)
    if stand.streef is not None:
        doel = stand.resultaat.datum
        wanneer = f" ({format_maand_kort(doel)})" if doel else ""
        label = f"streefwaarde {format_getal(stand.streef.waarde)}{suffix}{wanneer}"
        streef = Lijn(label, stand.streef.waarde)
    return MetingenSpec(tuple(stand.reeks), nul, streef, peildatum, eenheid)


def tijdlijn_spec(standen: Sequence[MijlpaalStand], peildatum: date) -> TijdlijnSpec:
    """What the timeline of ``standen`` shows: every mijlpaal with a due moment."""
    from regiogen.model.voortgang import STANDEN, per_kwartaal

    quarters = per_kwartaal(standen)
    index = {q: i for i, q in enumerate(quarters)}
    balken = []
    for stand in standen:
        q = stand.kwartaal
        if q is None:
            continue
        verwacht = None
        if stand.mijlpaal.verwacht is not None and stand.stand == "vertraagd":
            verwacht = index.get(kwartaal(stand.mijlpaal.verwacht.end))
            if verwacht is not None and verwacht <= index[q]:
                verwacht = None  # expected in the same quarter (or earlier): no second bar
        label = f"{stand.bron}: {_kort(stand.mijlpaal.wat)}"
        balken.append(Balk(label, index[q], stand.stand, verwacht))
    used = tuple((k, STANDEN[k]) for k in KLEUREN if any(b.stand == k for b in balken))
    return TijdlijnSpec(tuple(quarters), tuple(balken), peildatum, used)


def meting_axis(spec: MetingenSpec) -> ValueAxis:
    """The value axis of a chart of measurements: every value and level line, with room above
    for the labels; below zero only when a value is."""
    values = [v for _, v in spec.punten]
    values += [line.waarde for line in (spec.nul, spec.streef) if line is not None]
    low, high = min(values), max(values)
    spread = (high - low) or max(abs(high), Decimal(1))
    bottom = low - spread * Decimal("0.15")
    if low >= 0 > bottom:  # counts and shares do not go below zero
        bottom = Decimal(0)
    return nice_axis(bottom, high + spread * Decimal("0.25"), 6)


def tijd_bereik(spec: MetingenSpec) -> tuple[date, date]:
    """The first and last day the time axis shows: 45 days around the measurements and the
    peildatum."""
    days = [d for d, _ in spec.punten] + [spec.peildatum]
    return min(days) - timedelta(days=45), max(days) + timedelta(days=45)


def kwartaal_jaren(label: str) -> Decimal:
    """The start of quarter ``2024-Q2`` counted in years: ``2024.25``."""
    start = parse_moment(label).start
    return Decimal(start.year) + Decimal(start.month - 1) / 12


def peil_positie(spec: TijdlijnSpec) -> float | None:
    """Where the peildatum falls on the quarter scale (2.5 is halfway the third quarter), or
    None when it lies outside the quarters shown."""
    label = kwartaal(spec.peildatum)
    if label not in spec.kwartalen:
        return None
    quarter = parse_moment(label)
    fraction = (spec.peildatum - quarter.start).days / ((quarter.end - quarter.start).days + 1)
    return spec.kwartalen.index(label) + fraction


def kwartaal_labels(quarters: Sequence[str]) -> list[str]:
    """Labels under the quarters ("2024-Q1" …): the quarter, and its year under the first
    quarter shown of each year, so that twelve or more quarters do not run into each other."""
    labels = []
    for i, q in enumerate(quarters):
        year, _, part = q.partition("-")
        first = i == 0 or quarters[i - 1].partition("-")[0] != year
        labels.append(f"{part}\n{year}" if first else part)
    return labels


def _kort(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def voortgang_to_json(spec: MetingenSpec | TijdlijnSpec) -> str:
    """The spec as compact JSON with sorted keys (values as decimal strings, days in ISO)."""
    data: dict[str, Any]
    if isinstance(spec, MetingenSpec):
        data = {
            "soort": "metingen",
            "punten": [[d.isoformat(), str(v)] for d, v in spec.punten],
            "nul": [spec.nul.label, str(spec.nul.waarde)] if spec.nul else None,
            "streef": [spec.streef.label, str(spec.streef.waarde)] if spec.streef else None,
            "peildatum": spec.peildatum.isoformat(),
            "eenheid": spec.eenheid,
        }
    else:
        data = {
            "soort": "tijdlijn",
            "kwartalen": list(spec.kwartalen),
            "balken": [[b.label, b.kwartaal, b.stand, b.verwacht] for b in spec.balken],
            "peildatum": spec.peildatum.isoformat(),
            "standen": [list(pair) for pair in spec.standen],
        }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def voortgang_from_json(data: dict[str, Any]) -> MetingenSpec | TijdlijnSpec | None:
    """The spec :func:`voortgang_to_json` wrote (already parsed), or None for anything else
    (never an exception)."""
    try:
        if data.get("soort") == "metingen":
            return _metingen(data)
        if data.get("soort") == "tijdlijn":
            return _tijdlijn(data)
    except (ValueError, TypeError, KeyError, InvalidOperation, AttributeError):
        return None
    return None


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise ValueError(value)
    return value


def _number(value: object) -> Decimal:
    number = Decimal(_text(value))
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValueError(value)
    return number


def _day(value: object) -> date:
    return date.fromisoformat(_text(value))


def _lijn(value: object) -> Lijn | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(value)
    return Lijn(_text(value[0]), _number(value[1]))


def _metingen(data: dict[str, Any]) -> MetingenSpec | None:
    punten = data["punten"]
    if not isinstance(punten, list) or not 0 < len(punten) <= _MAX_POINTS:
        return None
    points = tuple((_day(d), _number(v)) for d, v in punten)
    eenheid = data["eenheid"]
    return MetingenSpec(
        points,
        _lijn(data["nul"]),
        _lijn(data["streef"]),
        _day(data["peildatum"]),
        None if eenheid is None else _text(eenheid),
    )


def _index(value: object, count: int) -> bool:
    """True for a whole number from 0 up to ``count``."""
    return type(value) is int and 0 <= value < count


def _tijdlijn(data: dict[str, Any]) -> TijdlijnSpec | None:
    quarters = data["kwartalen"]
    rows = data["balken"]
    if not isinstance(quarters, list) or not 0 < len(quarters) <= _MAX_QUARTERS:
        return None
    if not isinstance(rows, list) or len(rows) > _MAX_ROWS:
        return None
    for q in quarters:
        if kwartaal(parse_moment(_text(q)).start) != q:  # "2024-Q2" and nothing else
            return None
    balken = []
    for label, index, stand, verwacht in rows:
        if not _index(index, len(quarters)) or stand not in KLEUREN:
            return None
        if verwacht is not None and not (_index(verwacht, len(quarters)) and verwacht > index):
            return None
        balken.append(Balk(_text(label), index, stand, verwacht))
    states = data["standen"]
    if not isinstance(states, list) or len(states) > len(KLEUREN):
        return None
    used = []
    for key, words in states:
        if key not in KLEUREN:
            return None
        used.append((key, _text(words)))
    if {b.stand for b in balken} - {key for key, _ in used}:
        return None  # a bar whose state the legend does not name
    return TijdlijnSpec(tuple(quarters), tuple(balken), _day(data["peildatum"]), tuple(used))
