"""Rules on transformatieplannen and the addendum on structural social-domain costs.

Sources: the Addendum transformatiemiddelen (structural social-domain costs), the
Beoordelingskader impactvolle zorgtransformaties (voorwaarde 1–6) and the handreiking §1.5.3.
The rules on the business case, impact and approval are in :mod:`.businesscase`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from regiogen.diagnostics import Severity
from regiogen.model.content import Transformatieplan
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing
from regiogen.source.dates import format_datum
from regiogen.source.load import KeyPath
from regiogen.source.money import format_euro

regels = RuleSet()

PLAN = ("transformatieplan",)
ROUTE = "spuk-transformatiemiddelen"
#: Party kinds that count as a care party for rule 15.
ZORGPARTIJEN = frozenset(
    {"zorgverzekeraar", "zorgkantoor", "zorgaanbieder", "ziekenhuis", "huisartsen", "ggz", "vvt"}
)
#: Structural costs may be covered from transformatiemiddelen until this date.
EINDE_DEKKING = date(2027, 12, 31)
#: Plans can be approved until this date.
EINDE_GOEDKEURING = date(2026, 12, 31)


def plannen(ctx: RuleContext) -> Iterator[tuple[KeyPath, Transformatieplan, str]]:
    """Each transformatieplan with its key path and its name in messages."""
    for i, plan in enumerate(ctx.content.transformatieplannen):
        yield ("transformatieplannen", i), plan, f"transformatieplan {label(plan.id, plan.titel)}"


def _sociaal_domein(plan: Transformatieplan) -> bool:
    return plan.uitzondering_sociaal_domein or any(
        k.domein == "sociaal-domein" for k in plan.kosten
    )


@regels.rule(
    "iza.transformatie.partijen",
    Severity.ERROR,
    "Het plan is gemaakt met de partijen die het raakt: een gemeente en een zorgpartij",
    "Beoordelingskader voorwaarde 4; handreiking §1.5.3",
    PLAN,
)
def partijen(ctx: RuleContext) -> Iterator[Finding]:
    """At least one care party; a gemeente too (required when the social domain is involved)."""
    for base, plan, name in plannen(ctx):
        path = (*base, "partijen")
        if not plan.partijen:
            yield Finding(
                path,
                f"{name} noemt geen partijen; een transformatieplan wordt gemaakt met de "
                "partijen die het raakt, in de praktijk altijd met zorgaanbieders",
            )
            continue
        soorten = {
            p.soort for pp in plan.partijen if (p := ctx.content.partij(pp.partij)) is not None
        }
        if not soorten & ZORGPARTIJEN:
            yield Finding(
                path,
                f"{name} noemt geen zorgpartij (zorgaanbieder, ziekenhuis, huisartsen, ggz, vvt, "
                "zorgverzekeraar of zorgkantoor); maak het plan met de partijen die het raakt",
                at_key=True,
            )
        if "gemeente" not in soorten:
            sociaal = _sociaal_domein(plan)
            yield Finding(
                path,
                f"{name} noemt geen gemeente"
                + (
                    "; het plan raakt het sociaal domein, dus de gemeente hoort erbij"
                    if sociaal
                    else "; betrek de gemeente als het plan haar raakt"
                ),
                None if sociaal else Severity.WARNING,
                at_key=True,
            )


@regels.rule(
    "iza.transformatie.uitzondering-route",
    Severity.ERROR,
    "De uitzondering voor het sociaal domein alleen via de SPUK transformatiemiddelen",
    "Addendum transformatiemiddelen; Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398)",
    PLAN,
)
def uitzondering_route(ctx: RuleContext) -> Iterator[Finding]:
    """The exception needs financiering spuk-transformatiemiddelen; without it, structural
    social-domain costs cannot be paid from transformatiemiddelen."""
    for base, plan, name in plannen(ctx):
        if plan.uitzondering_sociaal_domein:
            if plan.financiering != ROUTE:
                via = f"'{plan.financiering}'" if plan.financiering else "een onbekende route"
                yield Finding(
                    (*base, "financiering")
                    if plan.financiering
                    else (*base, "uitzondering_sociaal_domein"),
                    f"{name} gebruikt de uitzondering voor structurele kosten in het sociaal "
                    f"domein, maar wordt gefinancierd via {via}; de uitzondering geldt alleen "
                    f"voor de Regeling SPUK transformatiemiddelen IZA 2024–2027 "
                    f"(financiering: {ROUTE}), niet voor middelen van zorgverzekeraars of "
                    "zorgkantoren",
                )
            continue
        for j, kost in enumerate(plan.kosten):
            if kost.aard == "structureel" and kost.domein == "sociaal-domein":
                yield Finding(
                    (*base, "kosten", j),
                    f"{name}: '{kost.omschrijving}' is een structurele kost in het sociaal "
                    "domein, maar het plan gebruikt de uitzondering niet; transformatiemiddelen "
                    "dekken dan alleen eenmalige kosten (zet 'uitzondering_sociaal_domein: ja' "
                    f"met financiering {ROUTE}, of financier deze kost anders)",
                    Severity.WARNING,
                )


@regels.rule(
    "iza.transformatie.dekking-2027",
    Severity.ERROR,
    "Structurele kosten gedekt tot uiterlijk 31 december 2027",
    "Addendum transformatiemiddelen",
    PLAN,
)
def dekking_2027(ctx: RuleContext) -> Iterator[Finding]:
    """No structural costs after 2027; ``structureel_gedekt_tot`` at most 31 December 2027."""
    for base, plan, name in plannen(ctx):
        structureel = False
        for j, kost in enumerate(plan.kosten):
            if kost.aard != "structureel":
                continue
            structureel = True
            for jaar in sorted(kost.bedragen):
                if jaar > EINDE_DEKKING.year:
                    yield Finding(
                        (*base, "kosten", j, "bedragen", str(jaar)),
                        f"{name}: structurele kost '{kost.omschrijving}' heeft een bedrag voor "
                        f"{jaar}; transformatiemiddelen dekken structurele kosten tot uiterlijk "
                        f"{format_datum(EINDE_DEKKING)}",
                        at_key=True,
                    )
        tot = plan.structureel_gedekt_tot
        if tot is not None and tot > EINDE_DEKKING:
            yield Finding(
                (*base, "structureel_gedekt_tot"),
                f"{name}: structureel gedekt tot {format_datum(tot)}, maar de dekking uit "
                f"transformatiemiddelen loopt tot uiterlijk {format_datum(EINDE_DEKKING)}",
            )
        elif tot is None and structureel and plan.uitzondering_sociaal_domein:
            yield Finding(
                (*base, "structureel_gedekt_tot"),
                f"{name}: vermeld tot wanneer de structurele kosten gedekt zijn "
                f"('structureel_gedekt_tot:', uiterlijk {format_datum(EINDE_DEKKING)})",
                Severity.WARNING,
            )


@regels.rule(
    "iza.transformatie.goedkeuring-2026",
    Severity.ERROR,
    "Goedkeuring van het plan uiterlijk 31 december 2026",
    "Addendum transformatiemiddelen; handreiking §1.5.3",
    PLAN,
)
def goedkeuring_2026(ctx: RuleContext) -> Iterator[Finding]:
    """The (intended) approval date is given and not after 31 December 2026."""
    for base, plan, name in plannen(ctx):
        if plan.goedkeuring is None:
            yield Finding(
                (*base, "goedkeuring"),
                f"{name}: vermeld de (beoogde) datum van goedkeuring; plannen kunnen tot "
                f"uiterlijk {format_datum(EINDE_GOEDKEURING)} worden goedgekeurd",
                Severity.WARNING,
            )
        elif plan.goedkeuring > EINDE_GOEDKEURING:
            yield Finding(
                (*base, "goedkeuring"),
                f"{name}: goedkeuring op {format_datum(plan.goedkeuring)} is te laat; plannen "
                f"kunnen tot uiterlijk {format_datum(EINDE_GOEDKEURING)} worden goedgekeurd",
            )


@regels.rule(
    "iza.transformatie.incidenteel-structureel",
    Severity.ERROR,
    "De business case scheidt incidentele en structurele kosten",
    "Addendum transformatiemiddelen; Beoordelingskader voorwaarde 2",
    PLAN,
)
def incidenteel_structureel(ctx: RuleContext) -> Iterator[Finding]:
    """The business case has kosten, and each says whether it is incidenteel or structureel."""
    for base, plan, name in plannen(ctx):
        if not plan.kosten:
            yield Finding(
                (*base, "kosten"),
                f"{name} heeft geen kosten; de business case noemt de kosten per jaar, "
                "incidenteel en structureel gescheiden",
            )
        for j, kost in enumerate(plan.kosten):
            if kost.aard is None:
                yield Finding(
                    (*base, "kosten", j, "aard"),
                    f"{name}: kost '{kost.omschrijving}' heeft geen aard; kies 'incidenteel' of "
                    "'structureel'",
                )


@regels.rule(
    "iza.transformatie.kosten-negatief",
    Severity.ERROR,
    "Geen negatieve kosten in de business case",
    "Beoordelingskader voorwaarde 2",
    PLAN,
)
def kosten_negatief(ctx: RuleContext) -> Iterator[Finding]:
    """No cost amount, structural total or own contribution is negative."""
    for base, plan, name in plannen(ctx):
        for j, kost in enumerate(plan.kosten):
            for jaar, bedrag in sorted(kost.bedragen.items()):
                if bedrag < 0:
                    yield Finding(
                        (*base, "kosten", j, "bedragen", str(jaar)),
                        f"{name}: kost '{kost.omschrijving}' heeft voor {jaar} een negatief "
                        f"bedrag ({format_euro(bedrag)})",
                    )
        waarden = {
            "structurele_kosten_sociaal_domein": plan.structurele_kosten_sociaal_domein,
            "eigen_bijdrage_gemeente": plan.eigen_bijdrage_totaal(),
        }
        for veld, waarde in waarden.items():
            if waarde is not None and waarde < 0:
                yield Finding((*base, veld), f"{name}: {veld} is negatief ({format_euro(waarde)})")


@regels.rule(
    "iza.transformatie.uitzondering-gegevens",
    Severity.ERROR,
    "Met de uitzondering: structurele kosten sociaal domein, eigen bijdrage en intentie na 2027",
    "Addendum transformatiemiddelen",
    PLAN,
)
def uitzondering_gegevens(ctx: RuleContext) -> Iterator[Finding]:
    """With the exception: the three figures are given and agree with the kosten."""
    for base, plan, name in plannen(ctx):
        if not plan.uitzondering_sociaal_domein:
            continue
        uitleg = {
            "structurele_kosten_sociaal_domein": "de totale structurele kosten voor het "
            "sociaal domein",
            "eigen_bijdrage_gemeente": "het deel dat de gemeente zelf financiert",
            "intentie_na_2027": "de intentie van de gemeente om na 2027 door te gaan",
        }
        for veld, wat in uitleg.items():
            if missing(getattr(plan, veld)):
                yield Finding(
                    (*base, veld),
                    f"{name} gebruikt de uitzondering voor het sociaal domein; vermeld {wat} "
                    f"('{veld}:')",
                )
        for j, kost in enumerate(plan.kosten):
            if kost.domein is None:
                yield Finding(
                    (*base, "kosten", j, "domein"),
                    f"{name}: kost '{kost.omschrijving}' heeft geen domein; kies 'zorg' of "
                    "'sociaal-domein' zodat de structurele kosten sociaal domein te tellen zijn",
                    Severity.WARNING,
                )
        som = sum(
            (
                bedrag
                for k in plan.kosten
                if k.aard == "structureel" and k.domein == "sociaal-domein"
                for bedrag in k.bedragen.values()
            ),
            Decimal(0),
        )
        opgegeven = plan.structurele_kosten_sociaal_domein
        if opgegeven is not None and opgegeven != som:
            yield Finding(
                (*base, "structurele_kosten_sociaal_domein"),
                f"{name}: structurele kosten sociaal domein {format_euro(opgegeven)} wijkt "
                f"{format_euro(abs(opgegeven - som))} af van de som van de structurele kosten "
                f"sociaal domein in de business case ({format_euro(som)})",
                Severity.WARNING,
            )
        eigen = plan.eigen_bijdrage_totaal()
        if eigen is not None and opgegeven is not None and eigen > opgegeven:
            yield Finding(
                (*base, "eigen_bijdrage_gemeente"),
                f"{name}: de eigen bijdrage van de gemeente ({format_euro(eigen)}) is hoger dan "
                f"de structurele kosten sociaal domein ({format_euro(opgegeven)})",
                Severity.WARNING,
            )


@regels.rule(
    "iza.transformatie.aansluiting",
    Severity.ERROR,
    "Het plan sluit aan op opgaven van het regioplan of zegt waarom niet",
    "Addendum transformatiemiddelen; handreiking §2.4",
    PLAN,
)
def aansluiting(ctx: RuleContext) -> Iterator[Finding]:
    """Linked opgaven or an aansluiting_toelichting; a must with the exception (A 2)."""
    for base, plan, name in plannen(ctx):
        if plan.opgaven or not missing(plan.aansluiting_toelichting):
            continue
        yield Finding(
            (*base, "opgaven"),
            f"{name} noemt geen opgaven van het regioplan en geen 'aansluiting_toelichting'; "
            "laat zien hoe het plan aansluit op regiobeeld en regioplan, of waarom het toch "
            "bijdraagt aan de IZA-doelen",
            None if plan.uitzondering_sociaal_domein else Severity.WARNING,
        )
