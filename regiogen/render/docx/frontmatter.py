"""Front matter of a Markdown document: read robustly, plain scalars stay strings."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_MAX_TEXT = 64 * 1024
_TRUE = {"true", "yes", "ja", "on", "1", "waar"}
_FALSE = {"false", "no", "nee", "off", "0", "onwaar"}


@dataclass
class FrontMatter:
    """The keys the Word writer uses; unknown keys are ignored."""

    titel: str = ""
    ondertitel: str = ""
    organisatie: str = ""
    datum: str = ""
    datum_iso: dt.date | None = None
    versie: str = ""
    classificatie: str = ""
    documentnummer: str = ""
    auteur: str = ""
    onderwerp: str = ""
    trefwoorden: list[str] = field(default_factory=list)
    inhoudsopgave: bool | None = None
    nummering: bool | None = None
    voorblad: bool | None = None
    taal: str = ""


def dutch_date(day: dt.date) -> str:
    """Return a date the Dutch way: ``3 november 2023``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_epoch(day: dt.date) -> int:
    """Seconds since 1970 at midnight UTC of ``day``."""
    return calendar.timegm((*day.timetuple()[:3], 0, 0, 0, 0, 0, 0))


def _scalar(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return None


@dataclass(frozen=True)
class Problem:
    """A front-matter problem; ``line``/``col`` count from the first line after ``---``."""

    message: str
    line: int | None = None
    col: int | None = None

    def file_line(self, offset: int = 0) -> int:
        """The line in the Markdown file (the front matter starts on its second line)."""
        return 1 + offset + (self.line if self.line is not None else 0)


def parse_front_matter(text: str) -> tuple[FrontMatter, list[Problem]]:
    """Parse front matter YAML; returns the values and positioned Dutch problems.

    Read like the content YAML: safe, plain scalars stay text, duplicate keys and tags are
    reported with their position.
    """
    from regiogen.source.yaml_compose import load_yaml_text

    fm = FrontMatter()
    problems: list[Problem] = []
    if len(text) > _MAX_TEXT:
        return fm, [Problem("front matter is te groot en wordt genegeerd")]
    data, smap, found = load_yaml_text(text, "front matter")

    def at(key: str, message: str) -> Problem:
        """A problem at the value of ``key`` (line and column in the front matter)."""
        pos = smap.value((key,))
        return Problem(message, pos.line, pos.col) if pos else Problem(message)

    problems += [Problem(f"front matter: {d.message}", d.line, d.col) for d in found]
    if data is None and found:
        return fm, problems
    if data is None:
        return fm, problems
    if not isinstance(data, dict):
        return fm, [Problem("front matter bevat geen sleutel-waardeparen")]
    for key in ("titel", "ondertitel", "organisatie", "versie", "classificatie",
                "documentnummer", "auteur", "onderwerp", "taal"):  # fmt: skip
        if key not in data or data[key] is None:
            continue
        value = _scalar(data[key])
        if value is None:
            problems.append(at(key, f"'{key}' moet tekst zijn"))
        else:
            setattr(fm, key, value)
    words = data.get("trefwoorden")
    if isinstance(words, list):
        fm.trefwoorden = [s for s in (_scalar(w) for w in words[:200]) if s]
    elif words is not None:
        value = _scalar(words)
        if value:
            fm.trefwoorden = [w.strip() for w in re.split(r"[,;]", value) if w.strip()]
    for key in ("inhoudsopgave", "nummering", "voorblad"):
        if key not in data or data[key] is None:
            continue
        raw = data[key]
        text_value = str(raw).strip().lower() if isinstance(raw, (str, bool)) else ""
        if text_value in _TRUE:
            setattr(fm, key, True)
        elif text_value in _FALSE:
            setattr(fm, key, False)
        else:
            problems.append(at(key, f"'{key}' moet ja/nee (true/false) zijn"))
    if "datum" in data and data["datum"] is not None:
        raw_date = _scalar(data["datum"])
        if raw_date is None:
            problems.append(at("datum", "'datum' moet een datum zijn (JJJJ-MM-DD)"))
        else:
            try:
                day = dt.date.fromisoformat(raw_date[:10])
            except ValueError:
                problems.append(at("datum", f"'datum' is geen datum (JJJJ-MM-DD): {raw_date!r}"))
                fm.datum = raw_date
            else:
                fm.datum_iso = day
                fm.datum = dutch_date(day)
    return fm, problems
