"""Shared state of one document being written: options, styles, relationships, diagnostics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from regiogen.diagnostics import Diagnostic, warning

from .numbering import Numbering
from .package import Relationships
from .reference import PageSetup, Reference
from .styles import StyleSheet


@dataclass
class Media:
    """One image or chart part; a chart's own width and height (EMU) when it has one."""

    part: str
    data: bytes
    size: tuple[int, int] | None = None


@dataclass
class DocState:
    """Everything the block and inline writers share while writing one document."""

    ref: Reference
    styles: StyleSheet
    numbering: Numbering
    path: str
    line_offset: int
    base_dir: Path | None
    diagnostics: list[Diagnostic]
    rels: Relationships = field(default_factory=Relationships)
    #: Relationships of the footnotes part: a link or picture in a footnote refers to these.
    note_rels: Relationships = field(default_factory=Relationships)
    #: True while a footnote's text is being written.
    in_note: bool = False
    media: dict[str, Media] = field(default_factory=dict)
    line: int | None = None
    landscape: bool = False
    next_bookmark: int = 1
    next_drawing: int = 1
    footnote_refs: set[int] = field(default_factory=set)
    warned: set[tuple[str, int | None, str]] = field(default_factory=set)
    #: Internal links (``#anchor``, source line) to check once every heading is known.
    internal_links: list[tuple[str, int | None]] = field(default_factory=list)
    #: Images made by the build (charts), by the name the Markdown uses.
    images: Mapping[str, bytes] = field(default_factory=dict)

    def part_rels(self) -> Relationships:
        """The relationships of the part being written (document or footnotes)."""
        return self.note_rels if self.in_note else self.rels

    @property
    def page(self) -> PageSetup:
        """Page setup of the reference (portrait)."""
        return self.ref.page

    def text_width(self) -> int:
        """Text width in twips of the current section."""
        page = self.ref.page
        if self.landscape:
            return max(page.height - page.top - page.bottom, 1440)
        return page.text_width

    def warn(self, code: str, message: str, *, once_per_line: bool = True) -> None:
        """Add a warning at the current source line (once per line and code)."""
        line = self.line + self.line_offset if self.line is not None else None
        key = (code, line, message if not once_per_line else "")
        if key in self.warned:
            return
        self.warned.add(key)
        self.diagnostics.append(warning(code, message, self.path, line))

    def bookmark_id(self) -> int:
        """A new, sequential bookmark id."""
        value = self.next_bookmark
        self.next_bookmark += 1
        return value
