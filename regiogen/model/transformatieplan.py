"""A transformatieplan with its business case: partijen, kosten, baten and impact.

Part of the content model; re-exported by :mod:`regiogen.model.content`.

May import: :mod:`regiogen.model.types`, :mod:`regiogen.model.afspraken` (resultaten,
mijlpalen) and :mod:`regiogen.model.begroting` (the aard of a post).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from regiogen.model.afspraken import Mijlpaal, Resultaat
from regiogen.model.begroting import Aard
from regiogen.model.types import Bedrag, Datum, Id, Jaar, JaNee, Model, Tekst

Domein = Literal["zorg", "sociaal-domein"]
Financiering = Literal["spuk-transformatiemiddelen", "zorgverzekeraar", "zorgkantoor", "anders"]


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
