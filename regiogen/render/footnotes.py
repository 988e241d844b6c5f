"""Footnote labels that do not add up: defined twice, never used, or used but not defined.

markdown-it's footnote plugin handles these quietly: a second definition replaces the first,
an unused definition is dropped (its text never reaches the document) and a reference
without a definition stays as the literal text ``[^label]``. :func:`footnote_problems`
finds them so the writers can say so.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_LITERAL = ("fence", "code_block", "html_block")


def _code_lines(tokens: list[Token]) -> set[int]:
    """0-based lines inside code and HTML blocks, where ``[^x]:`` is no definition."""
    lines: set[int] = set()
    for token in tokens:
        if token.type in _LITERAL and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines


def _references(tokens: list[Token]) -> set[str]:
    labels: set[str] = set()
    for token in tokens:
        for child in token.children or ():
            if child.type == "footnote_ref" and child.meta.get("label") is not None:
                labels.add(str(child.meta["label"]))
    return labels


def footnote_problems(text: str, tokens: list[Token]) -> list[tuple[int, str]]:
    """(1-based line, Dutch message) for each footnote label that does not add up."""
    problems: list[tuple[int, str]] = []
    code = _code_lines(tokens)
    used = _references(tokens)
    defined: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")):
        match = _DEFINITION.match(line)
        if match is None or number in code:
            continue
        label = match.group(1)
        if label in defined:
            first = defined[label]
            message = f"voetnoot [^{label}] staat al op regel {first}; deze definitie vervangt die"
            problems.append((number + 1, message))
        else:
            defined[label] = number + 1
        if label not in used:
            problems.append((number + 1, f"voetnoot [^{label}] wordt nergens gebruikt; de "
                             "tekst komt niet in het document"))  # fmt: skip
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        for child in token.children or ():
            if child.type != "text" or "[^" not in child.content:
                continue
            for match in _REFERENCE.finditer(child.content):
                if match.group(1) not in defined:
                    problems.append((token.map[0] + 1, f"voetnoot [^{match.group(1)}] heeft "
                                     "geen definitie ('[^label]: tekst'); de verwijzing blijft "
                                     "als tekst staan"))  # fmt: skip
    return problems
