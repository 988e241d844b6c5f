"""What "measurable" means, as the NZa used it on 8 February 2024.

A target is measurable when it is a number (``8 weken``, ``80%``, ``tien extra gezonde
levensjaren``, ``alle inwoners``) **or** a state someone can verify on a date (``operationeel``,
``live``, ``vastgesteld``, ``gerealiseerd``). The NZa's own examples of good goals:

* "Alle inwoners tien extra gezonde levensjaren in 2040";
* "Het oplossen van het personeelstekort van 5700 in 2040";
* "In Q4 2024 is er een regionale flexpool voor ziekenhuizen operationeel";
* "In Q3 2025 livegang van regionaal capaciteitsorgaan".

What does not count as a result: counting meetings ("Overleg: 1"), sessions or plans. Such a
target is measurable, but it measures the process, not what changes for inwoners or care.
"""

from __future__ import annotations

import re

__all__ = ["STAAT", "is_meetbaar", "is_proces", "is_procesmijlpaal"]

_DIGIT = re.compile(r"\d")
#: Dutch number words and quantifiers that make a target countable.
_GETALWOORD = re.compile(
    r"\b(nul|één|een\s+op\s+de|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
    r"twintig|dertig|veertig|vijftig|honderd|duizend|miljoen|alle|iedere|elke|geen|"
    r"helft|half|verdubbel\w*|gehalveerd|halvering)\b",
    re.IGNORECASE,
)
#: Verifiable states: on the date, it either is so or it is not.
STAAT = re.compile(
    r"\b(operationeel|live|livegang|in\s+gebruik|vastgesteld|gerealiseerd|opgeleverd|"
    r"ingevoerd|geïmplementeerd|geimplementeerd|gestart|geopend|open|beschikbaar|"
    r"actief|werkend|ondertekend|afgerond|opgelost|opgericht|ingericht|uitgerold|"
    r"landelijk\s+dekkend|regiodekkend|dekkend|bereikbaar|aangesloten|gecontracteerd|"
    r"structureel\s+gefinancierd|bekostigd|in\s+werking|van\s+kracht|aanwezig|"
    r"bemenst|bemand|ingekocht|overgedragen|geborgd)\b",
    re.IGNORECASE,
)
#: Words of the process of making a plan rather than of its result.
_PROCES = re.compile(
    r"^\s*(aantal\s+|frequentie\s+|(ten\s+minste\s+)?\d+\s*(x|keer)?\s*)?(overleg\w*|bijeenkomst\w*|vergader\w*|sessie\w*|werksessie\w*|kick-?off|"
    r"werkgroep\w*|stuurgroep\w*|gesprek\w*|rapportage\w*|notitie\w*|plan\s+van\s+aanpak|"
    r"startnotitie|inventarisatie\w*)\b",
    re.IGNORECASE,
)
#: Milestones that are only about making the plan or the agenda further.
_PLANWERK = re.compile(
    r"\b(plan\w*|agenda\w*|werkgroep\w*|werksessie\w*|sessie\w*|kwartiermak\w*|uitwerk\w*|"
    r"opstell\w*|inventaris\w*|kick-?off|richting|besluitvorming|financieel\s+kader|"
    r"monitoringsplan|aanpak|verkenning\w*|ophalen|indeling|vaststell\w*|vastgesteld|"
    r"regiobeeld\w*)\b",
    re.IGNORECASE,
)


def is_meetbaar(streefwaarde: str) -> bool:
    """A number (digits or Dutch number words) or a verifiable state."""
    return bool(
        _DIGIT.search(streefwaarde)
        or _GETALWOORD.search(streefwaarde)
        or STAAT.search(streefwaarde)
    )


def is_proces(indicator: str | None, streefwaarde: str | None) -> bool:
    """A result that counts meetings, sessions or documents: process, not outcome.

    Only the start of the indicator or the streefwaarde counts ("Overleg", "Overleg: 1",
    "Aantal bijeenkomsten", "4 sessies"): "Inwoners bereikt via bijeenkomsten" still counts
    people.
    """
    return bool(_PROCES.match(indicator or "") or _PROCES.match(streefwaarde or ""))


def is_procesmijlpaal(wat: str) -> bool:
    """A milestone about making the plan, the agenda or the organisation further."""
    return bool(_PLANWERK.search(wat))
