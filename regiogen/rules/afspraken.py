"""Rules on each regio-afspraak: what it must state, SMART results, trekker and mijlpalen.

Sources: IZA 2022 §3.2 p.44–45 (what a regio-afspraak states), the handreiking §1.2, and the
NZa's judgement of 8 February 2024 (goals specific, measurable and time-bound; tasks assigned).
"""

from __future__ import annotations

from collections.abc import Iterator

from regiogen.diagnostics import Severity
from regiogen.model.content import Afspraak
from regiogen.rules.meetbaar import is_meetbaar, is_proces
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing
from regiogen.source.dates import format_datum

regels = RuleSet()

PLAN = ("regioplan",)
PLAN_AGENDA = ("regioplan", "werkagenda")
SCHALEN = "lokaal, subregio, regio, bovenregionaal of landelijk"


def _afspraken(ctx: RuleContext) -> Iterator[tuple[int, Afspraak, str]]:
    for i, afspraak in enumerate(ctx.content.afspraken):
        yield i, afspraak, f"afspraak {label(afspraak.id, afspraak.titel)}"


@regels.rule(
    "iza.afspraak.partijen",
    Severity.ERROR,
    "Een afspraak noemt de partijen die haar uitvoeren",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN_AGENDA,
)
def afspraak_partijen(ctx: RuleContext) -> Iterator[Finding]:
    """At least one partij; a single one is a warning (an afspraak is made together)."""
    for i, afspraak, name in _afspraken(ctx):
        if not afspraak.partijen:
            yield Finding(
                ("afspraken", i, "partijen"),
                f"{name} noemt geen partijen; vul 'partijen:' met de ids van de partijen die "
                "met de afspraak aan de slag gaan",
            )
        elif len(afspraak.partijen) == 1:
            yield Finding(
                ("afspraken", i, "partijen"),
                f"{name} noemt maar één partij ({afspraak.partijen[0]}); een regio-afspraak "
                "maken partijen samen",
                Severity.WARNING,
            )


def _required_text(ctx: RuleContext, veld: str, uitleg: str) -> Iterator[Finding]:
    for i, afspraak, name in _afspraken(ctx):
        if missing(getattr(afspraak, veld)):
            yield Finding(("afspraken", i, veld), f"{name}: '{veld}' ontbreekt; {uitleg}")


@regels.rule(
    "iza.afspraak.oplossing",
    Severity.ERROR,
    "Een afspraak beschrijft de oplossing",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def afspraak_oplossing(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak says with which solution the parties take up the opgave."""
    yield from _required_text(
        ctx, "oplossing", "beschrijf met welke oplossing de partijen de opgave oppakken"
    )


@regels.rule(
    "iza.afspraak.schaal",
    Severity.ERROR,
    "Een afspraak noemt de schaal",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def afspraak_schaal(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak says at which scale it is carried out."""
    yield from _required_text(ctx, "schaal", f"kies {SCHALEN}")


@regels.rule(
    "iza.afspraak.voortgang",
    Severity.ERROR,
    "Een afspraak zegt hoe de voortgang zichtbaar wordt",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def afspraak_voortgang(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak says how progress is made visible."""
    yield from _required_text(
        ctx, "voortgang", "beschrijf hoe de voortgang zichtbaar wordt (welke cijfers, hoe vaak)"
    )


@regels.rule(
    "iza.afspraak.resultaat",
    Severity.ERROR,
    "Een afspraak stuurt op ten minste één resultaat",
    "IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN_AGENDA,
)
def afspraak_resultaat(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak has at least one result agreement."""
    for i, afspraak, name in _afspraken(ctx):
        if not afspraak.resultaten:
            yield Finding(
                ("afspraken", i, "resultaten"),
                f"{name} heeft geen resultaten; noem onder 'resultaten:' op welke meetbare "
                "resultaten de partijen sturen (indicator, nulmeting, streefwaarde, datum)",
            )


@regels.rule(
    "iza.afspraak.resultaat-meetbaar",
    Severity.ERROR,
    "Elk resultaat is SMART: indicator, meetbare streefwaarde en datum",
    "NZa 8-2-2024; IZA 2022 §3.2 p.44–45",
    PLAN_AGENDA,
)
def resultaat_meetbaar(ctx: RuleContext) -> Iterator[Finding]:
    """Each result has an indicator, a streefwaarde with a figure, and a date after the plan's."""
    plandatum = ctx.plandatum
    for i, afspraak, name in _afspraken(ctx):
        for j, resultaat in enumerate(afspraak.resultaten):
            path = ("afspraken", i, "resultaten", j)
            which = f"resultaat {j + 1} van {name}"
            if resultaat.indicator:
                which += f" ('{resultaat.indicator}')"
            absent = [
                veld
                for veld in ("indicator", "streefwaarde", "datum")
                if missing(getattr(resultaat, veld))
            ]
            if "streefwaarde" in absent and is_meetbaar(resultaat.indicator or ""):
                # The NZa's own form: one sentence that holds the target ("in Q4 2024 is er een
                # regionale flexpool voor ziekenhuizen operationeel").
                absent.remove("streefwaarde")
            if absent:
                yield Finding(
                    path,
                    f"{which} is niet SMART: {' en '.join(absent)} "
                    f"{'ontbreekt' if len(absent) == 1 else 'ontbreken'} (de NZa vraagt "
                    "specifieke, meetbare en tijdgebonden resultaten)",
                )
            streef = resultaat.streefwaarde
            if streef is not None and not missing(streef) and not is_meetbaar(streef):
                yield Finding(
                    (*path, "streefwaarde"),
                    f"{which}: streefwaarde '{streef}' is niet meetbaar; geef een getal "
                    "('80%', '8 weken') of een toestand die op de datum te controleren is "
                    "('operationeel', 'live', 'vastgesteld')",
                    Severity.WARNING,
                )
            elif is_proces(resultaat.indicator, streef):
                yield Finding(
                    path,
                    f"{which} telt overleg of documenten, geen resultaat; noem wat er voor "
                    "inwoners of in de zorg verandert (zoals een wachttijd, een aantal "
                    "geholpen inwoners of een voorziening die operationeel is)",
                    Severity.WARNING,
                )
            if resultaat.datum and plandatum and resultaat.datum < plandatum:
                yield Finding(
                    (*path, "datum"),
                    f"{which}: de datum {format_datum(resultaat.datum)} ligt vóór de datum van "
                    f"het plan ({format_datum(plandatum)})",
                    Severity.WARNING,
                )


@regels.rule(
    "iza.afspraak.trekker",
    Severity.ERROR,
    "Elke afspraak heeft een trekker",
    "NZa 8-2-2024; handreiking §1.2",
    PLAN_AGENDA,
)
def afspraak_trekker(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak names the partij that leads it (for the werkagenda)."""
    yield from _required_text(
        ctx, "trekker", "noem het id van de partij die de afspraak trekt (voor de werkagenda)"
    )


@regels.rule(
    "iza.afspraak.trekker-partij",
    Severity.ERROR,
    "De trekker is een van de partijen van de afspraak",
    "NZa 8-2-2024; IZA 2022 §3.2 p.44–45",
    PLAN_AGENDA,
)
def trekker_partij(ctx: RuleContext) -> Iterator[Finding]:
    """The trekker is among the afspraak's partijen (when it names any)."""
    for i, afspraak, name in _afspraken(ctx):
        trekker = afspraak.trekker
        if not afspraak.partijen or trekker is None or missing(trekker):
            continue
        if trekker not in afspraak.partijen:
            yield Finding(
                ("afspraken", i, "trekker"),
                f"{name}: trekker '{trekker}' staat niet bij de partijen van de afspraak "
                f"({', '.join(afspraak.partijen)}); voeg de trekker toe aan "
                "'partijen:'",
            )


@regels.rule(
    "iza.afspraak.mijlpalen",
    Severity.ERROR,
    "Elke afspraak heeft mijlpalen met een moment voor de werkagenda",
    "NZa 8-2-2024; handreiking §1.2",
    PLAN_AGENDA,
)
def afspraak_mijlpalen(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak has mijlpalen, and each mijlpaal says when (``wanneer``)."""
    for i, afspraak, name in _afspraken(ctx):
        if not afspraak.mijlpalen:
            yield Finding(
                ("afspraken", i, "mijlpalen"),
                f"{name} heeft geen mijlpalen; de werkagenda vraagt per afspraak mijlpalen met "
                "een moment (zoals 'wanneer: 2024-Q4')",
            )
        for j, mijlpaal in enumerate(afspraak.mijlpalen):
            if mijlpaal.wanneer is None:
                yield Finding(
                    ("afspraken", i, "mijlpalen", j, "wanneer"),
                    f"{name}: mijlpaal '{mijlpaal.wat}' heeft geen moment; vul 'wanneer:' "
                    "(zoals 2024-Q4, 2024-11 of 2024-11-30)",
                    Severity.WARNING,
                )
