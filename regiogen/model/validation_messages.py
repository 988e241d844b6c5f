"""Pydantic validation errors → positioned Dutch diagnostics.

:func:`validation_diagnostics` turns a :class:`~pydantic.ValidationError` of any model (the
content, ``regiogen.yaml``, the handreiking) into diagnostics with the position of the value
in its YAML file, a Dutch message and the record it is about ("in afspraak A1"), and
"bedoelde u" for a mistyped key (the fields allowed come from
:mod:`regiogen.model.annotations`). Re-exported by :mod:`regiogen.model.validate`.

May import: :mod:`regiogen.model.annotations`, :mod:`regiogen.diagnostics` and
:mod:`regiogen.source` (no content model).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from regiogen.diagnostics import CODES, Diagnostic, error
from regiogen.model.annotations import fields_at
from regiogen.source.load import KeyPath, SourceMap


def validation_diagnostics(
    exc: ValidationError,
    source_map: SourceMap,
    fallback: str,
    root: type[BaseModel],
    data: Any = None,
) -> list[Diagnostic]:
    """Turn a pydantic ValidationError into positioned Dutch diagnostics.

    ``data`` (the validated input) lets a message name the record it is about
    ("in afspraak A1") rather than only the list it is in.
    """
    return [
        error_diagnostic(err, source_map, fallback, root, data)
        for err in exc.errors(include_url=False)
    ]


def error_diagnostic(
    err: ErrorDetails,
    source_map: SourceMap,
    fallback: str,
    root: type[BaseModel],
    data: Any = None,
) -> Diagnostic:
    loc: KeyPath = tuple(err["loc"])
    kind = err["type"]
    name = _field_name(loc)
    if kind == "extra_forbidden":
        pos = source_map.key(loc)
        code, message = "schema.unknown-key", _unknown_key(loc, root)
    elif kind == "missing":
        pos = source_map.value(loc[:-1])
        where = _record(loc, data, err.get("input")) or _under(loc)
        code, message = "schema.missing", f"verplicht veld '{name}' ontbreekt" + where
    else:
        pos = source_map.value(loc)
        code, message = _translate(err, name)
    if pos is None:
        return error(code, message, fallback)
    return error(code, message, pos.path, pos.line, pos.col)


def _field_name(loc: KeyPath) -> str:
    """A readable name for the field at ``loc``: ``jaren``, ``toegekend 2024``."""
    parts = [p for p in loc if not isinstance(p, int)]
    if not parts:
        return "inhoud"
    last = str(parts[-1])
    if last.isdigit() and len(parts) > 1:
        return f"{parts[-2]} {last}"
    return last


#: The word for one record of a list, for messages ("afspraken" → "afspraak").
SINGULAR = {
    "afspraken": "afspraak",
    "opgaven": "opgave",
    "knelpunten": "knelpunt",
    "partijen": "partij",
    "gemeenten": "gemeente",
    "transformatieplannen": "transformatieplan",
    "posten": "post",
    "resultaten": "resultaat",
    "mijlpalen": "mijlpaal",
    "indicatoren": "indicator",
    "randvoorwaarden": "randvoorwaarde",
    "kosten": "kostenpost",
}


def _record(loc: KeyPath, data: Any, record: Any) -> str:
    """ " in resultaat 2 van afspraak A1": the records of lists along ``loc``, innermost first.

    Empty when ``loc`` passes through no list. A record is named by its ``id``, else its
    ``naam`` or ``titel``, else its number in the list.
    """
    names: list[str] = []
    node = data
    for i, part in enumerate(loc[:-1]):
        node = _data_step(node, part)
        if isinstance(part, int) and i > 0 and isinstance(loc[i - 1], str):
            if i == len(loc) - 2 and not isinstance(node, dict):
                node = record
            names.append(_record_name(str(loc[i - 1]), part, node))
    if not names:
        return ""
    return " in " + " van ".join(reversed(names))


def _data_step(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _record_name(list_name: str, index: int, node: Any) -> str:
    word = SINGULAR.get(list_name)
    label = None
    if isinstance(node, dict):
        for key in ("id", "naam", "titel", "omschrijving"):
            value = node.get(key)
            if isinstance(value, (str, int)) and str(value).strip():
                label = str(value).strip() if key == "id" else f"'{str(value).strip()}'"
                break
    if word is None:
        return f"onderdeel {index + 1} van '{list_name}'"
    return f"{word} {label}" if label else f"{word} {index + 1}"


def _under(loc: KeyPath) -> str:
    parent = [str(p) for p in loc[:-1] if not isinstance(p, int)]
    return f" in '{parent[-1]}'" if parent else ""


def _translate(err: ErrorDetails, name: str) -> tuple[str, str]:
    kind = err["type"]
    given = err.get("input")
    if kind in CODES:  # our own validators use the diagnostic code as error type
        return kind, f"'{name}': {err['msg']}"
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
        options = expected.replace(" or ", ", ")
        return (
            "schema.value",
            f"'{given}' is geen geldige waarde voor '{name}'; kies uit: {options}",
        )
    if kind == "string_pattern_mismatch":
        return "schema.value", f"'{given}' heeft niet de vorm die '{name}' vraagt" + (
            " (een CBS-code zoals GM0363 of 0363)" if name == "code" else ""
        )
    if kind in {"list_type", "tuple_type"}:
        return "schema.type", f"'{name}' moet een lijst zijn (regels die beginnen met '- ')"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "schema.type", f"'{name}' moet sleutels met waarden bevatten, geen {_what(given)}"
    if kind == "string_type":
        return "schema.type", f"'{name}' moet een tekst zijn, geen {_what(given)}"
    if kind == "value_error":
        message = str(err["msg"]).removeprefix("Value error, ")
        return "schema.value", f"'{name}': {message}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        limit = next(iter(err.get("ctx", {}).values()), "")
        word = {
            "greater_than_equal": "minstens",
            "less_than_equal": "hoogstens",
            "greater_than": "meer dan",
            "less_than": "minder dan",
        }[kind]
        return "schema.value", f"'{name}' moet {word} {limit} zijn, niet '{given}'"
    if kind == "string_too_short":
        return "schema.value", f"'{name}' mag niet leeg zijn"
    return "schema.value", f"ongeldige waarde voor '{name}': {err['msg']}"


def _what(value: object) -> str:
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "tabel met sleutels"
    if value is None:
        return "lege waarde"
    return f"tekst '{value}'"


def _unknown_key(loc: KeyPath, root: type[BaseModel]) -> str:
    key = str(loc[-1])
    allowed = sorted(fields_at(root, loc[:-1]))
    message = f"onbekende sleutel '{key}'"
    match = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if match:
        return f"{message}; bedoelde u '{match[0]}'?"
    if allowed:
        return f"{message}; toegestaan zijn: {', '.join(allowed)}"
    return message
