"""Block-level Markdown → WordprocessingML body, one handler per markdown-it token type.

:data:`BLOCK_HANDLERS` is the dispatch table; inline tokens are handed to
:mod:`.inline`. The body is built as XML text (escaped) for speed; the shared state
of the body (lists, paragraphs, sections) is :class:`.body.BodyWriter`.
"""

from __future__ import annotations

import html
import re

from markdown_it.token import Token

from .body import _COMMENT, _TAG, CHARS_PER_LINE, BodyWriter, Handler, ListCtx, Para
from .fields import TocEntry
from .inline import render_inline
from .math import M_NS, Unsupported, tex_to_omml
from .table_blocks import (
    cell_open,
    keep_lead_in,
    keep_lead_in_with_figure,
    table_close,
    table_open,
    thead,
    tr_close,
    tr_open,
)
from .tables import cell, prepare_amount
from .xmlutil import bookmark_name, esc, run_text

__all__ = ["BLOCK_HANDLERS", "BodyWriter", "write_body"]


def _noop(w: BodyWriter, tok: Token) -> None:
    return None


def _paragraph_open(w: BodyWriter, tok: Token) -> None:
    if w.lists:  # markdown-it hides the paragraphs of tight lists; a loose list gets air
        w.lists[-1].tight = tok.hidden
    w.para = w._context_para()


def _paragraph_close(w: BodyWriter, tok: Token) -> None:
    p = w.para
    w.para = None
    if p is None:
        return
    il = p.inline
    runs = il.xml() if il is not None else ""
    text = il.plain if il is not None else ""
    alt = ""
    if il is not None and il.images == 1 and not text.strip() and not w.lists:
        p.style = w.styles("figure")
        alt = p.alt
        keep_lead_in_with_figure(w)
    lines = 1.0 + len(text) / CHARS_PER_LINE + (12.0 if il is not None and il.images else 0.4)
    xml = f"<w:p>{w._ppr(p)}{w._note_mark()}{runs}</w:p>"
    w._emit(xml, lines)
    short = il is not None and il.all_bold and 0 < len(text.strip()) <= 90 and not il.images
    w.bold_line = (xml, text.strip()) if short and not w.lists and w.note is None else None
    if alt.strip():
        w.simple_para(w.styles("caption"), f"<w:r>{run_text(alt)}</w:r>", 1.5)


#: A line inside a paragraph that looks like a numbered item not starting at 1: CommonMark
#: reads it as text (such a list may not interrupt a paragraph), which surprises writers.
_LOOKS_NUMBERED = re.compile(r"[ \t]*([0-9]{1,9})[.)][ \t]+\S")


def _inline(w: BodyWriter, tok: Token) -> None:
    if "\n" in tok.content:
        for line in tok.content.split("\n")[1:]:
            match = _LOOKS_NUMBERED.match(line)
            if match and match.group(1) != "1":
                w.st.warn(
                    "markdown.list-as-text",
                    f"'{line.strip()[:40]}' is tekst, geen genummerd punt: een genummerde lijst "
                    "die niet bij 1 begint, moet na een lege regel beginnen",
                )
                break
    if w.row is not None:
        amount = prepare_amount(tok.children or [])
        w.row.cells.append(cell(render_inline(w.st, tok.children), w.align, amount))
        return
    il = render_inline(w.st, tok.children)
    closing = w.para is None
    if w.para is None:
        w.para = w._context_para()
    w.para.inline = il
    if il.images == 1:
        image = next(t for t in tok.children or [] if t.type == "image")
        w.para.alt = "".join(c.content for c in image.children or [])
    if closing:
        _paragraph_close(w, tok)


def _heading_open(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
    level = min(max(level, 1), 6)
    attrs = {str(k): str(v) for k, v in tok.attrs.items()}
    w.para = Para(w.styles(f"h{level}"), heading=level, attrs=attrs)
    w.para.automatic_id = bool(tok.meta.get("automatic_id"))


def _term_open(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    w.para = Para(w.styles("dt"))


def _definition(delta: int) -> Handler:
    def handler(w: BodyWriter, tok: Token) -> None:
        w.definition = max(w.definition + delta, 0)

    return handler


def _other_container_open(w: BodyWriter, tok: Token) -> None:
    name = tok.info.strip() or "(zonder naam)"
    w.st.warn(
        "markdown.unknown-node",
        f"onbekend blok '::: {name}'; de inhoud wordt gewone tekst (bekend zijn "
        "'::: pagebreak' en '::: landscape')",
    )


def _heading_close(w: BodyWriter, tok: Token) -> None:
    p = w.para
    w.para = None
    if p is None:
        return
    il = p.inline
    text = il.plain.strip() if il is not None else ""
    level = p.heading
    number = ""
    classes = p.attrs.get("class", "").split()
    if w.numbered and level <= 3:
        if "unnumbered" in classes or "-" in classes:
            none = w.st.numbering.unnumbered()
            p.num = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{none}"/></w:numPr>'
        else:
            for i in range(level - 1):  # a missing parent level counts as its first number,
                if w.counters[i] == 0:  # as Word and LibreOffice show it (## before any #)
                    w.counters[i] = 1
            w.counters[level - 1] += 1
            for i in range(level, len(w.counters)):
                w.counters[i] = 0
            number = ".".join(str(n) for n in w.counters[:level])
    bid = w.st.bookmark_id()
    name = p.attrs.get("id", "")
    if name in w.bookmarks and not p.automatic_id:
        w.st.warn("markdown.duplicate-id", f"kop-id '#{name}' komt al eerder voor; links gaan "
                  "naar de eerste kop met dit id")  # fmt: skip
    if not name or name in w.bookmarks:
        name = f"_Toc{bid:09d}"
    w.bookmarks.add(name)
    name = bookmark_name(name)
    ppr = w._ppr(p)
    if level <= 3:
        w.headings.append(TocEntry(level, number, text, name, w.page()))
    runs = il.xml() if il is not None else ""
    w._emit(
        f'<w:p>{ppr}<w:bookmarkStart w:id="{bid}" w:name="{esc(name)}"/>{runs}'
        f'<w:bookmarkEnd w:id="{bid}"/></w:p>',
        2.6 + len(text) / 60.0,
    )


def _list_open(ordered: bool) -> Handler:
    def handler(w: BodyWriter, tok: Token) -> None:
        w._flush_item()
        level = len(w.lists)
        keep_lead_in(w)
        if ordered:
            try:
                start = int(str(tok.attrs.get("start", 1)))
            except ValueError:
                start = 1
            num = w.st.numbering.ordered_list(level, start, tok.markup)
        else:
            num = w.st.numbering.bullet_list()
        w.lists.append(ListCtx(ordered, num, level, tight=True, quote=w.quote))

    return handler


def _list_close(w: BodyWriter, tok: Token) -> None:
    if w.lists:
        w.lists.pop()


def _item_open(w: BodyWriter, tok: Token) -> None:
    if w.lists:
        w.lists[-1].pending_item = True


def _item_close(w: BodyWriter, tok: Token) -> None:
    w._flush_item()


def _quote(delta: int) -> Handler:
    def handler(w: BodyWriter, tok: Token) -> None:
        if delta > 0:
            w._flush_item()
        w.quote = max(w.quote + delta, 0)

    return handler


def _code(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    content = tok.content[:-1] if tok.content.endswith("\n") else tok.content
    runs = f"<w:r>{run_text(content)}</w:r>" if content else ""
    w.simple_para(w.styles("code"), runs, 1.0 + content.count("\n"), w._indent())


def _math_block(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    tex = tok.content.strip()
    try:
        omml = tex_to_omml(tex)
    except Unsupported as exc:
        w.st.warn(
            "markdown.math",
            f"formule '{tex[:40]}' wordt als tekst getoond: {exc} kan regiogen niet omzetten "
            "naar een Word-vergelijking",
        )
        w.simple_para(w.styles("code"), f"<w:r>{run_text(tex)}</w:r>", 1.0 + tex.count("\n"))
        return
    para = w._context_para()
    math = f'<m:oMathPara xmlns:m="{M_NS}">{omml}</m:oMathPara>'
    w._emit(f"<w:p>{w._ppr(para)}{math}</w:p>", 2.0)


def _hr(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    w.simple_para(w.styles("hr"), "", 1.0)


def _html_block(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    content = tok.content
    if _COMMENT.match(content):
        w.st.warn("markdown.raw-html", "HTML-commentaar wordt weggelaten")
        return
    w.st.warn("markdown.raw-html", "HTML wordt niet in Word overgenomen; alleen de tekst blijft")
    text = " ".join(html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", content))).split())
    if text:
        para = w._context_para()
        w._emit(f"<w:p>{w._ppr(para)}{w._note_mark()}<w:r>{run_text(text)}</w:r></w:p>", 1.0)


#: Script and style elements: their content is code, not document text.
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def _footnote_open(w: BodyWriter, tok: Token) -> None:
    try:
        w.note = int((tok.meta or {}).get("id", 0)) + 1
    except (TypeError, ValueError):
        w.note = None
        return
    w.out = []
    w.st.in_note = True
    w.note_first = True
    w.quote = 0


def _footnote_close(w: BodyWriter, tok: Token) -> None:
    if w.note is not None:
        mark = w._note_mark()
        if mark:
            w.out.insert(
                0, f'<w:p><w:pPr><w:pStyle w:val="{w.styles("fn_text")}"/></w:pPr>{mark}</w:p>'
            )
        w.footnotes[w.note] = "".join(w.out)
    w.note = None
    w.st.in_note = False
    w.out = w.body


def _pagebreak_open(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    if w.page_break and w.note is None:  # a second break in a row: an empty page between
        w._flush_break()
    w.page_break = True


def _landscape_open(w: BodyWriter, tok: Token) -> None:
    w._flush_item()
    if w.landscape == 0 and w.note is None:
        if not w.reopen_landscape():  # straight after another landscape block: join it
            w.section_break(landscape=False)
        w.st.landscape = True
    w.landscape += 1


def _landscape_close(w: BodyWriter, tok: Token) -> None:
    if w.landscape == 0:
        return
    w.landscape -= 1
    if w.landscape == 0 and w.note is None:
        w.section_break(landscape=True)
        w.st.landscape = False


def _unknown(w: BodyWriter, tok: Token) -> None:
    w.st.warn("markdown.unknown-node", f"onbekend Markdown-onderdeel '{tok.type}'")
    if tok.children:
        _inline(w, tok)
    elif tok.content.strip():
        w.simple_para(w.styles("body"), f"<w:r>{run_text(tok.content.strip())}</w:r>")


#: One handler per block-level token type the parser produces.
BLOCK_HANDLERS: dict[str, Handler] = {
    "front_matter": _noop,  # read before writing (cover, properties)
    "paragraph_open": _paragraph_open,
    "paragraph_close": _paragraph_close,
    "inline": _inline,
    "heading_open": _heading_open,
    "heading_close": _heading_close,
    "bullet_list_open": _list_open(False),
    "bullet_list_close": _list_close,
    "ordered_list_open": _list_open(True),
    "ordered_list_close": _list_close,
    "list_item_open": _item_open,
    "list_item_close": _item_close,
    "blockquote_open": _quote(1),
    "blockquote_close": _quote(-1),
    "code_block": _code,
    "fence": _code,
    "hr": _hr,
    "math_block": _math_block,
    "html_block": _html_block,
    "table_open": table_open,
    "table_close": table_close,
    "thead_open": thead(True),
    "thead_close": thead(False),
    "tbody_open": _noop,
    "tbody_close": _noop,
    "tr_open": tr_open,
    "tr_close": tr_close,
    "th_open": cell_open,
    "th_close": _noop,
    "td_open": cell_open,
    "td_close": _noop,
    "footnote_block_open": _noop,
    "footnote_block_close": _noop,
    "footnote_open": _footnote_open,
    "footnote_close": _footnote_close,
    "footnote_anchor": _noop,  # the back-link "↩" has no place in Word
    "container_pagebreak_open": _pagebreak_open,
    "container_pagebreak_close": _noop,
    "container_landscape_open": _landscape_open,
    "container_landscape_close": _landscape_close,
    "container_overig_open": _other_container_open,
    "dl_open": _noop,
    "dl_close": _noop,
    "dt_open": _term_open,
    "dt_close": _paragraph_close,
    "dd_open": _definition(1),
    "dd_close": _definition(-1),
    "container_overig_close": _noop,
}


def write_body(w: BodyWriter, tokens: list[Token]) -> None:
    """Write all tokens through the dispatch table (unknown types are reported, kept)."""
    handlers = BLOCK_HANDLERS
    st = w.st
    for tok in tokens:
        if tok.map is not None:
            st.line = tok.map[0] + 1
        handlers.get(tok.type, _unknown)(w, tok)
    while w.landscape:
        w.landscape -= 1
        if not w.landscape:
            w.section_break(landscape=True)
            st.landscape = False
    if w.reopen_landscape():  # the document ends in landscape: no empty portrait page
        w.final_landscape = True
    st.line = None
    for anchor, line in st.internal_links:
        if anchor not in w.bookmarks:
            st.line = line
            st.warn("markdown.broken-link", f"interne link naar '#{anchor}', maar geen kop heeft "
                    "dat id")  # fmt: skip
