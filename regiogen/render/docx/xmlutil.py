"""Small helpers for writing WordprocessingML as text: escaping and character checks."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"

#: Namespace declarations used on the root of every part we write.
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)

XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Characters XML 1.0 (and so Word) cannot store.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def has_forbidden(text: str) -> bool:
    """True when ``text`` holds a character Word's XML cannot store."""
    return _FORBIDDEN.search(text) is not None


def strip_forbidden(text: str) -> str:
    """Remove characters Word's XML cannot store."""
    return _FORBIDDEN.sub("", text)


def esc(text: str) -> str:
    """Escape text for element content or a double-quoted attribute value.

    Characters XML cannot hold are dropped here too, as a last line of defence. (Chained
    ``str.replace`` is about ten times faster than ``str.translate`` with a table on text
    with non-ASCII characters, and ``isprintable`` is a quick test that nothing must go.)
    """
    if not text.isprintable():
        text = _FORBIDDEN.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DUTCH_DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})(?: (\d{{4}}))?\b")
_EURO = re.compile(r"€ (?=[0-9-])")
_DIGIT = re.compile(r"\d")
#: A date in figures ("21-12-2022"): its hyphens must not end a line.
_NUMERIC_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")
#: U+2011, the non-breaking hyphen; written as Word's own ``<w:noBreakHyphen/>``.
NB_HYPHEN = "\u2011"
#: A month or a quarter of a year ("december 2024", "4e kwartaal 2024").
_PERIOD = re.compile(rf"\b(?:[1-4]e kwartaal|{_MONTHS}) \d{{4}}\b")


def unbreakable_dates(text: str) -> str:
    """Dates ("30 november 2024", "december 2024", "4e kwartaal 2024") and amounts
    ("€ 1.000") with non-breaking spaces, and dates in figures ("21-12-2022") with
    non-breaking hyphens, so a line never breaks a date or after the euro sign."""
    if "€" in text:
        text = _EURO.sub("€\u00a0", text)
    if _DIGIT.search(text) is None:
        return text
    text = _DUTCH_DATE.sub(lambda m: "\u00a0".join(x for x in m.groups() if x is not None), text)
    if "-" in text:
        text = _NUMERIC_DATE.sub(lambda m: m.group().replace("-", NB_HYPHEN), text)
    return _PERIOD.sub(lambda m: m.group().replace(" ", "\u00a0"), text)


def run_text(text: str) -> str:
    """Return the inner XML of a run holding ``text`` (tabs, newlines and non-breaking
    hyphens as elements)."""
    if NB_HYPHEN in text:
        pieces = text.split(NB_HYPHEN)
        return "<w:noBreakHyphen/>".join(run_text(piece) if piece else "" for piece in pieces)
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    parts: list[str] = []
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return "".join(parts)


def insert_in_order(parent: etree._Element, child: etree._Element, earlier: Container[str]) -> None:
    """Insert ``child`` after the last child of ``parent`` whose tag is in ``earlier``.

    WordprocessingML fixes the order of child elements; ``earlier`` holds the tags that
    must come before ``child``.
    """
    at = 0
    for i, existing in enumerate(parent):
        if existing.tag in earlier:
            at = i + 1
    parent.insert(at, child)


#: Word's limit on the length of a bookmark name (longer ones break links and the contents).
BOOKMARK_MAX = 40


def bookmark_name(anchor: str) -> str:
    """The Word bookmark name of a heading id: the id itself when it fits in 40 characters,
    else its first 31 characters, ``_`` and 8 hex digits of its hash (stable and unique)."""
    if len(anchor) <= BOOKMARK_MAX:
        return anchor
    digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
    return f"{anchor[: BOOKMARK_MAX - 9]}_{digest}"
