"""Figures derived from the content, shared by templates and rules.

* :func:`begroting_overzicht`: totals per year, per soort and aard, and the comparison
  with the amount toegekend (all ``Decimal``).
* :func:`werkagenda`: one row per afspraak with its trekker, partijen, mijlpalen sorted by
  date, and indicatoren.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from regiogen.model.content import Afspraak, Begroting, Content, Mijlpaal, Resultaat
from regiogen.source.dates import Moment

ZERO = Decimal("0")
SOORTEN = ("coordinatie", "uitvoering")
AARDEN = ("incidenteel", "structureel")
SOORT_LABEL = {"coordinatie": "Coördinatie", "uitvoering": "Uitvoering", None: "Zonder soort"}
AARD_LABEL = {"incidenteel": "Incidenteel", "structureel": "Structureel", None: "Zonder aard"}


@dataclass(frozen=True)
class Jaarvergelijking:
    """Begroot against toegekend for one year."""

    jaar: int
    begroot: Decimal
    toegekend: Decimal | None

    @property
    def verschil(self) -> Decimal | None:
        """Toegekend minus begroot: positive is onbesteed, negative is overschrijding."""
        return None if self.toegekend is None else self.toegekend - self.begroot

    @property
    def procent(self) -> Decimal | None:
        """The verschil as a percentage of toegekend, one decimal."""
        if self.toegekend is None or self.toegekend == 0 or self.verschil is None:
            return None
        return (self.verschil * 100 / self.toegekend).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class BegrotingOverzicht:
    """All sums of a begroting."""

    jaren: list[int]
    per_jaar: dict[int, Decimal]
    per_soort: dict[str | None, dict[int, Decimal]]
    per_aard: dict[str | None, dict[int, Decimal]]
    vergelijking: list[Jaarvergelijking]
    totaal: Decimal
    totaal_toegekend: Decimal | None
    post_totalen: list[Decimal] = field(default_factory=list)


def begroting_jaren(begroting: Begroting) -> list[int]:
    """The years of the begroting: declared, or found in the posten and toegekend."""
    if begroting.jaren:
        return sorted(begroting.jaren)
    found = set(begroting.toegekend)
    for post in begroting.posten:
        found.update(post.bedragen)
    return sorted(found)


def begroting_overzicht(begroting: Begroting) -> BegrotingOverzicht:
    """Compute every total of a begroting."""
    jaren = begroting_jaren(begroting)
    per_jaar = {j: ZERO for j in jaren}
    per_soort: dict[str | None, dict[int, Decimal]] = {}
    per_aard: dict[str | None, dict[int, Decimal]] = {}
    post_totalen = []
    for post in begroting.posten:
        post_totalen.append(sum((post.bedragen.get(j, ZERO) for j in jaren), ZERO))
        for jaar in jaren:
            bedrag = post.bedragen.get(jaar, ZERO)
            per_jaar[jaar] += bedrag
            soort = per_soort.setdefault(post.soort, {j: ZERO for j in jaren})
            soort[jaar] += bedrag
            aard = per_aard.setdefault(post.aard, {j: ZERO for j in jaren})
            aard[jaar] += bedrag
    vergelijking = [Jaarvergelijking(j, per_jaar[j], begroting.toegekend.get(j)) for j in jaren]
    toegekend = [v.toegekend for v in vergelijking if v.toegekend is not None]
    return BegrotingOverzicht(
        jaren=jaren,
        per_jaar=per_jaar,
        per_soort=_ordered(per_soort, SOORTEN),
        per_aard=_ordered(per_aard, AARDEN),
        vergelijking=vergelijking,
        totaal=sum(per_jaar.values(), ZERO),
        totaal_toegekend=sum(toegekend, ZERO) if toegekend else None,
        post_totalen=post_totalen,
    )


def _ordered(
    groups: dict[str | None, dict[int, Decimal]], order: tuple[str, ...]
) -> dict[str | None, dict[int, Decimal]]:
    keys: list[str | None] = [k for k in order if k in groups]
    if None in groups:
        keys.append(None)
    return {k: groups[k] for k in keys}


@dataclass(frozen=True)
class WerkagendaRij:
    """One afspraak on the werkagenda."""

    afspraak: Afspraak
    trekker: str
    partijen: list[str]
    mijlpalen: list[Mijlpaal]
    resultaten: list[Resultaat]

    @property
    def eerste_moment(self) -> Moment | None:
        """The earliest milestone, for sorting."""
        moments = [m.wanneer for m in self.mijlpalen if m.wanneer is not None]
        return min(moments) if moments else None


def werkagenda(content: Content) -> list[WerkagendaRij]:
    """Rows of the werkagenda, sorted by their first milestone (undated last)."""
    names = {p.id: p.naam for p in content.partijen}
    rows = []
    for afspraak in content.afspraken:
        dated = sorted(
            (m for m in afspraak.mijlpalen if m.wanneer is not None),
            key=lambda m: m.wanneer,  # type: ignore[arg-type,return-value]
        )
        undated = [m for m in afspraak.mijlpalen if m.wanneer is None]
        rows.append(
            WerkagendaRij(
                afspraak=afspraak,
                trekker=names.get(afspraak.trekker or "", afspraak.trekker or "—"),
                partijen=[names.get(p, p) for p in afspraak.partijen],
                mijlpalen=[*dated, *undated],
                resultaten=list(afspraak.resultaten),
            )
        )
    return _sort_by_first_moment(rows)


def _sort_by_first_moment(rows: list[WerkagendaRij]) -> list[WerkagendaRij]:
    """Dated rows by their first milestone (stable), then the undated ones."""
    dated = [(r.eerste_moment, i, r) for i, r in enumerate(rows) if r.eerste_moment is not None]
    dated.sort(key=lambda item: (item[0], item[1]))
    return [r for _, _, r in dated] + [r for r in rows if r.eerste_moment is None]
