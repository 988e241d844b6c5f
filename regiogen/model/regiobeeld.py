"""The regiobeeld: the shared analysis of the region (IZA 2022 §3.2; criteria of 21-12-2022).

Its knelpunten, and the parts beyond them: capaciteit en prestaties of care, welzijn and
ondersteuning; prognoses of demand and supply (whose difference is the gap); qualitative
duiding by inwoners and professionals; the link with the municipal domain (werk, wonen,
inkomen). Each figure is an :class:`~regiogen.model.indicator.Indicator` with its source and
year. Part of the content model; re-exported by :mod:`regiogen.model.content`.

May import: :mod:`regiogen.model.types` and :mod:`regiogen.model.indicator`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from regiogen.model.indicator import Indicator
from regiogen.model.types import Id, Model, Tekst

#: The domains whose capacity and performance a regiobeeld describes.
Domein = Literal["zorg", "welzijn", "ondersteuning"]
#: Whose view a qualitative duiding gives.
Perspectief = Literal["inwoners", "professionals", "cliëntenraden", "anders"]
#: Themes of the municipal domain a regiobeeld links to.
GemeentelijkThema = Literal["werk", "wonen", "inkomen", "onderwijs", "leefomgeving", "anders"]


class Capaciteit(Model):
    """Capacity and performance of one field of care, welzijn or ondersteuning."""

    domein: Domein = Field(description="zorg, welzijn of ondersteuning")
    titel: Tekst = Field(description="Bijvoorbeeld Wijkverpleging of Sociale wijkteams")
    toelichting: Tekst | None = None
    indicatoren: list[Indicator] = Field(default_factory=list)


class Prognose(Model):
    """Expected demand and supply of one field; their difference is the gap."""

    titel: Tekst = Field(description="Bijvoorbeeld Wijkverpleging (fte)")
    vraag: Indicator | None = Field(None, description="Verwachte zorgvraag, met reeks per jaar")
    aanbod: Indicator | None = Field(None, description="Verwacht aanbod, met reeks per jaar")
    toelichting: Tekst | None = Field(None, description="Aannames en wat de kloof betekent")

    def indicatoren(self) -> list[Indicator]:
        """Vraag and aanbod, those that are given."""
        return [i for i in (self.vraag, self.aanbod) if i is not None]

    def kloof(self) -> list[tuple[int, Decimal, Decimal, Decimal]]:
        """(jaar, vraag, aanbod, vraag − aanbod) for the years both series have."""
        if self.vraag is None or self.aanbod is None:
            return []
        vraag, aanbod = self.vraag.reeks, self.aanbod.reeks
        return [
            (j, vraag[j], aanbod[j], vraag[j] - aanbod[j]) for j in sorted(vraag) if j in aanbod
        ]


class Duiding(Model):
    """What inwoners or professionals say: the story behind the figures."""

    perspectief: Perspectief = Field(description="inwoners, professionals, cliëntenraden of anders")
    tekst: Tekst = Field(description="Wat zij zeggen, in eigen woorden samengevat")
    bron: Tekst | None = Field(None, description="Bijvoorbeeld Inwonerpanel Lindeland, 2023")


class Verband(Model):
    """The link between the regiobeeld and one theme of the municipal domain."""

    thema: GemeentelijkThema = Field(description="werk, wonen, inkomen, …")
    tekst: Tekst = Field(description="Wat dit thema betekent voor zorg en ondersteuning")
    indicatoren: list[Indicator] = Field(default_factory=list)


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
