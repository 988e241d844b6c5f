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

#: Errors that mean the command could not do its work (exit code 2), not that the content is
#: wrong (exit code 1): an output that cannot be written or would leave the output folder.
COULD_NOT_RUN = frozenset({"io.write", "io.output-link"})

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
    "io.output-link": "pad in de uitvoermap wijst via een koppeling naar een andere plek",
    "io.ignored": "bestand wordt niet gelezen",
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
    "text.bidi": "teken dat de leesrichting van tekst omkeert",
    # schema
    "schema.unknown-key": "onbekende sleutel",
    "schema.missing": "verplicht veld ontbreekt",
    "schema.type": "waarde heeft het verkeerde type",
    "schema.value": "ongeldige waarde",
    "schema.money": "ongeldig bedrag",
    "schema.money-ambiguous": "dubbelzinnig bedrag",
    "schema.date": "ongeldige datum",
    "csv.syntax": "CSV-bestand kan niet worden gelezen",
    "csv.column": "kolom ontbreekt in het CSV-bestand",
    "csv.value": "ongeldige waarde in het CSV-bestand",
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
    "template.limit": "sjabloon overschrijdt een grens (stappen, tekens of processortijd)",
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
    "build.kept": "document niet bijgewerkt; de vorige versie blijft staan",
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

    @classmethod
    def from_dict(cls, data: object) -> Diagnostic | None:
        """The diagnostic :meth:`as_dict` gave (None for anything else, such as a damaged
        manifest)."""
        if not isinstance(data, dict):
            return None
        try:
            line, col = data.get("line"), data.get("col")
            return cls(
                str(data["path"]),
                int(line) if line is not None else None,
                int(col) if col is not None else None,
                Severity(data["severity"]),
                str(data["code"]),
                str(data["message"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

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


def could_not_run(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when an error means the command could not do its work (exit code 2)."""
    return any(d.severity is Severity.ERROR and d.code in COULD_NOT_RUN for d in diagnostics)


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
    getattr(errno, name): text
    for name, text in (
        ("ENOENT", "map of bestand bestaat niet"),
        ("EACCES", "geen toegang"),
        ("EPERM", "niet toegestaan"),
        ("EROFS", "alleen-lezen bestandssysteem"),
        ("ENOSPC", "schijf vol"),
        ("ENOTDIR", "een deel van het pad is geen map"),
        ("EISDIR", "dit is een map"),
        ("EEXIST", "bestaat al"),
        ("ENAMETOOLONG", "bestandsnaam of pad te lang"),
        ("EDQUOT", "schijfquotum bereikt"),
        ("EBUSY", "bestand is in gebruik"),
        ("EMFILE", "te veel open bestanden"),
        ("ELOOP", "te veel snelkoppelingen na elkaar"),
        ("EIO", "lees- of schrijffout van het apparaat"),
        ("EFBIG", "bestand te groot"),
        ("EXDEV", "ander bestandssysteem"),
    )
    if hasattr(errno, name)  # not every system knows every error (Windows)
}


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for an :class:`OSError` (the system's own text otherwise)."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    if getattr(exc, "winerror", None) in (32, 33):  # ERROR_SHARING_VIOLATION, LOCK_VIOLATION
        return "bestand is in gebruik"
    return str(exc.strerror or type(exc).__name__)


def write_error(exc: BaseException, shown: str) -> Diagnostic:
    """``io.write`` (or ``io.output-link``) for an output that could not be written.

    ``shown`` is the output's path as the user knows it (``build/lindeland/regioplan.docx``);
    the operating system's own text, with its absolute path, is never shown. A file that
    cannot be replaced because it is open (Word on Windows locks it) says so.
    """
    if not isinstance(exc, OSError):  # UnsafeOutput: a link or a path out of the output folder
        return error("io.output-link", str(exc), shown)
    if isinstance(exc, PermissionError):
        message = (
            "kan niet worden geschreven: geen toegang, of het bestand is geopend in een ander "
            "programma (zoals Word); sluit het en bouw opnieuw. De vorige versie blijft staan"
        )
    else:
        message = f"kan niet worden geschreven ({os_reason(exc)}); de vorige versie blijft staan"
    return error("io.write", message, shown)
