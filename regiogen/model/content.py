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
from regiogen.model.types import Bedrag, Datum, Getal, Id, Jaar, JaNee, Model, Tekst, Tijdstip

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


class Vaststelling(Model):
    """Adoption of the regioplan at a bestuurlijke tafel."""

    datum: Datum | None = Field(None, description="Datum van vaststelling")
    tafel: Tekst | None = Field(None, description="Bestuurlijke tafel die het plan vaststelt")


class Regio(Model):
    """The region itself."""

    naam: Tekst = Field(description="Naam van de regio")
    zorgkantoorregio: Tekst = Field(description="Zorgkantoorregio (een van de 31)")
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
    prioriteit: Getal | None = None
    prioritering: Tekst | None = Field(None, description="Waarom deze opgave deze prioriteit heeft")
    themas: list[Tekst] = Field(default_factory=list, description="Bijvoorbeeld preventie")


class Meting(Model):
    """A measurement of a result after adoption (voortgang)."""

    datum: Datum = Field(description="Datum van de meting (of het einde van de meetperiode)")
    waarde: Tekst = Field(description="Gemeten waarde, geschreven als nulmeting en streefwaarde")
    bron: Tekst | None = Field(None, description="Waar de meting vandaan komt")


class Resultaat(Model):
    """A measurable result an afspraak steers on."""

    indicator: Tekst | None = None
    nulmeting: Tekst | None = None
    streefwaarde: Tekst | None = None
    datum: Datum | None = None
    metingen: list[Meting] = Field(
        default_factory=list, description="Metingen na vaststelling (voortgang)"
    )


class Mijlpaal(Model):
    """A milestone on the werkagenda."""

    wat: Tekst
    wanneer: Tijdstip | None = None
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


class Randvoorwaarde(Model):
    """A national precondition the region needs and cannot arrange itself."""

    titel: Tekst
    toelichting: Tekst | None = None


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


class PlanPartij(Model):
    """A party of a transformatieplan and how the plan affects it."""

    partij: Tekst
    rol: Tekst | None = None
    geraakt: JaNee = Field(True, description="Raakt het plan deze partij?")


class Kostenpost(Model):
    """A cost line of a transformatieplan's business case."""

    omschrijving: Tekst
    aard: Aard | None = None
    domein: Domein | None = None
    bedragen: dict[Jaar, Bedrag] = Field(default_factory=dict)


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
    eigen_bijdrage_gemeente: Bedrag | None = None
    intentie_na_2027: Tekst | None = None
    structureel_gedekt_tot: Datum | None = None
    goedkeuring: Datum | None = Field(None, description="(Beoogde) datum van goedkeuring")
    opbrengsten: Tekst | None = Field(None, description="Verwachte opbrengsten en effecten")


class Monitoring(Model):
    """How progress on the plan is followed."""

    toelichting: Tekst | None = None
    frequentie: Tekst | None = None
    dashboard: Tekst | None = None


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
