"""Rules on the regioplan as a whole: knelpunten, opgaven, preventie, roles, vaststelling.

The rules on the acute zorg and the ROAZ are in :mod:`regiogen.rules.roaz`.

Sources: IZA 2022 §3.2 p.44–45 (regiobeeld, a limited number of opgaven, afspraken per opgave,
ROAZ), the handreiking §1.2 and §1.3, and the NZa's judgement of 8 February 2024.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from regiogen.diagnostics import Severity
from regiogen.model.content import same_gemeentecode
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing
from regiogen.source.dates import format_datum

regels = RuleSet()

PLAN = ("regioplan",)
PLAN_AGENDA = ("regioplan", "werkagenda")

#: Themes and words that show gezondheid(sbevordering) en preventie in the plan.
PREVENTIE = re.compile(
    r"\b(preventi\w*|gezondheidsbevordering|leefstijl\w*|gezond(e|er)?|gala)\b", re.IGNORECASE
)


@regels.rule(
    "iza.opgave.knelpunt",
    Severity.ERROR,
    "Elke opgave gaat terug op het regiobeeld: op knelpunten of op het beeld als geheel",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def opgave_knelpunt(ctx: RuleContext) -> Iterator[Finding]:
    """An opgave names knelpunten, or says how it follows from the regiobeeld as a whole."""
    for i, opgave in enumerate(ctx.content.opgaven):
        if not opgave.knelpunten and missing(opgave.onderbouwing):
            yield Finding(
                ("opgaven", i, "knelpunten"),
                f"opgave {label(opgave.id, opgave.titel)} noemt geen knelpunt uit het "
                "regiobeeld; vul 'knelpunten:' met de ids van de knelpunten die de opgave "
                "oplost, of leg in 'onderbouwing:' uit hoe zij uit het regiobeeld als geheel "
                "volgt",
            )


def grounded_as_a_whole(ctx: RuleContext) -> bool:
    """True when the plan grounds (some of) its opgaven in the regiobeeld as a whole."""
    return any(not o.knelpunten and not missing(o.onderbouwing) for o in ctx.content.opgaven)


@regels.rule(
    "iza.knelpunt.opgepakt",
    Severity.ERROR,
    "Elk knelpunt wordt opgepakt in een opgave of bewust geparkeerd",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def knelpunt_opgepakt(ctx: RuleContext) -> Iterator[Finding]:
    """A knelpunt no opgave takes up must say why it is parked; a parked one is not taken up.

    When the plan grounds its opgaven in the regiobeeld as a whole (``onderbouwing:``), a
    knelpunt no opgave names is a warning: it may well be covered, just not by name.
    """
    whole = grounded_as_a_whole(ctx)
    used: dict[str, list[str]] = {}
    for opgave in ctx.content.opgaven:
        for knelpunt_id in opgave.knelpunten:
            used.setdefault(knelpunt_id, []).append(opgave.id)
    for i, knelpunt in enumerate(ctx.content.regiobeeld.knelpunten):
        path = ("regiobeeld", "knelpunten", i)
        name = label(knelpunt.id, knelpunt.titel)
        parked = not missing(knelpunt.geparkeerd)
        if knelpunt.id not in used and not parked:
            yield Finding(
                path,
                f"knelpunt {name} wordt in geen opgave opgepakt; noem het bij de 'knelpunten:' "
                "van een opgave, of leg met 'geparkeerd:' uit waarom het (nu) niet wordt opgepakt"
                + (
                    " (de opgaven gaan uit van het regiobeeld als geheel; zeg dan welke opgave "
                    "dit knelpunt oppakt)"
                    if whole
                    else ""
                ),
                Severity.WARNING if whole else None,
            )
        elif knelpunt.id in used and parked:
            yield Finding(
                (*path, "geparkeerd"),
                f"knelpunt {name} is geparkeerd, maar wordt wel opgepakt in opgave "
                f"{', '.join(used[knelpunt.id])}; haal 'geparkeerd:' weg of de verwijzing",
                Severity.WARNING,
            )


@regels.rule(
    "iza.opgave.prioritering",
    Severity.ERROR,
    "Het plan legt uit hoe de prioritering van de opgaven tot stand kwam",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def opgave_prioritering(ctx: RuleContext) -> Iterator[Finding]:
    """The plan explains its prioritering: for the plan as a whole (``prioritering:``) or per
    opgave; two opgaven do not share one priority number."""
    seen: dict[int, str] = {}
    plan_wide = ctx.content.prioritering is not None
    for i, opgave in enumerate(ctx.content.opgaven):
        name = label(opgave.id, opgave.titel)
        if missing(opgave.prioritering) and not plan_wide:
            yield Finding(
                ("opgaven", i, "prioritering"),
                f"opgave {name} legt niet uit hoe de prioriteit tot stand kwam; "
                "vul 'prioritering:' bij de opgave (bijvoorbeeld urgentie in het regiobeeld, "
                "haalbaarheid, weging door de partijen) of één 'prioritering:' voor het plan als "
                "geheel",
            )
        if opgave.prioriteit is not None:
            if opgave.prioriteit in seen:
                yield Finding(
                    ("opgaven", i, "prioriteit"),
                    f"opgave {name} heeft dezelfde prioriteit ({opgave.prioriteit}) als opgave "
                    f"{seen[opgave.prioriteit]}; geef elke opgave een eigen plaats",
                    Severity.WARNING,
                )
            else:
                seen[opgave.prioriteit] = opgave.id


@regels.rule(
    "iza.opgaven.aantal",
    Severity.WARNING,
    "Het plan kiest een beperkt aantal regio-opgaven",
    "IZA 2022 §3.2 p.44–45 (een beperkt aantal opgaven)",
    PLAN,
)
def opgaven_aantal(ctx: RuleContext) -> Iterator[Finding]:
    """There are opgaven, and not more than the project allows (``max_opgaven``)."""
    count = len(ctx.content.opgaven)
    if count == 0:
        yield Finding(
            ("opgaven",),
            "het regioplan bevat geen regio-opgaven; een regioplan bestaat uit regio-opgaven "
            "en regio-afspraken",
            Severity.ERROR,
            at_key=True,
        )
    elif count > ctx.max_opgaven:
        yield Finding(
            ("opgaven",),
            f"het regioplan heeft {count} opgaven, meer dan {ctx.max_opgaven}; regio-opgaven "
            "zijn de belangrijkste opgaven die met prioriteit worden opgepakt: kies de "
            "belangrijkste, of zet max_opgaven in regiogen.yaml hoger met een reden",
            at_key=True,
        )


@regels.rule(
    "iza.preventie",
    Severity.WARNING,
    "Gezondheid(sbevordering) en preventie maken deel uit van het plan",
    "handreiking §1.2; IZA 2022 §3.2",
    PLAN,
)
def preventie(ctx: RuleContext) -> Iterator[Finding]:
    """Some opgave or afspraak is about preventie or gezondheid, by theme, title or knelpunt."""
    content = ctx.content
    if not content.opgaven:
        return
    gezondheid = {k.id for k in content.regiobeeld.knelpunten if _is_gezondheid(k.thema)}
    for opgave in content.opgaven:
        if _over_preventie(opgave.themas, opgave.titel):
            return
        if gezondheid.intersection(opgave.knelpunten):
            return
    for afspraak in content.afspraken:
        if _over_preventie(afspraak.themas, afspraak.titel):
            return
    yield Finding(
        ("opgaven",),
        "geen opgave of afspraak gaat over gezondheid(sbevordering) of preventie; dat thema "
        "hoort in beginsel in elk regioplan (geef een opgave bijvoorbeeld 'themas: [preventie]')",
        at_key=True,
    )


def _over_preventie(themas: list[str], titel: str) -> bool:
    return any(_is_gezondheid(t) or PREVENTIE.search(t) for t in themas) or bool(
        PREVENTIE.search(titel)
    )


def _is_gezondheid(thema: str | None) -> bool:
    return thema is not None and thema.strip().lower() in {"gezondheid", "preventie"}


@regels.rule(
    "iza.regio.marktleider",
    Severity.ERROR,
    "De marktleidende zorgverzekeraar is genoemd",
    "IZA 2022 §3.2 p.45; handreiking §1.2",
    PLAN_AGENDA,
)
def marktleider(ctx: RuleContext) -> Iterator[Finding]:
    """``regio.marktleider`` names a partij of soort zorgverzekeraar."""
    regio = ctx.content.regio
    if missing(regio.marktleider):
        yield Finding(
            ("regio", "marktleider"),
            "de marktleidende zorgverzekeraar ontbreekt; vul 'marktleider:' bij regio met het "
            "id van de zorgverzekeraar (hij coördineert de werkagenda met de aangewezen gemeente)",
        )
        return
    partij = ctx.content.partij(regio.marktleider or "")
    if partij is not None and partij.soort != "zorgverzekeraar":
        yield Finding(
            ("regio", "marktleider"),
            f"marktleider '{partij.id}' ({partij.naam}) is een partij van soort "
            f"'{partij.soort}', geen zorgverzekeraar",
        )


@regels.rule(
    "iza.regio.mandaatgemeente",
    Severity.ERROR,
    "De aangewezen gemeente (mandaatgemeente) is genoemd",
    "handreiking §1.2, §1.5.2; Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)",
    PLAN_AGENDA,
)
def mandaatgemeente(ctx: RuleContext) -> Iterator[Finding]:
    """One gemeente is the aangewezen gemeente, consistent with the mandaathouder."""
    content = ctx.content
    gemeenten = content.regio.gemeenten
    flagged = [i for i, g in enumerate(gemeenten) if g.mandaatgemeente]
    for i in flagged[1:]:
        yield Finding(
            ("regio", "gemeenten", i, "mandaatgemeente"),
            f"{gemeenten[i].naam} is ook als mandaatgemeente gemarkeerd, naast "
            f"{gemeenten[flagged[0]].naam}; een regio wijst één gemeente aan",
        )
    houder = content.mandaatstructuur.mandaathouder if content.mandaatstructuur else None
    if flagged and houder and not same_gemeentecode(gemeenten[flagged[0]].code, houder):
        yield Finding(
            ("mandaatstructuur", "mandaathouder"),
            f"mandaathouder {houder} is een andere gemeente dan de mandaatgemeente "
            f"{gemeenten[flagged[0]].naam} ({gemeenten[flagged[0]].code}) bij regio.gemeenten",
        )
    if content.mandaatgemeente() is None:
        yield Finding(
            ("regio", "gemeenten"),
            "geen aangewezen gemeente: zet 'mandaatgemeente: ja' bij een gemeente onder "
            "regio.gemeenten of vul mandaatstructuur.mandaathouder met haar gemeentecode",
            at_key=True,
        )


@regels.rule(
    "iza.randvoorwaarden",
    Severity.ERROR,
    "Het plan noemt de landelijke randvoorwaarden",
    "handreiking §1.2; IZA 2022 §3.2",
    PLAN,
)
def randvoorwaarden(ctx: RuleContext) -> Iterator[Finding]:
    """At least one randvoorwaarde, each with a toelichting."""
    if not ctx.content.randvoorwaarden:
        yield Finding(
            ("randvoorwaarden",),
            "het plan noemt geen landelijke randvoorwaarden; vul 'randvoorwaarden:' met wat de "
            "regio nodig heeft en zelf niet kan regelen (zoals gegevensuitwisseling of "
            "wetgeving op het grensvlak van Zvw, Wmo en Wlz)",
            at_key=True,
        )
    for i, item in enumerate(ctx.content.randvoorwaarden):
        if missing(item.toelichting):
            yield Finding(
                ("randvoorwaarden", i, "toelichting"),
                f"randvoorwaarde '{item.titel}' heeft geen toelichting; leg uit waarom de regio "
                "dit nodig heeft en niet zelf kan oplossen",
                Severity.WARNING,
            )


@regels.rule(
    "iza.vaststelling",
    Severity.ERROR,
    "Een vastgesteld plan noemt de bestuurlijke tafel en de datum",
    "handreiking §1.3; IZA 2022 §3.2 p.45",
    PLAN,
)
def vaststelling(ctx: RuleContext) -> Iterator[Finding]:
    """Status vastgesteld needs tafel and datum; status concept has no vaststelling yet."""
    regio = ctx.content.regio
    vast = regio.vastgesteld
    if regio.status == "vastgesteld":
        for veld, uitleg in (("tafel", "de bestuurlijke tafel"), ("datum", "de datum")):
            if vast is None or missing(getattr(vast, veld)):
                yield Finding(
                    ("regio", "vastgesteld", veld),
                    f"het regioplan heeft status 'vastgesteld', maar {uitleg} van vaststelling "
                    f"ontbreekt; vul regio.vastgesteld.{veld}",
                )
        return
    if vast is not None and vast.datum is not None:
        yield Finding(
            ("regio", "status"),
            f"het regioplan is op {format_datum(vast.datum)} vastgesteld volgens "
            "regio.vastgesteld, maar de status is 'concept'; zet 'status: vastgesteld'",
            Severity.WARNING,
        )
    else:
        yield Finding(
            ("regio", "status"),
            "het regioplan is nog concept; noem bij vaststelling de bestuurlijke tafel en de "
            "datum onder regio.vastgesteld",
            Severity.INFO,
        )
