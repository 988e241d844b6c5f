"""The money side of a SPUK IZA application: the begroting and its posten, the aanvraag, and
the mandaatstructuur of the gemeenten that apply.

Part of the content model; re-exported by :mod:`regiogen.model.content`. The figures derived
from a begroting are in :mod:`regiogen.model.overzicht`.

May import: :mod:`regiogen.model.types` (no other content module).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from regiogen.model.types import Bedrag, Datum, Id, Jaar, Model, Tekst

Soort = Literal["coordinatie", "uitvoering"]
Aard = Literal["incidenteel", "structureel"]


class Mandaatstructuur(Model):
    """How the region's municipalities decide and who holds the mandate."""

    mandaathouder: Tekst | None = Field(None, description="Gemeentecode van de mandaathouder")
    besluitvorming: Tekst | None = None
    bestuurlijke_tafel: Tekst | None = None
    gemeenten: list[Tekst] = Field(default_factory=list, description="Gemeentecodes")


class Post(Model):
    """A line of the begroting."""

    id: Id | None = None
    omschrijving: Tekst
    soort: Soort | None = None
    aard: Aard | None = None
    afspraak: Tekst | None = Field(None, description="id van de afspraak die de post dient")
    bedragen: dict[Jaar, Bedrag] = Field(default_factory=dict)
    realisatie: dict[Jaar, Bedrag] = Field(
        default_factory=dict, description="Gerealiseerde (bestede) bedragen per jaar"
    )


class Begroting(Model):
    """The budget of the SPUK IZA application."""

    regeling: Tekst = "spuk-iza"
    jaren: list[Jaar] = Field(default_factory=list)
    toegekend: dict[Jaar, Bedrag] = Field(default_factory=dict)
    posten: list[Post] = Field(default_factory=list)
    totalen: dict[Jaar, Bedrag] | None = Field(
        None, description="Opgegeven totalen per jaar; regiogen rekent ze na"
    )
    xlsx: Tekst | None = Field(None, description="Excelbestand met de posten")


class Aanvraag(Model):
    """The SPUK IZA application this begroting belongs to."""

    ingediend_door: Tekst | None = Field(None, description="Gemeentecode van de indiener")
    datum: Datum | None = Field(None, description="Datum van indiening")
    inzet_gemeenten: Tekst | None = Field(
        None, description="Beschrijving van de gemeentelijke inzet (als er nog geen regioplan is)"
    )
    toelichting: Tekst | None = Field(
        None, description="Waarom het regioplan nog niet is vastgesteld"
    )
    regioplan_vindplaats: Tekst | None = None
    regioplan_beschikbaar: Datum | None = Field(
        None,
        description="Datum waarop het (nog niet vastgestelde) regioplan gepubliceerd of "
        "ingediend is",
    )
