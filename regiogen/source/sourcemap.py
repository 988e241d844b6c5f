"""Where values come from: positions of YAML values and keys, by key path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

KeyPath = tuple[str | int, ...]


class Position(NamedTuple):
    """Where a value starts: a display path and 1-based line and column.

    A named tuple, not a dataclass: loading makes one per YAML value and key (80 000 for 31
    regions), and a tuple is made in a third of the time of a frozen dataclass.
    """

    path: str
    line: int
    col: int


@dataclass
class SourceMap:
    """Positions of values and of their keys, by key path (``("afspraken", 0, "trekker")``)."""

    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def value(self, path: KeyPath) -> Position | None:
        """Position of the value at ``path``, or of the nearest ancestor that has one."""
        while True:
            pos = self.values.get(path)
            if pos is not None or not path:
                return pos
            path = path[:-1]

    def key(self, path: KeyPath) -> Position | None:
        """Position of the key that introduces ``path``, else of its value or ancestor."""
        return self.keys.get(path) or self.value(path)

    def update(self, other: SourceMap) -> None:
        """Add the positions of ``other``."""
        self.values.update(other.values)
        self.keys.update(other.keys)
