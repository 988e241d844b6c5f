"""Field types shared by the content models: money, dates, moments, yes/no, ids.

Every parser here raises :class:`pydantic_core.PydanticCustomError` whose error type is
the diagnostic code (``schema.money``, ``schema.date``, ...) and whose message is Dutch,
so :mod:`regiogen.model.validate` can pass both on unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel as _BaseModel
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from regiogen.source.dates import DateError, Moment, parse_datum, parse_moment
from regiogen.source.money import MoneyError, check_magnitude, parse_money

T = TypeVar("T")


class Model(_BaseModel):
    """Base of all content models: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _money(value: Any) -> Decimal:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
        try:
            if not amount.is_finite():
                raise MoneyError(f'bedrag "{value}" is geen getal')
            check_magnitude(str(abs(int(amount))).lstrip("0"), str(value))
        except MoneyError as exc:
            raise PydanticCustomError(exc.code, str(exc)) from None
        return amount
    if not isinstance(value, str):
        raise PydanticCustomError(
            "schema.money", 'verwacht een bedrag, zoals 120000 of "€ 1.250,50"'
        )
    try:
        return parse_money(value)
    except MoneyError as exc:
        raise PydanticCustomError(getattr(exc, "code", "schema.money"), str(exc)) from None


def _parsed_text(parse: Callable[[str], T], kind: type, example: str) -> Callable[[Any], T]:
    """A validator: a value of ``kind`` as it is, text through ``parse``, a Dutch error else."""

    def validate(value: Any) -> T:
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
        if not isinstance(value, str):
            raise PydanticCustomError("schema.date", f"verwacht {example}")
        try:
            return parse(value)
        except DateError as exc:
            raise PydanticCustomError("schema.date", str(exc)) from None

    return validate


_datum = _parsed_text(parse_datum, date, "een datum als JJJJ-MM-DD, zoals 2023-12-20")
_moment = _parsed_text(parse_moment, Moment, "een moment zoals 2024-Q4, 2024-11 of 2024-11-30")


def _uiterlijk(value: Any) -> date:
    """A date, or a year, quarter or month read as its last day (``2040`` → 31-12-2040).

    The NZa's own examples of good goals are dated "in 2040" or "in Q4 2024": a result is due
    at the latest at the end of that period.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "schema.date", "verwacht een datum (2025-12-31) of een jaar, kwartaal of maand"
        )
    try:
        return parse_datum(value)
    except DateError:
        pass
    try:
        return parse_moment(value).end
    except DateError as exc:
        raise PydanticCustomError("schema.date", str(exc)) from None


_TRUE = {"ja", "yes", "true", "waar", "j", "y", "1", "on", "aan"}
_FALSE = {"nee", "no", "false", "onwaar", "n", "0", "off", "uit"}


def _janee(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise PydanticCustomError("schema.type", "verwacht ja of nee (of true/false)")


def _tekst(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise PydanticCustomError("schema.type", "verwacht een tekst, geen lijst of tabel")


_JAAR = re.compile(r"[0-9]{4}")
_GETAL = re.compile(r"-?[0-9]{1,18}")  # ASCII digits only: '²' and '٣' are digits to str.isdigit


def _jaar(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _JAAR.fullmatch(text):
        return int(text)
    raise PydanticCustomError("schema.type", "verwacht een jaartal van vier cijfers, zoals 2025")


def _heel_getal(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _GETAL.fullmatch(text):
        return int(text)
    raise PydanticCustomError("schema.type", "verwacht een heel getal, zoals 3")


#: An id is a name, never a path: letters (also ë, é, ...), digits, '-', '_' and '.', beginning
#: and ending with a letter or digit. A transformatieplan's id becomes part of a file name.
_ID = re.compile(r"[^\W_](?:[\w.-]{0,62}[^\W_])?")


def _visible(text: str) -> str:
    """Text with invisible and direction-changing characters written as ``\\u202e``."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text
    )


def _id(value: Any) -> str:
    text = _tekst(value)
    if not _ID.fullmatch(text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise PydanticCustomError(
            "schema.value",
            f"'{_visible(shown)}' is geen geldig id: een id is een naam, geen pad; gebruik "
            "letters, cijfers, '-', '_' en '.', begin en eindig met een letter of cijfer "
            "(hoogstens 64 tekens), zoals T1 of gem-lindenhaven",
        )
    return text


Bedrag = Annotated[Decimal, BeforeValidator(_money), PlainSerializer(str, return_type=str)]
Id = Annotated[str, BeforeValidator(_id)]
Datum = Annotated[date, BeforeValidator(_datum)]
#: A due date: a day, or a year/quarter/month read as its last day.
Uiterlijk = Annotated[
    date,
    BeforeValidator(_uiterlijk),
    WithJsonSchema({"type": "string", "format": "uiterlijk"}),  # a Moment in the editor schema
]
Tijdstip = Annotated[Moment, BeforeValidator(_moment)]
JaNee = Annotated[bool, BeforeValidator(_janee)]
Tekst = Annotated[str, BeforeValidator(_tekst)]
Jaar = Annotated[int, BeforeValidator(_jaar)]
Getal = Annotated[int, BeforeValidator(_heel_getal)]
