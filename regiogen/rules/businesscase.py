"""Rules on a transformatieplan as the Beoordelingskader and the Regeling judge it.

Sources: the Beoordelingskader impactvolle zorgtransformaties, voorwaarde 1 (SMART afspraken,
responsibilities, time plan), 2 (a business case), 4 (implementatieplan with mijlpaalplanning)
and 5 (results within five years), and the Regeling SPUK transformatiemiddelen (Stcrt. 2024,
17398): art. 3 (impact on Zvw care use, redistribution, staff, care real estate) and art. 6
(mijlpalen with amounts, a begroting per year from estimated costs *and* revenues, and the
penvoerder's authority when several gemeenten take part). The quick scan and the assessment
are done by the **two** marktleider zorgverzekeraars.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from regiogen.diagnostics import Severity
from regiogen.model.content import Transformatieplan
from regiogen.rules.meetbaar import is_meetbaar
from regiogen.rules.registry import Finding, RuleContext, RuleSet, missing
from regiogen.rules.transformatie import plannen
from regiogen.source.dates import format_datum
from regiogen.source.money import format_euro

regels = RuleSet()

PLAN = ("transformatieplan",)
ROUTE = "spuk-transformatiemiddelen"
REGELING = "Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398)"
#: Results within this many years (Beoordelingskader voorwaarde 5).
VIJF_JAAR = 5
IMPACT = {
    "zorggebruik": "het Zvw-zorggebruik",
    "herverdeling": "de regionale of landelijke herverdeling van zorg",
    "personeel": "het personeel",
    "vastgoed": "het zorgvastgoed",
}


@regels.rule(
    "iza.transformatie.smart",
    Severity.ERROR,
    "Het plan stuurt op SMART resultaten",
    "Beoordelingskader voorwaarde 1; NZa 8-2-2024",
    PLAN,
)
def smart(ctx: RuleContext) -> Iterator[Finding]:
    """Resultaten with an indicator, a measurable streefwaarde and a date."""
    for base, plan, name in plannen(ctx):
        if not plan.resultaten:
            yield Finding(
                (*base, "resultaten"),
                f"{name} noemt geen resultaten; het Beoordelingskader vraagt SMART afspraken "
                "(vul 'resultaten:' met indicator, streefwaarde en datum)",
            )
        for j, r in enumerate(plan.resultaten):
            absent = [v for v in ("indicator", "streefwaarde", "datum") if missing(getattr(r, v))]
            if r.streefwaarde and not missing(r.streefwaarde) and not is_meetbaar(r.streefwaarde):
                absent.append("een meetbare streefwaarde")
            if absent:
                yield Finding(
                    (*base, "resultaten", j),
                    f"{name}: resultaat {j + 1}{f' ({r.indicator!r})' if r.indicator else ''} "
                    f"is niet SMART: {', '.join(absent)} ontbreekt",
                )


@regels.rule(
    "iza.transformatie.mijlpalen",
    Severity.ERROR,
    "Een mijlpaalplanning met een bedrag per mijlpaal",
    f"Beoordelingskader voorwaarde 4; {REGELING} art. 6",
    PLAN,
)
def mijlpalen(ctx: RuleContext) -> Iterator[Finding]:
    """Mijlpalen with a moment and an amount, together not more than the costs."""
    for base, plan, name in plannen(ctx):
        if not plan.mijlpalen:
            yield Finding(
                (*base, "mijlpalen"),
                f"{name} heeft geen mijlpaalplanning; de aanvraag bevat mijlpalen met bedragen "
                "die passen bij de begroting (vul 'mijlpalen:' met wat, wanneer en bedrag)",
            )
            continue
        for j, m in enumerate(plan.mijlpalen):
            absent = [w for w, v in (("moment", m.wanneer), ("bedrag", m.bedrag)) if v is None]
            if absent:
                yield Finding(
                    (*base, "mijlpalen", j),
                    f"{name}: mijlpaal '{m.wat}' heeft geen {' en geen '.join(absent)}",
                    Severity.WARNING,
                )
        som = sum((m.bedrag for m in plan.mijlpalen if m.bedrag is not None), Decimal(0))
        kosten = sum((b for k in plan.kosten for b in k.bedragen.values()), Decimal(0))
        if kosten and som > kosten:
            yield Finding(
                (*base, "mijlpalen"),
                f"{name}: de mijlpalen samen ({format_euro(som)}) zijn meer dan de kosten in de "
                f"business case ({format_euro(kosten)})",
                Severity.WARNING,
                at_key=True,
            )


@regels.rule(
    "iza.transformatie.baten",
    Severity.ERROR,
    "De business case zet kosten per jaar tegen opbrengsten per jaar",
    f"{REGELING} art. 6; Beoordelingskader voorwaarde 2",
    PLAN,
)
def baten(ctx: RuleContext) -> Iterator[Finding]:
    """Opbrengsten (baten) per year, or for the structural situation."""
    for base, plan, name in plannen(ctx):
        if not plan.baten:
            tekst = " (de 'opbrengsten:' noemen ze alleen in woorden)" if plan.opbrengsten else ""
            yield Finding(
                (*base, "baten") if plan.opbrengsten is None else (*base, "opbrengsten"),
                f"{name} zet de kosten niet af tegen opbrengsten per jaar{tekst}; de begroting "
                "van de aanvraag rust op geraamde kosten én opbrengsten (vul 'baten:' met "
                "bedragen per jaar of 'structureel_per_jaar:')",
            )
        for j, baat in enumerate(plan.baten):
            if not baat.bedragen and baat.structureel_per_jaar is None:
                yield Finding(
                    (*base, "baten", j),
                    f"{name}: opbrengst '{baat.omschrijving}' heeft geen bedragen",
                )


@regels.rule(
    "iza.transformatie.kosten-bedragen",
    Severity.ERROR,
    "Elke kostenpost heeft bedragen",
    "Beoordelingskader voorwaarde 2",
    PLAN,
)
def kosten_bedragen(ctx: RuleContext) -> Iterator[Finding]:
    """A cost line without amounts counts for nothing and would vanish from the tables."""
    for base, plan, name in plannen(ctx):
        for j, kost in enumerate(plan.kosten):
            if not kost.bedragen and kost.structureel_per_jaar is None:
                yield Finding(
                    (*base, "kosten", j),
                    f"{name}: kostenpost '{kost.omschrijving}' heeft geen bedragen; vul "
                    "'bedragen:' per jaar of 'structureel_per_jaar:'",
                )


@regels.rule(
    "iza.transformatie.impact",
    Severity.ERROR,
    "Het plan beschrijft zijn impact op zorggebruik, herverdeling, personeel en vastgoed",
    f"{REGELING} art. 3; Beoordelingskader voorwaarde 3",
    PLAN,
)
def impact(ctx: RuleContext) -> Iterator[Finding]:
    """The four dimensions of art. 3, each described (or said to be none)."""
    for base, plan, name in plannen(ctx):
        if plan.financiering == "anders":
            continue
        if plan.impact is None:
            yield Finding(
                (*base, "impact"),
                f"{name} beschrijft zijn impact niet; een transformatie heeft substantiële impact "
                "op het Zvw-zorggebruik, de herverdeling van zorg, het personeel of het "
                "zorgvastgoed (vul 'impact:' met zorggebruik, herverdeling, personeel, vastgoed)",
            )
            continue
        absent = [uitleg for veld, uitleg in IMPACT.items() if missing(getattr(plan.impact, veld))]
        if absent:
            yield Finding(
                (*base, "impact"),
                f"{name} zegt niets over de impact op {', '.join(absent)}; schrijf 'geen' als "
                "het plan daar niets verandert",
                Severity.WARNING,
                at_key=True,
            )


def _start(plan: Transformatieplan) -> date | None:
    if plan.goedkeuring is not None:
        return plan.goedkeuring
    jaren = [j for k in plan.kosten for j in k.bedragen]
    return date(min(jaren), 1, 1) if jaren else None


@regels.rule(
    "iza.transformatie.vijf-jaar",
    Severity.WARNING,
    "De resultaten zijn binnen vijf jaar bereikt",
    "Beoordelingskader voorwaarde 5",
    PLAN,
)
def vijf_jaar(ctx: RuleContext) -> Iterator[Finding]:
    """Every result is due within five years of the start (approval or first cost year)."""
    for base, plan, name in plannen(ctx):
        start = _start(plan)
        if start is None:
            continue
        grens = date(start.year + VIJF_JAAR, start.month, min(start.day, 28))
        for j, r in enumerate(plan.resultaten):
            if r.datum is not None and r.datum > grens:
                yield Finding(
                    (*base, "resultaten", j, "datum"),
                    f"{name}: resultaat '{r.indicator or j + 1}' is pas op "
                    f"{format_datum(r.datum)} bereikt, later dan vijf jaar na de start "
                    f"({format_datum(start)})",
                )


@regels.rule(
    "iza.transformatie.marktleiders",
    Severity.ERROR,
    "Beide marktleidende zorgverzekeraars keuren het plan goed",
    "Beoordelingskader (quick scan en beoordeling door de twee marktleiders)",
    PLAN,
)
def marktleiders(ctx: RuleContext) -> Iterator[Finding]:
    """``goedgekeurd_door`` names two zorgverzekeraars."""
    for base, plan, name in plannen(ctx):
        if plan.financiering == "anders":
            continue
        verzekeraars = [
            p
            for pid in plan.goedgekeurd_door
            if (p := ctx.content.partij(pid)) is not None and p.soort == "zorgverzekeraar"
        ]
        if len({p.id for p in verzekeraars}) >= 2:
            continue
        wie = f" (nu alleen {verzekeraars[0].naam})" if verzekeraars else ""
        yield Finding(
            (*base, "goedgekeurd_door"),
            f"{name}: het plan is niet door beide marktleidende zorgverzekeraars goedgekeurd{wie}; "
            "het Beoordelingskader legt quick scan en beoordeling bij de twee marktleiders (vul "
            "'goedgekeurd_door:' met hun ids)",
        )


@regels.rule(
    "iza.transformatie.penvoerder",
    Severity.ERROR,
    "Met meer gemeenten: bewijs dat de penvoerder namens hen aanvraagt",
    f"{REGELING} art. 6",
    PLAN,
)
def penvoerder(ctx: RuleContext) -> Iterator[Finding]:
    """With several gemeenten in a SPUK plan: a penvoerder and the proof of its authority."""
    gemeenten = len(ctx.content.regio.gemeenten)
    for base, plan, name in plannen(ctx):
        if plan.financiering != ROUTE:
            continue
        partij_gemeenten = [
            pp
            for pp in plan.partijen
            if (p := ctx.content.partij(pp.partij)) is not None and p.soort == "gemeente"
        ]
        if max(gemeenten, len(partij_gemeenten)) < 2:
            continue
        if not any("penvoerder" in (pp.rol or "").lower() for pp in plan.partijen):
            yield Finding(
                (*base, "partijen"),
                f"{name}: meer gemeenten doen mee, maar geen partij is penvoerder; geef één "
                "gemeente 'rol: penvoerder'",
                at_key=True,
            )
        if missing(plan.penvoerder_bevoegdheid):
            yield Finding(
                (*base, "penvoerder_bevoegdheid"),
                f"{name}: meer gemeenten doen mee; de aanvraag bevat het bewijs dat de penvoerder "
                "namens hen mag aanvragen (vul 'penvoerder_bevoegdheid:' met het besluit of de "
                "volmacht)",
            )


@regels.rule(
    "iza.transformatie.financiering",
    Severity.WARNING,
    "Het plan noemt zijn financieringsroute",
    "Addendum transformatiemiddelen; Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398)",
    PLAN,
)
def financiering(ctx: RuleContext) -> Iterator[Finding]:
    """Without a route, neither the exception nor double funding can be judged."""
    for base, plan, name in plannen(ctx):
        if plan.financiering is None:
            yield Finding(
                (*base, "financiering"),
                f"{name} noemt geen financieringsroute; kies spuk-transformatiemiddelen, "
                "zorgverzekeraar, zorgkantoor of anders (de route bepaalt of de uitzondering "
                "voor het sociaal domein mag en of dubbele financiering is uitgesloten)",
            )


@regels.rule(
    "iza.transformatie.na-2027",
    Severity.WARNING,
    "Bij structurele kosten: hoe de inzet na 2027 wordt gedragen",
    "Addendum transformatiemiddelen; Beoordelingskader voorwaarde 2",
    PLAN,
)
def na_2027(ctx: RuleContext) -> Iterator[Finding]:
    """Structural costs outlive the transformatiemiddelen: the plan says who pays after 2027.

    With the exception for the social domain, iza.transformatie.uitzondering-gegevens already
    asks for it as an error.
    """
    for base, plan, name in plannen(ctx):
        structureel = any(k.aard == "structureel" for k in plan.kosten)
        if structureel and not plan.uitzondering_sociaal_domein and missing(plan.intentie_na_2027):
            yield Finding(
                (*base, "intentie_na_2027"),
                f"{name} heeft structurele kosten, maar zegt niet hoe de inzet na 2027 wordt "
                "gedragen; vul 'intentie_na_2027:'",
            )
