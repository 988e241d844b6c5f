"""Compose YAML text into plain values with positions, within bounds.

Plain scalars stay strings; only standard tags are accepted; values, aliases and depth are
bounded while the text is parsed (see :mod:`regiogen.source.load` for the rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from regiogen.diagnostics import Diagnostic, error, warning
from regiogen.source.sourcemap import KeyPath, Position, SourceMap
from regiogen.source.yaml_errors import yaml_error

#: A position from PyYAML's pure-Python parser or from libyaml (both have line and column).
Mark = Any

#: Largest YAML file read, in bytes.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Largest number of values one file may expand to (aliases included).
MAX_NODES = 200_000
#: Largest number of values written out in one file (counted while parsing, which is what
#: costs time: PyYAML's pure-Python parser handles some 50 000 values a second).
MAX_FILE_NODES = 100_000
#: Deepest nesting allowed.
MAX_DEPTH = 100

#: Characters XML 1.0 (and so Word) cannot store; YAML escapes such as "\x07" can make them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:binary",
}


class _Limit(Exception):
    """Raised inside the composer or the builder when a bound is hit."""

    def __init__(self, code: str, message: str, mark: Mark | None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark


def _too_deep(mark: Mark | None) -> _Limit:
    return _Limit("yaml.too-deep", f"structuur is dieper genest dan {MAX_DEPTH} niveaus", mark)


def _too_many(mark: Mark | None) -> _Limit:
    return _Limit(
        "io.too-large",
        f"bestand bevat meer dan {MAX_FILE_NODES} waarden; verdeel de inhoud over kleinere "
        "bestanden",
        mark,
    )


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, with the number of values and the depth bounded while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing too many values or too deep nesting before going on."""
        self._nodes += 1
        if self._nodes > MAX_FILE_NODES:
            raise _too_many(self._mark())
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _too_deep(self._mark())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _mark(self) -> Mark:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        return event.start_mark


#: Characters that change the reading direction of the text around them ("Trojan Source"):
#: embeddings, overrides and isolates. (The plain marks U+200E/U+200F are left alone.)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u061c]")


class _Builder:
    """Turns a composed node graph into plain values and a source map."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.source_map = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.distinct: set[int] = set()

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.display, mark.line + 1, mark.column + 1)

    def diag(self, code: str, message: str, node: yaml.Node) -> Diagnostic:
        p = self.pos(node)
        return error(code, message, p.path, p.line, p.col)

    def at(self, code: str, message: str, mark: Mark | None) -> Diagnostic:
        if mark is None:
            return error(code, message, self.display)
        return error(code, message, self.display, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.count += 1
        self.distinct.add(id(node))
        if len(self.distinct) > MAX_FILE_NODES:
            raise _too_many(node.start_mark)
        if self.count > MAX_NODES:
            raise _Limit(
                "yaml.alias",
                f"bestand groeit door aliassen uit tot meer dan {MAX_NODES} waarden; "
                "gebruik minder of minder diep geneste aliassen (&anker/*anker)",
                node.start_mark,
            )
        if depth > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        self.source_map.values.setdefault(path, self.pos(node))
        if node.tag not in _STANDARD_TAGS:
            self.diagnostics.append(
                self.diag(
                    "yaml.tag",
                    f"tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is niet toegestaan; "
                    "regiogen leest alleen gewone YAML",
                    node,
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        text: str = node.value
        if not node.style and text in _NULLS:  # plain style: None (Python) or "" (libyaml)
            return None
        if _FORBIDDEN.search(text):
            p = self.pos(node)
            self.diagnostics.append(
                warning(
                    "text.control-char",
                    "tekst bevat een stuurteken dat Word niet kan opslaan (zoals \\x07); "
                    "het is weggelaten",
                    p.path,
                    p.line,
                    p.col,
                )
            )
            text = _FORBIDDEN.sub("", text)
        if _BIDI.search(text):
            p = self.pos(node)
            found = _BIDI.search(text)
            assert found is not None
            self.diagnostics.append(
                warning(
                    "text.bidi",
                    f"tekst bevat een onzichtbaar teken dat de leesrichting omkeert "
                    f"(U+{ord(found.group()):04X}); daardoor kan tekst er anders uitzien dan hij "
                    "is. Haal het weg, tenzij het echt zo bedoeld is",
                    p.path,
                    p.line,
                    p.col,
                )
            )
        return text

    def mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.append(
                    self.diag("yaml.syntax", "een sleutel moet een gewone tekst zijn", key_node)
                )
                continue
            key = str(key_node.value)
            if key in seen:
                first = self.pos(seen[key])
                self.diagnostics.append(
                    self.diag(
                        "yaml.duplicate-key",
                        f"sleutel '{key}' staat hier voor de tweede keer; "
                        f"de eerste keer op regel {first.line}",
                        key_node,
                    )
                )
                continue
            seen[key] = key_node
            self.source_map.keys[(*path, key)] = self.pos(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        """Yield key/value pairs, expanding ``<<: *anker`` merge keys (own keys win)."""
        own = [(k, v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"]
        own_keys = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        yield from own
        for key_node, value_node in node.value:
            if key_node.tag != "tag:yaml.org,2002:merge":
                continue
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.diagnostics.append(
                        self.diag("yaml.syntax", "'<<' verwacht een anker naar een tabel", source)
                    )
                    continue
                for k, v in source.value:
                    if isinstance(k, yaml.ScalarNode) and k.value not in own_keys:
                        own_keys.add(k.value)
                        yield k, v


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
_LINE_NESTING = re.compile(r"^[ \t?:-]*", re.MULTILINE)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _shallow(text: str) -> bool:
    """True when the text cannot nest deeper than the limit.

    libyaml's composer recurses in C without a depth check and crashes on very deep
    nesting; only text that is shallow for certain goes to the fast C loader.
    """
    if max((len(m.group()) for m in _LINE_NESTING.finditer(text)), default=0) > 2 * MAX_DEPTH:
        return False
    depth = 0
    for ch in _NOT_BRACKET.sub("", text):
        depth += 1 if ch in "[{" else -1
        if depth > MAX_DEPTH:
            return False
    return True


def _count_events(text: str) -> None:
    """Refuse text with too many values before libyaml composes it all (events are cheap).

    A syntax error is left to the composer, which reports it the same way.
    """
    count = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.NodeEvent):
                count += 1
                if count > MAX_FILE_NODES:
                    raise _too_many(event.start_mark)
    except yaml.YAMLError:
        return


def _few_values(text: str) -> bool:
    """True when the text cannot hold more than :data:`MAX_FILE_NODES` values.

    Every value but the first is introduced by one of ``: - , ? [ {`` (a key and its value
    by one ``:``), so twice their number plus one bounds the values: counting characters
    (in C) replaces the event pass for every file of normal size.
    """
    indicators = sum(text.count(ch) for ch in ":-,?[{")
    return 2 * indicators + 1 <= MAX_FILE_NODES


def load_yaml_text(text: str, display: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Compose one YAML document into plain data and positions; never raises."""
    builder = _Builder(display)
    fast = _FAST_LOADER is not None and _shallow(text)
    loader = _FAST_LOADER(text) if fast else _BoundedLoader(text)
    try:
        if fast and not _few_values(text):
            _count_events(text)
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, builder.source_map, [yaml_error(exc, display, text)]
    except _Limit as limit:
        return None, builder.source_map, [builder.at(limit.code, limit.message, limit.mark)]
    except RecursionError:
        return (
            None,
            builder.source_map,
            [error("yaml.too-deep", "structuur is te diep genest", display, *_deepest(text))],
        )
    finally:
        loader.dispose()
    if node is None:
        return None, builder.source_map, []
    try:
        data = builder.build(node, (), 0)
    except _Limit as limit:
        return None, builder.source_map, [builder.at(limit.code, limit.message, limit.mark)]
    return data, builder.source_map, builder.diagnostics


def _deepest(text: str) -> tuple[int, int]:
    """Line and column where flow brackets nest past the limit (for a too-deep file)."""
    depth = 0
    line, col = 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif ch in "]}":
            depth -= 1
    return 1, 1
