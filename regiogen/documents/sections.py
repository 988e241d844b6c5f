"""Required-section checks on a rendered Markdown document.

A section is a heading with an id attribute (``## Regio-afspraken {#regio-afspraken}``). It
is empty when nothing but headings stands between it and the next heading of the same or a
higher level. Headings may be retitled freely: only the ids count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from regiogen.diagnostics import Diagnostic, error


@dataclass(frozen=True)
class Section:
    """A heading with an id, where it starts, and whether anything is under it."""

    id: str
    level: int
    line: int
    title: str
    has_content: bool


def find_sections(tokens: Sequence[Token]) -> list[Section]:
    """All headings that carry an id written as ``{#id}``, in document order."""
    headings: list[tuple[int, int]] = []  # (token index, level)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append((index, int(token.tag[1:])))
    sections: list[Section] = []
    for number, (index, level) in enumerate(headings):
        token = tokens[index]
        ident = token.attrGet("id")
        if not ident or token.meta.get("automatic_id"):
            continue  # only ids written in the template count, not pandoc's automatic ones
        end = len(tokens)
        for later_index, later_level in headings[number + 1 :]:
            if later_level <= level:
                end = later_index
                break
        has_content = any(_is_content(tokens, i) for i in range(index + 3, end))
        title = tokens[index + 1].content if index + 1 < len(tokens) else ""
        line = (token.map[0] + 1) if token.map else 1
        sections.append(Section(str(ident), level, line, title, has_content))
    return sections


def check_sections(
    tokens: Sequence[Token],
    required: Sequence[str],
    *,
    path: str,
    template: str,
) -> list[Diagnostic]:
    """Report each required section id that is missing (``section.missing``) or empty.

    ``path`` is the rendered Markdown file the positions refer to; ``template`` names the
    template that produced it, so the user knows what to change.
    """
    found = {s.id: s for s in find_sections(tokens)}
    diagnostics: list[Diagnostic] = []
    for ident in required:
        section = found.get(ident)
        if section is None:
            diagnostics.append(
                error(
                    "section.missing",
                    f"verplichte sectie '{ident}' ontbreekt; zet in sjabloon {template} een kop "
                    f"met {{#{ident}}}",
                    path,
                )
            )
        elif not section.has_content:
            diagnostics.append(
                error(
                    "section.empty",
                    f"verplichte sectie '{ident}' ('{section.title}') is leeg",
                    path,
                    section.line,
                    1,
                )
            )
    return diagnostics


def _is_content(tokens: Sequence[Token], index: int) -> bool:
    """True for a token that is body text, not a heading or an empty line of text."""
    token = tokens[index]
    if token.type.startswith("heading"):
        return False
    if token.type == "inline":
        return tokens[index - 1].type != "heading_open" and bool(token.content.strip())
    return token.type not in {"paragraph_open", "paragraph_close"} and token.nesting >= 0
