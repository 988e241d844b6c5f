"""The business case of a transformatieplan: its costs summed per year, per post, per aard
(incidenteel, structureel) and per domein (zorg, sociaal domein), in ``Decimal``.

Split from :mod:`regiogen.documents.kinds`; the transformatieplan template lays these
figures out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from regiogen.model.content import Kostenpost, Transformatieplan

ZERO = Decimal("0")


@dataclass(frozen=True)
class Bedragen:
    """Amounts per year with their total."""

    per_jaar: dict[int, Decimal]
    totaal: Decimal


@dataclass(frozen=True)
class Businesscase:
    """The costs of a transformatieplan, per post and split by aard and domein."""

    jaren: list[int]
    posten: list[tuple[Kostenpost, Bedragen]]
    per_aard: dict[str, Bedragen]
    per_domein: dict[str, Bedragen]
    totaal: Bedragen
    structureel_sociaal_domein: Decimal
    baten_jaren: list[int] = field(default_factory=list)


def _bedragen(per_jaar: dict[int, Decimal]) -> Bedragen:
    return Bedragen(per_jaar, sum(per_jaar.values(), ZERO))


def businesscase(plan: Transformatieplan) -> Businesscase:
    """Sum a transformatieplan's costs per year, per aard and per domein."""
    jaren = sorted({jaar for post in plan.kosten for jaar in post.bedragen})

    def som(posten: list[Kostenpost]) -> Bedragen:
        return _bedragen({j: sum((p.bedragen.get(j, ZERO) for p in posten), ZERO) for j in jaren})

    per_aard = {
        aard: som([p for p in plan.kosten if p.aard == aard])
        for aard in ("incidenteel", "structureel")
    }
    per_domein = {
        domein: som([p for p in plan.kosten if p.domein == domein])
        for domein in ("zorg", "sociaal-domein")
    }
    structureel_sociaal = som(
        [p for p in plan.kosten if p.aard == "structureel" and p.domein == "sociaal-domein"]
    )
    return Businesscase(
        jaren=jaren,
        posten=[(p, som([p])) for p in plan.kosten],
        per_aard=per_aard,
        per_domein=per_domein,
        totaal=som(list(plan.kosten)),
        structureel_sociaal_domein=structureel_sociaal.totaal,
        baten_jaren=sorted({jaar for baat in plan.baten for jaar in baat.bedragen}),
    )
