"""Figures in documents: a chart for each series a template shows, numbered as it shows them.

A template gets a :class:`Figuren` object as ``figuur`` and calls it with one or more
indicators (``{% set f = figuur(i) %}``); each call with a series gives the next
:class:`Figuur` (number, image name, caption) or ``None`` when there is nothing to draw
(no series of two or more years, or ``grafiek: geen``). The caption says what the chart
shows, the years, the first and last value of each series, and the sources with their year:
it is also the image's alt text. After the template ran, the build draws the charts the
template asked for (:func:`draw`) and embeds them in Word, HTML and PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from regiogen.model.content import Indicator
from regiogen.render.chart_svg import chart_svg
from regiogen.render.charts import ChartSpec, Reeks
from regiogen.source.numbers import format_getal

__all__ = ["Figuren", "Figuur", "draw", "fresh_figures"]


@dataclass(frozen=True)
class Figuur:
    """One numbered chart: its number, image name, caption (= alt text) and what to draw."""

    nummer: int
    src: str
    bijschrift: str
    spec: ChartSpec


@dataclass
class Figuren:
    """Numbers the charts of one document in the order the template asks for them."""

    stem: str  # the document's file name without extension, e.g. "regiobeeld"
    items: list[Figuur] = field(default_factory=list)

    def __call__(
        self, *indicatoren: Indicator, titel: str | None = None, prognose_vanaf: int | None = None
    ) -> Figuur | None:
        """The next figure for these indicators' series (one chart), or None without series.

        ``titel`` names a chart of several series (default: the indicator's name);
        ``prognose_vanaf`` marks series whose first year is at or after it as prognoses
        (drawn dashed, and said so in the caption).
        """
        shown = [i for i in indicatoren if len(i.reeks) >= 2 and i.grafiek != "geen"]
        if not shown:
            return None
        soort: Literal["lijn", "staaf"] = "staaf" if shown[0].grafiek == "staaf" else "lijn"
        reeksen = tuple(
            Reeks(
                i.naam,
                tuple(sorted(i.reeks.items())),
                stippel=prognose_vanaf is not None and min(i.reeks) >= prognose_vanaf,
            )
            for i in shown
        )
        eenheden = {i.eenheid for i in shown if i.eenheid}
        eenheid = eenheden.pop() if len(eenheden) == 1 else None
        nummer = len(self.items) + 1
        figuur = Figuur(
            nummer,
            f"{self.stem}-figuur-{nummer}.svg",
            _bijschrift(nummer, titel or shown[0].naam, shown, reeksen, eenheid),
            ChartSpec(reeksen, soort, eenheid),
        )
        self.items.append(figuur)
        return figuur


def fresh_figures(context: dict[str, Any]) -> dict[str, Any]:
    """``context`` with its figures numbered from 1 again, for one render.

    :class:`Figuren` counts the charts a template asks for; a document rendered a second time
    from the same context (a preview round, a test) would otherwise go on at "Figuur 3".
    """
    figuren = context.get("figuur")
    if not isinstance(figuren, Figuren):
        return context
    return {**context, "figuur": Figuren(figuren.stem)}


def _bijschrift(
    nummer: int,
    titel: str,
    indicatoren: Sequence[Indicator],
    reeksen: Sequence[Reeks],
    eenheid: str | None,
) -> str:
    years = sorted({jaar for reeks in reeksen for jaar, _ in reeks.punten})
    head = f"Figuur {nummer}. {titel.rstrip('.')}"
    if eenheid and eenheid.strip() != "%":
        head += f" ({eenheid.strip()})"
    head += f", {years[0]}–{years[-1]}"
    parts = []
    for indicator, reeks in zip(indicatoren, reeksen, strict=True):
        (j0, v0), (j1, v1) = reeks.punten[0], reeks.punten[-1]
        unit = "%" if indicator.eenheid and indicator.eenheid.strip() == "%" else None
        what = f"{reeks.label.lower()} " if len(reeksen) > 1 else ""
        prognose = " (prognose)" if reeks.stippel else ""
        parts.append(
            f"{what}van {format_getal(v0, unit)} in {j0} naar {format_getal(v1, unit)} "
            f"in {j1}{prognose}"
        )
    text = f"{head}: {'; '.join(parts)}."
    bronnen: list[str] = []
    for indicator in indicatoren:
        if indicator.bron:
            bron = indicator.bron.strip()
            label = f"{bron} ({indicator.jaar})" if indicator.jaar else bron
            if label not in bronnen:
                bronnen.append(label)
    if bronnen:
        text += f" Bron: {'; '.join(bronnen)}."
    return text


def draw(figuren: Figuren) -> dict[str, bytes]:
    """The SVG of every figure the template asked for, by image name."""
    return {figuur.src: chart_svg(figuur.spec) for figuur in figuren.items}
