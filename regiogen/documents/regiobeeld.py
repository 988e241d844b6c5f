"""The regiobeeld as a document of its own: one per region (IZA 2022 §3.2).

The template gets the region's base context plus what this document lays out: every figure
with its source (``bronnen``), the prognoses with their gap per year, the knelpunten grouped
by theme, and the parts the content does not have yet (``open_punten``), so that an empty part
is named once in a short list instead of "nog niet ingevuld" under every heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from regiogen.documents.figures import Figuren
from regiogen.model.content import Content, Indicator, Knelpunt

#: Required sections of the regiobeeld (ids in the template).
REGIOBEELD_SECTIONS = (
    "capaciteit",
    "prognoses",
    "kloof",
    "knelpunten",
    "duiding",
    "gemeentelijk-domein",
    "bronnen",
)

#: The themes whose knelpunten the criteria ask for first, in this order.
HOOFDTHEMAS = ("toegankelijkheid", "kwaliteit")


@dataclass(frozen=True)
class Bron:
    """One figure of the regiobeeld and where it comes from."""

    onderdeel: str
    indicator: Indicator


def bronnen(content: Content) -> list[Bron]:
    """Every figure of the regiobeeld with the part it belongs to, in document order."""
    beeld = content.regiobeeld
    found: list[Bron] = []
    for c in beeld.capaciteit:
        found += [Bron(f"Capaciteit: {c.titel}", i) for i in c.indicatoren]
    for p in beeld.prognoses:
        found += [Bron(f"Prognose: {p.titel}", i) for i in (p.vraag, p.aanbod) if i is not None]
    for k in beeld.knelpunten:
        found += [Bron(f"Knelpunt {k.id}", i) for i in k.indicatoren]
    for v in beeld.gemeentelijk_domein:
        found += [Bron(f"Gemeentelijk domein: {v.thema}", i) for i in v.indicatoren]
    return found


def knelpunten_per_thema(knelpunten: list[Knelpunt]) -> list[tuple[str, list[Knelpunt]]]:
    """Knelpunten grouped by theme: toegankelijkheid, kwaliteit, then the others in order."""
    themas = list(HOOFDTHEMAS)
    themas += [t for t in dict.fromkeys(k.thema or "overig" for k in knelpunten) if t not in themas]
    groups = [(t, [k for k in knelpunten if (k.thema or "overig") == t]) for t in themas]
    return [(t, ks) for t, ks in groups if ks]


def open_punten(content: Content) -> list[str]:
    """The parts of the regiobeeld the content does not hold yet (for the reader)."""
    beeld = content.regiobeeld
    punten: list[str] = []
    domeinen = {c.domein for c in beeld.capaciteit}
    missing = [d for d in ("zorg", "welzijn", "ondersteuning") if d not in domeinen]
    if missing:
        punten.append(f"Capaciteit en prestaties van {_en(missing)}.")
    if not any(p.vraag and p.aanbod and p.vraag.reeks and p.aanbod.reeks for p in beeld.prognoses):
        punten.append("Een prognose van zorgvraag én aanbod per jaar.")
    if not beeld.knelpunten:
        punten.append("De knelpunten in toegankelijkheid en kwaliteit.")
    zonder = [k.id for k in beeld.knelpunten if not _onderbouwd(k)]
    if zonder:
        punten.append(f"Cijfers met bron en jaar bij knelpunt {_en(zonder)}.")
    perspectieven = {d.perspectief for d in beeld.duiding}
    missing = [p for p in ("inwoners", "professionals") if p not in perspectieven]
    if missing:
        punten.append(f"Wat {_en(missing)} zeggen over de cijfers.")
    themas = {v.thema for v in beeld.gemeentelijk_domein}
    missing = [t for t in ("werk", "wonen", "inkomen") if t not in themas]
    if missing:
        punten.append(f"Het verband met {_en(missing)} in het gemeentelijk domein.")
    return punten


def _onderbouwd(knelpunt: Knelpunt) -> bool:
    return any(
        (i.waarde or i.reeks) and i.bron and i.jaar is not None for i in knelpunt.indicatoren
    )


def _en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def regiobeeld_context(content: Content) -> dict[str, Any]:
    """What the regiobeeld template gets on top of the base context."""
    beeld = content.regiobeeld
    names = {p.id: p.naam for p in content.partijen}
    return {
        "beeld": beeld,
        "bronnen": bronnen(content),
        "knelpunten_per_thema": knelpunten_per_thema(beeld.knelpunten),
        "open_punten": open_punten(content),
        "kloof_rijen": [(p.titel, *p.kloof()[-1]) for p in beeld.prognoses if p.kloof()],
        "opstellers": [names.get(i, i) for i in beeld.opgesteld_door],
        "figuur": Figuren("regiobeeld"),
    }
