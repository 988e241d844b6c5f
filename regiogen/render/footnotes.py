"""Footnote labels that do not add up: defined twice, never used, or used but not defined.

markdown-it's footnote plugin handles these quietly: a second definition replaces the first,
an unused definition is dropped (its text never reaches the document) and a reference
without a definition stays as the literal text ``[^label]``. :func:`footnote_problems`
finds them so the writers can say so.
"""

from __future__ import annotations

import re

from .survey import Survey

_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


def _definitions(text: str) -> list[tuple[str, int]]:
    """(label, 0-based line) of each line that starts (after up to 3 spaces) with ``[^x]:``."""
    found: list[tuple[str, int]] = []
    line, counted = 0, 0
    at = text.find("[^")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        match = _LABEL.match(text, at)
        indent = text[start:at]
        if match and text.startswith(":", match.end()) and len(indent) <= 3 and not indent.strip():
            line += text.count("\n", counted, at)
            counted = at
            found.append((match.group(1), line))
        at = text.find("[^", at + 2)
    return found


def footnote_problems(text: str, facts: Survey) -> list[tuple[int, str]]:
    """(1-based line, Dutch message) for each footnote label that does not add up."""
    if "[^" not in text:
        return []
    inlines = facts.note_inlines  # only these can refer to a footnote by label
    code = facts.code  # lines where "[^x]:" is no definition
    used = {
        str(child.meta["label"])
        for token in inlines
        for child in token.children or ()
        if child.type == "footnote_ref" and child.meta.get("label") is not None
    }
    problems: list[tuple[int, str]] = []
    defined: dict[str, int] = {}
    for label, line in _definitions(text):
        if any(line in lines for lines in code):
            continue
        if label in defined:
            first = defined[label]
            message = f"voetnoot [^{label}] staat al op regel {first}; deze definitie vervangt die"
            problems.append((line + 1, message))
        else:
            defined[label] = line + 1
        if label not in used:
            problems.append((line + 1, f"voetnoot [^{label}] wordt nergens gebruikt; de "
                             "tekst komt niet in het document"))  # fmt: skip
    for token in inlines:
        if not token.map:
            continue
        for child in token.children or ():
            if child.type != "text" or "[^" not in child.content:
                continue
            for match in _LABEL.finditer(child.content):
                if match.group(1) not in defined:
                    problems.append((token.map[0] + 1, f"voetnoot [^{match.group(1)}] heeft "
                                     "geen definitie ('[^label]: tekst'); de verwijzing blijft "
                                     "als tekst staan"))  # fmt: skip
    return problems
