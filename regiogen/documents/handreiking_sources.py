"""The sources of a handreiking: its ``_index.yaml`` and its chapter files, read and checked.

What :mod:`regiogen.documents.handreiking` renders, and all ``regiogen check`` looks at: the
cover data (:class:`HandreikingIndex`), each chapter's front matter (:class:`ChapterFront`),
and YAML files in the folder that are not read. Nothing here renders a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from regiogen.diagnostics import Diagnostic, error, has_errors, warning
from regiogen.model.types import Datum, Getal, JaNee, Model, Tekst
from regiogen.source.load import display_path, load_yaml_text, read_yaml_file
from regiogen.source.yaml_errors import encoding_error

__all__ = [
    "INDEX_NAME",
    "Chapter",
    "ChapterFront",
    "HandreikingIndex",
    "check_handreiking",
    "read_chapter",
    "read_index",
    "sources",
]

INDEX_NAME = "_index.yaml"
#: Largest chapter file read, in bytes.
MAX_CHAPTER_BYTES = 1_000_000

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class HandreikingIndex(Model):
    """The cover data and colofon of a handreiking (``_index.yaml``)."""

    titel: Tekst = Field("Handreiking", description="Titel op het voorblad")
    ondertitel: Tekst | None = None
    organisatie: Tekst | None = None
    auteur: Tekst | None = None
    datum: Datum | None = None
    versie: Tekst | None = None
    classificatie: Tekst | None = Field(None, description="Bijvoorbeeld 'Intern vertrouwelijk'")
    documentnummer: Tekst | None = None
    trefwoorden: list[Tekst] = Field(default_factory=list)
    inhoudsopgave: JaNee = True
    nummering: JaNee = True
    colofon: Tekst | None = Field(
        None, description="Tekst van het colofon (Markdown, mag variabelen gebruiken)"
    )
    variabelen: dict[str, Any] = Field(
        default_factory=dict, description="Extra variabelen voor de hoofdstukken"
    )


class ChapterFront(Model):
    """The front matter of one chapter."""

    titel: Tekst
    nummer: Getal | None = None


@dataclass(frozen=True)
class Chapter:
    """One chapter file, read: where it is, its front matter and its body."""

    path: Path
    display: str
    front: ChapterFront
    body: str  # the source with the front matter blanked out (line numbers unchanged)


def _shift(diagnostics: list[Diagnostic], lines: int) -> list[Diagnostic]:
    """Move diagnostics of an embedded YAML text down by ``lines`` lines."""
    return [replace(d, line=d.line + lines) if d.line is not None else d for d in diagnostics]


def read_index(folder: Path, root: Path) -> tuple[HandreikingIndex | None, list[Diagnostic]]:
    """The ``_index.yaml`` of ``folder`` (defaults when there is none), or None with errors."""
    path = folder / INDEX_NAME
    if not path.is_file():
        return HandreikingIndex(), []
    from regiogen.model.validate import validation_diagnostics

    display = display_path(path, root)
    data, source_map, diagnostics = read_yaml_file(path, display)
    if has_errors(diagnostics):
        return None, diagnostics
    try:
        return HandreikingIndex.model_validate(data or {}), diagnostics
    except ValidationError as exc:
        found = validation_diagnostics(exc, source_map, display, HandreikingIndex)
        return None, diagnostics + found


def read_chapter(path: Path, root: Path) -> tuple[Chapter | None, list[Diagnostic]]:
    """One chapter: its front matter checked, its body with the front matter blanked out."""
    from regiogen.model.validate import validation_diagnostics

    display = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error("io.unreadable", f"hoofdstuk kan niet worden gelezen: {exc}", display)]
    if len(raw) > MAX_CHAPTER_BYTES:
        message = f"hoofdstuk is groter dan {MAX_CHAPTER_BYTES // 1000} kB"
        return None, [error("io.too-large", message, display)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [encoding_error(raw, exc, display)]
    text = text.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        message = "hoofdstuk begint niet met front matter (--- met daaronder 'titel: ...' en ---)"
        return None, [error("markdown.front-matter", message, display, 1, 1)]
    data, source_map, diagnostics = load_yaml_text(match.group(1) or "", display)
    diagnostics = _shift(diagnostics, 1)
    if has_errors(diagnostics):
        return None, diagnostics
    if not isinstance(data, dict):
        message = "front matter van een hoofdstuk moet sleutels bevatten, zoals 'titel: ...'"
        return None, [*diagnostics, error("markdown.front-matter", message, display, 1, 1)]
    try:
        front = ChapterFront.model_validate(data)
    except ValidationError as exc:
        found = validation_diagnostics(exc, source_map, display, ChapterFront)
        return None, diagnostics + _shift(found, 1)
    head = match.group(0)
    body = "\n" * head.count("\n") + text[len(head) :]
    return Chapter(path, display, front, body), diagnostics


def _stray_files(folder: Path, root: Path) -> list[Diagnostic]:
    """A warning for each YAML file in the folder that the handreiking does not read: only
    ``_index.yaml`` and the chapters count, and nothing is read without a word."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".yaml", ".yml") or path.name == INDEX_NAME:
            continue
        hint = f"; bedoelde u {INDEX_NAME}?" if path.stem.lower() in ("_index", "index") else ""
        message = (
            f"wordt niet gelezen: een handreiking bestaat uit hoofdstukken (*.md) en {INDEX_NAME}"
            f"{hint}"
        )
        found.append(warning("io.ignored", message, display_path(path, root)))
    return found


def check_handreiking(folder: Path, root: Path) -> list[Diagnostic]:
    """What ``regiogen check`` says about a handreiking without rendering it: the cover data
    in ``_index.yaml``, each chapter's front matter, and files that are not read."""
    _, paths, diagnostics = sources(folder, root)
    for path in paths:
        diagnostics.extend(read_chapter(path, root)[1])
    return diagnostics


def sources(
    folder: Path, root: Path
) -> tuple[HandreikingIndex | None, list[Path], list[Diagnostic]]:
    """The index, the chapter files and what is wrong with them or with the folder."""
    index, diagnostics = read_index(folder, root)
    diagnostics = list(diagnostics) + _stray_files(folder, root)
    paths = sorted(p for p in folder.glob("*.md") if p.is_file() and not p.name.startswith("."))
    if not paths:
        where = display_path(folder, root)
        diagnostics.append(error("io.not-found", "geen hoofdstukken (*.md) in deze map", where))
    return index, paths, diagnostics
