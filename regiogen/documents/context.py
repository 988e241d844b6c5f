"""What every template of a region gets: the content with the figures and lookups it needs.

:func:`base_context` computes them once (names looked up by id, the planning per afspraak,
the werkagenda items of the plan as a whole, the zorgkantoorregio of each gemeente), so
templates only lay them out.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from regiogen.model.content import Afspraak, Content, Gemeente, Opgave, Partij, same_gemeentecode
from regiogen.model.overzicht import begroting_overzicht, werkagenda
from regiogen.source.dates import Moment


@dataclass(frozen=True)
class Mandaat:
    """The mandaatstructuur with gemeentecodes resolved to names."""

    mandaathouder: Gemeente | None
    gemeenten: list[str]
    besluitvorming: str | None
    bestuurlijke_tafel: str | None


@dataclass(frozen=True)
class Agendapunt:
    """One line of the planning: a milestone, a result due at a date, or a werkpunt."""

    wanneer: Moment | None
    soort: str  # "Mijlpaal", "Resultaat" or "Werkpunt"
    wat: str
    streefwaarde: str | None = None
    afspraak: str = ""  # id of the afspraak or fundament; "" for the plan as a whole
    trekker: str | None = None  # name of the partij or rol


def _by_moment(punten: list[Agendapunt]) -> list[Agendapunt]:
    """Dated points by moment (stable), then the undated ones."""
    dated = [p for p in punten if p.wanneer is not None]
    dated.sort(key=lambda p: p.wanneer)  # type: ignore[arg-type,return-value]
    return dated + [p for p in punten if p.wanneer is None]


def anker(*parts: object) -> str:
    """A heading id from parts, such as ``anker("afspraak", "A1")`` → ``afspraak-a1``."""
    text = "-".join(str(p) for p in parts).lower()
    return re.sub(r"[^\w.-]+", "-", text).strip("-") or "sectie"


def _mandaat(content: Content) -> Mandaat | None:
    structuur = content.mandaatstructuur
    if structuur is None:
        return None
    return Mandaat(
        mandaathouder=content.mandaatgemeente(),
        gemeenten=[_gemeentenaam(content, code) for code in structuur.gemeenten],
        besluitvorming=structuur.besluitvorming,
        bestuurlijke_tafel=structuur.bestuurlijke_tafel,
    )


def _gemeentenaam(content: Content, code: str) -> str:
    """The name of the municipality with this CBS code (the code itself when unknown)."""
    gemeente = next((g for g in content.regio.gemeenten if same_gemeentecode(g.code, code)), None)
    return gemeente.naam if gemeente else code


def _planning(afspraak: Afspraak) -> list[Agendapunt]:
    """Milestones and results of an afspraak in date order; undated ones last."""
    punten = [
        Agendapunt(m.wanneer, "Mijlpaal", m.wat, afspraak=afspraak.id) for m in afspraak.mijlpalen
    ]
    for r in afspraak.resultaten:
        wanneer = Moment(r.datum, r.datum, r.datum.isoformat()) if r.datum else None
        punten.append(
            Agendapunt(wanneer, "Resultaat", r.indicator or "", r.streefwaarde, afspraak.id)
        )
    return _by_moment(punten)


def _planbreed(content: Content) -> list[Agendapunt]:
    """The werkagenda items not tied to one afspraak: plan-wide mijlpalen, werkpunten and
    the mijlpalen of fundamenten, in date order."""
    names = {p.id: p.naam for p in content.partijen} | {r.id: r.naam for r in content.rollen}

    def naam(ident: str | None) -> str | None:
        return names.get(ident, ident) if ident else None

    punten = [
        Agendapunt(m.wanneer, "Mijlpaal", m.wat, trekker=naam(m.trekker)) for m in content.mijlpalen
    ]
    for w in content.werkagenda:
        if w.afspraak is None:
            punten.append(
                Agendapunt(
                    w.wanneer,
                    "Werkpunt",
                    w.wat,
                    afspraak=w.fundament or "",
                    trekker=naam(w.trekker),
                )
            )
    for f in content.fundamenten:
        punten += [
            Agendapunt(
                m.wanneer, "Mijlpaal", m.wat, afspraak=f.id, trekker=naam(m.trekker or f.trekker)
            )
            for m in f.mijlpalen
        ]
    return _by_moment(punten)


def _zorgkantoorindeling(content: Content) -> list[tuple[str, list[str]]]:
    """Per zorgkantoorregio the gemeenten of the region in it, when the content says so."""
    found: dict[str, list[str]] = {}
    for g in content.regio.gemeenten:
        if g.zorgkantoorregio:
            found.setdefault(g.zorgkantoorregio, []).append(g.naam)
    return list(found.items())


def _opgaven_per_knelpunt(content: Content) -> dict[str, list[Opgave]]:
    found: dict[str, list[Opgave]] = {k.id: [] for k in content.regiobeeld.knelpunten}
    for opgave in content.opgaven:
        for knelpunt in opgave.knelpunten:
            found.setdefault(knelpunt, []).append(opgave)
    return found


def _sorted_opgaven(content: Content) -> list[Opgave]:
    """Opgaven by prioriteit (those without one last, in file order)."""
    numbered = sorted(
        (o for o in content.opgaven if o.prioriteit is not None),
        key=lambda o: o.prioriteit or 0,
    )
    return numbered + [o for o in content.opgaven if o.prioriteit is None]


def _is_preventie(themas: list[str]) -> bool:
    return any("preventie" in t.lower() or "gezondheid" in t.lower() for t in themas)


def _trace(content: Content) -> list[Any] | None:
    """The traceability chains, when :mod:`regiogen.documents.trace` is available."""
    try:
        module = importlib.import_module("regiogen.documents.trace")
    except ImportError:
        return None
    chains = getattr(module, "trace_chains", None)
    return list(chains(content)) if callable(chains) else None


def base_context(content: Content) -> dict[str, Any]:
    """What every template of a region gets.

    Keys: ``content``, ``regio``, ``partijen`` (id → Partij), ``knelpunten``, ``opgaven``,
    ``afspraken`` (id → record), ``begroting`` (BegrotingOverzicht or None), ``werkagenda``
    (rows sorted by first milestone), ``planning`` (afspraak id → Agendapunt list),
    ``agenda`` (all Agendapunten of all afspraken in date order),
    ``opgaven_op_prioriteit``, ``opgaven_per_knelpunt`` (knelpunt id → opgaven),
    ``preventie_opgaven`` (opgaven with a prevention or health theme),
    ``afspraken_per_opgave`` (opgave id → afspraken), ``mandaat`` (Mandaat or None),
    ``marktleider`` (Partij or None), ``mandaatgemeente`` (Gemeente or None), ``trace``
    (traceability chains or None), ``planbreed`` (werkagenda items not tied to one afspraak),
    ``geprioriteerd`` (do the opgaven have a rank order?), ``zorgkantoorindeling``
    (zorgkantoorregio → gemeenten, when the gemeenten say), ``fundamenten`` (id → record),
    ``open_punten`` (the findings of the document's kind; filled per kind) and the helper
    functions ``anker`` (heading id from parts), ``partijnamen`` (party ids → names),
    ``trekkernaam`` (partij or rol id → name) and ``gemeentenaam`` (CBS code → name).
    """
    afspraken_per_opgave: dict[str, list[Afspraak]] = {o.id: [] for o in content.opgaven}
    for afspraak in content.afspraken:
        if afspraak.opgave is not None:
            afspraken_per_opgave.setdefault(afspraak.opgave, []).append(afspraak)
    marktleider: Partij | None = (
        content.partij(content.regio.marktleider) if content.regio.marktleider else None
    )
    names = {p.id: p.naam for p in content.partijen}
    trekkers = names | {r.id: r.naam for r in content.rollen}
    planning = {a.id: _planning(a) for a in content.afspraken}
    for w in content.werkagenda:
        if w.afspraak is not None and w.afspraak in planning:
            punt = Agendapunt(w.wanneer, "Werkpunt", w.wat, afspraak=w.afspraak)
            planning[w.afspraak] = _by_moment([*planning[w.afspraak], punt])
    planbreed = _planbreed(content)
    prioritering = content.prioritering
    return {
        "content": content,
        "regio": content.regio,
        "partijen": {p.id: p for p in content.partijen},
        "knelpunten": {k.id: k for k in content.regiobeeld.knelpunten},
        "opgaven": {o.id: o for o in content.opgaven},
        "afspraken": {a.id: a for a in content.afspraken},
        "begroting": begroting_overzicht(content.begroting) if content.begroting else None,
        "werkagenda": werkagenda(content),
        "planning": planning,
        "agenda": _by_moment([p for punten in planning.values() for p in punten] + planbreed),
        "planbreed": planbreed,
        "geprioriteerd": any(o.prioriteit is not None for o in content.opgaven)
        or (prioritering is not None and prioritering.volgorde),
        "zorgkantoorindeling": _zorgkantoorindeling(content),
        "fundamenten": {f.id: f for f in content.fundamenten},
        "open_punten": [],
        "opgaven_op_prioriteit": _sorted_opgaven(content),
        "opgaven_per_knelpunt": _opgaven_per_knelpunt(content),
        "preventie_opgaven": [o for o in content.opgaven if _is_preventie(o.themas)],
        "afspraken_per_opgave": afspraken_per_opgave,
        "mandaat": _mandaat(content),
        "marktleider": marktleider,
        "mandaatgemeente": content.mandaatgemeente(),
        "trace": _trace(content),
        "anker": anker,
        "partijnamen": lambda ids: [names.get(i, i) for i in ids],
        "trekkernaam": lambda ident: trekkers.get(ident, ident),
        "gemeentenaam": lambda code: _gemeentenaam(content, code),
    }
