"""Inline Markdown (the children of an ``inline`` token) → Word runs.

One handler per inline token type in :data:`INLINE_HANDLERS`; an unknown type is
reported as ``markdown.unknown-node`` and its text kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token

from .images import image_run
from .math import Unsupported, tex_to_omml
from .state import DocState
from .xmlutil import bookmark_name, esc, run_text, unbreakable_dates

_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


#: Run properties per (style, bold, italic, strike, shift): a handful of distinct values.
_RPR: dict[tuple[str, bool, bool, bool, str], str] = {}


@dataclass(slots=True)
class Inline:
    """The runs of one paragraph (or cell, heading, footnote paragraph)."""

    st: DocState
    parts: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    bold: int = 0
    italic: int = 0
    strike: int = 0
    sub: int = 0
    sup: int = 0
    link_depth: int = 0
    link_start: list[tuple[int, str, str]] = field(default_factory=list)
    images: int = 0
    plain_runs: int = 0  # runs of non-whitespace text outside bold
    bold_runs: int = 0

    def rpr(self, style: str = "") -> str:
        """Run properties for the current formatting."""
        if not (style or self.link_depth or self.bold or self.italic or self.strike or self.sub
                or self.sup):  # fmt: skip
            return ""
        if not style and self.link_depth:
            style = self.st.styles("hyperlink")
        shift = "superscript" if self.sup > 0 else "subscript" if self.sub > 0 else ""
        key = (style, self.bold > 0, self.italic > 0, self.strike > 0, shift)
        cached = _RPR.get(key)
        if cached is None:
            inner = f'<w:rStyle w:val="{style}"/>' if style else ""
            inner += "<w:b/><w:bCs/>" if key[1] else ""
            inner += "<w:i/><w:iCs/>" if key[2] else ""
            inner += "<w:strike/>" if key[3] else ""
            inner += f'<w:vertAlign w:val="{shift}"/>' if shift else ""
            cached = f"<w:rPr>{inner}</w:rPr>" if inner else ""
            _RPR[key] = cached
        return cached

    def add_text(self, content: str, style: str = "") -> None:
        """Add a run of text with the current formatting."""
        if not content:
            return
        shown = unbreakable_dates(content)
        self.parts.append(f"<w:r>{self.rpr(style)}{run_text(shown)}</w:r>")
        self.text.append(content)
        if content.strip():
            if self.bold:
                self.bold_runs += 1
            else:
                self.plain_runs += 1

    @property
    def plain(self) -> str:
        """The plain text of the runs."""
        return "".join(self.text)

    @property
    def all_bold(self) -> bool:
        """True when every visible character is bold (a totals row, for instance)."""
        return self.bold_runs > 0 and self.plain_runs == 0

    def xml(self) -> str:
        """The runs as XML."""
        return "".join(self.parts)


Handler = Callable[[Inline, Token], None]


def _text(il: Inline, tok: Token) -> None:
    il.add_text(tok.content)


def _softbreak(il: Inline, tok: Token) -> None:
    il.add_text(" ")


def _hardbreak(il: Inline, tok: Token) -> None:
    il.parts.append("<w:r><w:br/></w:r>")
    il.text.append("\n")


def _counter(name: str, delta: int) -> Handler:
    def handler(il: Inline, tok: Token) -> None:
        setattr(il, name, max(getattr(il, name) + delta, 0))

    return handler


def _code_inline(il: Inline, tok: Token) -> None:
    il.add_text(tok.content, il.st.styles("code_char"))


def _link_open(il: Inline, tok: Token) -> None:
    href = str(tok.attrs.get("href", ""))
    title = str(tok.attrs.get("title", ""))
    il.link_depth += 1
    il.link_start.append((len(il.parts), href, title))


def _link_close(il: Inline, tok: Token) -> None:
    if not il.link_start:
        return
    il.link_depth = max(il.link_depth - 1, 0)
    start, href, title = il.link_start.pop()
    inner = "".join(il.parts[start:])
    del il.parts[start:]
    if not inner:
        return
    tip = f' w:tooltip="{esc(title)}"' if title else ""
    if href.startswith("#") and len(href) > 1:
        anchor = html.unescape(href[1:])
        il.st.internal_links.append((anchor, il.st.line))
        il.parts.append(
            f'<w:hyperlink w:anchor="{esc(bookmark_name(anchor))}" w:history="1">'
            f"{inner}</w:hyperlink>"
        )
        return
    if not href:
        il.parts.append(inner)
        return
    rid = il.st.part_rels().add("hyperlink", href, external=True)
    il.parts.append(f'<w:hyperlink r:id="{rid}"{tip} w:history="1">{inner}</w:hyperlink>')


def _image(il: Inline, tok: Token) -> None:
    alt = "".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline"))
    attrs = {str(k): str(v) for k, v in tok.attrs.items()}
    run = image_run(il.st, attrs.get("src", ""), alt, attrs)
    if run is None:
        if alt:
            il.italic += 1
            il.add_text(alt)
            il.italic -= 1
        return
    il.parts.append(run)
    il.images += 1


def _html_inline(il: Inline, tok: Token) -> None:
    content = tok.content.strip()
    if _BR.match(content):
        _hardbreak(il, tok)
        return
    il.st.warn("markdown.raw-html", f"HTML in de tekst wordt weggelaten: {content[:40]}")
    text = html.unescape(_TAG.sub("", tok.content))
    il.add_text(text)


def _footnote_ref(il: Inline, tok: Token) -> None:
    meta = tok.meta or {}
    try:
        note = int(meta.get("id", 0)) + 1
        sub = int(meta.get("subId", 0))
    except (TypeError, ValueError):
        return
    ref_style = il.st.styles("fn_ref")
    rpr = f'<w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr>'
    if sub == 0 and note not in il.st.footnote_refs:
        il.st.footnote_refs.add(note)
        bid = il.st.bookmark_id()
        il.parts.append(
            f'<w:bookmarkStart w:id="{bid}" w:name="_RefNote{note}"/>'
            f'<w:r>{rpr}<w:footnoteReference w:id="{note}"/></w:r>'
            f'<w:bookmarkEnd w:id="{bid}"/>'
        )
    else:
        il.parts.append(
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> NOTEREF _RefNote{note} \\f \\h </w:instrText>'
            f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>{note}</w:t></w:r>"
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )


def _unknown(il: Inline, tok: Token) -> None:
    il.st.warn("markdown.unknown-node", f"onbekend Markdown-onderdeel '{tok.type}'")
    if tok.content:
        il.add_text(tok.content)
    for child in tok.children or []:
        INLINE_HANDLERS.get(child.type, _unknown)(il, child)


#: One handler per inline token type the parser produces.
def _math(il: Inline, tok: Token) -> None:
    try:
        il.parts.append(tex_to_omml(tok.content))
    except Unsupported as exc:
        il.st.warn(
            "markdown.math",
            f"formule '{tok.content[:40]}' wordt als tekst getoond: {exc} kan regiogen niet "
            "omzetten naar een Word-vergelijking",
        )
        il.italic += 1
        il.add_text(tok.content)
        il.italic -= 1
        return
    il.text.append(tok.content)
    il.plain_runs += 1


INLINE_HANDLERS: dict[str, Handler] = {
    "math_inline": _math,
    "text": _text,
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "em_open": _counter("italic", 1),
    "em_close": _counter("italic", -1),
    "strong_open": _counter("bold", 1),
    "strong_close": _counter("bold", -1),
    "s_open": _counter("strike", 1),
    "s_close": _counter("strike", -1),
    "sub_open": _counter("sub", 1),
    "sub_close": _counter("sub", -1),
    "sup_open": _counter("sup", 1),
    "sup_close": _counter("sup", -1),
    "code_inline": _code_inline,
    "link_open": _link_open,
    "link_close": _link_close,
    "image": _image,
    "html_inline": _html_inline,
    "footnote_ref": _footnote_ref,
}


def render_inline(st: DocState, children: list[Token] | None, *, bold: bool = False) -> Inline:
    """Render inline tokens into runs."""
    il = Inline(st)
    if bold:
        il.bold = 1
    if children is not None and len(children) == 1 and children[0].type == "text":
        il.add_text(children[0].content)  # the common case: one run of plain text
        return il
    handlers = INLINE_HANDLERS
    for tok in children or ():
        handlers.get(tok.type, _unknown)(il, tok)
    while il.link_start:  # unbalanced (cannot happen with markdown-it, but never lose text)
        _link_close(il, Token("link_close", "a", -1))
    return il
