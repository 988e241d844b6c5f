"""The one Markdown dialect regiogen reads: CommonMark plus the extensions documents need.

Enabled: GFM tables and strikethrough, footnotes, YAML front matter, heading attributes
(``# Titel {#sectie-id .klasse}``, as pandoc writes them), inline attributes, and the
containers ``::: pagebreak`` and ``::: landscape``. Raw HTML is parsed (so it can be
reported) but never passed on to Word.

Both the section checks and the Word writer use :func:`parse`, so they see the same tree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

#: Names of the ``::: name`` containers the writer understands.
CONTAINERS = ("pagebreak", "landscape")

_HEADING_ATTRS = re.compile(r"\s*\{((?:\s*[#.][\w:.-]+|\s*[\w-]+=\S+)*)\s*\}\s*$")


def _heading_attributes(state: StateCore) -> None:
    """Move a trailing ``{#id .class key=value}`` of a heading into the heading's attrs."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        match = _HEADING_ATTRS.search(inline.content)
        if not match:
            continue
        classes: list[str] = []
        for part in match.group(1).split():
            if part.startswith("#"):
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


def _mark_excess_cells(state: StateCore) -> None:
    """Note in ``tr_open.meta`` how many cells of a body row GFM drops.

    A GFM table row with more cells than the header loses the extra cells; the writers
    report that instead of losing the text in silence.
    """
    lines = state.src.split("\n")
    columns = 0
    for token in state.tokens:
        if token.type == "thead_open":
            columns = 0
        elif token.type == "th_open":
            columns += 1
        elif token.type == "tr_open" and token.map and columns:
            text = lines[token.map[0]].strip() if token.map[0] < len(lines) else ""
            cells = escapedSplit(text.removeprefix("|").removesuffix("|"))
            if len(cells) > columns:
                token.meta["overtollige_cellen"] = len(cells) - columns


def excess_cells(tokens: list[Token]) -> list[tuple[int, int]]:
    """(1-based line, number of dropped cells) for each table row that has too many cells."""
    return [
        (t.map[0] + 1, t.meta["overtollige_cellen"])
        for t in tokens
        if t.type == "tr_open" and t.map and t.meta.get("overtollige_cellen")
    ]


def _build() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(attrs_plugin)
    )
    # commonmark's preset stops at nesting 20 and silently drops deeper text (a list of
    # more than 10 levels); 50 keeps 25 list levels and still bounds the recursion.
    md.options["maxNesting"] = 50
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    # Run before "inline" so the children never see the attribute text.
    md.core.ruler.before("inline", "heading_attributes", _heading_attributes)
    md.core.ruler.after("block", "excess_cells", _mark_excess_cells)
    return md


@lru_cache(maxsize=1)
def create_parser() -> MarkdownIt:
    """Return the shared, configured parser (built once per process)."""
    return _build()


def parse(text: str) -> list[Token]:
    """Parse Markdown text into markdown-it-py's flat token stream."""
    return create_parser().parse(text)
