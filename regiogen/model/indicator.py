"""An indicator: a figure with its source and year, one value or a series for a chart.

Used by the regiobeeld (knelpunten, capaciteit, prognoses, the municipal domain) and by the
GALA plan van aanpak; re-exported by :mod:`regiogen.model.content`.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from regiogen.model.reeks import Grafiek, Meetwaarde
from regiogen.model.types import Jaar, Model, Tekst


class Indicator(Model):
    """A figure that shows a knelpunt; one value, or a series (year → value) for a chart."""

    naam: Tekst
    waarde: Tekst | None = None
    bron: Tekst | None = None
    jaar: Jaar | None = None
    eenheid: Tekst | None = Field(None, description="Eenheid van de reeks, zoals weken of %")
    reeks: dict[Jaar, Meetwaarde] = Field(
        default_factory=dict, description='Waarden per jaar, zoals {2019: 8, 2023: "14,5"}'
    )
    csv: Tekst | None = Field(
        None, description="CSV-bestand in de map van de regio met de reeks (CBS, Vektis, GGD)"
    )
    kolom: Tekst | None = Field(None, description="Kolom van het CSV-bestand met de waarden")
    jaar_kolom: Tekst | None = Field(
        None, description="Kolom met het jaar (standaard jaar, perioden of periode)"
    )
    filter: dict[Tekst, Tekst] = Field(
        default_factory=dict, description="Alleen rijen met deze waarden, zoals {Regio: Lindeland}"
    )
    grafiek: Grafiek | None = Field(None, description="lijn (standaard), staaf of geen")

    def laatste(self) -> tuple[int, Decimal] | None:
        """The last year of the series and its value, if there is a series."""
        if not self.reeks:
            return None
        jaar = max(self.reeks)
        return jaar, self.reeks[jaar]
