"""Token passes before the HTML is rendered: heading ids and numbers, total rows, and
attributes cleaned to a safe set.

Split from :mod:`regiogen.render.html`; each pass changes the markdown-it tokens in place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

_ALLOWED_ATTRS = {"id", "class", "href", "src", "alt", "title", "start", "colspan", "rowspan",
                  "lang", "style"}  # fmt: skip
_ALIGN = re.compile(r"^text-align:(left|right|center)$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(cm|mm|in|px|pt|%)?\s*$")
_ID = re.compile(r"^[A-Za-z][\w:.-]*$")


@dataclass
class Heading:
    """One heading of the page: level, id, text and its number (or "")."""

    level: int
    anchor: str
    text: str
    number: str


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug if slug and slug[0].isalpha() else f"kop-{slug}".rstrip("-")


def _inline_text(token: Token | None) -> str:
    if token is None or token.children is None:
        return token.content.strip() if token is not None else ""
    return "".join(c.content for c in token.children if c.type in ("text", "code_inline")).strip()


def demote_headings(tokens: list[Token]) -> None:
    """Make every heading one level lower (h1 → h2), for a page whose h1 is the title."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag[1:].isdigit():
            token.tag = f"h{min(int(token.tag[1:]) + 1, 6)}"


_TOTAL_LABEL = re.compile(r"^[*_]*\s*(sub)?totaal\b", re.IGNORECASE)


def mark_total_rows(tokens: list[Token]) -> None:
    """Rows labelled Totaal or Subtotaal get ``class="totaal"`` (bold, a line above)."""
    for index, token in enumerate(tokens):
        if token.type != "tr_open":
            continue
        first = next((t for t in tokens[index + 1 : index + 4] if t.type == "inline"), None)
        if first is not None and _TOTAL_LABEL.match(first.content):
            token.attrSet("class", "totaal")


def unbreakable_dates(tokens: list[Token]) -> None:
    """Dates, months, quarters and amounts with non-breaking spaces, as in Word."""
    from regiogen.render.docx.xmlutil import unbreakable_dates as nbsp

    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = nbsp(child.content)


def number_headings(tokens: list[Token], numbered: bool) -> list[Heading]:
    """Give every heading a unique id and (when asked) its number; return them in order."""
    used = {str(t.attrs["id"]) for t in tokens if t.type == "heading_open" and "id" in t.attrs}
    seen: set[str] = set()
    counters = [0, 0, 0]
    headings = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        text = _inline_text(inline)
        anchor = str(token.attrs.get("id", ""))
        if not anchor or anchor in seen:
            base = _slug(text)
            anchor, n = base, 1
            while anchor in seen or (anchor in used and anchor != token.attrs.get("id")):
                n += 1
                anchor = f"{base}-{n}"
        seen.add(anchor)
        token.attrs = {"id": anchor, **{k: v for k, v in token.attrs.items() if k != "id"}}
        classes = str(token.attrs.get("class", "")).split()
        number = ""
        if numbered and level <= 3 and not {"unnumbered", "-"} & set(classes):
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            number = ".".join(str(n) for n in counters[:level])
        token.meta["nummer"] = number
        headings.append(Heading(level, anchor, text, number))
    return headings


def clean_attributes(tokens: Sequence[Token], validate: Any, line: int | None = None) -> None:
    """Keep only harmless attributes; sizes become CSS; links are validated again.

    Inline tokens have no line numbers; they get their block's line in ``meta["line"]``.
    """
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        if line is not None and not token.map:
            token.meta["line"] = line
        if token.children:
            clean_attributes(token.children, validate, line)
        if not token.attrs:
            continue
        clean: dict[str, str | int | float] = {}
        styles = []
        for key, value in token.attrs.items():
            text = str(value)
            if key in ("width", "height"):
                match = _SIZE.match(text)
                if match:
                    styles.append(f"{key}:{match.group(1)}{match.group(2) or 'px'}")
            elif key == "style":
                if _ALIGN.match(text):
                    styles.append(text)
            elif key in ("href", "src"):
                if validate(text):
                    clean[key] = text
            elif key == "id":
                if _ID.match(text):
                    clean[key] = text
            elif key in _ALLOWED_ATTRS:
                clean[key] = text
        if styles:
            clean["style"] = ";".join(styles)
        token.attrs = clean
