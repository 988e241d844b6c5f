"""Block-level handlers for Markdown tables: caption, rows, cells, and keeping a table's
lead-in paragraph on the same page.

Split from :mod:`.writer`, whose dispatch table :data:`.writer.BLOCK_HANDLERS` points here
for the ``table_*``, ``thead_*``, ``tr_*`` and ``th``/``td`` tokens. The cells themselves
are rendered by :mod:`.tables`.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from .body import AFTER_TABLE, BodyWriter, Handler
from .fields import field_runs
from .tables import Row, cell_align, render_table
from .xmlutil import run_text

_PPR_START = re.compile(r"<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?")


def keep_with_next(paragraph: str) -> str:
    """Add ``w:keepNext`` to a paragraph's XML (after its style, as the schema orders it)."""
    match = _PPR_START.match(paragraph)
    if match:
        return paragraph[: match.end()] + "<w:keepNext/>" + paragraph[match.end() :]
    if paragraph.startswith("<w:p>"):
        return "<w:p><w:pPr><w:keepNext/></w:pPr>" + paragraph[len("<w:p>") :]
    return paragraph


def _caption(w: BodyWriter) -> None:
    """A bold line right before a table becomes its numbered caption: "Tabel 1: ...",
    with a ``SEQ Tabel`` field, in the Caption style (Word's list of tables finds it)."""
    line = w.bold_line
    w.bold_line = None
    if line is None or not w.out or w.out[-1] != line[0]:
        return
    w.tables += 1
    text = line[1].rstrip(":").strip()
    w.out[-1] = (
        f'<w:p><w:pPr><w:pStyle w:val="{w.styles("caption")}"/><w:keepNext/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Tabel </w:t></w:r>'
        + field_runs("SEQ Tabel \\* ARABIC", str(w.tables))
        + f"<w:r>{run_text(': ' + text)}</w:r></w:p>"
    )


#: A paragraph of bold runs only: a run-in title such as "**Initiatieven.**".
_BOLD_ONLY = re.compile(
    r"<w:p><w:pPr>(?:(?!</w:pPr>).)*</w:pPr>"
    r"(?:<w:r><w:rPr><w:b/>(?:(?!</w:r>).)*</w:r>)+</w:p>$"
)


def keep_lead_in(w: BodyWriter) -> None:
    """What announces a list stays with it: a sentence ending in a colon ("... helpen
    daarbij:") or a bold run-in title ("**Initiatieven.**")."""
    if w.lists or w.note is not None or not w.out:
        return
    last = w.out[-1]
    if (
        last.startswith("<w:p>")
        and len(last) < 3000
        and "<w:keepNext/>" not in last
        and (
            re.search(r":\s*</w:t></w:r>(?:<[^>]*/?>)*</w:p>$", last)
            or (len(last) < 600 and _BOLD_ONLY.match(last))
        )
    ):
        w.out[-1] = keep_with_next(last)


def keep_lead_in_with_figure(w: BodyWriter) -> None:
    """A short paragraph right before a figure (the text that introduces it) stays with it;
    not a caption or another figure, and not a section break."""
    last = w.out[-1] if w.out else ""
    own = (f'w:val="{w.styles("caption")}"', f'w:val="{w.styles("figure")}"', "<w:sectPr")
    if (
        last.startswith("<w:p>")
        and len(last) < 1500
        and "<w:keepNext/>" not in last
        and not any(x in last for x in own)
    ):
        w.out[-1] = keep_with_next(last)


def table_open(w: BodyWriter, tok: Token) -> None:
    """Start collecting rows; a caption or short lead-in before it stays with the table."""
    w._flush_item()
    w._flush_break()
    w.rows = []
    _caption(w)
    # A short paragraph right before a table (its caption or lead-in) stays with it.
    last = w.out[-1] if w.out else ""
    if last.startswith("<w:p>") and len(last) < 1500 and "<w:keepNext/>" not in last:
        w.out[-1] = keep_with_next(last)


def table_close(w: BodyWriter, tok: Token) -> None:
    """Write the collected rows as one Word table, with an empty paragraph after it."""
    rows = w.rows or []
    w.rows = None
    w.row = None
    if rows:
        w._emit(render_table(w.st, rows), 1.4 * len(rows) + 1)
        # An empty paragraph keeps two consecutive tables apart and gives air.
        if w.note is None:
            w._emit(AFTER_TABLE, 0.5)


def thead(flag: bool) -> Handler:
    """A handler marking the rows that follow as header rows (or not)."""

    def handler(w: BodyWriter, tok: Token) -> None:
        w.in_head = flag

    return handler


def tr_open(w: BodyWriter, tok: Token) -> None:
    """Start a row."""
    w.row = Row(header=w.in_head)


def tr_close(w: BodyWriter, tok: Token) -> None:
    """Add the row to the table."""
    if w.rows is not None and w.row is not None:
        w.rows.append(w.row)
    w.row = None


def cell_open(w: BodyWriter, tok: Token) -> None:
    """Take the alignment of the cell that starts."""
    w.align = cell_align(tok.attrs.get("style"))
