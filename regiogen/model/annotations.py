"""Walking a pydantic model's annotations along a key path (``("afspraken", 0, "trekker")``).

Used to find what a path in the YAML may hold: the fields allowed there (for "bedoelde u" and
for leaving out an unknown key) and the model a list item must be.

May import: pydantic and the standard library.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["annotation_at", "fields_at", "unwrap"]


def annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The annotation of the value at ``loc`` below ``model``; None when there is none."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    return current


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> set[str]:
    """The field names allowed at ``loc`` below ``model`` (none when it is no model)."""
    current = unwrap(annotation_at(model, loc))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _step(annotation: Any, part: str | int) -> Any:
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin in (list, tuple):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def unwrap(annotation: Any) -> Any:
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
