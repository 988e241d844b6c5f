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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regiogen.diagnostics import Diagnostic, error, os_reason
from regiogen.source.sourcemap import KeyPath, Position, SourceMap
from regiogen.source.yaml_compose import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, load_yaml_text
from regiogen.source.yaml_errors import decode_bytes

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "KeyPath",
    "LoadResult",
    "Position",
    "SourceMap",
    "display_path",
    "load_region",
    "load_yaml_text",
    "read_yaml_file",
    "yaml_files",
]


@dataclass
class LoadResult:
    """Plain data from one or more YAML files, their positions, and what went wrong."""

    data: dict[str, Any]
    source_map: SourceMap
    files: list[Path]
    diagnostics: list[Diagnostic]


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
            [error("io.unreadable", f"kan niet lezen: {os_reason(exc)}", display)],
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
    text, diagnostics = decode_bytes(raw, display)
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
    try:
        files = yaml_files(folder)
    except OSError as exc:
        message = f"regiomap kan niet worden gelezen: {os_reason(exc)}"
        shown = display_path(folder, project_root)
        return LoadResult(data, source_map, [], [error("io.unreadable", message, shown)])
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
