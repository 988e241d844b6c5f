"""The content model of one region: what the YAML under ``content/<regio>/`` may hold.

Identity fields (``id``, ``naam``, ``titel``) are required by the schema. Fields whose
absence the IZA rules judge (a trekker, a streefwaarde, a toelichting) are optional here,
so that ``regiogen check`` can name what a plan still lacks with the rule behind it,
instead of refusing the file.

The models of the parts live by topic: :mod:`~regiogen.model.regio` (regio, gemeenten,
partijen), :mod:`~regiogen.model.regiobeeld` (knelpunten and the rest of the regiobeeld),
:mod:`~regiogen.model.afspraken` (opgaven, afspraken, resultaten, mijlpalen, initiatieven,
randvoorwaarden), :mod:`~regiogen.model.begroting` (begroting, aanvraag, mandaatstructuur),
:mod:`~regiogen.model.transformatieplan` (transformatieplannen and their business case) and
:mod:`~regiogen.model.gala`. This module holds the plan-wide parts and :class:`Content`, and
re-exports every model name, so ``from regiogen.model.content import Afspraak`` keeps working.

May import: the content modules above, :mod:`regiogen.model.indicator` and
:mod:`regiogen.model.types`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from regiogen.model.afspraken import (
    Afspraak,
    Initiatief,
    Meting,
    Mijlpaal,
    MijlpaalStatus,
    Opgave,
    Randvoorwaarde,
    Resultaat,
    Schaal,
)
from regiogen.model.begroting import Aanvraag, Aard, Begroting, Mandaatstructuur, Post, Soort
from regiogen.model.gala import GalaPlan
from regiogen.model.indicator import Indicator
from regiogen.model.regio import Gemeente, Partij, PartijSoort, Periode, Regio, Status, Vaststelling
from regiogen.model.regiobeeld import Capaciteit, Duiding, Knelpunt, Prognose, Regiobeeld, Verband
from regiogen.model.transformatieplan import (
    Batenpost,
    Domein,
    Financiering,
    Impact,
    Kostenpost,
    PlanPartij,
    Transformatieplan,
)
from regiogen.model.types import Jaar, JaNee, Model, Tekst, Tijdstip

__all__ = [
    "Aanvraag",
    "Aard",
    "Afspraak",
    "Ambitie",
    "Batenpost",
    "Begroting",
    "Betrokkenheid",
    "Capaciteit",
    "Content",
    "Decimal",
    "Domein",
    "Duiding",
    "Financiering",
    "Fundament",
    "GalaPlan",
    "Gemeente",
    "Impact",
    "Indicator",
    "Initiatief",
    "Knelpunt",
    "Kostenpost",
    "Mandaatstructuur",
    "Meting",
    "Mijlpaal",
    "MijlpaalStatus",
    "Monitoring",
    "Opgave",
    "Partij",
    "PartijSoort",
    "Periode",
    "PlanPartij",
    "Post",
    "Prioritering",
    "Prognose",
    "Randvoorwaarde",
    "Regio",
    "Regiobeeld",
    "Resultaat",
    "Rol",
    "Schaal",
    "Soort",
    "Status",
    "Transformatieplan",
    "Vaststelling",
    "Verband",
    "Werkpunt",
    "date",
    "same_gemeentecode",
]


class Monitoring(Model):
    """How progress on the plan is followed."""

    toelichting: Tekst | None = None
    frequentie: Tekst | None = None
    dashboard: Tekst | None = None
    indicatoren: list[Tekst] = Field(
        default_factory=list, description="Indicatoren die op planniveau worden gevolgd"
    )
    rapporteert: Tekst | None = Field(None, description="Wie over de voortgang rapporteert")
    aan: Tekst | None = Field(None, description="Aan wie (welke tafel of welk overleg)")
    gereed: Tijdstip | None = Field(
        None, description="Wanneer de monitoring er is, als die nog wordt ontwikkeld"
    )


class Ambitie(Model):
    """A long-term goal of the plan, optionally measurable."""

    titel: Tekst
    toelichting: Tekst | None = None
    indicator: Tekst | None = None
    streefwaarde: Tekst | None = None
    jaar: Jaar | None = Field(None, description="Het jaar waarin het doel bereikt is")
    doelgroepen: list[Tekst] = Field(default_factory=list)


class Fundament(Model):
    """An enabler (arbeidsmarkt, gegevensuitwisseling, data, …) the opgaven rest on."""

    id: Tekst
    titel: Tekst
    beschrijving: Tekst | None = None
    trekker: Tekst | None = Field(None, description="id van de partij of rol die trekt")
    kwartiermaker: Tekst | None = Field(None, description="Wie het fundament opzet")
    aanpak: Tekst | None = None
    resultaten: list[Resultaat] = Field(default_factory=list)
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    initiatieven: list[Initiatief] = Field(default_factory=list)


class Prioritering(Model):
    """How the plan as a whole chose and ordered its opgaven."""

    toelichting: Tekst = Field(description="Hoe de partijen tot de keuze van de opgaven kwamen")
    criteria: list[Tekst] = Field(default_factory=list, description="De criteria van de keuze")
    volgorde: JaNee = Field(
        False, description="Hebben de opgaven een rangorde (prioriteit per opgave)?"
    )


class Werkpunt(Model):
    """An item on the werkagenda, tied to an afspraak, a fundament or to the plan as a whole."""

    wat: Tekst
    wanneer: Tijdstip | None = None
    trekker: Tekst | None = Field(None, description="id van de partij of rol die trekt")
    afspraak: Tekst | None = Field(None, description="id van de afspraak, als het daarbij hoort")
    fundament: Tekst | None = Field(None, description="id van het fundament, als het daarbij hoort")
    status: Tekst | None = Field(None, description="Bijvoorbeeld gepland, lopend of gereed")


class Rol(Model):
    """A person or body that is not a partij: kwartiermaker, werkgroep, inwonerraad, …"""

    id: Tekst
    naam: Tekst
    soort: Tekst | None = Field(None, description="Bijvoorbeeld werkgroep of kwartiermaker")
    taak: Tekst | None = None
    leden: list[Tekst] = Field(default_factory=list, description="ids van partijen")


class Betrokkenheid(Model):
    """How inwoners, patients, professionals or the achterban were involved (who, when, how)."""

    wie: Tekst
    hoe: Tekst | None = None
    wanneer: Tijdstip | None = None
    uitkomst: Tekst | None = Field(None, description="Wat de betrokkenheid opleverde")


class Content(Model):
    """Everything known about one region."""

    regio: Regio
    partijen: list[Partij] = Field(default_factory=list)
    regiobeeld: Regiobeeld = Field(default_factory=Regiobeeld)
    opgaven: list[Opgave] = Field(default_factory=list)
    afspraken: list[Afspraak] = Field(default_factory=list)
    randvoorwaarden: list[Randvoorwaarde] = Field(default_factory=list)
    mandaatstructuur: Mandaatstructuur | None = None
    begroting: Begroting | None = None
    aanvraag: Aanvraag | None = None
    transformatieplannen: list[Transformatieplan] = Field(default_factory=list)
    monitoring: Monitoring | None = None
    ambitie: list[Ambitie] = Field(
        default_factory=list, description="Lange-termijndoelen van het plan"
    )
    fundamenten: list[Fundament] = Field(
        default_factory=list, description="Fundamenten (enablers) met trekker en mijlpalen"
    )
    prioritering: Prioritering | None = Field(
        None, description="Prioritering van het plan als geheel (in plaats van per opgave)"
    )
    mijlpalen: list[Mijlpaal] = Field(
        default_factory=list, description="Mijlpalen van het plan als geheel"
    )
    werkagenda: list[Werkpunt] = Field(
        default_factory=list, description="Punten op de werkagenda, ook buiten de afspraken"
    )
    rollen: list[Rol] = Field(
        default_factory=list, description="Rollen die geen partij zijn (werkgroep, kwartiermaker)"
    )
    betrokkenheid: list[Betrokkenheid] = Field(
        default_factory=list, description="Betrokkenheid van inwoners, patiënten en achterban"
    )

    def zorgkantoorregios(self) -> list[str]:
        """The zorgkantoorregio's the region lies in: per gemeente, else the region's own."""
        found = list(
            dict.fromkeys(g.zorgkantoorregio for g in self.regio.gemeenten if g.zorgkantoorregio)
        )
        if not found and self.regio.zorgkantoorregio:
            found = [self.regio.zorgkantoorregio]
        return found

    gala: list[GalaPlan] = Field(
        default_factory=list,
        description="Plannen van aanpak SPUK GALA, één per gemeente van de regio",
    )

    def partij(self, partij_id: str) -> Partij | None:
        """The party with this id, if any."""
        return next((p for p in self.partijen if p.id == partij_id), None)

    def mandaatgemeente(self) -> Gemeente | None:
        """The municipality marked as mandaatgemeente, or named as mandaathouder."""
        code = self.mandaatstructuur.mandaathouder if self.mandaatstructuur else None
        for gemeente in self.regio.gemeenten:
            if gemeente.mandaatgemeente or (code and _same_code(gemeente.code, code)):
                return gemeente
        return None


def _same_code(a: str, b: str) -> bool:
    return a.removeprefix("GM") == b.removeprefix("GM")


def same_gemeentecode(a: str, b: str) -> bool:
    """True when two CBS codes name the same municipality (``GM0363`` equals ``0363``)."""
    return _same_code(a, b)
