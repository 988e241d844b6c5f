"""Rules on the regiobeeld: what the criteria of 21-12-2022 ask of it (IZA 2022 §3.2).

Every knelpunt is shown with figures that have a source and a year; there is a prognosis of
both demand and supply; the link with the municipal domain (werk, wonen, inkomen) is made;
capacity and performance of care, welzijn and ondersteuning are described; and the figures
are explained by what inwoners and professionals say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from regiogen.diagnostics import Severity
from regiogen.model.content import Indicator
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing

regels = RuleSet()

BEELD = ("regiobeeld",)
CRITERIA = "IZA 2022 §3.2; criteria regiobeelden en regioplannen 21-12-2022"


def _heeft_waarde(indicator: Indicator) -> bool:
    return not missing(indicator.waarde) or bool(indicator.reeks)


@regels.rule(
    "iza.regiobeeld.knelpunt-data",
    Severity.WARNING,
    "Elk knelpunt is onderbouwd met cijfers met bron en jaar",
    f"{CRITERIA}; handreiking §1.2 (NZa: knelpunten scherper formuleren)",
    BEELD,
)
def knelpunt_data(ctx: RuleContext) -> Iterator[Finding]:
    """A knelpunt without figures, or a figure without value, source or year."""
    for i, knelpunt in enumerate(ctx.content.regiobeeld.knelpunten):
        path = ("regiobeeld", "knelpunten", i)
        name = label(knelpunt.id, knelpunt.titel)
        if not knelpunt.indicatoren:
            yield Finding(
                path,
                f"knelpunt {name} heeft geen cijfers; geef onder 'indicatoren:' ten minste één "
                "cijfer met waarde (of reeks), bron en jaar",
            )
            continue
        for j, indicator in enumerate(knelpunt.indicatoren):
            absent = [
                veld
                for veld, leeg in (
                    ("waarde of reeks", not _heeft_waarde(indicator)),
                    ("bron", missing(indicator.bron)),
                    ("jaar", indicator.jaar is None),
                )
                if leeg
            ]
            if absent:
                yield Finding(
                    (*path, "indicatoren", j),
                    f"cijfer '{indicator.naam}' bij knelpunt {name} mist "
                    f"{' en '.join(absent)}; het regiobeeld noemt bij elk cijfer de bron en "
                    "het jaar",
                )


@regels.rule(
    "iza.regiobeeld.prognose",
    Severity.WARNING,
    "Het regiobeeld heeft een prognose van zorgvraag en aanbod",
    CRITERIA,
    BEELD,
)
def prognose(ctx: RuleContext) -> Iterator[Finding]:
    """No prognosis at all, or one that lacks demand or supply (or their series)."""
    prognoses = ctx.content.regiobeeld.prognoses
    if not prognoses:
        yield Finding(
            ("regiobeeld",),
            "het regiobeeld heeft geen prognose van vraag en aanbod; vul 'prognoses:' met per "
            "onderdeel de verwachte 'vraag' en het verwachte 'aanbod' (elk met een reeks per jaar)",
            at_key=True,
        )
        return
    for i, item in enumerate(prognoses):
        path = ("regiobeeld", "prognoses", i)
        for kant in ("vraag", "aanbod"):
            indicator = getattr(item, kant)
            if indicator is None:
                yield Finding(
                    path,
                    f"prognose '{item.titel}' mist het verwachte {kant}; zonder vraag én aanbod "
                    "is de kloof niet te zien",
                )
            elif not indicator.reeks:
                yield Finding(
                    (*path, kant),
                    f"prognose '{item.titel}': '{kant}' heeft geen reeks per jaar; geef "
                    "'reeks:' of 'csv:' met de verwachte waarden",
                )
        both = item.vraag and item.aanbod and item.vraag.reeks and item.aanbod.reeks
        if both and not item.kloof():
            yield Finding(
                path,
                f"prognose '{item.titel}': vraag en aanbod hebben geen jaar gemeen; de kloof "
                "is pas te berekenen als beide reeksen dezelfde jaren noemen",
            )


def _part(
    veld: str,
    present: set[str],
    wanted: tuple[str, ...],
    absent: str,
    lacks: Callable[[list[str]], str],
    *,
    one_finding: bool = False,
) -> Iterator[Finding]:
    """A part of the regiobeeld that is absent (warning) or lacks some of ``wanted`` (info)."""
    if not present:
        yield Finding(("regiobeeld",), absent, at_key=True)
        return
    missing_ones = [w for w in wanted if w not in present]
    groups = [missing_ones] if one_finding else [[w] for w in missing_ones]
    for group in groups:
        if group:
            yield Finding(("regiobeeld", veld), lacks(group), Severity.INFO, at_key=True)


@regels.rule(
    "iza.regiobeeld.gemeentelijk-domein",
    Severity.WARNING,
    "Het regiobeeld legt het verband met werk, wonen en inkomen",
    CRITERIA,
    BEELD,
)
def gemeentelijk_domein(ctx: RuleContext) -> Iterator[Finding]:
    """The municipal domain is absent (warning) or lacks one of werk, wonen, inkomen (info)."""
    yield from _part(
        "gemeentelijk_domein",
        {v.thema for v in ctx.content.regiobeeld.gemeentelijk_domein},
        ("werk", "wonen", "inkomen"),
        "het regiobeeld legt geen verband met het gemeentelijk domein; vul "
        "'gemeentelijk_domein:' met wat werk, wonen en inkomen betekenen voor zorg en "
        "ondersteuning in de regio",
        lambda ontbreekt: (
            f"het gemeentelijk domein noemt {' en '.join(ontbreekt)} niet; de "
            "criteria vragen het verband met werk, wonen en inkomen"
        ),
        one_finding=True,
    )


@regels.rule(
    "iza.regiobeeld.capaciteit",
    Severity.WARNING,
    "Het regiobeeld beschrijft capaciteit en prestaties van zorg, welzijn en ondersteuning",
    CRITERIA,
    BEELD,
)
def capaciteit(ctx: RuleContext) -> Iterator[Finding]:
    """No capacity at all (warning), or a domain without it (info)."""
    yield from _part(
        "capaciteit",
        {c.domein for c in ctx.content.regiobeeld.capaciteit},
        ("zorg", "welzijn", "ondersteuning"),
        "het regiobeeld beschrijft geen capaciteit en prestaties; vul 'capaciteit:' per "
        "domein (zorg, welzijn, ondersteuning) met cijfers met bron en jaar",
        lambda ontbreekt: f"de capaciteit noemt het domein {ontbreekt[0]} niet",
    )


@regels.rule(
    "iza.regiobeeld.duiding",
    Severity.WARNING,
    "Het regiobeeld duidt de cijfers met wat inwoners en professionals zeggen",
    CRITERIA,
    BEELD,
)
def duiding(ctx: RuleContext) -> Iterator[Finding]:
    """No qualitative duiding, or one from only one side (info)."""
    yield from _part(
        "duiding",
        {d.perspectief for d in ctx.content.regiobeeld.duiding},
        ("inwoners", "professionals"),
        "het regiobeeld heeft geen kwalitatieve duiding; vul 'duiding:' met wat inwoners en "
        "professionals over de cijfers zeggen (met de bron, zoals een bijeenkomst)",
        lambda ontbreekt: f"de duiding laat geen {ontbreekt[0]} aan het woord",
    )
