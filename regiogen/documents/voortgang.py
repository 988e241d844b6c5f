"""The document kinds after adoption: ``voortgangsrapportage`` and ``verantwoording``.

Both are made at a peildatum (``--peildatum``; the build passes today when none is given and
the document states the date). The figures come from :mod:`regiogen.model.voortgang`; the
charts are named here (``context["grafieken"]``, a :class:`Grafieken` by the path the Markdown
uses) and drawn when the build writes the document: planning a document, or rendering its
text alone, does not draw them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from regiogen.model.content import Afspraak, Content, Post
from regiogen.model.voortgang import (
    MijlpaalStand,
    PlanVerantwoording,
    ResultaatStand,
    mijlpalen,
    plan_verantwoording,
    realisatie,
    resultaten,
)
from regiogen.source.dates import format_datum

VOORTGANG_SECTIONS = (
    "samenvatting",
    "afspraken",
    "mijlpalen",
    "resultaten",
    "tijdlijn",
    "begroting",
)
VERANTWOORDING_SECTIONS = ("spuk-iza", "transformatiemiddelen")


@dataclass(frozen=True)
class AfspraakVoortgang:
    """One afspraak at the peildatum: what was due, what happened, what it measures."""

    afspraak: Afspraak
    mijlpalen: list[MijlpaalStand]
    resultaten: list[ResultaatStand]
    posten: list[Post]

    @property
    def verschenen(self) -> list[MijlpaalStand]:
        """Mijlpalen due on or before the peildatum, or with a status already."""
        return [m for m in self.mijlpalen if m.stand != "gepland" and m.stand != "zonder-datum"]

    @property
    def komend(self) -> list[MijlpaalStand]:
        """Mijlpalen still to come."""
        return [m for m in self.mijlpalen if m.stand in ("gepland", "zonder-datum")]


@dataclass(frozen=True)
class Grafieken:
    """A document's voortgang charts by the path the Markdown uses, drawn only when the build
    writes the document (the text needs only their names)."""

    te_tekenen: dict[str, Callable[[], bytes]]

    def namen(self) -> list[str]:
        """The paths of the charts, in the order they are drawn."""
        return list(self.te_tekenen)

    def teken(self) -> dict[str, bytes]:
        """Every chart drawn: path → SVG bytes (a Word chart in the .docx)."""
        return {name: draw() for name, draw in self.te_tekenen.items()}


def _grafiek_map(stem: str) -> str:
    return f"{stem}-grafieken"


def voortgang_context(content: Content, peildatum: date, stem: str) -> dict[str, Any]:
    """What the voortgangsrapportage template gets, charts included."""
    from regiogen.render.voortgang_charts import metingen_spec, peil_positie, tijdlijn_spec
    from regiogen.render.voortgang_svg import metingen_svg, tijdlijn_svg

    standen = mijlpalen(content, peildatum)
    stand_resultaten = resultaten(content, peildatum)
    posten = content.begroting.posten if content.begroting else []
    per_afspraak = [
        AfspraakVoortgang(
            a,
            [m for m in standen if m.path[:2] == ("afspraken", i)],
            [r for r in stand_resultaten if r.path[:2] == ("afspraken", i)],
            [p for p in posten if p.afspraak == a.id],
        )
        for i, a in enumerate(content.afspraken)
    ]
    folder = _grafiek_map(stem)
    grafieken: dict[str, Callable[[], bytes]] = {}
    per_resultaat: dict[tuple[str | int, ...], str] = {}
    for stand in stand_resultaten:
        if not stand.reeks:
            continue
        name = f"{folder}/resultaat-{stand.afspraak}-{int(stand.path[3]) + 1}.svg"
        grafieken[name] = functools.partial(metingen_svg, metingen_spec(stand, peildatum))
        per_resultaat[stand.path] = name
    tijdlijn = spec = None
    if any(m.mijlpaal.wanneer is not None for m in standen):
        tijdlijn = f"{folder}/tijdlijn.svg"
        spec = tijdlijn_spec(standen, peildatum)
        grafieken[tijdlijn] = functools.partial(tijdlijn_svg, spec)
    return {
        "peildatum": peildatum,
        "peildatum_tekst": format_datum(peildatum),
        "per_afspraak": per_afspraak,
        "mijlpaal_standen": standen,
        "over_tijd": [m for m in standen if m.stand == "over-tijd"],
        "vertraagd": [m for m in standen if m.stand == "vertraagd"],
        "gehaald": [m for m in standen if m.stand == "gehaald"],
        "resultaat_standen": stand_resultaten,
        "grafiek_per_resultaat": per_resultaat,
        "tijdlijn": tijdlijn,
        # what the timeline shows, for the words beside it
        "peildatum_in_tijdlijn": spec is not None and peil_positie(spec) is not None,
        "tijdlijn_nieuw_verwacht": spec is not None and spec.nieuw_verwacht,
        "realisatie": realisatie(content.begroting) if content.begroting else None,
        "grafieken": Grafieken(grafieken),
    }


def verantwoording_context(content: Content, peildatum: date) -> dict[str, Any]:
    """What the verantwoording template (and workbook) gets."""
    plannen = plan_verantwoording(content, peildatum)
    return {
        "peildatum": peildatum,
        "peildatum_tekst": format_datum(peildatum),
        "realisatie": realisatie(content.begroting) if content.begroting else None,
        "sisa_plannen": [p for p in plannen if p.plan.financiering == "spuk-transformatiemiddelen"],
        "andere_plannen": [
            p for p in plannen if p.plan.financiering != "spuk-transformatiemiddelen"
        ],
    }


def sisa_indicator(plan: PlanVerantwoording) -> str:
    """The SiSa answer: ``ja``, ``nee`` or ``nog niet te zeggen``."""
    value = plan.gerealiseerd
    return "ja" if value is True else "nee" if value is False else "nog niet te zeggen"
