"""One pass over parsed tokens for what the Word writer checks before it writes.

Walking tens of thousands of tokens costs milliseconds per pass, so the notices about
dropped table cells, unclosed blocks and footnote labels, and whether there is a landscape
block, are gathered together here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

_LITERAL = frozenset({"fence", "code_block", "html_block"})


@dataclass
class Survey:
    """Facts about one token stream (lines are 1-based)."""

    excess: list[tuple[int, int]] = field(default_factory=list)  # (line, dropped cells)
    unclosed: list[tuple[int, str]] = field(default_factory=list)  # (line, what)
    landscape: bool = False
    note_inlines: list[Token] = field(default_factory=list)  # inline tokens holding "[^"
    code: list[range] = field(default_factory=list)  # 0-based lines of code and HTML blocks


def survey(tokens: Sequence[Token]) -> Survey:
    """Walk the tokens once (see :class:`Survey`)."""
    found = Survey()
    for token in tokens:
        kind = token.type
        if kind == "inline":
            if "[^" in token.content:
                found.note_inlines.append(token)
            continue
        if kind in _LITERAL and token.map:
            found.code.append(range(token.map[0], token.map[1]))
        if kind == "container_landscape_open":
            found.landscape = True
        if not token.meta or not token.map:
            continue
        if kind == "tr_open" and token.meta.get("overtollige_cellen"):
            found.excess.append((token.map[0] + 1, token.meta["overtollige_cellen"]))
        elif token.meta.get("niet_gesloten"):
            what = "codeblok (```)" if kind == "fence" else f"blok '::: {token.info.strip()}'"
            found.unclosed.append((token.map[0] + 1, what))
    return found
