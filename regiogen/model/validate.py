"""Plain data + positions → typed :class:`Content`, with every problem as a Dutch diagnostic."""

from __future__ import annotations

import copy
import difflib
import types
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from regiogen.diagnostics import CODES, Diagnostic, error
from regiogen.model.content import Content
from regiogen.model.references import check_references
from regiogen.source.load import KeyPath, SourceMap


def validate_content(
    data: dict[str, Any], source_map: SourceMap, fallback_path: str
) -> tuple[Content | None, list[Diagnostic]]:
    """Validate region data; return the model (or None) and all diagnostics found."""
    try:
        content = Content.model_validate(data)
    except ValidationError as exc:
        return None, validation_diagnostics(exc, source_map, fallback_path, Content, data)
    return content, check_references(content, source_map, fallback_path)


@dataclass
class Validated:
    """A region's data after the schema and the references, all findings in one round.

    ``content`` is the valid model (None when the schema found errors). ``partial`` is the
    best the data allows: the model with each broken value, and a record that cannot do
    without it, left out, so that references and IZA rules can still be checked in the same
    round; ``source_map`` gives the positions of ``partial``'s paths. ``partial`` is None
    when even that is impossible (``regio`` itself unusable, or a file could not be read).
    """

    content: Content | None
    partial: Content | None
    source_map: SourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Where a value was left out of ``partial`` (the position of the record that held it):
    #: an IZA rule finding there would only repeat the schema error in other words.
    left_out_at: set[tuple[str, int, int]] = field(default_factory=set)


def validate_region(
    data: dict[str, Any], source_map: SourceMap, fallback_path: str, *, incomplete: bool = False
) -> Validated:
    """Validate region data: schema and references together.

    ``incomplete``: a file of the region could not be read, so a top-level section that is
    missing may well be in that file; it is not reported, and there is no ``partial``
    (references to what that file holds would all look unknown).
    """
    try:
        content = Content.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if incomplete:
            errors = [e for e in errors if not (e["type"] == "missing" and len(e["loc"]) == 1)]
            found = [_diagnostic(e, source_map, fallback_path, Content, data) for e in errors]
            return Validated(None, None, source_map, found)
        found = [_diagnostic(e, source_map, fallback_path, Content, data) for e in errors]
        partial, positions, dropped, holders = _without_broken_parts(data, source_map, errors)
        if partial is not None:
            refs = check_references(partial, positions, fallback_path, assume_known=dropped)
            seen = {(d.path, d.line, d.col) for d in found}
            found += [d for d in refs if (d.path, d.line, d.col) not in seen]
        at = {(p.path, p.line, p.col) for p in (source_map.value(h) for h in holders) if p}
        return Validated(None, partial, positions, found, at)
    found = check_references(content, source_map, fallback_path)
    if incomplete:
        return Validated(None, None, source_map, [])
    return Validated(content, content, source_map, found)


_GONE = object()  # a list item left out (removed when the lists are compacted)
_ABSENT = object()  # no such item or key


def _without_broken_parts(
    data: dict[str, Any], source_map: SourceMap, errors: list[ErrorDetails]
) -> tuple[Content | None, SourceMap, frozenset[str], list[KeyPath]]:
    """The data without its broken values (and the records that need them), validated; the
    positions renumbered to match; the ids of the records left out; the paths that held
    what was left out."""
    work = copy.deepcopy(data)
    gone_items: dict[KeyPath, set[int]] = {}
    gone_keys: set[KeyPath] = set()
    dropped: set[str] = set()
    holders: list[KeyPath] = []
    for err in errors:
        loc: KeyPath = tuple(err["loc"])
        if (loc and loc[-1] == "[key]") or err["type"] == "missing":
            loc = loc[:-1]
        if _left_out(work, loc):
            continue  # a record already left out for another error
        if err["type"] == "extra_forbidden" and _read_as_meant(work, loc):
            continue  # 'statsu:' is read as the 'status:' it was meant to be
        target = _removable(work, loc, extra=err["type"] == "extra_forbidden")
        if target is None:
            return None, source_map, frozenset(), []
        holders.append(target[:-1])
        parent = _at(work, target[:-1])
        if isinstance(parent, list) and isinstance(target[-1], int):
            item = parent[target[-1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                dropped.add(item["id"])
            parent[target[-1]] = _GONE
            gone_items.setdefault(target[:-1], set()).add(target[-1])
        elif isinstance(parent, dict):
            parent.pop(target[-1], None)
            gone_keys.add(target)
    _compact(work)
    try:
        partial = Content.model_validate(work)
    except ValidationError:
        return None, source_map, frozenset(), []
    positions = _renumbered(source_map, gone_items, gone_keys)
    return partial, positions, frozenset(dropped), holders


def _read_as_meant(data: Any, loc: KeyPath) -> bool:
    """Move an unknown key's value to the field it is a typo of (the "bedoelde u" field),
    when that field is not there yet; True when it did. Rules then judge what was meant,
    instead of reporting the field as missing."""
    parent = _at(data, loc[:-1])
    allowed = _fields_at(Content, loc[:-1])
    if not isinstance(parent, dict) or not allowed:
        return False
    match = difflib.get_close_matches(str(loc[-1]), sorted(allowed), n=1, cutoff=0.6)
    if not match or match[0] in parent:
        return False
    parent[match[0]] = parent.pop(loc[-1])
    return True


def _left_out(data: Any, loc: KeyPath) -> bool:
    """True when ``loc`` lies in a list item already left out."""
    current = data
    for part in loc:
        current = _child(current, part)
        if current is _GONE or current is _ABSENT:
            return current is _GONE
    return False


def _child(data: Any, part: str | int) -> Any:
    """``data[part]``, or :data:`_ABSENT` when there is no such item or key."""
    if isinstance(data, list):
        if isinstance(part, int) and 0 <= part < len(data):
            return data[part]
        return _ABSENT
    if isinstance(data, dict) and part in data:
        return data[part]
    return _ABSENT


def _at(data: Any, path: KeyPath) -> Any:
    """The value at ``path``; :data:`_GONE` when there is none (or it was left out)."""
    for part in path:
        data = _child(data, part)
        if data is _ABSENT or data is _GONE:
            return _GONE
    return data


def _removable(data: Any, loc: KeyPath, *, extra: bool) -> KeyPath | None:
    """The nearest part at or above ``loc`` that can be left out: an unknown key, an optional
    field, an entry of a table of amounts, a record in a list; None when only ``regio`` or
    the whole region would do."""
    while loc:
        parent = _at(data, loc[:-1])
        if parent is _GONE or _at(data, loc) is _GONE:
            loc = loc[:-1]  # a union's branch name, not a key in the data: go up
            continue
        if isinstance(parent, list):
            return loc
        model = _unwrap(_annotation_at(Content, loc[:-1]))
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        if extra or not is_model:
            return loc
        field_info = model.model_fields.get(str(loc[-1]))
        if field_info is None or not field_info.is_required():
            return loc
        loc = loc[:-1]
        extra = False
    return None


def _annotation_at(model: type[BaseModel], loc: KeyPath) -> Any:
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    return current


def _compact(data: Any) -> None:
    if isinstance(data, dict):
        for value in data.values():
            _compact(value)
    elif isinstance(data, list):
        data[:] = [item for item in data if item is not _GONE]
        for item in data:
            _compact(item)


def _renumbered(
    source_map: SourceMap, gone_items: dict[KeyPath, set[int]], gone_keys: set[KeyPath]
) -> SourceMap:
    """Positions for the data with items left out: later items of a list move up."""

    def renumber(path: KeyPath) -> KeyPath | None:
        out: list[str | int] = []
        for i, part in enumerate(path):
            gone = gone_items.get(path[:i])
            if gone and isinstance(part, int):
                if part in gone:
                    return None
                part = part - sum(1 for g in gone if g < part)
            if path[: i + 1] in gone_keys:
                return None
            out.append(part)
        return tuple(out)

    result = SourceMap()
    for source, target in ((source_map.values, result.values), (source_map.keys, result.keys)):
        for path, position in source.items():
            new = renumber(path)
            if new is not None:
                target[new] = position
    return result


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
        _diagnostic(err, source_map, fallback, root, data) for err in exc.errors(include_url=False)
    ]


def _diagnostic(
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
    allowed = sorted(_fields_at(root, loc[:-1]))
    message = f"onbekende sleutel '{key}'"
    match = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if match:
        return f"{message}; bedoelde u '{match[0]}'?"
    if allowed:
        return f"{message}; toegestaan zijn: {', '.join(allowed)}"
    return message


def _fields_at(model: type[BaseModel], loc: KeyPath) -> set[str]:
    """The field names allowed at ``loc`` below ``model``."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return set()
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin in (list, tuple):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] around a model or container type."""
    for _ in range(5):
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        elif hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation
    return annotation
