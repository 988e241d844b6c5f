"""The plan van aanpak of one gemeente for the brede SPUK (SPUK GALA).

A gemeente is not a region: its plans live in the region it belongs to, under ``gala:`` (one
entry per gemeente, keyed by its CBS code), so that a plan can point at the region's
knelpunten and opgaven and show the region's figures. The parts follow the ministry's template
as real plans follow it (Regeling SPUK GALA, Stcrt. 2023, 4245): 1 waar staat de gemeente,
2 toelichting per onderdeel, 3 aanpak per onderdeel (A doelen en resultaten, B wat de gemeente
doet), 4 ondersteunende onderdelen, 5 bewaking van de voortgang, 6 samenhang en synergie,
7 verbinding onderdelen en doelen (GALA, Sportakkoord II), 8 toestemming gebruik informatie,
9 ondertekening.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from regiogen.model.indicator import Indicator
from regiogen.model.types import Bedrag, Datum, Jaar, JaNee, Model, Tekst

#: The domains of the regeling's onderdelen.
GalaDomein = Literal["sport-bewegen-cultuur", "gezondheid", "sociale-basis", "ondersteunend"]
#: The scale at which an onderdeel is carried out.
GalaSchaal = Literal["wijk", "lokaal", "regionaal"]


class Situatie(Model):
    """Part 1: where the gemeente stands."""

    samenvatting: Tekst | None = None
    sport_bewegen_cultuur: Tekst | None = Field(None, description="Sport, bewegen en cultuur nu")
    gezondheid: Tekst | None = Field(None, description="Gezondheid van de inwoners nu")
    sociale_basis: Tekst | None = Field(None, description="De sociale basis nu")
    gezondheidsverschillen: Tekst | None = Field(
        None, description="Waar en tussen wie de verschillen in gezondheid liggen"
    )
    akkoord: Tekst | None = Field(
        None, description="Het lokale preventie- of sportakkoord en wie erin samenwerken"
    )
    indicatoren: list[Indicator] = Field(
        default_factory=list, description="Cijfers van de gemeente"
    )
    knelpunten: list[Tekst] = Field(
        default_factory=list, description="ids van knelpunten uit het regiobeeld die hier spelen"
    )
    opgaven: list[Tekst] = Field(
        default_factory=list, description="ids van regio-opgaven waaraan de gemeente bijdraagt"
    )


class GalaResultaat(Model):
    """A result: a figure or a verifiable state, reached by a date (NZa 8-2-2024)."""

    indicator: Tekst | None = Field(None, description="Wat gemeten wordt")
    nulmeting: Tekst | None = None
    streefwaarde: Tekst | None = Field(None, description="Een getal, zoals 80% of 12 wijken")
    toestand: Tekst | None = Field(
        None,
        description="Of een toestand die te controleren is, zoals 'buurtsportcoach in elke wijk'",
    )
    datum: Datum | None = Field(None, description="Wanneer het resultaat er is")


class Fase(Model):
    """What happens in one year of the plan."""

    jaar: Jaar
    wat: Tekst


class Aanpak(Model):
    """Part 3B: what the gemeente will do for an onderdeel."""

    doelgroepen: list[Tekst] = Field(default_factory=list, description="Voor wie het onderdeel is")
    betrokkenheid: Tekst | None = Field(None, description="Hoe de doelgroepen meedoen")
    schaal: list[GalaSchaal] = Field(default_factory=list, description="wijk, lokaal, regionaal")
    interventies: list[Tekst] = Field(default_factory=list, description="Wat de gemeente inzet")
    partners: list[Tekst] = Field(
        default_factory=list, description="ids van partijen uit de regio, of namen"
    )
    iza_netwerken: Tekst | None = Field(
        None, description="Verbinding met de IZA-netwerken en het regioplan"
    )


class Onderdeel(Model):
    """One onderdeel of the regeling: applied for (with doelen, aanpak, fasering) or not."""

    id: Tekst = Field(description="Korte sleutel, zoals kansrijke-start")
    naam: Tekst
    domein: GalaDomein | None = None
    aangevraagd: JaNee = Field(True, description="Vraagt de gemeente dit onderdeel aan?")
    toelichting: Tekst | None = Field(
        None, description="Waarom de gemeente dit onderdeel aanvraagt, of waarom niet"
    )
    doelen: list[Tekst] = Field(
        default_factory=list, description="3A: wat de gemeente wil bereiken"
    )
    resultaten: list[GalaResultaat] = Field(default_factory=list)
    aanpak: Aanpak | None = Field(None, description="3B: wat de gemeente gaat doen")
    fasering: list[Fase] = Field(default_factory=list, description="Per jaar wat er gebeurt")
    doelen_gala: list[Tekst] = Field(
        default_factory=list, description="Doelen van het GALA en Sportakkoord II die het dient"
    )
    opgaven: list[Tekst] = Field(default_factory=list, description="ids van regio-opgaven")
    bedragen: dict[Jaar, Bedrag] = Field(default_factory=dict, description="Inzet per jaar")


class Bewaking(Model):
    """Part 5: how progress is watched."""

    organisatie: Tekst | None = Field(None, description="Wie stuurt en wie voert uit")
    monitoring: Tekst | None = Field(None, description="Welke cijfers, uit welke bron, hoe vaak")
    bijsturing: Tekst | None = Field(None, description="Wanneer en hoe er wordt bijgestuurd")


class Toestemming(Model):
    """Part 8: consent to use the plan's information."""

    gegeven: JaNee | None = Field(None, description="Mag het ministerie de informatie gebruiken?")
    toelichting: Tekst | None = None


class Ondertekenaar(Model):
    """Part 9: who signs for the gemeente."""

    naam: Tekst
    functie: Tekst = Field(description="Bijvoorbeeld wethouder sport en gezondheid")
    datum: Datum | None = None


class GalaPlan(Model):
    """The plan van aanpak of one gemeente for the brede SPUK (SPUK GALA)."""

    gemeente: Tekst = Field(description="CBS-code van de gemeente, zoals GM9902")
    jaren: list[Jaar] = Field(default_factory=lambda: [2024, 2025, 2026])
    ingediend: Datum | None = Field(None, description="Datum waarop de aanvraag is ingediend")
    opgesteld_door: Tekst | None = Field(None, description="Afdeling of team dat het plan schreef")
    situatie: Situatie | None = Field(None, description="Deel 1: waar staat de gemeente")
    onderdelen: list[Onderdeel] = Field(
        default_factory=list, description="Deel 2–4: de onderdelen van de regeling"
    )
    ondersteunend: Tekst | None = Field(
        None, description="Toelichting op de ondersteunende onderdelen (coördinatie, netwerk)"
    )
    bewaking: Bewaking | None = Field(None, description="Deel 5: bewaking van de voortgang")
    samenhang: Tekst | None = Field(
        None, description="Samenhang en synergie tussen de onderdelen en met ander beleid"
    )
    toestemming: Toestemming | None = Field(
        None, description="Deel 8: toestemming gebruik informatie"
    )
    ondertekening: list[Ondertekenaar] = Field(
        default_factory=list, description="Deel 9: ondertekening, door ten minste één wethouder"
    )
