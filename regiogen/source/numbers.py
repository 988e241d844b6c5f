"""Measured values as people write them: ``12,5``, ``12.5``, ``1.234,5``, ``-3``, ``23%``.

Used for the values of an indicator's series, in YAML and in CSV exports (CBS, Vektis and
GGD monitors write Dutch decimals). Values become :class:`~decimal.Decimal`, never float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from regiogen.source.money import format_percent

__all__ = ["NumberError", "format_getal", "parse_meetwaarde"]

_PLAIN = re.compile(r"-?[0-9]+")
_COMMA = re.compile(r"-?[0-9]+,[0-9]+")
_DOT = re.compile(r"-?[0-9]+\.[0-9]+")
_DUTCH_GROUPED = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")
_ENGLISH_GROUPED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")


class NumberError(ValueError):
    """A value that is not a number (Dutch message)."""


def parse_meetwaarde(text: str) -> Decimal:
    """Read a measured value; a decimal comma and a decimal point are both accepted.

    ``1.234`` (one dot, three digits after it) is ambiguous and refused with a hint, like
    amounts; ``1.234,5`` and ``1,234.5`` are read by their grouping. A trailing ``%`` is
    dropped (the unit belongs in ``eenheid``).
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    raw = raw.removesuffix("%")
    if raw.startswith("+"):
        raw = raw[1:]
    raw = raw.replace("\u2212", "-")  # the minus sign of typeset exports
    value: str | None = None
    if _PLAIN.fullmatch(raw):
        value = raw
    elif _COMMA.fullmatch(raw):
        value = raw.replace(",", ".")
    elif _DOT.fullmatch(raw):
        if re.fullmatch(r"-?[0-9]{1,3}\.[0-9]{3}", raw):
            raise NumberError(
                f"'{text.strip()}' is dubbelzinnig (duizend of een komma-getal?); schrijf "
                f"{raw.replace('.', '')} of {raw.replace('.', ',')}"
            )
        value = raw
    elif _DUTCH_GROUPED.fullmatch(raw):
        value = raw.replace(".", "").replace(",", ".")
    elif _ENGLISH_GROUPED.fullmatch(raw):
        value = raw.replace(",", "")
    if value is None:
        raise NumberError(f"'{text.strip()}' is geen getal (schrijf bijvoorbeeld 12,5 of 12.5)")
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        raise NumberError(f"'{text.strip()}' is geen getal") from None


def format_getal(value: Decimal | int, eenheid: str | None = None) -> str:
    """A value the Dutch way, as precise as it was written: ``12,5``, ``1.234``, ``23%``.

    Not for years: ``2023`` would become ``2.023``.

    ``eenheid`` ``%`` is written against the number, any other unit after a space.
    """
    amount = Decimal(value)
    exponent = amount.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = format_percent(amount, decimals).removesuffix("%")
    whole, comma, frac = text.partition(",")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.removeprefix("-")
    if len(digits) > 3:
        head = len(digits) % 3 or 3
        digits = ".".join(
            [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        )
    text = f"{sign}{digits}{comma}{frac}"
    if not eenheid:
        return text
    return f"{text}%" if eenheid.strip() == "%" else f"{text} {eenheid.strip()}"
