"""The list of abbreviations (afkortingen) a document uses, from a built-in glossary.

IZA documents are full of abbreviations (SEH, VVT, ROAZ, GALA, Zvw, Wmo, Wlz ...). A reader
outside the region's tables knows few of them, so every document that uses at least
:data:`MIN_FOUND` of the glossary's abbreviations gets a section ``Afkortingen`` at its end,
listing those it actually uses (not those in its front matter), alphabetically.
"""

from __future__ import annotations

import re

__all__ = ["GLOSSARY", "MIN_FOUND", "abbreviations_in", "with_abbreviations"]

MIN_FOUND = 2
TITLE = "Afkortingen"

#: Abbreviation → meaning; compared case-sensitively, as written ("Wmo", not "WMO").
GLOSSARY: dict[str, str] = {
    "ANW": "avond, nacht en weekend",
    "CBS": "Centraal Bureau voor de Statistiek",
    "DUS-I": "Dienst Uitvoering Subsidies aan Instellingen",
    "fte": "fulltime-equivalent (formatieplaats)",
    "GALA": "Gezond en Actief Leven Akkoord",
    "GGD": "Gemeentelijke Gezondheidsdienst",
    "ggz": "geestelijke gezondheidszorg",
    "GGZ": "geestelijke gezondheidszorg",
    "HAP": "huisartsenpost",
    "IZA": "Integraal Zorgakkoord",
    "JGZ": "jeugdgezondheidszorg",
    "JZOJP": "Juiste Zorg Op de Juiste Plek",
    "NZa": "Nederlandse Zorgautoriteit",
    "POH": "praktijkondersteuner huisarts",
    "RIVM": "Rijksinstituut voor Volksgezondheid en Milieu",
    "ROAZ": "Regionaal Overleg Acute Zorgketen",
    "SEH": "spoedeisende hulp",
    "SPUK": "specifieke uitkering",
    "VNG": "Vereniging van Nederlandse Gemeenten",
    "VVT": "verpleeg-, verzorgingshuizen en thuiszorg",
    "VWS": "(ministerie van) Volksgezondheid, Welzijn en Sport",
    "Wlz": "Wet langdurige zorg",
    "Wmo": "Wet maatschappelijke ondersteuning",
    "WOZO": "Wonen, Ondersteuning en Zorg voor Ouderen",
    "ZN": "Zorgverzekeraars Nederland",
    "Zvw": "Zorgverzekeringswet",
}

_WORD = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, GLOSSARY), key=len, reverse=True))
    + r")(?!\w)"  # a compound counts: "SEH-bezoeken" needs SEH explained too
)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SKIP = re.compile(r"\{[^}\n]*\}|\]\([^)\n]*\)|`[^`\n]*`|<[^>\n]*>")  # attributes, URLs, code


def abbreviations_in(markdown: str) -> list[tuple[str, str]]:
    """The glossary's abbreviations that the body of ``markdown`` uses, sorted."""
    body = _SKIP.sub(" ", _FRONT.sub("", markdown, count=1))
    found = set(_WORD.findall(body))
    if "GGZ" in found and "ggz" in found:
        found.discard("GGZ")
    return sorted(((a, GLOSSARY[a]) for a in found), key=lambda x: (x[0].casefold(), x[0]))


def with_abbreviations(markdown: str) -> str:
    """``markdown`` with an ``Afkortingen`` section at its end, when it uses enough of them
    and has none of its own."""
    if re.search(rf"^#+\s+{TITLE}\b", markdown, re.MULTILINE | re.IGNORECASE):
        return markdown
    found = abbreviations_in(markdown)
    if len(found) < MIN_FOUND:
        return markdown
    rows = "".join(f"| {a} | {meaning} |\n" for a, meaning in found)
    section = (
        f"\n\n# {TITLE} {{#afkortingen .unnumbered}}\n\n| Afkorting | Betekenis |\n|:--|:--|\n"
    )
    return markdown.rstrip("\n") + section + rows
