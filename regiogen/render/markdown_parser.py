"""The one Markdown dialect regiogen reads: CommonMark plus the extensions documents need.

Enabled: GFM tables and strikethrough, footnotes, definition lists, sub- and superscript
(``H~2~O``, ``m^2^``), YAML front matter, heading attributes (``# Titel {#sectie-id .klasse}``,
as pandoc writes them), inline attributes, and the containers ``::: pagebreak`` and
``::: landscape``. Raw HTML is parsed (so it can be reported) but never passed on to Word.

Both the section checks and the Word writer use :func:`parse`, so they see the same tree.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_core import StateCore, normalize, text_join
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

#: Names of the ``::: name`` containers the writer understands.
CONTAINERS = ("pagebreak", "landscape")

_HEADING_ATTRS = re.compile(r"\s*\{((?:\s*[#.][\w:.-]+|\s*[\w-]+=[^\s}]+|\s*-)*)\s*\}\s*$")
#: An image's attribute block whose unquoted values hold a "." or "%" (``{width=2.5cm}``,
#: ``{width=50%}``): the attrs plugin only reads such values quoted, so they are quoted first.
_IMAGE_ATTRS = re.compile(r"(!\[[^\]\n]*\]\([^)\n]*\))\{([^}\n]*)\}")
_UNQUOTED = re.compile(r"([\w-]+)=([^\s\"'}]*[.%][^\s\"'}]*)")


@dataclass
class _Index:
    """The block tokens the later core rules visit, found in the one pass of _block_types."""

    inlines: list[Token] = field(default_factory=list)
    headings: list[tuple[Token, Token]] = field(default_factory=list)  # (heading_open, inline)
    items: list[tuple[Token, Token, Token]] = field(default_factory=list)  # item, p, inline


_ENV_KEY = "regiogen_index"
_INDEXED = frozenset({"inline", "heading_open", "list_item_open"})


def _note(index: _Index, tokens: list[Token], i: int) -> None:
    """Add ``tokens[i]`` to the index when a later rule needs it."""
    token = tokens[i]
    kind = token.type
    if kind == "inline":
        index.inlines.append(token)
    elif kind == "heading_open":
        if i + 1 < len(tokens):
            index.headings.append((token, tokens[i + 1]))
    elif (
        kind == "list_item_open"
        and i + 2 < len(tokens)
        and tokens[i + 1].type == "paragraph_open"
        and tokens[i + 2].type == "inline"
    ):
        index.items.append((token, tokens[i + 1], tokens[i + 2]))


def _index(state: StateCore) -> _Index:
    """The index _block_types made (or, when that rule is off, a new one)."""
    found = state.env.get(_ENV_KEY)
    if isinstance(found, _Index):
        return found
    index = _Index()
    for i in range(len(state.tokens)):
        _note(index, state.tokens, i)
    state.env[_ENV_KEY] = index
    return index


def _inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with a shortcut for text without markup.

    Content in which the inline parser's own terminator pattern finds no character (no
    ``*``, ``[``, ``\\``, ``&``, line break, …) can only become one text token, so that
    token is made directly instead of running every inline rule over it. The result is
    the same token tree; a test compares it with markdown-it's rule.
    """
    md = state.md
    inline = md.inline
    terminators: re.Pattern[str] | None = getattr(inline, "terminator_re", None)  # >= 4.x
    env = state.env
    for token in _index(state).inlines:
        if token.children is None:
            token.children = []
        content = token.content
        if (
            terminators is not None
            and content
            and not token.children
            and terminators.search(content) is None
        ):
            token.children.append(Token("text", "", 0, content=content))
        else:
            inline.parse(content, md, env, token.children)


def _normalize(state: StateCore) -> None:
    """markdown-it's ``normalize`` rule, skipped when there is no CR or NUL to replace."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _is_plain(token: Token) -> bool:
    children = token.children
    return (
        children is not None
        and len(children) == 1
        and children[0].type == "text"
        and not children[0].children
    )


def _text_join(state: StateCore) -> None:
    """markdown-it's ``text_join`` rule, on the inline tokens with more than one plain text."""
    tokens = state.tokens
    state.tokens = [t for t in tokens if t.type == "inline" and not _is_plain(t)]
    try:
        text_join(state)
    finally:
        state.tokens = tokens


def _heading_attributes(state: StateCore) -> None:
    """Move a trailing ``{#id .class key=value}`` of a heading into the heading's attrs."""
    for token, inline in _index(state).headings:
        match = _HEADING_ATTRS.search(inline.content)
        if not match:
            continue
        classes: list[str] = []
        for part in match.group(1).split():
            if part == "-":
                classes.append("unnumbered")  # pandoc's short form of {.unnumbered}
            elif part.startswith("#"):
                token.attrSet("id", part[1:])
            elif part.startswith("."):
                classes.append(part[1:])
            elif "=" in part:
                key, value = part.split("=", 1)
                token.attrSet(key, value.strip("\"'"))
        if classes:
            token.attrSet("class", " ".join(classes))
        inline.content = inline.content[: match.start()].rstrip()
        # Drop the attribute text from the already tokenised children, if any.
        if inline.children:
            last = inline.children[-1]
            if last.type == "text":
                last.content = _HEADING_ATTRS.sub("", last.content).rstrip()


def slug(text: str) -> str:
    """pandoc's automatic heading identifier: lower case, words joined by hyphens,
    punctuation dropped (letters with accents stay), nothing before the first letter."""
    kept = "".join(
        ch if ch.isalnum() or ch in "_-." else "-" if ch.isspace() else "" for ch in text.lower()
    )
    kept = re.sub(r"-+", "-", kept).strip("-")
    while kept and not kept[0].isalpha():
        kept = kept[1:]
    return kept or "sectie"


def _automatic_ids(state: StateCore) -> None:
    """Give every heading without ``{#id}`` pandoc's automatic id, so ``[zie](#kop)`` works.

    Explicit ids are kept as written; an automatic id that is already taken gets ``-1``,
    ``-2``, … as in pandoc.
    """
    headings = _index(state).headings
    used = {str(t.attrGet("id")) for t, _ in headings if t.attrGet("id")}
    for token, inline in headings:
        if token.attrGet("id"):
            continue
        children = inline.children or []
        text = "".join(c.content for c in children if c.type in {"text", "code_inline"})
        base = slug(text or inline.content)
        ident, n = base, 0
        while ident in used:
            n += 1
            ident = f"{base}-{n}"
        used.add(ident)
        token.attrSet("id", ident)
        token.meta["automatic_id"] = True


_TASK = re.compile(r"\[([ xX])\](?:[ \t]+|$)")


def _task_items(state: StateCore) -> None:
    """GitHub task lists: ``- [ ] actie`` and ``- [x] gedaan`` become ☐ and ☒, as in pandoc.

    The box is plain text, so every writer shows it; the list item gets the class
    ``task-list-item``.
    """
    for token, _paragraph, inline in _index(state).items:
        first = inline.children[0] if inline.children else None
        if first is None or first.type != "text":
            continue
        match = _TASK.match(first.content)
        if not match:
            continue
        box = "☐" if match.group(1) == " " else "☒"
        first.content = f"{box} {first.content[match.end() :]}"
        inline.content = f"{box} {inline.content[match.end() :]}"
        token.attrSet("class", "task-list-item")


def _block_types(state: StateCore) -> None:
    """One pass over the block tokens: index them, name containers, count excess table cells.

    The index holds what the later core rules visit (inline tokens, headings, list items),
    so they need not walk every token again.

    All ``::: naam`` blocks are read by one container rule (one rule is tried per block
    instead of one per name); here each gets the type the writers dispatch on:
    ``container_pagebreak_open``, ``container_landscape_open`` or, for any other name,
    ``container_overig_open``. A GFM table row with more cells than the header loses the
    extra cells; their number goes into ``tr_open.meta`` so the writers can report it
    instead of losing the text in silence.
    """
    lines: list[str] | None = None
    columns = 0
    open_names: list[str] = []
    tokens = state.tokens
    index = _Index()
    state.env[_ENV_KEY] = index
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in _INDEXED:
            _note(index, tokens, i)
        elif kind == "container_blok_open":
            word = token.info.strip().split(" ", 2)[0]  # as mdit-py-plugins' own validation
            name = word if word in CONTAINERS else "overig"
            open_names.append(name)
            token.type = f"container_{name}_open"
            if lines is None:
                lines = state.src.split("\n")
            if token.map and not _closes_container(lines, token.map[1]):
                token.meta["niet_gesloten"] = True
        elif kind == "fence" and token.map:
            if lines is None:
                lines = state.src.split("\n")
            if not _closes_fence(lines, token.map, token.markup):
                token.meta["niet_gesloten"] = True
        elif kind == "container_blok_close":
            token.type = f"container_{open_names.pop() if open_names else 'overig'}_close"
        elif kind == "thead_open":
            columns = 0
        elif kind == "th_open":
            columns += 1
        elif kind == "tr_open" and token.map and columns:
            if lines is None:
                lines = state.src.split("\n")
            text = lines[token.map[0]].strip() if token.map[0] < len(lines) else ""
            inner = text.removeprefix("|").removesuffix("|")
            if inner.count("|") < columns:  # at most `columns` cells: nothing dropped
                continue
            cells = escaped_split(inner)
            if len(cells) > columns:
                token.meta["overtollige_cellen"] = len(cells) - columns


def _closes_container(lines: list[str], end: int) -> bool:
    """True when line ``end`` (0-based) holds the ``:::`` that closed a container."""
    return end < len(lines) and ":::" in lines[end]


def _closes_fence(lines: list[str], span: list[int], markup: str) -> bool:
    """True when the last line of a fenced code block is its closing fence."""
    last = span[1] - 1
    if last <= span[0] or last >= len(lines) or not markup:
        return False
    text = lines[last].lstrip(" >\t")
    return text.startswith(markup) and not text.rstrip().strip(markup[0])


def _render_container(name: str) -> Any:
    """HTML render rule of a named container: a ``div`` with the name as its class."""

    def render(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        if tokens[idx].nesting == 1:
            tokens[idx].attrJoin("class", name)
        return self.renderToken(tokens, idx, options, env)

    return render


def _build() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)  # "Term" / ": definitie": begrippenlijsten
        .use(sub_plugin)  # H~2~O
        .use(superscript_plugin)  # m^2^
        .use(attrs_plugin)
        # $x^2$ and $$...$$: Word equations; "$ 5" and "$5" stay text (as in pandoc)
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False)
    )
    # commonmark's preset stops at nesting 20 and silently drops deeper text (a list of
    # more than 10 levels); 50 keeps 25 list levels and still bounds the recursion.
    md.options["maxNesting"] = 50
    # Every "::: naam" block, known or not, is read by one rule (so the markers of an
    # unknown block never leak into the text); _block_types names them afterwards. The
    # writers report an unknown name and keep its content as ordinary text.
    md.use(container_plugin, name="blok", validate=lambda params, *args: True)
    blok = next(r for r in md.block.ruler.__rules__ if r.name == "container_blok")
    md.block.ruler.at("container_blok", _guarded(blok.fn), {"alt": blok.alt})
    for name in (*CONTAINERS, "overig"):
        md.add_render_rule(f"container_{name}_open", _render_container(name))
        md.add_render_rule(f"container_{name}_close", _render_container(name))
    # Same results as markdown-it's own rules, with shortcuts for the common case (plain
    # text); tests/test_markdown_parser.py compares both on fixtures and random text.
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline)
    md.core.ruler.at("text_join", _text_join)
    # Run before "inline" so the children never see the attribute text.
    md.core.ruler.before("inline", "heading_attributes", _heading_attributes)
    md.core.ruler.after("inline", "automatic_ids", _automatic_ids)
    md.core.ruler.push("task_items", _task_items)  # after text_join: one text token to read
    md.core.ruler.after("block", "block_types", _block_types)
    return md


def escaped_split(text: str) -> list[str]:
    """markdown-it's ``escapedSplit`` (a table row into cells), with a shortcut for a row
    without a backslash (nothing escaped: a plain split on ``|``, done in C); the same
    result for every text (tests/test_markdown_parser.py compares them)."""
    if "\\" not in text:
        return text.split("|")
    return escapedSplit(text)


@lru_cache(maxsize=1)
def create_parser() -> MarkdownIt:
    """Return the shared, configured parser (built once per process).

    The table rule reads ``escapedSplit`` from its module: that name is pointed at
    :func:`escaped_split`, which gives the same cells faster.
    """
    # (the package exports the rule function under the module's name: ask for the module)
    setattr(importlib.import_module("markdown_it.rules_block.table"), "escapedSplit", escaped_split)  # noqa: B010
    return _build()


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def _quote_image_attributes(text: str) -> str:
    """Quote ``{width=2.5cm}`` after images (outside fenced code, which stays literal)."""
    if "){" not in text:
        return text
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if "){" in line:
            lines[i] = _IMAGE_ATTRS.sub(
                lambda m: m.group(1) + "{" + _UNQUOTED.sub(r'\1="\2"', m.group(2)) + "}", line
            )
    return "\n".join(lines)


def parse(text: str) -> list[Token]:
    """Parse Markdown text into markdown-it-py's flat token stream."""
    prepared = _quote_image_attributes(text)
    try:
        return create_parser().parse(prepared)
    except ContainerPastTheEnd:
        # Ended by a newline the same text parses; a newline is not added to every text,
        # because it changes the tokens of others (an unclosed fence at the end, for one).
        if prepared.endswith("\n"):
            raise
        return create_parser().parse(prepared + "\n")


class ContainerPastTheEnd(IndexError):
    """mdit-py-plugins' container rule read past the end of the text: it does so when the
    last line is a quote line without a newline after a ``:::`` line (``> ::: landscape\n> ``);
    :func:`parse` then reads the text ended by a newline."""


def _guarded(rule: Any) -> Any:
    """The container rule, its reading past the end raised as :class:`ContainerPastTheEnd`
    (an IndexError from any other rule stays what it is)."""

    def container(state: Any, start: int, end: int, silent: bool) -> bool:
        try:
            return bool(rule(state, start, end, silent))
        except IndexError as exc:
            raise ContainerPastTheEnd(str(exc)) from exc

    return container
