"""The content model of one region: what the YAML under ``content/<regio>/`` may hold.

Identity fields (``id``, ``naam``, ``titel``) are required by the schema. Fields whose
absence the IZA rules judge (a trekker, a streefwaarde, a toelichting) are optional here,
so that ``regiogen check`` can name what a plan still lacks with the rule behind it,
instead of refusing the file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from regiogen.model.gala import GalaPlan
from regiogen.model.indicator import Indicator
from regiogen.model.regiobeeld import Capaciteit, Duiding, Prognose, Verband
from regiogen.model.types import (
    Bedrag,
    Datum,
    Getal,
    Id,
    Jaar,
    JaNee,
    Model,
    Tekst,
    Tijdstip,
    Uiterlijk,
)

Status = Literal["concept", "vastgesteld"]
Schaal = Literal["lokaal", "subregio", "regio", "bovenregionaal", "landelijk"]
PartijSoort = Literal[
    "zorgverzekeraar",
    "zorgkantoor",
    "gemeente",
    "zorgaanbieder",
    "ziekenhuis",
    "huisartsen",
    "ggz",
    "vvt",
    "ggd",
    "welzijn",
    "sociaal-domein",
    "inwoners",
    "kennisinstelling",
    "overig",
]
Soort = Literal["coordinatie", "uitvoering"]
Aard = Literal["incidenteel", "structureel"]
Domein = Literal["zorg", "sociaal-domein"]
Financiering = Literal["spuk-transformatiemiddelen", "zorgverzekeraar", "zorgkantoor", "anders"]
MijlpaalStatus = Literal["gepland", "gehaald", "vertraagd", "vervallen"]


class Gemeente(Model):
    """A municipality of the region."""

    naam: Tekst = Field(description="Naam van de gemeente")
    code: Tekst = Field(
        description="CBS-gemeentecode, zoals GM0363 of 0363", pattern=r"^(GM)?\d{4}$"
    )
    mandaatgemeente: JaNee = Field(False, description="Is dit de aangewezen (mandaat)gemeente?")
    zorgkantoorregio: Tekst | None = Field(
        None,
        description="Zorgkantoorregio van deze gemeente (nodig als de samenwerkingsregio in "
        "meer dan één zorgkantoorregio ligt)",
    )


class Periode(Model):
    """The years a plan covers."""

    van: Jaar = Field(description="Eerste jaar van het plan, zoals 2024")
    tot: Jaar = Field(description="Laatste jaar van het plan (tot en met), zoals 2026")


class Vaststelling(Model):
    """Adoption of the regioplan at a bestuurlijke tafel."""

    datum: Datum | None = Field(None, description="Datum van vaststelling")
    tafel: Tekst | None = Field(None, description="Bestuurlijke tafel die het plan vaststelt")


class Regio(Model):
    """The region itself."""

    naam: Tekst = Field(description="Naam van de regio")
    zorgkantoorregio: Tekst | None = Field(
        None,
        description="Zorgkantoorregio (een van de 31) als de regio daarmee samenvalt of er "
        "een deel van is; ligt de regio in meer zorgkantoorregio's, noem die dan per gemeente",
    )
    samenwerkingsregio: Tekst | None = Field(
        None,
        description="De IZA/SPUK-samenwerkingsregio (een van de 42), als die niet samenvalt "
        "met de zorgkantoorregio",
    )
    periode: Periode | None = Field(
        None, description="Looptijd van het plan, zoals {van: 2024, tot: 2026}"
    )
    gemeenten: list[Gemeente] = Field(default_factory=list, description="Gemeenten in de regio")
    marktleider: Tekst | None = Field(None, description="id van de marktleidende zorgverzekeraar")
    status: Status = Field("concept", description="concept of vastgesteld")
    vastgesteld: Vaststelling | None = Field(None, description="Wie heeft het plan vastgesteld")
    versie: Tekst | None = Field(None, description="Versie van het document, zoals 0.9")
    datum: Datum | None = Field(None, description="Datum van dit concept")
    organisatie: Tekst | None = Field(None, description="Opsteller van het document")
    classificatie: Tekst | dict[str, Tekst] | None = Field(
        None,
        description="Bijvoorbeeld 'Intern vertrouwelijk' (geldt niet voor de SPUK IZA-bijlage, "
        "die naar het ministerie gaat), of per documentsoort: {regioplan: ..., "
        "spuk-iza-bijlage: Openbaar}",
    )
    samenvatting: Tekst | None = Field(None, description="Korte samenvatting van het plan")


class Partij(Model):
    """A party taking part in the plan."""

    id: Id = Field(description="Korte, unieke sleutel, zoals zvx of gem-voorbeeldstad")
    naam: Tekst
    soort: PartijSoort
    gemeente: Tekst | None = Field(None, description="Gemeentecode, als de partij een gemeente is")


class Knelpunt(Model):
    """A bottleneck from the regiobeeld."""

    id: Id
    titel: Tekst
    beschrijving: Tekst | None = None
    thema: Tekst | None = Field(None, description="toegankelijkheid, kwaliteit, gezondheid, ...")
    indicatoren: list[Indicator] = Field(default_factory=list)
    geparkeerd: Tekst | None = Field(
        None, description="Waarom dit knelpunt (nu) niet in een opgave wordt opgepakt"
    )


class Regiobeeld(Model):
    """The shared analysis of the region (IZA 2022 §3.2; criteria of 21-12-2022)."""

    samenvatting: Tekst | None = None
    bron: Tekst | None = Field(None, description="Waar het regiobeeld te vinden is")
    knelpunten: list[Knelpunt] = Field(default_factory=list)
    opgesteld_door: list[Tekst] = Field(
        default_factory=list, description="ids van de partijen die het regiobeeld opstelden"
    )
    capaciteit: list[Capaciteit] = Field(
        default_factory=list,
        description="Capaciteit en prestaties van zorg, welzijn en ondersteuning",
    )
    prognoses: list[Prognose] = Field(
        default_factory=list, description="Verwachte zorgvraag en aanbod; het verschil is de kloof"
    )
    kloof: Tekst | None = Field(None, description="De kloof tussen vraag en aanbod in woorden")
    duiding: list[Duiding] = Field(
        default_factory=list, description="Wat inwoners en professionals zeggen over de cijfers"
    )
    gemeentelijk_domein: list[Verband] = Field(
        default_factory=list,
        description="Verband met werk, wonen, inkomen en ander gemeentelijk beleid",
    )


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


class PlanPartij(Model):
    """A party of a transformatieplan and how the plan affects it."""

    partij: Tekst
    rol: Tekst | None = None
    geraakt: JaNee = Field(True, description="Raakt het plan deze partij?")
    akkoord: Datum | None = Field(
        None, description="Datum waarop de partij met het plan instemde (of het goedkeurde)"
    )


class Kostenpost(Model):
    """A cost line of a transformatieplan's business case."""

    omschrijving: Tekst
    aard: Aard | None = None
    domein: Domein | None = None
    bedragen: dict[Jaar, Bedrag] = Field(default_factory=dict)
    structureel_per_jaar: Bedrag | None = Field(
        None, description="Bedrag per jaar in de structurele situatie (in plaats van per jaar)"
    )


class Batenpost(Model):
    """A line of revenue or savings (opbrengst) in a transformatieplan's business case."""

    omschrijving: Tekst
    partij: Tekst | None = Field(None, description="id van de partij bij wie de baat valt")
    domein: Domein | None = None
    bedragen: dict[Jaar, Bedrag] = Field(default_factory=dict)
    structureel_per_jaar: Bedrag | None = Field(
        None, description="Bedrag per jaar in de structurele situatie"
    )


class Impact(Model):
    """The plan's impact on the four dimensions of art. 3 of the Regeling."""

    zorggebruik: Tekst | None = Field(None, description="Impact op het Zvw-zorggebruik")
    herverdeling: Tekst | None = Field(
        None, description="Regionale of landelijke herverdeling van zorg"
    )
    personeel: Tekst | None = Field(None, description="Impact op de inzet van personeel")
    vastgoed: Tekst | None = Field(None, description="Impact op het zorgvastgoed")


class Transformatieplan(Model):
    """A transformatieplan with its business case."""

    id: Id
    titel: Tekst
    samenvatting: Tekst | None = None
    partijen: list[PlanPartij] = Field(default_factory=list)
    opgaven: list[Tekst] = Field(default_factory=list)
    afspraken: list[Tekst] = Field(default_factory=list)
    aansluiting_toelichting: Tekst | None = Field(
        None, description="Hoe het plan aansluit, of waarom het niet op een opgave aansluit"
    )
    financiering: Financiering | None = None
    uitzondering_sociaal_domein: JaNee = Field(
        False,
        description="Gebruikt het plan de uitzondering voor structurele kosten sociaal domein?",
    )
    kosten: list[Kostenpost] = Field(default_factory=list)
    structurele_kosten_sociaal_domein: Bedrag | None = None
    eigen_bijdrage_gemeente: Bedrag | dict[Jaar, Bedrag] | None = Field(
        None, description="Eigen bijdrage van de gemeente: één bedrag of een bedrag per jaar"
    )
    intentie_na_2027: Tekst | None = None
    structureel_gedekt_tot: Datum | None = None
    goedkeuring: Datum | None = Field(None, description="(Beoogde) datum van goedkeuring")
    opbrengsten: Tekst | None = Field(None, description="Verwachte opbrengsten en effecten")
    baten: list[Batenpost] = Field(
        default_factory=list, description="Opbrengsten en besparingen per jaar (businesscase)"
    )
    resultaten: list[Resultaat] = Field(
        default_factory=list, description="SMART resultaten van het plan"
    )
    mijlpalen: list[Mijlpaal] = Field(
        default_factory=list, description="Mijlpaalplanning, met het bedrag per mijlpaal"
    )
    impact: Impact | None = Field(
        None, description="Impact op zorggebruik, herverdeling, personeel en vastgoed"
    )
    goedgekeurd_door: list[Tekst] = Field(
        default_factory=list,
        description="ids van de (marktleidende) zorgverzekeraars die het plan goedkeurden",
    )
    penvoerder_bevoegdheid: Tekst | None = Field(
        None,
        description="Bewijs dat de penvoerder namens de andere gemeenten aanvraagt (besluit, "
        "volmacht)",
    )

    def eigen_bijdrage_totaal(self) -> Decimal | None:
        """The gemeente's own contribution as one amount (the sum when given per year)."""
        eigen = self.eigen_bijdrage_gemeente
        if isinstance(eigen, dict):
            return sum(eigen.values(), Decimal(0))
        return eigen


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


# Keep the imported names used (for type checkers of re-exports).
__all__ = ["Content", "Decimal", "Indicator", "date"]
