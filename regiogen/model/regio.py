"""The region itself and who takes part: its gemeenten, looptijd, vaststelling and partijen.

Part of the content model; re-exported by :mod:`regiogen.model.content`.

May import: :mod:`regiogen.model.types` (no other content module).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from regiogen.model.types import Datum, Id, Jaar, JaNee, Model, Tekst

Status = Literal["concept", "vastgesteld"]
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
