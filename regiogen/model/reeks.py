"""Series of measured values (year → value) that indicators may hold, and how to show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from regiogen.source.numbers import NumberError, parse_meetwaarde

#: How a series is drawn: a line (a development over time), bars (separate years), or not.
Grafiek = Literal["lijn", "staaf", "geen"]


def _meetwaarde(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, str):
        raise PydanticCustomError("schema.type", "verwacht een getal, zoals 12 of 12,5")
    try:
        return parse_meetwaarde(value)
    except NumberError as exc:
        raise PydanticCustomError("schema.value", str(exc)) from None


#: How editors see a measured value (JSON schema): a number, or text with a decimal comma.
_SCHEMA = {
    "description": "Getal: 12, 12,5 of 12.5 (een % mag erachter)",
    "type": ["number", "string"],
    "pattern": "^\\s*[-+\u2212]?[0-9][0-9.,]*\\s*%?\\s*$",
    "errorMessage": "geen getal: schrijf 12, 12,5 of 12.5",
}

#: A measured value: ``12``, ``12,5``, ``12.5``, ``1.234,5``; Decimal, never float.
Meetwaarde = Annotated[
    Decimal,
    BeforeValidator(_meetwaarde),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_SCHEMA),
]
