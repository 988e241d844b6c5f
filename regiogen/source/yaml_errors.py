"""Turning bytes and YAML errors into Dutch diagnostics with a position."""

from __future__ import annotations

import yaml

from regiogen.diagnostics import Diagnostic, error, warning


def decode_bytes(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8, reporting a BOM, binary junk and bad bytes with position."""
    diagnostics: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diagnostics.append(
            warning(
                "yaml.bom",
                "bestand begint met een byte-order-mark (BOM); die wordt genegeerd. "
                "Sla het bestand op als UTF-8 zonder BOM",
                display,
                1,
                1,
            )
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        diagnostics.append(
            error(
                "io.binary",
                "bestand bevat binaire gegevens (een NUL-teken); is dit wel een YAML-bestand?",
                display,
                line,
                col,
            )
        )
        return None, diagnostics
    try:
        return raw.decode("utf-8"), diagnostics
    except UnicodeDecodeError as exc:
        diagnostics.append(encoding_error(raw, exc, display))
        return None, diagnostics


def encoding_error(raw: bytes, exc: UnicodeDecodeError, display: str) -> Diagnostic:
    """``io.encoding`` at the line and column of the first byte that is not UTF-8."""
    line = raw.count(b"\n", 0, exc.start) + 1
    col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return error(
        "io.encoding",
        f"ongeldige UTF-8 (byte 0x{raw[exc.start]:02x}); "
        "sla het bestand op als UTF-8 (in Excel/Kladblok: 'UTF-8')",
        display,
        line,
        col,
    )


def yaml_error(exc: yaml.YAMLError, display: str, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem_text = str(getattr(exc, "problem", "") or "")
    at_end = "end of stream" in problem_text or "<stream end>" in problem_text
    if mark is not None and not at_end:  # libyaml says "did not find expected ..." at the end
        lines = text.split("\n")
        if mark.line >= len(lines):
            at_end = True
        else:
            rest = "\n".join([lines[mark.line][mark.column :], *lines[mark.line + 1 :]])
            at_end = not rest.strip()
    problem = str(getattr(exc, "problem", "") or exc)
    if mark is not None and ("\\t" in problem or _tab_at(text, mark.line + 1, mark.column + 1)):
        return error(
            "yaml.tab",
            "tab-teken gevonden; YAML gebruikt spaties voor inspringing, geen tabs",
            display,
            mark.line + 1,
            mark.column + 1,
        )
    message = f"YAML-syntaxfout: {_dutch_problem(problem)}"
    context = str(getattr(exc, "context", "") or "")
    opened = getattr(exc, "context_mark", None)
    if opened is not None and (at_end or context.startswith("while parsing a flow")):
        # point at where the unclosed quote or bracket began, not where the parser noticed
        if mark is not None and opened.line != mark.line and not at_end:
            message += f" (wat hier begint, is op regel {mark.line + 1} nog niet gesloten)"
        mark = opened
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    return error("yaml.syntax", message, display, line, col)


def _tab_at(text: str, line: int | None, col: int | None) -> bool:
    """True when the character at (line, col) or the indentation before it holds a tab."""
    if line is None or col is None:
        return False
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return False
    return "\t" in lines[line - 1][:col]


_PROBLEMS = {
    "mapping values are not allowed": "hier mag geen ':' met waarde staan "
    "(staat er een dubbele punt in tekst zonder aanhalingstekens, of klopt de inspringing niet?)",
    "could not find expected ':'": "verwachtte een ':' na de sleutel",
    "found undefined alias": "onbekend anker (*naam zonder &naam)",
    "found unexpected end of stream": "bestand houdt onverwacht op (ontbreekt een afsluitend "
    "aanhalingsteken of haakje?)",
    "did not find expected key": "de inspringing klopt niet: deze regel staat niet even ver "
    "ingesprongen als de sleutels erboven (gebruik steeds evenveel spaties per niveau)",
    "did not find expected '-' indicator": "de inspringing klopt niet: deze regel staat niet "
    "even ver ingesprongen als de regels van het lijstonderdeel erboven. Zet hem recht onder "
    "die regels, of begin een nieuw lijstonderdeel met '- '",
    "found unknown escape character": "onbekend escape-teken na '\\' tussen dubbele "
    "aanhalingstekens",
    "expected <document start>, but found": "onverwachte inhoud; klopt de inspringing?",
    "did not find expected node content": "verwachtte een waarde",
    "found character that cannot start any token": "teken dat hier niet mag staan",
    "found unexpected ':'": "onverwachte ':'",
    "expected ',' or ']'": "verwachtte ',' of ']'",
    "expected ',' or '}'": "verwachtte ',' of '}'",
    "while scanning a quoted scalar": "aanhalingsteken wordt niet gesloten",
    "expected a single document in the stream": "bestand bevat meer dan één YAML-document "
    "(een tweede '---'); zet elk document in een eigen bestand",
    "found invalid Unicode character escape code": "ongeldige Unicode-code na \\u of \\U "
    "(zoals een losse surrogaat \\ud800)",
    "special characters are not allowed": "stuurteken dat in YAML niet mag staan",
}


def _dutch_problem(problem: str) -> str:
    for english, dutch in _PROBLEMS.items():
        if english in problem:
            return dutch
    return problem
