"""Rules on the SPUK IZA aanvraag: its parts, years, toelichting, indiener, termijn and dates.

Sources: the Regeling SPUK IZA-doelen (Stcrt. 2023, 19964) and the handreiking §1.5.2. A
regioplan that is *available* (published or submitted) on the aanvraag date is not the same as
a regioplan that is *vastgesteld*: the bijlage says which, with the date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from regiogen.diagnostics import Severity
from regiogen.model.content import same_gemeentecode
from regiogen.rules.registry import Finding, RuleContext, RuleSet, missing
from regiogen.source.dates import format_datum

regels = RuleSet()

SPUK = ("spuk-iza-bijlage",)
#: The years a SPUK IZA aanvraag is for.
SPUK_IZA_JAREN = (2024, 2025, 2026)
#: The window in which the mandaathouder files the aanvraag.
TERMIJN = (date(2023, 11, 15), date(2023, 12, 31))


def _plan_vastgesteld(ctx: RuleContext) -> bool:
    return ctx.content.regio.status == "vastgesteld"


def _plan_beschikbaar(ctx: RuleContext) -> bool:
    aanvraag = ctx.content.aanvraag
    return aanvraag is not None and aanvraag.regioplan_beschikbaar is not None


@regels.rule(
    "iza.aanvraag.onderdelen",
    Severity.ERROR,
    "De aanvraag heeft begroting, regioplan (of inzet gemeenten) en mandaatstructuur",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def onderdelen(ctx: RuleContext) -> Iterator[Finding]:
    """The three parts the aanvraag goes with are there."""
    content = ctx.content
    if content.begroting is None:
        yield Finding(
            ("begroting",),
            "de aanvraag mist een begroting; voeg 'begroting:' toe met jaren, toegekend "
            "bedrag en posten",
        )
    elif not content.begroting.posten:
        yield Finding(
            ("begroting", "posten"),
            "de begroting heeft geen posten; noem onder 'posten:' waaraan de middelen worden "
            "besteed",
        )
    inzet = content.aanvraag.inzet_gemeenten if content.aanvraag else None
    if not _plan_vastgesteld(ctx) and not _plan_beschikbaar(ctx) and missing(inzet):
        yield Finding(
            ("aanvraag", "inzet_gemeenten"),
            "het regioplan is niet vastgesteld; beschrijf dan in aanvraag.inzet_gemeenten de "
            "gemeentelijke inzet op de opgaven van de regio",
        )
    structuur = content.mandaatstructuur
    if structuur is None:
        yield Finding(
            ("mandaatstructuur",),
            "de aanvraag mist een beschrijving van de regionale mandaatstructuur; voeg "
            "'mandaatstructuur:' toe met mandaathouder en besluitvorming",
        )
    else:
        if missing(structuur.mandaathouder):
            yield Finding(
                ("mandaatstructuur", "mandaathouder"),
                "mandaatstructuur.mandaathouder ontbreekt; vul de gemeentecode van de gemeente "
                "die de aanvraag namens de regio indient",
            )
        if missing(structuur.besluitvorming):
            yield Finding(
                ("mandaatstructuur", "besluitvorming"),
                "mandaatstructuur.besluitvorming ontbreekt; beschrijf hoe de gemeenten van de "
                "regio besluiten en wie namens hen handelt",
            )


@regels.rule(
    "iza.aanvraag.toelichting",
    Severity.ERROR,
    "Zonder vastgesteld regioplan: toelichting waarom het er nog niet is",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def toelichting(ctx: RuleContext) -> Iterator[Finding]:
    """When the regioplan is not vastgesteld, the aanvraag explains why."""
    aanvraag = ctx.content.aanvraag
    if not _plan_vastgesteld(ctx) and (aanvraag is None or missing(aanvraag.toelichting)):
        if aanvraag is not None and aanvraag.regioplan_beschikbaar is not None:
            yield Finding(
                ("aanvraag", "toelichting"),
                "het regioplan is beschikbaar sinds "
                f"{format_datum(aanvraag.regioplan_beschikbaar)} maar niet vastgesteld; licht "
                "in aanvraag.toelichting toe wanneer en door wie het wordt vastgesteld",
                Severity.WARNING,
            )
            return
        yield Finding(
            ("aanvraag", "toelichting"),
            "het regioplan is niet vastgesteld; licht in aanvraag.toelichting toe waarom het "
            "regioplan op 31 december 2023 nog niet tot stand is gekomen",
        )


@regels.rule(
    "iza.aanvraag.jaren",
    Severity.ERROR,
    "De aanvraag is voor 2024, 2025 en 2026",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def jaren(ctx: RuleContext) -> Iterator[Finding]:
    """A spuk-iza begroting covers each of the years 2024, 2025 and 2026."""
    begroting = ctx.content.begroting
    if begroting is None or begroting.regeling != "spuk-iza":
        return
    ontbreekt = [str(j) for j in SPUK_IZA_JAREN if j not in begroting.jaren]
    if ontbreekt:
        yield Finding(
            ("begroting", "jaren"),
            f"de SPUK IZA wordt aangevraagd voor 2024, 2025 en 2026; begroting.jaren mist "
            f"{', '.join(ontbreekt)}",
            at_key=True,
        )


@regels.rule(
    "iza.aanvraag.indiener",
    Severity.ERROR,
    "De mandaathouder dient de aanvraag in",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def indiener(ctx: RuleContext) -> Iterator[Finding]:
    """``aanvraag.ingediend_door`` is the mandaathouder (the aangewezen gemeente)."""
    content = ctx.content
    houder = content.mandaatgemeente()
    door = content.aanvraag.ingediend_door if content.aanvraag else None
    if door is None or missing(door):
        wie = f" ({houder.naam}, {houder.code})" if houder else ""
        yield Finding(
            ("aanvraag", "ingediend_door"),
            f"vermeld in aanvraag.ingediend_door wie de aanvraag indient: de mandaathouder{wie}",
            Severity.WARNING,
        )
    elif houder is not None and not same_gemeentecode(door, houder.code):
        indiener_naam = next(
            (g.naam for g in content.regio.gemeenten if same_gemeentecode(g.code, door)), door
        )
        yield Finding(
            ("aanvraag", "ingediend_door"),
            f"de aanvraag wordt ingediend door {indiener_naam} ({door}), maar de mandaathouder "
            f"is {houder.naam} ({houder.code}); de mandaathouder dient in, mede namens de "
            "andere gemeenten",
        )


@regels.rule(
    "iza.aanvraag.termijn",
    Severity.ERROR,
    "Ingediend tussen 15 november en 31 december 2023",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def termijn(ctx: RuleContext) -> Iterator[Finding]:
    """A submission date, when given, lies in the application window."""
    aanvraag = ctx.content.aanvraag
    if aanvraag is None or aanvraag.datum is None:
        return
    begin, eind = TERMIJN
    if not begin <= aanvraag.datum <= eind:
        yield Finding(
            ("aanvraag", "datum"),
            f"de aanvraag is gedateerd {format_datum(aanvraag.datum)}; de SPUK IZA wordt "
            f"aangevraagd van {format_datum(begin)} tot en met {format_datum(eind)}",
        )


@regels.rule(
    "iza.aanvraag.datums",
    Severity.ERROR,
    "De datums van aanvraag en regioplan spreken elkaar niet tegen; de aanvraag heeft een datum",
    "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
    SPUK,
)
def datums(ctx: RuleContext) -> Iterator[Finding]:
    """A bijlage that calls the regioplan vastgesteld was filed after the vaststelling; an
    available plan was available on the aanvraag date; the aanvraag has a date."""
    content = ctx.content
    aanvraag = content.aanvraag
    if aanvraag is None or aanvraag.datum is None:
        yield Finding(
            ("aanvraag", "datum"),
            "de aanvraag heeft geen datum; vul aanvraag.datum (de bijlage wordt op die datum "
            "gedateerd, en de termijn en de status van het regioplan hangen ervan af)",
            Severity.WARNING,
        )
        return
    op = format_datum(aanvraag.datum)
    vast = content.regio.vastgesteld
    vast_op = vast.datum if vast is not None and _plan_vastgesteld(ctx) else None
    if vast_op is not None and vast_op > aanvraag.datum:
        yield Finding(
            ("regio", "vastgesteld", "datum"),
            f"het regioplan is vastgesteld op {format_datum(vast_op)}, na de aanvraag ({op}); "
            "de bijlage kan het dan niet als vastgesteld plan meesturen: vermeld met "
            "aanvraag.regioplan_beschikbaar dat het beschikbaar was, of corrigeer de datums",
        )
    beschikbaar = aanvraag.regioplan_beschikbaar
    if beschikbaar is not None and beschikbaar > aanvraag.datum:
        yield Finding(
            ("aanvraag", "regioplan_beschikbaar"),
            f"het regioplan is pas beschikbaar op {format_datum(beschikbaar)}, na de aanvraag "
            f"({op}); het kan dan niet met de aanvraag mee",
        )
    datum = content.regio.datum
    if vast_op is not None and datum is not None and datum > vast_op:
        yield Finding(
            ("regio", "datum"),
            f"de versie van het plan is gedateerd {format_datum(datum)}, na de vaststelling "
            f"({format_datum(vast_op)}); welke versie is vastgesteld?",
            Severity.WARNING,
        )
