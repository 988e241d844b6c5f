"""Voortgang after adoption, at a peildatum: mijlpalen, metingen and the realisatie.

Pure functions of the content and a peildatum; nothing here reads the clock. A status or a
measurement dated after the peildatum did not exist yet at the peildatum and is left out, so
a report at an earlier peildatum says what was known then.

Mijlpalen come from the afspraken and, where the content model has them, from the plan as a
whole, the fundamenten and the transformatieplannen (read with ``getattr``, so this module
works with and without those fields).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from regiogen.model.content import (
    Begroting,
    Content,
    Meting,
    Mijlpaal,
    Resultaat,
    Transformatieplan,
)
from regiogen.source.dates import kwartaal

ZERO = Decimal("0")

#: How the state of a mijlpaal at the peildatum reads.
STANDEN = {
    "gehaald": "gehaald",
    "vervallen": "vervallen",
    "vertraagd": "vertraagd",
    "over-tijd": "over tijd, geen status",
    "gepland": "gepland",
    "zonder-datum": "geen datum",
}

_NUMBER = re.compile(r"^\s*([<>≤≥~±]|ca\.)?\s*(-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)\s*(.*)$")


@dataclass(frozen=True)
class Getal:
    """A value written as text, read as a number with its unit (``8,1%`` → 8.1, ``%``)."""

    waarde: Decimal
    eenheid: str


def lees_getal(text: str | None) -> Getal | None:
    """The number a text starts with, Dutch notation (``2.400`` is 2400, ``6,4`` is 6.4).

    None when the text does not start with a number (``n.v.t.``, ``operationeel``).
    """
    if text is None:
        return None
    match = _NUMBER.match(text)
    if match is None:
        return None
    digits = match[2].replace(".", "").replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None
    return Getal(value, match[3].strip().lower())


@dataclass(frozen=True)
class MijlpaalStand:
    """One mijlpaal at the peildatum: where it comes from and how it stands."""

    bron: str  # id of the afspraak, transformatieplan or fundament; "plan" for the plan
    bron_titel: str
    path: tuple[str | int, ...]  # key path of the mijlpaal in the content
    mijlpaal: Mijlpaal
    stand: str  # a key of STANDEN
    status: str | None  # the status as known at the peildatum
    bedrag: Decimal | None

    @property
    def stand_tekst(self) -> str:
        """The state in words."""
        return STANDEN[self.stand]

    @property
    def kwartaal(self) -> str | None:
        """The quarter the mijlpaal is due in at the latest, ``2024-Q2``."""
        when = self.mijlpaal.wanneer
        return kwartaal(when.end) if when is not None else None

    @property
    def gehaald(self) -> bool:
        """True when the mijlpaal was met by the peildatum."""
        return self.stand == "gehaald"


def _status_op(mijlpaal: Mijlpaal, peildatum: date) -> str | None:
    """The status as it stood at the peildatum (a status dated later did not exist yet)."""
    if mijlpaal.status is None:
        return None
    if mijlpaal.statusdatum is not None and mijlpaal.statusdatum > peildatum:
        return None
    return mijlpaal.status


def mijlpaal_stand(mijlpaal: Mijlpaal, peildatum: date) -> tuple[str, str | None]:
    """The state (a key of :data:`STANDEN`) and the status of a mijlpaal at the peildatum."""
    status = _status_op(mijlpaal, peildatum)
    if status in ("gehaald", "vervallen", "vertraagd"):
        return status, status
    if mijlpaal.wanneer is None:
        return "zonder-datum", status
    if mijlpaal.wanneer.end < peildatum:
        return "over-tijd", status
    return "gepland", status


def _bronnen(content: Content) -> Iterator[tuple[str, str, tuple[str | int, ...], list[Any]]]:
    """(id, title, key path, mijlpalen) of every record that holds mijlpalen."""
    for i, afspraak in enumerate(content.afspraken):
        yield afspraak.id, afspraak.titel, ("afspraken", i), list(afspraak.mijlpalen)
    plan_mijlpalen = getattr(content, "mijlpalen", None)
    if plan_mijlpalen:
        yield "plan", "Het plan als geheel", (), list(plan_mijlpalen)
    for i, fundament in enumerate(getattr(content, "fundamenten", None) or []):
        yield fundament.id, fundament.titel, ("fundamenten", i), list(fundament.mijlpalen)
    for i, plan in enumerate(content.transformatieplannen):
        own = getattr(plan, "mijlpalen", None)
        if own:
            yield plan.id, plan.titel, ("transformatieplannen", i), list(own)


def mijlpalen(content: Content, peildatum: date) -> list[MijlpaalStand]:
    """Every mijlpaal of the plan at the peildatum, in content order."""
    found = []
    for bron, titel, path, items in _bronnen(content):
        for j, mijlpaal in enumerate(items):
            stand, status = mijlpaal_stand(mijlpaal, peildatum)
            found.append(
                MijlpaalStand(
                    bron, titel, (*path, "mijlpalen", j), mijlpaal, stand, status, mijlpaal.bedrag
                )
            )
    return found


def heeft_voortgang(content: Content) -> bool:
    """True when the content records any voortgang: a status, a meting or a realisatie."""
    if any(m.mijlpaal.status for m in mijlpalen(content, date.max)):
        return True
    if any(r.metingen for a in content.afspraken for r in a.resultaten):
        return True
    begroting = content.begroting
    return bool(begroting and any(p.realisatie for p in begroting.posten))


@dataclass(frozen=True)
class ResultaatStand:
    """A result at the peildatum: its measurements so far, against nulmeting and streefwaarde."""

    afspraak: str
    afspraak_titel: str
    path: tuple[str | int, ...]
    resultaat: Resultaat
    metingen: list[Meting]  # dated on or before the peildatum, oldest first
    nul: Getal | None
    streef: Getal | None
    reeks: list[tuple[date, Decimal]]  # the metingen that read as numbers in the same unit

    @property
    def laatste(self) -> Meting | None:
        """The most recent measurement at the peildatum."""
        return self.metingen[-1] if self.metingen else None

    @property
    def vergelijkbaar(self) -> bool:
        """Nulmeting and streefwaarde are numbers in one unit, and differ."""
        return (
            self.nul is not None
            and self.streef is not None
            and self.nul.eenheid == self.streef.eenheid
            and self.nul.waarde != self.streef.waarde
        )

    @property
    def bereikt(self) -> Decimal | None:
        """How far the last measurement got from the nulmeting to the streefwaarde, in %."""
        if not self.vergelijkbaar or not self.reeks:
            return None
        assert self.nul is not None and self.streef is not None
        laatste = self.reeks[-1][1]
        share = (laatste - self.nul.waarde) / (self.streef.waarde - self.nul.waarde) * 100
        return share.quantize(Decimal("1"))

    def verder_van_doel(self) -> list[tuple[int, Meting]]:
        """Measurements further from the streefwaarde than the nulmeting (index, meting)."""
        if not self.vergelijkbaar:
            return []
        assert self.nul is not None and self.streef is not None
        afstand = abs(self.streef.waarde - self.nul.waarde)
        found = []
        for i, meting in enumerate(self.resultaat.metingen):
            getal = lees_getal(meting.waarde)
            if getal is None or getal.eenheid != self.nul.eenheid:
                continue
            if meting in self.metingen and abs(self.streef.waarde - getal.waarde) > afstand:
                found.append((i, meting))
        return found


def resultaten(content: Content, peildatum: date) -> list[ResultaatStand]:
    """Every result of every afspraak at the peildatum, in content order."""
    found = []
    for i, afspraak in enumerate(content.afspraken):
        for j, resultaat in enumerate(afspraak.resultaten):
            metingen = sorted(
                (m for m in resultaat.metingen if m.datum <= peildatum), key=lambda m: m.datum
            )
            nul = lees_getal(resultaat.nulmeting)
            streef = lees_getal(resultaat.streefwaarde)
            unit = nul.eenheid if nul is not None else streef.eenheid if streef else None
            reeks = []
            for meting in metingen:
                getal = lees_getal(meting.waarde)
                if getal is not None and (unit is None or getal.eenheid == unit):
                    reeks.append((meting.datum, getal.waarde))
            found.append(
                ResultaatStand(
                    afspraak.id,
                    afspraak.titel,
                    ("afspraken", i, "resultaten", j),
                    resultaat,
                    metingen,
                    nul,
                    streef,
                    reeks,
                )
            )
    return found


@dataclass(frozen=True)
class Jaarrealisatie:
    """One year of the begroting: begroot, toegekend and gerealiseerd, and cumulatively."""

    jaar: int
    begroot: Decimal
    toegekend: Decimal | None
    gerealiseerd: Decimal | None  # None when no post has a realisatie for this year
    cumulatief_begroot: Decimal
    cumulatief_toegekend: Decimal | None
    cumulatief_gerealiseerd: Decimal | None

    @property
    def boven_toegekend(self) -> Decimal | None:
        """How much more was realised than toegekend (None when not more)."""
        if self.gerealiseerd is None or self.toegekend is None:
            return None
        over = self.gerealiseerd - self.toegekend
        return over if over > 0 else None


@dataclass(frozen=True)
class Postrealisatie:
    """One post: begroot and gerealiseerd per year."""

    index: int
    id: str | None
    omschrijving: str
    begroot: dict[int, Decimal]
    gerealiseerd: dict[int, Decimal]

    @property
    def totaal_begroot(self) -> Decimal:
        """The post's begroot amount over all years."""
        return sum(self.begroot.values(), ZERO)

    @property
    def totaal_gerealiseerd(self) -> Decimal:
        """The post's realised amount over all years."""
        return sum(self.gerealiseerd.values(), ZERO)


@dataclass(frozen=True)
class Realisatie:
    """The realisatie of the begroting: per year (with cumulative figures) and per post."""

    jaren: list[Jaarrealisatie]
    posten: list[Postrealisatie]

    @property
    def heeft_realisatie(self) -> bool:
        """True when any post records a realised amount."""
        return any(p.gerealiseerd for p in self.posten)


def _jaren(begroting: Begroting) -> list[int]:
    years = set(begroting.jaren) | set(begroting.toegekend)
    for post in begroting.posten:
        years |= set(post.bedragen) | set(post.realisatie)
    return sorted(years)


def realisatie(begroting: Begroting) -> Realisatie:
    """Sum the begroting and its realisatie per year, cumulatively and per post."""
    jaren = _jaren(begroting)
    rows = []
    cum_begroot = ZERO
    cum_toegekend: Decimal | None = ZERO
    cum_real: Decimal | None = ZERO
    for jaar in jaren:
        begroot = sum((p.bedragen.get(jaar, ZERO) for p in begroting.posten), ZERO)
        toegekend = begroting.toegekend.get(jaar)
        posts = [p.realisatie[jaar] for p in begroting.posten if jaar in p.realisatie]
        real = sum(posts, ZERO) if posts else None
        cum_begroot += begroot
        cum_toegekend = _plus(cum_toegekend, toegekend)
        cum_real = _plus(cum_real, real)
        rows.append(
            Jaarrealisatie(jaar, begroot, toegekend, real, cum_begroot, cum_toegekend, cum_real)
        )
    posten = [
        Postrealisatie(i, p.id, p.omschrijving, dict(p.bedragen), dict(p.realisatie))
        for i, p in enumerate(begroting.posten)
    ]
    return Realisatie(rows, posten)


def _plus(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    """A running total that stays None once a year has no figure (it is not known then)."""
    if total is None or value is None:
        return None
    return total + value


@dataclass(frozen=True)
class PlanVerantwoording:
    """A transformatieplan's mijlpalen with their amounts and whether each was met."""

    plan: Transformatieplan
    mijlpalen: list[MijlpaalStand]

    @property
    def totaal(self) -> Decimal:
        """The sum of the amounts of the mijlpalen."""
        return sum((m.bedrag or ZERO for m in self.mijlpalen), ZERO)

    @property
    def gerealiseerd(self) -> bool | None:
        """The SiSa indicator: were the planned mijlpalen met (vervallen ones do not count)?

        None when the plan has no mijlpalen or some are still to come.
        """
        relevant = [m for m in self.mijlpalen if m.stand != "vervallen"]
        if not relevant:
            return None
        if all(m.gehaald for m in relevant):
            return True
        if any(m.stand in ("over-tijd", "vertraagd") for m in relevant):
            return False
        return None


def plan_verantwoording(content: Content, peildatum: date) -> list[PlanVerantwoording]:
    """Per transformatieplan its mijlpalen at the peildatum.

    A plan's own mijlpalen when the model has them, else those of the afspraken it serves.
    """
    standen = mijlpalen(content, peildatum)
    found = []
    for plan in content.transformatieplannen:
        own = [m for m in standen if m.path[:1] == ("transformatieplannen",) and m.bron == plan.id]
        if not own:
            own = [m for m in standen if m.path[:1] == ("afspraken",) and m.bron in plan.afspraken]
        found.append(PlanVerantwoording(plan, own))
    return found


def per_kwartaal(standen: Iterable[MijlpaalStand]) -> list[str]:
    """Every quarter from the first to the last due mijlpaal (or expected moment), in order."""
    days = [m.mijlpaal.wanneer.end for m in standen if m.mijlpaal.wanneer is not None]
    days += [m.mijlpaal.verwacht.end for m in standen if m.mijlpaal.verwacht is not None]
    if not days:
        return []
    first, last = min(days), max(days)
    quarters = []
    year, q = first.year, (first.month - 1) // 3 + 1
    while (year, q) <= (last.year, (last.month - 1) // 3 + 1):
        quarters.append(f"{year}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return quarters
