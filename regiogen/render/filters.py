"""Filters of the template environment: Dutch formatting and Markdown escaping.

``euro`` (€ 1.234.567,89), ``euro_kort`` (€ 2,8 miljard), ``procent``, ``datum`` (3 november
2023), ``moment`` (4e kwartaal 2024), ``opsomming`` ("a, b en c"), and ``md``/``cel``, which
escape text from the content so that Markdown reads it as text (see :func:`escape_markdown`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from jinja2 import Undefined

from regiogen.source.dates import Moment, format_datum, parse_datum, parse_moment
from regiogen.source.money import format_euro, format_percent, parse_money
from regiogen.source.numbers import format_getal, parse_meetwaarde


class MarkdownText(str):
    """Text that is already escaped for Markdown; ``md`` and ``cel`` do not escape it again."""

    __slots__ = ()


_INLINE = re.compile(r"([\\`*_\[\]<>|~^{}#$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([-+=:])(?=[ \t]|$|\1)")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")


def escape_markdown(text: str) -> str:
    """Escape plain text so Markdown shows it as written, never as markup.

    Conservative and line-based: outer whitespace and each line's leading and trailing
    whitespace are removed (so no indented code blocks or hard breaks appear), tabs become
    spaces, blank lines stay (they separate paragraphs). Always backslash-escaped:
    ``\\ ` * _ [ ] < > | ~ ^ { } # $`` and ``&`` when it would start an entity (``&amp;``).
    At the start of a line also ``- + = :`` when followed by a space, the end of the line or
    the same character (lists, setext underlines, thematic breaks, ``:::`` containers), and
    the dot or parenthesis after a number followed by a space (``2024. Het jaar`` would start
    a numbered list); ``-5%`` and ``1.5 fte`` stay as they are.
    """
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"):
        line = raw.replace("\t", " ").strip()
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return "\n".join(lines)


def _defined(value: object) -> object:
    """Make an undefined value fail the way StrictUndefined fails (or a sandbox refusal)."""
    if isinstance(value, Undefined):
        str(value)  # raises UndefinedError or SecurityError
    return value


def _md(value: object) -> MarkdownText:
    """Filter ``md``: the value as Markdown-escaped text."""
    value = _defined(value)
    if isinstance(value, MarkdownText):
        return value
    return MarkdownText(escape_markdown(str(value)))


def _cel(value: object) -> MarkdownText:
    """Filter ``cel``: text for one table cell, on one line, with ``|`` escaped."""
    value = _defined(value)
    flat = " ".join(str(value).split())
    return MarkdownText(flat if isinstance(value, MarkdownText) else escape_markdown(flat))


# --- value filters -----------------------------------------------------------------------


def _euro(value: object, decimals: int = 2) -> str:
    """Filter ``euro``: ``€ 1.234.567,89``; ``euro(0)`` rounds to whole euros."""
    value = _defined(value)
    if isinstance(value, str):
        return format_euro(parse_money(value), decimals)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_euro(value, decimals)
    raise TypeError(
        f"euro verwacht een bedrag (Decimal, int of tekst), geen {type(value).__name__}"
    )


_SCALES = ((Decimal(10) ** 9, "miljard"), (Decimal(10) ** 6, "miljoen"))


def _euro_kort(value: object) -> str:
    """Filter ``euro_kort``, for large amounts in running text: ``€ 2,8 miljard``,
    ``€ 12,5 miljoen``, ``€ 3 miljoen``; below a million whole euros without ``,00``
    (``€ 250.000``) and cents only when there are any. Tables keep the full amount."""
    text = _euro(value)
    amount = parse_money(text)
    size = abs(amount)
    for scale, word in _SCALES:
        if size >= scale:
            short = format_euro(amount / scale, 1).removesuffix(",0")
            return f"{short} {word}"
    return text.removesuffix(",00")


def _procent(value: object, decimals: int = 1) -> str:
    """Filter ``procent``: ``12,5%`` for 12.5 (the value is in percent)."""
    value = _defined(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+(?:[.,][0-9]+)?", value.strip()):
        value = Decimal(value.strip().replace(",", "."))
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_percent(value, decimals)
    raise TypeError(f"procent verwacht een getal (Decimal of int), geen {value!r}")


def _datum(value: object) -> str:
    """Filter ``datum``: a date or ISO text as ``3 november 2023``."""
    value = _defined(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_datum(value)
    if isinstance(value, str):
        return format_datum(parse_datum(value))
    raise TypeError(f"datum verwacht een datum of tekst, geen {type(value).__name__}")


def _moment(value: object) -> str:
    """Filter ``moment``: a Moment, date or moment text as Dutch label (``4e kwartaal 2024``)."""
    value = _defined(value)
    if isinstance(value, Moment):
        return value.label
    if isinstance(value, date):
        return _datum(value)
    if isinstance(value, str):
        return parse_moment(value).label
    raise TypeError(f"moment verwacht een moment of tekst, geen {type(value).__name__}")


def _opsomming(items: object, voegwoord: str = "en") -> str:
    """Filter ``opsomming``: ``a, b en c``; ``opsomming("of")`` for ``a, b of c``."""
    items = _defined(items)
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise TypeError(f"opsomming verwacht een lijst, geen {type(items).__name__}")
    values = [_defined(item) for item in items]
    parts = [str(item) for item in values]
    text = parts[0] if len(parts) == 1 else ""
    if len(parts) > 1:
        text = f"{', '.join(parts[:-1])} {voegwoord} {parts[-1]}"
    if values and all(isinstance(item, MarkdownText) for item in values):
        return MarkdownText(text)
    return text


def _getal(value: object, eenheid: object = None) -> str:
    """Filter ``getal``: a measured value the Dutch way (``12,5``, ``1.234``), with a unit."""
    value = _defined(value)
    if isinstance(value, str):
        value = parse_meetwaarde(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_getal(value, str(eenheid) if eenheid else None)
    raise TypeError(f"getal verwacht een getal (Decimal, int of tekst), geen {value!r}")
