"""Opgaven and the afspraken that take them up, with what they steer on and how they are done.

Resultaten (with their metingen), mijlpalen and initiatieven, which the fundamenten and the
transformatieplannen use as well; and the randvoorwaarden the region asks of others. Part of
the content model; re-exported by :mod:`regiogen.model.content`.

May import: :mod:`regiogen.model.types` (no other content module).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from regiogen.model.types import Bedrag, Datum, Getal, Id, Model, Tekst, Tijdstip, Uiterlijk

Schaal = Literal["lokaal", "subregio", "regio", "bovenregionaal", "landelijk"]
MijlpaalStatus = Literal["gepland", "gehaald", "vertraagd", "vervallen"]


class Opgave(Model):
    """A regio-opgave: a priority the parties take up together."""

    id: Id
    titel: Tekst
    beschrijving: Tekst | None = None
    knelpunten: list[Tekst] = Field(default_factory=list, description="ids van knelpunten")
    onderbouwing: Tekst | None = Field(
        None,
        description="Hoe de opgave volgt uit het regiobeeld als geheel, als zij niet op losse "
        "knelpunten teruggaat",
    )
    prioriteit: Getal | None = None
    prioritering: Tekst | None = Field(None, description="Waarom deze opgave deze prioriteit heeft")
    themas: list[Tekst] = Field(default_factory=list, description="Bijvoorbeeld preventie")
    initiatieven: list[Initiatief] = Field(
        default_factory=list, description="Initiatieven en projecten onder deze opgave"
    )


class Meting(Model):
    """A measurement of a result after adoption (voortgang)."""

    datum: Datum = Field(description="Datum van de meting (of het einde van de meetperiode)")
    waarde: Tekst = Field(description="Gemeten waarde, geschreven als nulmeting en streefwaarde")
    bron: Tekst | None = Field(None, description="Waar de meting vandaan komt")


class Resultaat(Model):
    """A measurable result an afspraak steers on."""

    indicator: Tekst | None = None
    nulmeting: Tekst | None = None
    streefwaarde: Tekst | None = Field(
        None,
        description="Een getal (8 weken, 80%) of een toetsbare toestand (operationeel, live, "
        "vastgesteld)",
    )
    datum: Uiterlijk | None = Field(
        None, description="Uiterlijk wanneer: een datum, of een jaar, kwartaal of maand"
    )
    metingen: list[Meting] = Field(
        default_factory=list, description="Metingen na vaststelling (voortgang)"
    )


class Mijlpaal(Model):
    """A milestone on the werkagenda."""

    wat: Tekst
    wanneer: Tijdstip | None = None
    trekker: Tekst | None = Field(None, description="id van de partij of rol die trekt")
    bedrag: Bedrag | None = Field(
        None, description="Bedrag dat bij deze mijlpaal hoort (transformatieplan)"
    )
    status: MijlpaalStatus | None = Field(
        None, description="Voortgang: gepland, gehaald, vertraagd of vervallen"
    )
    statusdatum: Datum | None = Field(
        None, description="Wanneer de mijlpaal gehaald is, of de datum van de laatste melding"
    )
    verwacht: Tijdstip | None = Field(
        None, description="Nieuw verwacht moment als de mijlpaal vertraagd is"
    )
    toelichting: Tekst | None = Field(None, description="Toelichting bij de status")


class Initiatief(Model):
    """An existing or planned initiative (project, voorloper) under an opgave or afspraak."""

    naam: Tekst
    beschrijving: Tekst | None = None
    partijen: list[Tekst] = Field(default_factory=list, description="ids van partijen")
    status: Tekst | None = Field(
        None, description="Bijvoorbeeld bestaand, gepland, opschalen, borgen of stoppen"
    )
    link: Tekst | None = Field(None, description="Waar meer over het initiatief staat (URL)")


class Afspraak(Model):
    """A regio-afspraak: how parties take up an opgave."""

    id: Id
    titel: Tekst
    opgave: Tekst | None = Field(None, description="id van de opgave")
    partijen: list[Tekst] = Field(default_factory=list, description="ids van partijen")
    trekker: Tekst | None = Field(None, description="id van de partij die trekt")
    oplossing: Tekst | None = None
    schaal: Schaal | None = None
    resultaten: list[Resultaat] = Field(default_factory=list)
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    voortgang: Tekst | None = Field(None, description="Hoe de voortgang zichtbaar wordt")
    themas: list[Tekst] = Field(default_factory=list)
    afhankelijk_van: list[Tekst] = Field(default_factory=list, description="ids van afspraken")
    initiatieven: list[Initiatief] = Field(
        default_factory=list, description="Initiatieven en projecten die de afspraak uitvoeren"
    )


class Randvoorwaarde(Model):
    """A national precondition the region needs and cannot arrange itself."""

    titel: Tekst
    toelichting: Tekst | None = None
    gevraagd_van: Tekst | None = Field(
        None, description="Aan wie de regio het vraagt: VWS, NZa, de landelijke IZA-partijen, …"
    )
    waarom_niet_zelf: Tekst | None = Field(
        None, description="Waarom de regio dit niet zelf kan regelen"
    )
