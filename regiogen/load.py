"""Read YAML content into plain data, keeping the source position of every value.

Built on PyYAML's composer (safe loader): the node graph gives each value its
``file:line:col``, and we build the Python values ourselves so that

* plain scalars stay strings (``no`` stays "no", ``0363`` stays "0363"); the schema
  gives them their type. Only an empty value or ``~``/``null`` becomes ``None``;
* duplicate keys, and the same top-level key in two files, are errors naming both places;
* only the standard YAML tags are allowed (no ``!!python/...``);
* aliases cannot blow up memory, nesting cannot blow the stack, and files are bounded
  (in bytes, in values and in depth, checked while the file is read, not after);
* characters that XML (and so Word) cannot store are removed from values, with a
  ``text.control-char`` warning at the value's position;
* a region file that is a link to a place outside the project is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from regiogen.diagnostics import Diagnostic, error, warning

KeyPath = tuple[str | int, ...]
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


@dataclass(frozen=True)
class Position:
    """Where a value starts: a display path and 1-based line and column."""

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


@dataclass
class LoadResult:
    """Plain data from one or more YAML files, their positions, and what went wrong."""

    data: dict[str, Any]
    source_map: SourceMap
    files: list[Path]
    diagnostics: list[Diagnostic]


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


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8, reporting a BOM, binary junk and bad bytes with position."""
    diagnostics: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diagnostics.append(
            warning(
                "yaml.bom",
                "bestand begint met een byte-order-mark (BOM); die wordt genegeerd. "
                "Sla het bestand op als UTF-8 zonder BOM",
                display,
                1,
                1,
            )
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        diagnostics.append(
            error(
                "io.binary",
                "bestand bevat binaire gegevens (een NUL-teken); is dit wel een YAML-bestand?",
                display,
                line,
                col,
            )
        )
        return None, diagnostics
    try:
        return raw.decode("utf-8"), diagnostics
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.append(
            error(
                "io.encoding",
                f"ongeldige UTF-8 (byte 0x{raw[exc.start]:02x}); "
                "sla het bestand op als UTF-8 (in Excel/Kladblok: 'UTF-8')",
                display,
                line,
                col,
            )
        )
        return None, diagnostics


def _yaml_error(exc: yaml.YAMLError, display: str, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem_text = str(getattr(exc, "problem", "") or "")
    at_end = "end of stream" in problem_text or "<stream end>" in problem_text
    if mark is not None and not at_end:  # libyaml says "did not find expected ..." at the end
        lines = text.split("\n")
        if mark.line >= len(lines):
            at_end = True
        else:
            rest = "\n".join([lines[mark.line][mark.column :], *lines[mark.line + 1 :]])
            at_end = not rest.strip()
    problem = str(getattr(exc, "problem", "") or exc)
    if mark is not None and ("\\t" in problem or _tab_at(text, mark.line + 1, mark.column + 1)):
        return error(
            "yaml.tab",
            "tab-teken gevonden; YAML gebruikt spaties voor inspringing, geen tabs",
            display,
            mark.line + 1,
            mark.column + 1,
        )
    message = f"YAML-syntaxfout: {_dutch_problem(problem)}"
    context = str(getattr(exc, "context", "") or "")
    opened = getattr(exc, "context_mark", None)
    if opened is not None and (at_end or context.startswith("while parsing a flow")):
        # point at where the unclosed quote or bracket began, not where the parser noticed
        if mark is not None and opened.line != mark.line and not at_end:
            message += f" (wat hier begint, is op regel {mark.line + 1} nog niet gesloten)"
        mark = opened
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    return error("yaml.syntax", message, display, line, col)


def _tab_at(text: str, line: int | None, col: int | None) -> bool:
    """True when the character at (line, col) or the indentation before it holds a tab."""
    if line is None or col is None:
        return False
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return False
    return "\t" in lines[line - 1][:col]


_PROBLEMS = {
    "mapping values are not allowed": "hier mag geen ':' met waarde staan "
    "(staat er een dubbele punt in tekst zonder aanhalingstekens, of klopt de inspringing niet?)",
    "could not find expected ':'": "verwachtte een ':' na de sleutel",
    "found undefined alias": "onbekend anker (*naam zonder &naam)",
    "found unexpected end of stream": "bestand houdt onverwacht op (ontbreekt een afsluitend "
    "aanhalingsteken of haakje?)",
    "did not find expected key": "verwachtte een sleutel (klopt de inspringing?)",
    "did not find expected '-' indicator": "verwachtte een '-' voor een lijstonderdeel",
    "found unknown escape character": "onbekend escape-teken na '\\' tussen dubbele "
    "aanhalingstekens",
    "expected <document start>, but found": "onverwachte inhoud; klopt de inspringing?",
    "did not find expected node content": "verwachtte een waarde",
    "found character that cannot start any token": "teken dat hier niet mag staan",
    "found unexpected ':'": "onverwachte ':'",
    "expected ',' or ']'": "verwachtte ',' of ']'",
    "expected ',' or '}'": "verwachtte ',' of '}'",
    "while scanning a quoted scalar": "aanhalingsteken wordt niet gesloten",
    "expected a single document in the stream": "bestand bevat meer dan één YAML-document "
    "(een tweede '---'); zet elk document in een eigen bestand",
    "found invalid Unicode character escape code": "ongeldige Unicode-code na \\u of \\U "
    "(zoals een losse surrogaat \\ud800)",
    "special characters are not allowed": "stuurteken dat in YAML niet mag staan",
}


def _dutch_problem(problem: str) -> str:
    for english, dutch in _PROBLEMS.items():
        if english in problem:
            return dutch
    return problem


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


def load_yaml_text(text: str, display: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Compose one YAML document into plain data and positions; never raises."""
    builder = _Builder(display)
    fast = _FAST_LOADER is not None and _shallow(text)
    loader = _FAST_LOADER(text) if fast else _BoundedLoader(text)
    try:
        if fast:
            _count_events(text)
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, builder.source_map, [_yaml_error(exc, display, text)]
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


def read_yaml_file(path: Path, display: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Read and compose one YAML file with bounds on size, encoding and structure."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (
                None,
                SourceMap(),
                [
                    error(
                        "io.too-large",
                        f"bestand is {size // (1024 * 1024)} MB; regiogen leest YAML-bestanden "
                        f"tot {MAX_FILE_BYTES // (1024 * 1024)} MB",
                        display,
                    )
                ],
            )
        with path.open("rb") as handle:  # never more than the limit, even if the file grows
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return (
            None,
            SourceMap(),
            [error("io.unreadable", f"kan niet lezen: {exc.strerror}", display)],
        )
    if len(raw) > MAX_FILE_BYTES:
        return (
            None,
            SourceMap(),
            [
                error(
                    "io.too-large",
                    f"bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB",
                    display,
                )
            ],
        )
    text, diagnostics = _decode(raw, display)
    if text is None:
        return None, SourceMap(), diagnostics
    data, source_map, more = load_yaml_text(text, display)
    return data, source_map, diagnostics + more


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a region folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_region(folder: Path, project_root: Path) -> LoadResult:
    """Load every YAML file of a region folder into one mapping with positions.

    Each file must hold a mapping; a top-level key may appear in only one file.
    """
    source_map = SourceMap()
    data: dict[str, Any] = {}
    diagnostics: list[Diagnostic] = []
    owner: dict[str, Position] = {}
    files = yaml_files(folder)
    for path in files:
        display = display_path(path, project_root)
        if not _inside(path, project_root):
            display = (
                path.relative_to(project_root).as_posix()
                if path.is_relative_to(project_root)
                else path.name
            )
            diagnostics.append(
                error(
                    "io.outside-project",
                    "bestand ligt buiten de projectmap (via een koppeling of de instelling "
                    "'content') en wordt niet gelezen; zet de inhoud zelf in het project",
                    display,
                )
            )
            continue
        value, positions, found = read_yaml_file(path, display)
        diagnostics.extend(found)
        if value is None:
            continue
        if not isinstance(value, dict):
            diagnostics.append(
                error(
                    "yaml.not-mapping",
                    "bestand moet sleutels met waarden bevatten (zoals 'regio:'), "
                    "geen losse lijst of tekst",
                    display,
                    1,
                    1,
                )
            )
            continue
        for key, item in value.items():
            here = positions.key((key,)) or Position(display, 1, 1)
            if key in owner:
                first = owner[key]
                diagnostics.append(
                    error(
                        "yaml.duplicate-top-key",
                        f"'{key}' staat ook in {first.path}:{first.line}; "
                        "zet elk onderdeel in één bestand",
                        here.path,
                        here.line,
                        here.col,
                    )
                )
                continue
            owner[key] = here
            data[key] = item
        positions.values.pop((), None)  # the root belongs to no single file of the region
        source_map.update(positions)
    return LoadResult(data, source_map, files, diagnostics)


def _inside(path: Path, root: Path) -> bool:
    """True when ``path``, with links and ``..`` resolved, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def display_path(path: Path, root: Path) -> str:
    """A path as shown in diagnostics: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
