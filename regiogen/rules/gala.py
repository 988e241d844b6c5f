"""Rules on the plannen van aanpak for the brede SPUK (SPUK GALA), one per gemeente.

Sources: the Regeling specifieke uitkering sport, cultuur en preventie (SPUK GALA, Stcrt.
2023, 4245) and the ministry's template for the plan van aanpak; the application windows in
the handreiking §1.5.1; measurable results as the NZa asks them (8 February 2024): a figure or
a verifiable state, reached by a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from regiogen.diagnostics import Severity
from regiogen.model.content import same_gemeentecode
from regiogen.model.gala import GalaPlan
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing
from regiogen.source.dates import format_datum

regels = RuleSet()

GALA = ("gala-plan-van-aanpak",)
REGELING = "Regeling SPUK GALA (Stcrt. 2023, 4245); format plan van aanpak"

#: The windows in which the application could be filed (handreiking §1.5.1).
AANVRAAGPERIODEN = ((date(2023, 2, 1), date(2023, 3, 31)), (date(2023, 9, 1), date(2023, 10, 31)))
_DIGIT = re.compile(r"[0-9]")
_WETHOUDER = re.compile(r"\bwethouder\b", re.IGNORECASE)


def _plannen(ctx: RuleContext) -> Iterator[tuple[int, GalaPlan, str]]:
    for i, plan in enumerate(ctx.content.gala):
        gemeente = next(
            (g for g in ctx.content.regio.gemeenten if same_gemeentecode(g.code, plan.gemeente)),
            None,
        )
        yield i, plan, f"het plan van aanpak van {gemeente.naam if gemeente else plan.gemeente}"


@regels.rule(
    "iza.gala.onderdelen",
    Severity.ERROR,
    "Het plan van aanpak heeft alle onderdelen van het format",
    REGELING,
    GALA,
)
def onderdelen(ctx: RuleContext) -> Iterator[Finding]:
    """Each of the nine parts of the ministry's template is present."""
    for i, plan, name in _plannen(ctx):
        path = ("gala", i)
        situatie = plan.situatie
        delen: list[tuple[str, bool, str]] = [
            (
                "1 waar staat de gemeente",
                situatie is None
                or all(
                    missing(getattr(situatie, veld))
                    for veld in (
                        "samenvatting",
                        "sport_bewegen_cultuur",
                        "gezondheid",
                        "sociale_basis",
                    )
                ),
                "situatie (sport, bewegen en cultuur; gezondheid; sociale basis)",
            ),
            ("2 toelichting per onderdeel", not plan.onderdelen, "onderdelen"),
            (
                "3 aanpak",
                not any(o.aangevraagd for o in plan.onderdelen),
                "onderdelen met 'aangevraagd: ja'",
            ),
            (
                "4 ondersteunende onderdelen",
                missing(plan.ondersteunend)
                and not any(o.domein == "ondersteunend" for o in plan.onderdelen),
                "ondersteunend (of een onderdeel met 'domein: ondersteunend')",
            ),
            (
                "5 bewaking van de voortgang",
                plan.bewaking is None
                or all(
                    missing(getattr(plan.bewaking, v))
                    for v in ("organisatie", "monitoring", "bijsturing")
                ),
                "bewaking (organisatie, monitoring, bijsturing)",
            ),
            ("6 samenhang en synergie", missing(plan.samenhang), "samenhang"),
            (
                "7 verbinding met de doelen van GALA en Sportakkoord II",
                not any(o.doelen_gala for o in plan.onderdelen if o.aangevraagd),
                "doelen_gala bij de aangevraagde onderdelen",
            ),
            (
                "8 toestemming gebruik informatie",
                plan.toestemming is None or plan.toestemming.gegeven is None,
                "toestemming: {gegeven: ja of nee}",
            ),
            ("9 ondertekening", not plan.ondertekening, "ondertekening"),
        ]
        for deel, leeg, veld in delen:
            if leeg:
                yield Finding(
                    path,
                    f"{name} mist onderdeel {deel} van het format; vul {veld}",
                )


@regels.rule(
    "iza.gala.onderdeel-uitwerking",
    Severity.ERROR,
    "Elk aangevraagd onderdeel heeft doelen, aanpak en fasering",
    REGELING,
    GALA,
)
def onderdeel_uitwerking(ctx: RuleContext) -> Iterator[Finding]:
    """An onderdeel applied for says what it wants (doelen), how (aanpak) and when (fasering)."""
    for i, plan, name in _plannen(ctx):
        for j, onderdeel in enumerate(plan.onderdelen):
            path = ("gala", i, "onderdelen", j)
            which = f"onderdeel {label(onderdeel.id, onderdeel.naam)} van {name}"
            if not onderdeel.aangevraagd:
                if missing(onderdeel.toelichting):
                    yield Finding(
                        path,
                        f"{which} wordt niet aangevraagd; leg in 'toelichting:' uit waarom niet",
                        Severity.WARNING,
                    )
                continue
            absent = []
            if not onderdeel.doelen:
                absent.append("doelen (wat de gemeente wil bereiken)")
            aanpak = onderdeel.aanpak
            if aanpak is None or not (aanpak.interventies or aanpak.doelgroepen):
                absent.append("aanpak (doelgroepen en interventies)")
            if not onderdeel.fasering:
                absent.append("fasering (per jaar wat er gebeurt)")
            if absent:
                yield Finding(path, f"{which} mist {', '.join(absent)}")
            jaren = {f.jaar for f in onderdeel.fasering}
            zonder = [j for j in plan.jaren if j not in jaren]
            if onderdeel.fasering and zonder:
                yield Finding(
                    (*path, "fasering"),
                    f"{which}: de fasering noemt {', '.join(map(str, zonder))} niet; het plan "
                    f"loopt over {', '.join(map(str, plan.jaren))}",
                    Severity.WARNING,
                    at_key=True,
                )


@regels.rule(
    "iza.gala.resultaat-meetbaar",
    Severity.ERROR,
    "Elk resultaat is meetbaar: een getal of toetsbare toestand, met een datum",
    "NZa 8-2-2024; " + REGELING,
    GALA,
)
def resultaat_meetbaar(ctx: RuleContext) -> Iterator[Finding]:
    """An onderdeel applied for has results, each a figure or verifiable state with a date."""
    for i, plan, name in _plannen(ctx):
        for j, onderdeel in enumerate(plan.onderdelen):
            if not onderdeel.aangevraagd:
                continue
            path = ("gala", i, "onderdelen", j)
            which = f"onderdeel {label(onderdeel.id, onderdeel.naam)} van {name}"
            if not onderdeel.resultaten:
                yield Finding(
                    path,
                    f"{which} noemt geen meetbaar resultaat; geef onder 'resultaten:' een "
                    "streefwaarde (een getal) of een toetsbare toestand, met een datum",
                )
            for k, resultaat in enumerate(onderdeel.resultaten):
                here = (*path, "resultaten", k)
                what = f"resultaat {k + 1} van {which}"
                streef = resultaat.streefwaarde
                if missing(streef) and missing(resultaat.toestand):
                    yield Finding(
                        here,
                        f"{what} heeft geen streefwaarde en geen toestand; zonder is het niet "
                        "meetbaar (de NZa: een getal of een toestand die te controleren is)",
                    )
                elif streef is not None and not missing(streef) and not _DIGIT.search(streef):
                    yield Finding(
                        (*here, "streefwaarde"),
                        f"{what}: streefwaarde '{streef}' bevat geen getal; geef een getal "
                        "(zoals '80%') of beschrijf een toetsbare 'toestand:'",
                    )
                if resultaat.datum is None:
                    yield Finding(
                        here,
                        f"{what} heeft geen datum; een resultaat is tijdgebonden "
                        "(zoals 'datum: 2025-12-31')",
                    )


@regels.rule(
    "iza.gala.ondertekening",
    Severity.ERROR,
    "Het plan van aanpak is ondertekend door ten minste één wethouder",
    REGELING,
    GALA,
)
def ondertekening(ctx: RuleContext) -> Iterator[Finding]:
    """Among the signatories is at least one wethouder."""
    for i, plan, name in _plannen(ctx):
        if not plan.ondertekening:
            continue  # the missing part itself is iza.gala.onderdelen
        if not any(_WETHOUDER.search(o.functie) for o in plan.ondertekening):
            yield Finding(
                ("gala", i, "ondertekening"),
                f"{name} is niet ondertekend door een wethouder; het format vraagt de "
                "handtekening van ten minste één wethouder",
                at_key=True,
            )


@regels.rule(
    "iza.gala.aanvraagperiode",
    Severity.ERROR,
    "De aanvraag valt in een aanvraagperiode van de regeling",
    "handreiking §1.5.1; " + REGELING,
    GALA,
)
def aanvraagperiode(ctx: RuleContext) -> Iterator[Finding]:
    """Filed between 1 February and 31 March 2023, or between 1 September and 31 October 2023."""
    perioden = " of ".join(
        f"{format_datum(v)} tot en met {format_datum(t)}" for v, t in AANVRAAGPERIODEN
    )
    for i, plan, name in _plannen(ctx):
        if plan.ingediend is None:
            yield Finding(
                ("gala", i),
                f"{name} noemt geen datum van indiening; vul 'ingediend:' (aanvragen konden van "
                f"{perioden})",
                Severity.WARNING,
            )
        elif not any(v <= plan.ingediend <= t for v, t in AANVRAAGPERIODEN):
            yield Finding(
                ("gala", i, "ingediend"),
                f"{name} is ingediend op {format_datum(plan.ingediend)}, buiten de "
                f"aanvraagperioden ({perioden})",
            )


@regels.rule(
    "iza.gala.verwijzingen",
    Severity.ERROR,
    "Het plan hoort bij een gemeente van de regio en verwijst naar bestaande knelpunten en opgaven",
    REGELING,
    GALA,
)
def verwijzingen(ctx: RuleContext) -> Iterator[Finding]:
    """The gemeente is one of the region's, once; referenced knelpunten and opgaven exist."""
    content = ctx.content
    gezien: dict[str, int] = {}
    knelpunten = {k.id for k in content.regiobeeld.knelpunten}
    opgaven = {o.id for o in content.opgaven}
    for i, plan, name in _plannen(ctx):
        code = plan.gemeente.removeprefix("GM")
        if not any(same_gemeentecode(g.code, code) for g in content.regio.gemeenten):
            yield Finding(
                ("gala", i, "gemeente"),
                f"gemeente '{plan.gemeente}' hoort niet bij {content.regio.naam}; noem de "
                "gemeentecode van een gemeente onder regio.gemeenten",
            )
        if code in gezien:
            yield Finding(
                ("gala", i, "gemeente"),
                f"gemeente '{plan.gemeente}' heeft al een plan van aanpak "
                f"(plan {gezien[code] + 1})",
            )
        gezien.setdefault(code, i)
        refs: list[tuple[tuple[str | int, ...], str, set[str]]] = []
        if plan.situatie is not None:
            refs += [
                (("situatie", "knelpunten", j), k, knelpunten)
                for j, k in enumerate(plan.situatie.knelpunten)
            ]
            refs += [
                (("situatie", "opgaven", j), o, opgaven)
                for j, o in enumerate(plan.situatie.opgaven)
            ]
        for j, onderdeel in enumerate(plan.onderdelen):
            refs += [
                (("onderdelen", j, "opgaven", n), o, opgaven)
                for n, o in enumerate(onderdeel.opgaven)
            ]
        for suffix, ident, known in refs:
            if ident not in known:
                soort = "knelpunt" if known is knelpunten else "opgave"
                yield Finding(
                    ("gala", i, *suffix),
                    f"{name} verwijst naar onbekend {soort} '{ident}'",
                )
