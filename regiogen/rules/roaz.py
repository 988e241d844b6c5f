"""Rules on the acute zorg in a regioplan: what touches it is afgestemd with the ROAZ.

Source: IZA 2022 §3.2 p.44–45 (the regioplannen congruent with the ROAZ plans, which have their
own regional division), the handreiking §1.2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from regiogen.diagnostics import Severity
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label

regels = RuleSet()

PLAN = ("regioplan",)

#: Words that mark a topic of the acute-care chain, which the ROAZ plans also cover.
ROAZ = re.compile(r"\broaz\b", re.IGNORECASE)
ACUUT = re.compile(
    r"\b(acute\s+(zorg|keten)|spoedeisende\s+hulp|seh|spoedzorg|spoedpost\w*|ambulance\w*|"
    r"huisartsenpost\w*|roaz)\b",
    re.IGNORECASE,
)


@regels.rule(
    "iza.roaz",
    Severity.INFO,
    "Onderwerpen van de acute zorg vragen afstemming met het ROAZ",
    "IZA 2022 §3.2 p.44–45 (congruentie met de ROAZ-plannen); handreiking §1.2",
    PLAN,
)
def roaz(ctx: RuleContext) -> Iterator[Finding]:
    """Point out opgaven (also by their knelpunten) and afspraken on acute care that do not
    say themselves how they work with the ROAZ (as a parked knelpunt may, see below)."""
    knelpunten = {k.id: k.titel for k in ctx.content.regiobeeld.knelpunten}
    for i, opgave in enumerate(ctx.content.opgaven):
        texts = [*opgave.themas, opgave.titel, opgave.beschrijving or ""]
        texts += [knelpunten.get(k, "") for k in opgave.knelpunten]
        found = _acuut(texts)
        if found and not _names_roaz(texts):
            yield Finding(("opgaven", i), _roaz_message("opgave", opgave.id, opgave.titel, found))
    for i, afspraak in enumerate(ctx.content.afspraken):
        texts = [*afspraak.themas, afspraak.titel, afspraak.oplossing or ""]
        found = _acuut(texts)
        if found and not _names_roaz(texts):
            yield Finding(
                ("afspraken", i), _roaz_message("afspraak", afspraak.id, afspraak.titel, found)
            )


def _names_roaz(texts: list[str]) -> bool:
    """True when the text itself brings in the ROAZ: the afstemming is already there."""
    return any(ROAZ.search(text) for text in texts)


@regels.rule(
    "iza.roaz.knelpunt",
    Severity.WARNING,
    "Een knelpunt van de acute zorg dat geen opgave oppakt, gaat naar het ROAZ",
    "IZA 2022 §3.2 p.44–45 (congruentie met de ROAZ-plannen)",
    PLAN,
)
def roaz_knelpunt(ctx: RuleContext) -> Iterator[Finding]:
    """An acute-care knelpunt that no opgave takes up says how the ROAZ takes it up."""
    used = {k for o in ctx.content.opgaven for k in o.knelpunten}
    for i, knelpunt in enumerate(ctx.content.regiobeeld.knelpunten):
        if knelpunt.id in used:
            continue
        found = _acuut([knelpunt.thema or "", knelpunt.titel, knelpunt.beschrijving or ""])
        if not found or _names_roaz([knelpunt.geparkeerd or ""]):
            continue
        yield Finding(
            ("regiobeeld", "knelpunten", i),
            f"knelpunt {label(knelpunt.id, knelpunt.titel)} gaat over de acute zorg"
            f"{_named(found)} maar geen opgave pakt het op; leg in 'geparkeerd:' vast hoe "
            "het in het ROAZ wordt opgepakt, of neem het op in een opgave",
        )


def _acuut(texts: list[str]) -> list[str]:
    words: list[str] = []
    for text in texts:
        for match in ACUUT.finditer(text):
            word = re.sub(r"\s+", " ", match.group(0))
            if word.lower() not in {w.lower() for w in words}:
                words.append(word)
    return words


def _named(found: list[str]) -> str:
    """The words that showed the acute zorg, in brackets; not "acute zorg" itself again."""
    others = [word for word in found if word.lower() != "acute zorg"]
    return f" (noemt {', '.join(others)})" if others else ""


def _roaz_message(what: str, ident: str, titel: str, found: list[str]) -> str:
    return (
        f"{what} {label(ident, titel)} raakt de acute zorg{_named(found)}; stem dit af met "
        "het ROAZ, dat een eigen regio-indeling en eigen plannen heeft"
    )
