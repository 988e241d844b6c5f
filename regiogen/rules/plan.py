"""Rules on what a regioplan as a whole promises: afspraken per opgave, ambitie, randvoorwaarden,
monitoring and the involvement of inwoners and achterban.

Sources: IZA 2022 §3.2 p.44–45 (per opgave regio-afspraken; inwoner/patiëntperspectief and a
check with the achterban), the NZa's judgement of 8 February 2024 (goals specific, measurable
and time-bound; progress visible) and the handreiking §1.2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from regiogen.diagnostics import Severity
from regiogen.rules.meetbaar import is_meetbaar
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label, missing

regels = RuleSet()

PLAN = ("regioplan",)
#: Words that name to whom a randvoorwaarde is addressed.
_ADRES = re.compile(
    r"\b(rijk|vws|minist\w*|minister|nza|zorginstituut|landelijk\w*|wetgev\w*|wetgever|"
    r"kabinet|ik-partijen|iza-partijen|vng|zn|zorgverzekeraars\s+nederland|tweede\s+kamer)\b",
    re.IGNORECASE,
)
#: Words that say why the region cannot arrange something itself.
_WAAROM = re.compile(
    r"\b(zonder|niet\s+zelf|kan\s+niet|kunnen\s+niet|geen\s+grondslag|wet\w*|regeling|"
    r"bekostiging|bevoegdheid\w*|grondslag|is\s+nodig|nodig\s+zodat)\b",
    re.IGNORECASE,
)


@regels.rule(
    "iza.opgave.afspraak",
    Severity.ERROR,
    "Elke opgave heeft ten minste één regio-afspraak",
    "IZA 2022 §3.2 p.44–45; NZa 8-2-2024",
    PLAN,
)
def opgave_afspraak(ctx: RuleContext) -> Iterator[Finding]:
    """An opgave without an afspraak is a wish: the IZA asks regio-afspraken per opgave."""
    met = {a.opgave for a in ctx.content.afspraken if a.opgave}
    for i, opgave in enumerate(ctx.content.opgaven):
        if opgave.id in met:
            continue
        extra = (
            f"; de {len(opgave.initiatieven)} initiatieven eronder zijn nog geen afspraak"
            if opgave.initiatieven
            else ""
        )
        yield Finding(
            ("opgaven", i),
            f"opgave {label(opgave.id, opgave.titel)} heeft geen regio-afspraak; maak per opgave "
            "afspraken met partijen, oplossing, schaal en meetbare resultaten (een afspraak "
            f"noemt de opgave met 'opgave: {opgave.id}'){extra}",
        )


@regels.rule(
    "iza.ambitie.meetbaar",
    Severity.WARNING,
    "Een ambitie is meetbaar: een streefwaarde en een jaar",
    "NZa 8-2-2024",
    PLAN,
)
def ambitie_meetbaar(ctx: RuleContext) -> Iterator[Finding]:
    """A long-term goal says what (streefwaarde or a number in its title) and by when."""
    for i, ambitie in enumerate(ctx.content.ambitie):
        streef = ambitie.streefwaarde or ""
        absent = []
        if not is_meetbaar(streef) and not is_meetbaar(ambitie.titel):
            absent.append("een meetbare streefwaarde")
        if ambitie.jaar is None and not re.search(r"\b(19|20)\d\d\b", ambitie.titel):
            absent.append("een jaar")
        if absent:
            yield Finding(
                ("ambitie", i),
                f"ambitie '{ambitie.titel}' mist {' en '.join(absent)}; de NZa noemt als goed "
                "voorbeeld 'alle inwoners tien extra gezonde levensjaren in 2040' (vul "
                "'streefwaarde:' en 'jaar:')",
            )


@regels.rule(
    "iza.randvoorwaarde.concreet",
    Severity.WARNING,
    "Een randvoorwaarde zegt wat gevraagd wordt, van wie, en waarom de regio het niet zelf kan",
    "handreiking §1.2; IZA 2022 §3.2",
    PLAN,
)
def randvoorwaarde_concreet(ctx: RuleContext) -> Iterator[Finding]:
    """Each randvoorwaarde names its addressee and why the region cannot solve it itself."""
    for i, item in enumerate(ctx.content.randvoorwaarden):
        toelichting = item.toelichting or ""
        if missing(toelichting):
            continue  # iza.randvoorwaarden already asks for the toelichting
        absent = []
        if missing(item.gevraagd_van) and not _ADRES.search(toelichting):
            absent.append("van wie het gevraagd wordt ('gevraagd_van:')")
        if missing(item.waarom_niet_zelf) and not _WAAROM.search(toelichting):
            absent.append("waarom de regio het niet zelf kan regelen ('waarom_niet_zelf:')")
        if absent:
            yield Finding(
                ("randvoorwaarden", i),
                f"randvoorwaarde '{item.titel}' zegt niet {' en niet '.join(absent)}",
            )


@regels.rule(
    "iza.monitoring",
    Severity.ERROR,
    "Het plan zegt hoe de voortgang gevolgd wordt: hoe vaak, door wie, aan wie",
    "NZa 8-2-2024; IZA 2022 §3.2 p.44–45; handreiking §1.2",
    PLAN,
)
def monitoring(ctx: RuleContext) -> Iterator[Finding]:
    """Plan-level monitoring is there and concrete: a frequency and who reports where."""
    content = ctx.content
    m = content.monitoring
    if m is None or (missing(m.toelichting) and not m.indicatoren and missing(m.frequentie)):
        if not content.opgaven and not content.afspraken:
            return  # nothing to monitor yet; iza.opgaven.aantal says what is missing
        yield Finding(
            ("monitoring",),
            "het plan zegt niet hoe de partijen de voortgang volgen; vul 'monitoring:' met "
            "een toelichting, de frequentie en wie aan wie rapporteert",
            at_key=True,
        )
        return
    absent = []
    if missing(m.frequentie):
        absent.append("hoe vaak ('frequentie:')")
    if missing(m.dashboard) and missing(m.rapporteert) and missing(m.aan):
        absent.append("wie aan wie rapporteert ('rapporteert:', 'aan:') of waar ('dashboard:')")
    if absent:
        belofte = (
            f" (de monitoring wordt nog ontwikkeld, gereed: {m.gereed.label})"
            if m.gereed is not None
            else ""
        )
        yield Finding(
            ("monitoring",),
            f"de monitoring is niet concreet: het plan zegt niet {' en niet '.join(absent)}"
            f"{belofte}",
            Severity.WARNING,
            at_key=True,
        )


@regels.rule(
    "iza.betrokkenheid",
    Severity.WARNING,
    "Inwoners en patiënten zijn betrokken en de achterban is geraadpleegd",
    "IZA 2022 §3.2 p.44–45",
    PLAN,
)
def betrokkenheid(ctx: RuleContext) -> Iterator[Finding]:
    """The plan shows the inwoner/patiënt perspective: a party of inwoners, or betrokkenheid."""
    content = ctx.content
    if not content.opgaven:
        return
    if content.betrokkenheid or any(p.soort == "inwoners" for p in content.partijen):
        for i, item in enumerate(content.betrokkenheid):
            if missing(item.hoe) or item.wanneer is None:
                yield Finding(
                    ("betrokkenheid", i),
                    f"betrokkenheid van {item.wie}: zeg hoe ('hoe:') en wanneer ('wanneer:')",
                    Severity.INFO,
                )
        return
    yield Finding(
        ("partijen",),
        "het plan laat niet zien hoe inwoners of patiënten betrokken zijn en hoe de achterban "
        "(cliëntenraden, professionals, gemeenteraden) is geraadpleegd; vul 'betrokkenheid:' "
        "met wie, hoe en wanneer",
        at_key=True,
    )
