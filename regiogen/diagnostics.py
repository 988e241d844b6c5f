"""Diagnostics: one format for every problem regiogen reports.

A diagnostic reads ``path:line:col: severity[code]: message``; line and column are
1-based and dropped when unknown. Codes are stable and listed in :data:`CODES`;
messages are in Dutch. Stages collect diagnostics in a list and go on where they
can; only the CLI prints them and chooses the exit code.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

#: Every code regiogen emits outside the rule catalogue, with a one-line Dutch description.
#: Rule codes (``iza.*``) live in :mod:`regiogen.rules`.
CODES: dict[str, str] = {
    # reading files
    "io.not-found": "bestand of map bestaat niet",
    "io.unreadable": "bestand kan niet worden gelezen",
    "io.encoding": "bestand is geen geldige UTF-8-tekst",
    "io.too-large": "bestand is te groot",
    "io.binary": "bestand bevat binaire gegevens",
    "io.outside-project": "pad wijst naar een plek buiten het project",
    "io.write": "uitvoer kan niet worden geschreven",
    # YAML
    "yaml.syntax": "YAML-syntaxfout",
    "yaml.tab": "tab gebruikt voor inspringing",
    "yaml.duplicate-key": "sleutel komt twee keer voor",
    "yaml.duplicate-top-key": "hoofdsleutel staat in twee bestanden",
    "yaml.tag": "niet-toegestane YAML-tag",
    "yaml.alias": "te veel of te diep geneste aliassen",
    "yaml.too-deep": "te diep geneste structuur",
    "yaml.not-mapping": "bestand bevat geen sleutel-waardeparen",
    "yaml.bom": "bestand begint met een byte-order-mark",
    "text.control-char": "teken dat Word niet kan opslaan",
    # schema
    "schema.unknown-key": "onbekende sleutel",
    "schema.missing": "verplicht veld ontbreekt",
    "schema.type": "waarde heeft het verkeerde type",
    "schema.value": "ongeldige waarde",
    "schema.money": "ongeldig bedrag",
    "schema.money-ambiguous": "dubbelzinnig bedrag",
    "schema.date": "ongeldige datum",
    "ref.unknown": "verwijzing naar onbekend id",
    "ref.duplicate-id": "id komt twee keer voor",
    "ref.cycle": "verwijzingen vormen een kring",
    # config and command line
    "config.invalid": "ongeldige projectinstelling",
    "config.unknown-kind": "onbekend documentsoort",
    # templates and rendering
    "template.syntax": "syntaxfout in sjabloon",
    "template.undefined": "onbekende naam in sjabloon",
    "template.security": "sjabloon probeert iets wat niet is toegestaan",
    "template.error": "fout bij het vullen van het sjabloon",
    "section.missing": "verplichte sectie ontbreekt",
    "section.empty": "verplichte sectie is leeg",
    # Markdown and Word
    "markdown.raw-html": "HTML in Markdown wordt niet in Word overgenomen",
    "markdown.unknown-node": "onderdeel van Markdown zonder verwerking",
    "markdown.table-cells": "tabelrij met meer cellen dan de kop",
    "markdown.unclosed": "codeblok of ::: blok zonder afsluitende regel",
    "markdown.footnote": "voetnoot dubbel, ongebruikt of zonder definitie",
    "markdown.duplicate-id": "kop-id komt twee keer voor",
    "markdown.broken-link": "interne link naar een onbekende kop",
    "markdown.list-as-text": "regel die op een genummerd punt lijkt maar tekst is",
    "markdown.front-matter": "ongeldige front matter",
    "docx.reference": "referentiedocument onbruikbaar",
    "docx.missing-style": "stijl ontbreekt in het referentiedocument",
    "docx.image": "afbeelding kan niet worden opgenomen",
    "build.stale": "verouderde of vreemde uitvoer",
    "build.format-unused": "gevraagd formaat levert met deze keuze niets op",
    "build.stamp": "versiestempel hoort bij een eerdere stand van de bronnen",
    "build.tool-missing": "benodigd programma ontbreekt",
    "build.not-reproducible": "uitvoer is mogelijk niet byte voor byte reproduceerbaar",
    "html.image": "afbeelding kan niet in de HTML worden opgenomen",
}


@dataclass(frozen=True)
class Diagnostic:
    """One finding, positioned in a source file where possible."""

    path: str
    line: int | None
    col: int | None
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """Return the one-line text form ``path:line:col: severity[code]: message``."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready dictionary."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """Sort by file, line, column, then severity, code and message (a total order)."""
        return (
            self.path,
            self.line or 0,
            self.col or 0,
            SEVERITY_ORDER[self.severity],
            self.code,
            self.message,
        )


def error(
    code: str, message: str, path: str = "", line: int | None = None, col: int | None = None
) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(path, line, col, Severity.ERROR, code, message)


def warning(
    code: str, message: str, path: str = "", line: int | None = None, col: int | None = None
) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(path, line, col, Severity.WARNING, code, message)


def info(
    code: str, message: str, path: str = "", line: int | None = None, col: int | None = None
) -> Diagnostic:
    """Shorthand for an informational diagnostic."""
    return Diagnostic(path, line, col, Severity.INFO, code, message)


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True when any diagnostic is an error (or a warning, under ``strict``)."""
    bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in bad for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics sorted by file and line, duplicates removed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """Render diagnostics as a JSON document with a summary."""
    summary = {s.value: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    return json.dumps(
        {"diagnostics": [d.as_dict() for d in diagnostics], "summary": summary},
        ensure_ascii=False,
        indent=2,
    )


#: Dutch words for the operating-system errors users meet when reading or writing files.
_OS_ERRORS = {
    errno.ENOENT: "map of bestand bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "niet toegestaan",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOSPC: "schijf vol",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dit is een map",
    errno.EEXIST: "bestaat al",
}


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for an :class:`OSError` (the system's own text otherwise)."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    return str(exc.strerror or exc)
