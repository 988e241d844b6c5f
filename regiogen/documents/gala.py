"""The plan van aanpak SPUK GALA: one document per gemeente that has a plan under ``gala:``.

A plan reuses its region: the knelpunten and opgaven it names are shown with their figures
(and charts) from the regiobeeld, the partners it names by id get their names from the
region's partijen. The table of part 7 (which onderdeel serves which goal of GALA and
Sportakkoord II) is made from the goals the plan names, in the order it names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from regiogen.documents.figures import Figuren
from regiogen.model.content import Content, Gemeente, Knelpunt, Opgave, same_gemeentecode
from regiogen.model.gala import GalaPlan, Onderdeel

#: Required sections of a plan van aanpak: the nine parts of the ministry's template.
GALA_SECTIONS = (
    "waar-staat-de-gemeente",
    "toelichting-onderdelen",
    "aanpak",
    "ondersteunende-onderdelen",
    "bewaking",
    "samenhang",
    "verbinding-doelen",
    "toestemming",
    "ondertekening",
)

DOMEINEN = {
    "sport-bewegen-cultuur": "Sport, bewegen en cultuur",
    "gezondheid": "Gezondheid",
    "sociale-basis": "Sociale basis",
    "ondersteunend": "Ondersteunende onderdelen",
}


@dataclass(frozen=True)
class Verbinding:
    """Part 7: the goals as columns, and per onderdeel applied for which it serves."""

    doelen: list[str]
    rijen: list[tuple[Onderdeel, list[bool]]]


def verbinding(plan: GalaPlan) -> Verbinding:
    """The table of part 7 from the goals each onderdeel names (first-named first)."""
    aangevraagd = [o for o in plan.onderdelen if o.aangevraagd]
    doelen = list(dict.fromkeys(d for o in aangevraagd for d in o.doelen_gala))
    rijen = [(o, [d in o.doelen_gala for d in doelen]) for o in aangevraagd]
    return Verbinding(doelen, rijen)


def gemeente_van(content: Content, plan: GalaPlan) -> Gemeente | None:
    """The region's gemeente this plan belongs to."""
    return next(
        (g for g in content.regio.gemeenten if same_gemeentecode(g.code, plan.gemeente)), None
    )


def open_punten(plan: GalaPlan) -> list[str]:
    """What the plan does not hold yet, for the reader (one list, not a marker per field)."""
    punten: list[str] = []
    s = plan.situatie
    if s is None or not any(
        (s.samenvatting, s.sport_bewegen_cultuur, s.gezondheid, s.sociale_basis)
    ):
        punten.append("De beschrijving van waar de gemeente nu staat.")
    if not plan.onderdelen:
        punten.append("De onderdelen van de regeling die de gemeente aanvraagt.")
    for o in plan.onderdelen:
        if not o.aangevraagd:
            if not o.toelichting:
                punten.append(f"Waarom {o.naam} niet wordt aangevraagd.")
            continue
        mist = [
            wat
            for wat, leeg in (
                ("doelen", not o.doelen),
                ("meetbare resultaten", not o.resultaten),
                ("aanpak", o.aanpak is None),
                ("fasering", not o.fasering),
            )
            if leeg
        ]
        if mist:
            punten.append(f"{o.naam}: {_en(mist)}.")
    if not plan.ondersteunend and not any(o.domein == "ondersteunend" for o in plan.onderdelen):
        punten.append("De ondersteunende onderdelen.")
    b = plan.bewaking
    if b is None or not any((b.organisatie, b.monitoring, b.bijsturing)):
        punten.append("Hoe de voortgang wordt bewaakt.")
    if not plan.samenhang:
        punten.append("De samenhang tussen de onderdelen.")
    if not verbinding(plan).doelen:
        punten.append("Welke doelen van GALA en Sportakkoord II elk onderdeel dient.")
    if plan.toestemming is None or plan.toestemming.gegeven is None:
        punten.append("Of het ministerie de informatie uit dit plan mag gebruiken.")
    if not plan.ondertekening:
        punten.append("De ondertekening door een wethouder.")
    return punten


def _en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def _bedragen(plan: GalaPlan) -> dict[int, Decimal]:
    jaren = sorted({j for o in plan.onderdelen if o.aangevraagd for j in o.bedragen})
    return {
        j: sum(
            (o.bedragen.get(j, Decimal(0)) for o in plan.onderdelen if o.aangevraagd), Decimal(0)
        )
        for j in jaren
    }


def gala_context(content: Content, plan: GalaPlan, stem: str) -> dict[str, Any]:
    """What the plan's template gets on top of the region's base context."""
    knelpunten: dict[str, Knelpunt] = {k.id: k for k in content.regiobeeld.knelpunten}
    opgaven: dict[str, Opgave] = {o.id: o for o in content.opgaven}
    situatie = plan.situatie
    names = {p.id: p.naam for p in content.partijen}
    hoofd = [o for o in plan.onderdelen if o.aangevraagd and o.domein != "ondersteunend"]
    return {
        "plan": plan,
        "gemeente": gemeente_van(content, plan),
        "domeinen": DOMEINEN,
        "hoofdonderdelen": [
            (label, [o for o in hoofd if (o.domein or "overig") == domein])
            for domein, label in [*DOMEINEN.items(), ("overig", "Overige onderdelen")]
            if any((o.domein or "overig") == domein for o in hoofd)
        ],
        "ondersteunende": [
            o for o in plan.onderdelen if o.aangevraagd and o.domein == "ondersteunend"
        ],
        "plan_knelpunten": [
            knelpunten[k] for k in (situatie.knelpunten if situatie else []) if k in knelpunten
        ],
        "plan_opgaven": [
            opgaven[o] for o in (situatie.opgaven if situatie else []) if o in opgaven
        ],
        "opgave_titels": {o.id: o.titel for o in content.opgaven},
        "partnernamen": lambda ids: [names.get(i, i) for i in ids],
        "verbinding": verbinding(plan),
        "bedragen": _bedragen(plan),
        "open_punten": open_punten(plan),
        "figuur": Figuren(stem),
    }
