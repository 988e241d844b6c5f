"""Money: parse amounts as written in YAML into :class:`~decimal.Decimal`, format them Dutch.

Amounts are never converted through ``float``. :func:`parse_money` accepts:

* plain numbers with an optional decimal point: ``120000``, ``120000.50``, ``-5``;
* Dutch notation: dots between thousands and a decimal comma, ``120.000,50``,
  ``1.234.567,89``, ``1,5``, and the Dutch ``,-`` for whole euros (``€ 100,-``);
* groups of three digits separated by (non-breaking) spaces: ``1 234 567``;
* an optional ``€`` or ``EUR`` in front and a sign (``-``, ``+`` or ``−``) before or after it.

It rejects what cannot be read one way only: a bare ``1.000`` (one dot followed by exactly
three digits, without a euro sign) could be a thousand (Dutch) or one euro (English); with a
euro sign in front (``€ 1.000``) it is read as Dutch, a thousand. English notation
(``1,000.50``), more than one comma, badly grouped thousands and more than two decimals
(amounts are in whole cents) are errors too. Every error message says how to write it.

:func:`format_euro` writes ``€ 1.234.567,89``; a negative amount gets the minus sign in front
of the euro sign, ``-€ 1.234,00``, so that :func:`parse_money` reads it back.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "MAX_DIGITS",
    "MoneyError",
    "check_magnitude",
    "format_euro",
    "format_percent",
    "parse_money",
]

#: Longest amount text accepted; anything longer is rejected before parsing.
MAX_LENGTH = 64
#: Most digits before the decimal point: up to 999.999.999.999.999 (a thousand trillion euro),
#: so that totals of many amounts stay exact in Decimal's 28 digits.
MAX_DIGITS = 15

#: Characters accepted between groups of three digits (space, no-break, narrow, thin).
_SPACES = " \u00a0\u202f\u2009"
_SIGNS = {"-": "-", "\u2212": "-", "+": ""}
_CURRENCY = re.compile(r"(€|euro?(?![a-z]))", re.IGNORECASE)
_SPACE_GROUPED = re.compile(rf"([1-9][0-9]{{0,2}}(?:[{_SPACES}][0-9]{{3}})+)(?:([.,])([0-9]+))?")
_DOT_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")
_EXAMPLE = 'schrijf een bedrag zoals 120000, 120000.50 of "€ 120.000,50"'


class MoneyError(ValueError):
    """An amount that cannot be read; ``code`` is ``schema.money`` or ``schema.money-ambiguous``."""

    def __init__(self, message: str, code: str = "schema.money") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _strip(text: str) -> str:
    return text.strip(_SPACES + "\t")


def _take_sign(text: str) -> tuple[str | None, str]:
    if text and text[0] in _SIGNS:
        return _SIGNS[text[0]], _strip(text[1:])
    return None, text


def _take_currency(text: str) -> tuple[bool, str]:
    match = _CURRENCY.match(text)
    if match:
        return True, _strip(text[match.end() :])
    return False, text


def _split(number: str, raw: str, euro: bool, sign: str) -> tuple[str, str]:
    """Split the unsigned number text into integer digits and decimal digits."""
    has_space = any(c in _SPACES for c in number)
    commas, dots = number.count(","), number.count(".")
    if has_space:
        match = _SPACE_GROUPED.fullmatch(number)
        if not match:
            raise MoneyError(
                f'bedrag "{raw}" heeft een onjuiste groepering: zet spaties alleen tussen groepjes '
                'van drie cijfers, zoals "1 234 567,89"'
            )
        return re.sub(f"[{_SPACES}]", "", match.group(1)), match.group(3) or ""
    if commas and dots:
        if commas > 1 or number.index(",") < number.rindex("."):
            plain = number.replace(",", "")
            raise MoneyError(
                f'bedrag "{raw}" gebruikt Engelse notatie (komma tussen duizendtallen, punt als '
                f'decimaalteken): schrijf {plain} of in Nederlandse notatie "€ '
                f'{_dutch(plain)}"'
            )
        whole, frac = number.split(",")
        if not _DOT_GROUPED.fullmatch(whole):
            raise MoneyError(_grouping_message(raw))
        return whole.replace(".", ""), frac
    if commas > 1:
        plain = number.replace(",", "")
        raise MoneyError(
            f'bedrag "{raw}" bevat meer dan één komma: de komma is het decimaalteken; '
            f'schrijf {plain} of "€ {_dutch(plain)}"'
        )
    if commas == 1:
        whole, frac = number.split(",")
        return whole, frac
    if dots > 1:
        if not _DOT_GROUPED.fullmatch(number):
            raise MoneyError(_grouping_message(raw))
        return number.replace(".", ""), ""
    if dots == 1:
        whole, frac = number.split(".")
        if len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole):
            if euro:
                return whole + frac, ""
            raise MoneyError(_ambiguous_message(raw, sign, whole, frac), "schema.money-ambiguous")
        return whole, frac
    return number, ""


def _dutch(plain: str) -> str:
    """Dutch notation for an unsigned plain number text such as ``1000.50``."""
    try:
        return format_euro(Decimal(plain))[2:]
    except (InvalidOperation, ValueError):  # pragma: no cover - plain is digits and a dot
        return plain


def _grouping_message(raw: str) -> str:
    return (
        f'bedrag "{raw}" heeft een onjuiste groepering: zet punten alleen tussen groepjes van '
        'drie cijfers, zoals "€ 1.234.567,89", of schrijf het bedrag zonder punten: 1234567.89'
    )


def _ambiguous_message(raw: str, sign: str, whole: str, frac: str) -> str:
    thousands = f"{sign}{whole}{frac}"
    if frac.endswith("0"):
        decimal = f'{sign}{whole}.{frac[:2]} / "{sign}{whole},{frac[:2]}"'
        reading = f"{thousands} (duizendtallen) of {decimal} (punt als decimaalteken)"
    else:
        reading = (
            f"{thousands} als duizendtallen bedoeld zijn "
            "(een bedrag heeft hoogstens twee decimalen)"
        )
    return (
        f'bedrag "{raw}" is dubbelzinnig: schrijf {reading}; gebruik een punt alleen als '
        f'decimaalteken of schrijf het bedrag met euroteken als "{sign}€ {whole}.{frac}"'
    )


def parse_money(text: str) -> Decimal:
    """Parse an amount written in YAML (see the module docstring) into a ``Decimal``.

    Raises :class:`MoneyError` (a ``ValueError``) with a Dutch message and a ``code``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_money verwacht tekst, geen {type(text).__name__}")
    raw = _strip(text)
    if not raw:
        raise MoneyError(f"leeg bedrag: {_EXAMPLE}")
    if len(raw) > MAX_LENGTH:
        raise MoneyError(f"bedrag is te lang ({len(raw)} tekens): {_EXAMPLE}")
    sign, rest = _take_sign(raw)
    euro, rest = _take_currency(rest)
    if sign is None:
        sign, rest = _take_sign(rest)
    if rest.endswith((",-", ",--")):
        rest = rest.rstrip("-") + "00"
    if not re.fullmatch(rf"[0-9][0-9.,{_SPACES}]*", rest) or not rest[-1].isdigit():
        raise MoneyError(f'ongeldig bedrag "{raw}": {_EXAMPLE}')
    whole, frac = _split(rest, raw, euro, sign or "")
    if not _DIGITS.fullmatch(whole) or (frac and not _DIGITS.fullmatch(frac)):
        raise MoneyError(f'ongeldig bedrag "{raw}": {_EXAMPLE}')
    if len(frac) > 2:
        hint = ""
        if len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole):
            hint = f", of {sign or ''}{whole}{frac} als duizendtallen bedoeld zijn"
        raise MoneyError(
            f'bedrag "{raw}" heeft meer dan twee decimalen: een bedrag is in hele centen; '
            f"schrijf hoogstens twee cijfers na het decimaalteken{hint}"
        )
    check_magnitude(whole.lstrip("0"), raw)
    value = Decimal(f"{sign or ''}{whole}.{frac}" if frac else f"{sign or ''}{whole}")
    return value.copy_abs() if value.is_zero() else value


def check_magnitude(digits: str, raw: str) -> None:
    """Refuse an amount with more than :data:`MAX_DIGITS` digits before the decimal point."""
    if len(digits) > MAX_DIGITS:
        raise MoneyError(
            f'bedrag "{raw}" heeft {len(digits)} cijfers voor de komma; een bedrag heeft er '
            f"hoogstens {MAX_DIGITS} (tot € 999.999.999.999.999)"
        )


def _check_amount(value: Decimal | int, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{what} verwacht een Decimal of int, geen {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"{what}: {amount} is geen getal")
    return amount


def _group(digits: str) -> str:
    """Put dots between groups of three digits: ``1234567`` → ``1.234.567``."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def _dutch_number(amount: Decimal, decimals: int, grouped: bool) -> tuple[bool, str]:
    """Round half up and write with a decimal comma; return (negative, text without sign)."""
    if decimals < 0:
        raise ValueError(f"aantal decimalen moet 0 of meer zijn, niet {decimals}")
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    negative = rounded.is_signed() and not rounded.is_zero()
    whole, _, frac = f"{rounded.copy_abs():f}".partition(".")
    text = _group(whole) if grouped else whole
    return negative, f"{text},{frac}" if decimals else text


def format_euro(amount: Decimal | int, decimals: int = 2) -> str:
    """Write an amount the Dutch way: ``€ 1.234.567,89``; negative ``-€ 1.234,00``.

    Rounds half up (``0,005`` → ``€ 0,01``) to ``decimals`` places; ``decimals=0`` gives
    ``€ 1.235``. An amount that rounds to zero never gets a minus sign. Floats are refused.
    """
    negative, text = _dutch_number(_check_amount(amount, "format_euro"), decimals, True)
    return f"{'-' if negative else ''}€ {text}"


def format_percent(value: Decimal | int, decimals: int = 1) -> str:
    """Write a percentage the Dutch way: ``Decimal("12.5")`` → ``12,5%``.

    ``value`` is in percent (12.5 means twelve and a half percent, not 0.125). Rounds half up;
    no thousands separators and no space before the percent sign.
    """
    negative, text = _dutch_number(_check_amount(value, "format_percent"), decimals, False)
    return f"{'-' if negative else ''}{text}%"
