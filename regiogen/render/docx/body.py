"""The state of the body being written: open lists, paragraphs, sections, page estimate.

The handlers per token type live in :mod:`.writer`; this module holds what they share.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token

from .fields import SectionRefs, TocEntry, sect_pr
from .inline import Inline
from .numbering import MAX_LEVEL, STEP
from .state import DocState
from .tables import Row

LINES_PER_PAGE = 59.0
CHARS_PER_LINE = 92.0
#: The empty paragraph after a table: keeps two tables apart and gives air.
AFTER_TABLE = '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'
#: The same at the very end of the body: one point high, so it never starts a page.
_END_AFTER_TABLE = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)
QUOTE_STEP = 284  # extra indent per block-quote level, twips (0.5 cm)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)


@dataclass(slots=True)
class ListCtx:
    """One open list."""

    ordered: bool
    num_id: int
    level: int
    tight: bool
    pending_item: bool = False
    quote: int = 0  # block-quote depth when the list opened (a deeper one is inside an item)


@dataclass(slots=True)
class Para:
    """An open paragraph or heading."""

    style: str
    num: str = ""
    ind: str = ""
    spacing: str = ""
    heading: int = 0
    attrs: dict[str, str] = field(default_factory=dict)
    inline: Inline | None = None
    alt: str = ""
    automatic_id: bool = False


class BodyWriter:
    """Writes the body (and footnotes) of one document from the token stream."""

    def __init__(self, st: DocState, *, numbered: bool, refs: SectionRefs, title_page: bool):
        self.st = st
        self.styles = st.styles
        self.body: list[str] = []
        self.out = self.body
        self.lists: list[ListCtx] = []
        self.quote = 0
        self.definition = 0  # inside a definition list's definition (dd)
        self.page_break = False
        self.para: Para | None = None
        self.rows: list[Row] | None = None
        self.row: Row | None = None
        self.in_head = False
        self.align: str | None = None
        self.numbered = numbered
        self.counters = [0] * 9
        self.headings: list[TocEntry] = []
        self.bookmarks: set[str] = set()
        self.footnotes: dict[int, str] = {}
        self.note: int | None = None
        self.note_first = False
        self.lines = 0.0
        self.refs = refs
        self.title_page = title_page
        self.sections = 0
        self.landscape = 0
        self.landscape_end = -1  # body length right after a break that ended landscape
        self.final_landscape = False
        #: The last paragraph written when it is bold throughout and short: (its XML, its
        #: text); a table right after it takes it as its numbered caption.
        self.bold_line: tuple[str, str] | None = None
        self.tables = 0  # tables numbered so far ("Tabel 1", ...)
        self.heading_num = 0
        if numbered:
            self.heading_num = st.numbering.headings([self.styles(f"h{n}") for n in (1, 2, 3)])

    # -- output helpers -------------------------------------------------------------------

    def _emit(self, xml: str, lines: float) -> None:
        self.out.append(xml)
        if self.out is self.body:
            self.lines += lines

    def _new_page(self) -> None:
        self.lines = math.ceil(self.lines / LINES_PER_PAGE - 1e-9) * LINES_PER_PAGE

    def page(self) -> int:
        """Estimated page (1-based, body only) of the current position."""
        return int(self.lines // LINES_PER_PAGE) + 1

    def _ppr(self, p: Para) -> str:
        keep = ""
        if self.page_break and self.out is self.body:
            keep = "<w:pageBreakBefore/>"
            self.page_break = False
            self._new_page()
        return f'<w:pPr><w:pStyle w:val="{p.style}"/>{keep}{p.num}{p.spacing}{p.ind}</w:pPr>'

    def _flush_break(self) -> None:
        """Emit a pending page break as its own paragraph (before a table)."""
        if self.page_break and self.out is self.body:
            self.page_break = False
            self._emit('<w:p><w:r><w:br w:type="page"/></w:r></w:p>', 0)
            self._new_page()

    def _context_para(self) -> Para:
        """A paragraph styled for where we are: list item, quote, footnote or body."""
        if self.lists:
            ctx = self.lists[-1]
            level = min(ctx.level, MAX_LEVEL)
            p = Para(self.styles("fn_text" if self.note is not None else "list"))
            shift = QUOTE_STEP * ctx.quote  # a list inside a block quote stays indented with it
            if ctx.pending_item:
                ctx.pending_item = False
                p.num = (
                    f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{ctx.num_id}"/></w:numPr>'
                )
                if shift:
                    left = STEP * (level + 1) + shift
                    p.ind = f'<w:ind w:left="{left}" w:hanging="{STEP}"/>'
            elif self.quote > ctx.quote:  # a block quote inside the item: quoted, indented
                p = Para(self.styles("quote"))
                left = STEP * (level + 1) + QUOTE_STEP * (self.quote - ctx.quote - 1) + shift
                p.ind = f'<w:ind w:left="{left}"/>'
                return p
            else:
                p.ind = f'<w:ind w:left="{STEP * (level + 1) + shift}"/>'
            if not ctx.tight:
                p.spacing = '<w:spacing w:after="120"/>'
                p.ind += '<w:contextualSpacing w:val="0"/>'
            return p
        if self.note is not None:
            return Para(self.styles("fn_text"))
        if self.definition:
            return Para(self.styles("dd"))
        if self.quote:
            p = Para(self.styles("quote"))
            if self.quote > 1:
                p.ind = f'<w:ind w:left="{QUOTE_STEP * self.quote}"/>'
            return p
        return Para(self.styles("body"))

    def _flush_item(self) -> None:
        """A list item whose first block is not a paragraph still gets its number."""
        if self.lists and self.lists[-1].pending_item:
            p = self._context_para()
            self._emit(f"<w:p>{self._ppr(p)}</w:p>", 1)

    def _indent(self) -> str:
        """The left indent of a code block: that of its list item and block quote."""
        if not self.lists:
            return f'<w:ind w:left="{QUOTE_STEP * self.quote}"/>' if self.quote else ""
        ctx = self.lists[-1]
        left = STEP * (min(ctx.level, MAX_LEVEL) + 1) + QUOTE_STEP * self.quote
        return f'<w:ind w:left="{left}"/>'

    def _note_mark(self) -> str:
        if self.note is not None and self.note_first:
            self.note_first = False
            ref = self.styles("fn_ref")
            return (
                f'<w:r><w:rPr><w:rStyle w:val="{ref}"/></w:rPr><w:footnoteRef/></w:r>'
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
            )
        return ""

    def simple_para(self, style: str, runs: str, lines: float = 1.0, extra: str = "") -> None:
        """Emit one paragraph with a style and runs."""
        p = Para(style, ind=extra)
        self._emit(f"<w:p>{self._ppr(p)}{self._note_mark()}{runs}</w:p>", lines)

    # -- sections -------------------------------------------------------------------------

    def section_break(self, *, landscape: bool) -> None:
        """End the current section (its sectPr sits in an empty paragraph)."""
        self.page_break = False
        sect = sect_pr(
            self.st.page, self.refs, landscape=landscape,
            title_page=self.title_page and self.sections == 0,
        )  # fmt: skip
        self.sections += 1
        self._emit(f"<w:p><w:pPr>{sect}</w:pPr></w:p>", 0)
        self._new_page()
        self.landscape_end = len(self.body) if landscape else -1

    def reopen_landscape(self) -> bool:
        """Undo the break that just ended a landscape section, if nothing followed it.

        Two landscape blocks in a row then share one landscape section, and a landscape
        block at the very end makes the last section landscape: no empty portrait page.
        """
        if self.landscape_end != len(self.body) or self.out is not self.body:
            return False
        self.body.pop()
        self.sections -= 1
        self.landscape_end = -1
        return True

    def end_body(self) -> None:
        """Make a document that ends in a table end in a 1-point paragraph, not a full line.

        The body cannot end in a table; the empty paragraph after it, one text line high,
        gets a page of its own when the table reaches the bottom margin.
        """
        if self.body and self.body[-1] == AFTER_TABLE:
            self.body[-1] = _END_AFTER_TABLE

    def final_sect_pr(self) -> str:
        """The body's last ``w:sectPr``."""
        return sect_pr(
            self.st.page, self.refs, landscape=self.landscape > 0 or self.final_landscape,
            title_page=self.title_page and self.sections == 0,
        )  # fmt: skip


#: A function that writes one markdown-it token into the body.
Handler = Callable[[BodyWriter, Token], None]
