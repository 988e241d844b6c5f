"""Plain data + positions → typed :class:`Content`, with every problem as a Dutch diagnostic.

Validating the schema and the references in one round, and, when the schema finds errors,
leaving out the broken parts so that references and IZA rules can still be checked
(:class:`Validated`). The messages themselves are made in
:mod:`regiogen.model.validation_messages`; :func:`validation_diagnostics` is re-exported here.

May import: the content model, :mod:`regiogen.model.references`,
:mod:`regiogen.model.validation_messages`, :mod:`regiogen.model.annotations`,
:mod:`regiogen.source` and the shared modules.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from regiogen.diagnostics import Diagnostic
from regiogen.model.annotations import annotation_at, fields_at, unwrap
from regiogen.model.content import Content
from regiogen.model.references import check_references
from regiogen.model.validation_messages import (
    SINGULAR,
    error_diagnostic,
    validation_diagnostics,
)
from regiogen.source.load import KeyPath, SourceMap

__all__ = ["SINGULAR", "Validated", "validate_content", "validate_region", "validation_diagnostics"]


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
            found = [error_diagnostic(e, source_map, fallback_path, Content, data) for e in errors]
            return Validated(None, None, source_map, found)
        found = [error_diagnostic(e, source_map, fallback_path, Content, data) for e in errors]
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
    allowed = fields_at(Content, loc[:-1])
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
        model = unwrap(annotation_at(Content, loc[:-1]))
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        if extra or not is_model:
            return loc
        field_info = model.model_fields.get(str(loc[-1]))
        if field_info is None or not field_info.is_required():
            return loc
        loc = loc[:-1]
        extra = False
    return None


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
