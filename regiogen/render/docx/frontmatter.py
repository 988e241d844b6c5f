"""Front matter of a Markdown document: read robustly, plain scalars stay strings."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
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
    status: str = ""  # "concept" marks the document CONCEPT on cover and header
    documentnummer: str = ""
    auteur: str = ""
    onderwerp: str = ""
    trefwoorden: list[str] = field(default_factory=list)
    inhoudsopgave: bool | None = None
    nummering: bool | None = None
    voorblad: bool | None = None
    taal: str = ""

    @property
    def concept(self) -> bool:
        """True while the document's status is concept."""
        return self.status.strip().casefold() == "concept"

    def marking(self) -> str:
        """What the header shows on the right: CONCEPT and the classification."""
        return "  ·  ".join(x for x in ("CONCEPT" if self.concept else "", self.classificatie) if x)


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


#: pandoc's metadata names for the keys regiogen knows, so a document written for pandoc works.
PANDOC_ALIASES: dict[str, str] = {
    "title": "titel",
    "subtitle": "ondertitel",
    "author": "auteur",
    "date": "datum",
    "lang": "taal",
    "keywords": "trefwoorden",
    "subject": "onderwerp",
    "toc": "inhoudsopgave",
    "table-of-contents": "inhoudsopgave",
    "number-sections": "nummering",
}
#: Every key regiogen reads from front matter (in Dutch).
KNOWN_KEYS = (
    "titel", "ondertitel", "organisatie", "datum", "versie", "classificatie", "status",
    "documentnummer", "auteur", "onderwerp", "trefwoorden", "inhoudsopgave", "nummering",
    "voorblad", "taal",
)  # fmt: skip


def _with_aliases(data: dict[object, object]) -> tuple[dict[object, object], dict[str, str]]:
    """``data`` with pandoc's names under regiogen's; also which Dutch key came from which alias.

    A Dutch key that is there wins over its pandoc alias. pandoc's ``author`` may be a list
    of names; they are joined with commas.
    """
    result = dict(data)
    origin: dict[str, str] = {}
    for alias, key in PANDOC_ALIASES.items():
        if alias not in data or key in data or key in origin:
            continue
        value = data[alias]
        if alias == "author" and isinstance(value, list):
            names = [_scalar(v) for v in value]
            value = ", ".join(n for n in names if n)
        result[key] = value
        origin[key] = alias
    return result, origin


def _unknown_keys(data: dict[object, object]) -> list[tuple[str, str]]:
    """Keys that are neither regiogen's nor pandoc's, each with a Dutch "bedoelde u …?"."""
    import difflib

    known = [*KNOWN_KEYS, *PANDOC_ALIASES]
    found = []
    for key in data:
        name = str(key)
        if name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; bedoelde u '{close[0]}'?" if close else ""
        found.append((name, f"onbekende sleutel '{name}' in de front matter wordt genegeerd{hint}"))
    return found


def override_front_matter(text: str, values: dict[str, str]) -> tuple[str, int, int]:
    """``text`` with front-matter keys set from the command line (``render -M key=value``).

    pandoc's names map to regiogen's. A key that is already there (under either name) is
    replaced where it stands: its lines become empty, so nothing below moves. New keys go
    just before the closing ``---`` (or into new front matter). Returns the text, the line
    before which lines were inserted (1-based) and how many, so that positions can be shifted
    back to the file as the user wrote it.
    """
    import json

    if not values:
        return text, 0, 0
    wanted = {PANDOC_ALIASES.get(k, k): v for k, v in values.items()}
    names = {
        name
        for key in wanted
        for name in (key, *(a for a, k in PANDOC_ALIASES.items() if k == key))
    }
    added = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in wanted.items()]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "\n".join(["---", *added, "---", text]), 1, len(added) + 2
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return text, 0, 0  # no closing line: not front matter, leave the text alone
    removing = False
    for i in range(1, end):
        line = lines[i]
        top = bool(line) and not line[0].isspace() and not line.startswith("-")
        if top:
            key = line.split(":", 1)[0].strip().strip("'\"")
            removing = ":" in line and key in names
        if removing:
            lines[i] = ""
    lines[end:end] = added
    return "\n".join(lines), end + 1, len(added)


def parse_front_matter(
    text: str, extra_keys: tuple[str, ...] = ()
) -> tuple[FrontMatter, list[Problem]]:
    """Parse front matter YAML; returns the values and positioned Dutch problems.

    Read like the content YAML: safe, plain scalars stay text, duplicate keys and tags are
    reported with their position. pandoc's names (``title``, ``author``, ``toc``, …) count
    as regiogen's; any other key gets a problem with a suggestion (``extra_keys`` are keys
    a caller reads itself).
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
    for key, message in _unknown_keys(data):
        if key not in extra_keys:
            pos = smap.key((key,))
            problems.append(Problem(message, pos.line, pos.col) if pos else Problem(message))
    data, origin = _with_aliases(data)

    def shown(key: str) -> str:
        return origin.get(key, key)

    problems += _read_values(fm, data, at, shown)
    return fm, problems


def _read_values(
    fm: FrontMatter,
    data: dict[object, object],
    at: Callable[[str, str], Problem],
    shown: Callable[[str], str],
) -> list[Problem]:
    """Put the known keys of ``data`` into ``fm``; the problems with their values.

    ``at`` positions a problem at a key's value, ``shown`` gives the key as the author wrote
    it (pandoc's name or regiogen's).
    """
    problems: list[Problem] = []
    for key in ("titel", "ondertitel", "organisatie", "versie", "classificatie",
                "documentnummer", "auteur", "onderwerp", "taal", "status"):  # fmt: skip
        if key not in data or data[key] is None:
            continue
        value = _scalar(data[key])
        if value is None:
            problems.append(at(shown(key), f"'{shown(key)}' moet tekst zijn"))
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
            problems.append(at(shown(key), f"'{shown(key)}' moet ja/nee (true/false) zijn"))
    if "datum" in data and data["datum"] is not None:
        raw_date = _scalar(data["datum"])
        if raw_date is None:
            problems.append(
                at(shown("datum"), f"'{shown('datum')}' moet een datum zijn (JJJJ-MM-DD)")
            )
        else:
            try:
                day = dt.date.fromisoformat(raw_date[:10])
            except ValueError:
                message = f"'{shown('datum')}' is geen datum (JJJJ-MM-DD): {raw_date!r}"
                problems.append(at(shown("datum"), message))
                fm.datum = raw_date
            else:
                fm.datum_iso = day
                fm.datum = dutch_date(day)
    return problems
