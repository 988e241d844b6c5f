"""Rules on the begroting: totals, spending against toegekend, period, posten, signs.

Sources: the Regeling SPUK IZA-doelen (Stcrt. 2023, 19964) and the handreiking §1.5.2. All sums
come from :func:`regiogen.model.overzicht.begroting_overzicht`, as in the documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from regiogen.diagnostics import Severity
from regiogen.model.content import Begroting, Post
from regiogen.model.overzicht import begroting_overzicht
from regiogen.rules.registry import Finding, RuleContext, RuleSet
from regiogen.source.load import KeyPath
from regiogen.source.money import format_euro, format_percent

regels = RuleSet()

SPUK = ("spuk-iza-bijlage",)
#: The years each regeling covers.
PERIODES: dict[str, tuple[int, int]] = {
    "spuk-iza": (2024, 2026),
    "spuk-transformatiemiddelen": (2024, 2027),
}


def _jaren(jaren: list[int] | set[int]) -> str:
    return ", ".join(str(j) for j in sorted(jaren))


def _post(post: Post, i: int) -> str:
    return f"post {post.id or i + 1} '{post.omschrijving}'"


@regels.rule(
    "iza.begroting.totalen",
    Severity.ERROR,
    "Opgegeven totalen per jaar zijn de som van de posten",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def totalen(ctx: RuleContext) -> Iterator[Finding]:
    """Each given total equals the sum of the posten for that year."""
    begroting = ctx.content.begroting
    if begroting is None or not begroting.totalen:
        return
    overzicht = begroting_overzicht(begroting)
    for jaar, opgegeven in sorted(begroting.totalen.items()):
        path = ("begroting", "totalen", str(jaar))
        if jaar not in overzicht.per_jaar:
            yield Finding(
                path,
                f"totaal voor {jaar} opgegeven, maar {jaar} is geen jaar van de begroting "
                f"({_jaren(overzicht.jaren)})",
                at_key=True,
            )
            continue
        som = overzicht.per_jaar[jaar]
        if opgegeven != som:
            yield Finding(
                path,
                f"opgegeven totaal voor {jaar} ({format_euro(opgegeven)}) wijkt "
                f"{format_euro(abs(opgegeven - som))} af van de som van de posten "
                f"({format_euro(som)})",
            )
    for jaar in overzicht.jaren:
        if jaar not in begroting.totalen:
            yield Finding(
                ("begroting", "totalen"),
                f"begroting.totalen noemt {jaar} niet; de som van de posten is "
                f"{format_euro(overzicht.per_jaar[jaar])}",
                Severity.WARNING,
                at_key=True,
            )


@regels.rule(
    "iza.begroting.toegekend",
    Severity.ERROR,
    "Per jaar niet meer begroot dan toegekend",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def toegekend(ctx: RuleContext) -> Iterator[Finding]:
    """The begroting does not spend more in a year than was toegekend."""
    begroting = ctx.content.begroting
    if begroting is None:
        return
    for v in begroting_overzicht(begroting).vergelijking:
        if v.toegekend is None or v.verschil is None or v.verschil >= 0:
            continue
        procent = f" ({format_percent(abs(v.procent))})" if v.procent is not None else ""
        yield Finding(
            ("begroting", "toegekend", str(v.jaar)),
            f"in {v.jaar} is {format_euro(v.begroot)} begroot: {format_euro(-v.verschil)}"
            f"{procent} meer dan toegekend ({format_euro(v.toegekend)})",
        )


@regels.rule(
    "iza.begroting.onbesteed",
    Severity.WARNING,
    "Per jaar blijft niet te veel van het toegekende bedrag onbesteed",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def onbesteed(ctx: RuleContext) -> Iterator[Finding]:
    """More than ``max_onbesteed`` percent of a year's toegekend amount left unspent."""
    begroting = ctx.content.begroting
    if begroting is None:
        return
    for v in begroting_overzicht(begroting).vergelijking:
        if v.toegekend is None or v.verschil is None or v.procent is None:
            continue
        if v.verschil > 0 and v.procent > Decimal(ctx.max_onbesteed):
            yield Finding(
                ("begroting", "toegekend", str(v.jaar)),
                f"in {v.jaar} blijft {format_euro(v.verschil)} ({format_percent(v.procent)}) "
                f"van het toegekende bedrag ({format_euro(v.toegekend)}) onbesteed; meer dan "
                f"{ctx.max_onbesteed}%: begroot {format_euro(v.begroot)}",
            )


@regels.rule(
    "iza.begroting.periode",
    Severity.ERROR,
    "Alle bedragen vallen in de jaren van de regeling en de begroting",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def periode(ctx: RuleContext) -> Iterator[Finding]:
    """Years inside the regeling's period; posten and toegekend only for begroting years."""
    begroting = ctx.content.begroting
    if begroting is None:
        return
    periode = PERIODES.get(begroting.regeling)
    if periode is not None:
        eerste, laatste = periode
        for i, jaar in enumerate(begroting.jaren):
            if not eerste <= jaar <= laatste:
                yield Finding(
                    ("begroting", "jaren", i),
                    f"{jaar} valt buiten de periode van de regeling {begroting.regeling} "
                    f"({eerste}–{laatste})",
                )
    yield from _buiten_jaren(begroting, periode)


def _buiten_jaren(begroting: Begroting, periode: tuple[int, int] | None) -> Iterator[Finding]:
    if begroting.jaren:
        allowed = set(begroting.jaren)
        waarom = f"geen jaar van de begroting ({_jaren(allowed)})"
    elif periode is not None:
        allowed = set(range(periode[0], periode[1] + 1))
        waarom = f"buiten de periode van de regeling {begroting.regeling}"
    else:
        return
    for jaar in sorted(begroting.toegekend):
        if jaar not in allowed:
            yield Finding(
                ("begroting", "toegekend", str(jaar)),
                f"toegekend bedrag voor {jaar}, maar {jaar} is {waarom}",
                at_key=True,
            )
    for i, post in enumerate(begroting.posten):
        for jaar in sorted(post.bedragen):
            if jaar not in allowed:
                yield Finding(
                    ("begroting", "posten", i, "bedragen", str(jaar)),
                    f"{_post(post, i)} heeft een bedrag voor {jaar}, maar {jaar} is {waarom}; "
                    "dat bedrag telt niet mee in de totalen",
                    at_key=True,
                )


@regels.rule(
    "iza.begroting.post-soort",
    Severity.ERROR,
    "Elke post is coördinatie of uitvoering",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def post_soort(ctx: RuleContext) -> Iterator[Finding]:
    """Each post says whether it is coordination or execution (the SPUK IZA's two purposes)."""
    begroting = ctx.content.begroting
    for i, post in enumerate(begroting.posten if begroting else []):
        if post.soort is None:
            yield Finding(
                ("begroting", "posten", i, "soort"),
                f"{_post(post, i)} heeft geen soort; kies 'coordinatie' of 'uitvoering'",
            )


@regels.rule(
    "iza.begroting.post-aard",
    Severity.WARNING,
    "Elke post is incidenteel of structureel",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def post_aard(ctx: RuleContext) -> Iterator[Finding]:
    """Each post says whether it is a one-off or a recurring cost."""
    begroting = ctx.content.begroting
    for i, post in enumerate(begroting.posten if begroting else []):
        if post.aard is None:
            yield Finding(
                ("begroting", "posten", i, "aard"),
                f"{_post(post, i)} heeft geen aard; kies 'incidenteel' of 'structureel'",
            )


@regels.rule(
    "iza.begroting.negatief",
    Severity.ERROR,
    "Geen negatieve bedragen in de begroting",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def negatief(ctx: RuleContext) -> Iterator[Finding]:
    """No amount in posten, toegekend or totalen is negative."""
    begroting = ctx.content.begroting
    if begroting is None:
        return
    bedragen: list[tuple[KeyPath, str, Decimal]] = []
    for i, post in enumerate(begroting.posten):
        for jaar, bedrag in sorted(post.bedragen.items()):
            path: KeyPath = ("begroting", "posten", i, "bedragen", str(jaar))
            bedragen.append((path, f"{_post(post, i)}, {jaar}", bedrag))
    for jaar, bedrag in sorted(begroting.toegekend.items()):
        bedragen.append((("begroting", "toegekend", str(jaar)), f"toegekend {jaar}", bedrag))
    for jaar, bedrag in sorted((begroting.totalen or {}).items()):
        bedragen.append((("begroting", "totalen", str(jaar)), f"totaal {jaar}", bedrag))
    for path, wat, bedrag in bedragen:
        if bedrag < 0:
            yield Finding(
                path,
                f"negatief bedrag bij {wat}: {format_euro(bedrag)}; een begroting noemt "
                "uitgaven als positieve bedragen",
            )
