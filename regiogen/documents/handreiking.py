"""The handreiking: Markdown chapters with front matter, rendered and joined into one document.

A handreiking folder holds chapters ``*.md`` (in file-name order, such as ``01-afspraken.md``)
and an optional ``_index.yaml`` with the document's cover data and colofon. Each chapter
starts with front matter::

    ---
    titel: Afspraken en financiën rond het IZA
    nummer: 1          # optional; checked against the chapter's place
    ---

The chapter body is a Jinja2 template, rendered in the same sandbox as the document
templates (:func:`regiogen.render.markdown.make_environment`) with the project's variables
(``regios``, ``spuk_iza``, ...), the ``variabelen`` of ``_index.yaml`` and ``hoofdstuk``
(``nummer``, ``titel``). The chapter title becomes a level-1 heading ``{#hoofdstuk-N}``;
headings inside the chapter start at level 2. Footnote labels are made unique per chapter,
so every chapter may number its footnotes from ``[^1]``. The document ends with a
``{#colofon}`` section. Problems are diagnostics that point at the chapter file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from pydantic import Field, ValidationError

from regiogen.diagnostics import Diagnostic, error, has_errors, warning
from regiogen.model.types import Datum, Getal, JaNee, Model, Tekst
from regiogen.render.markdown import (
    RenderResult,
    TemplateLimit,
    TemplateLimits,
    bounded,
    make_environment,
)
from regiogen.source.load import display_path, load_yaml_text, read_yaml_file
from regiogen.source.yaml_errors import encoding_error

__all__ = ["HandreikingIndex", "build_handreiking_markdown", "check_handreiking"]

INDEX_NAME = "_index.yaml"
#: Largest chapter file read, in bytes.
MAX_CHAPTER_BYTES = 1_000_000

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FOOTNOTE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


class HandreikingIndex(Model):
    """The cover data and colofon of a handreiking (``_index.yaml``)."""

    titel: Tekst = Field("Handreiking", description="Titel op het voorblad")
    ondertitel: Tekst | None = None
    organisatie: Tekst | None = None
    auteur: Tekst | None = None
    datum: Datum | None = None
    versie: Tekst | None = None
    classificatie: Tekst | None = Field(None, description="Bijvoorbeeld 'Intern vertrouwelijk'")
    documentnummer: Tekst | None = None
    trefwoorden: list[Tekst] = Field(default_factory=list)
    inhoudsopgave: JaNee = True
    nummering: JaNee = True
    colofon: Tekst | None = Field(
        None, description="Tekst van het colofon (Markdown, mag variabelen gebruiken)"
    )
    variabelen: dict[str, Any] = Field(
        default_factory=dict, description="Extra variabelen voor de hoofdstukken"
    )


class ChapterFront(Model):
    """The front matter of one chapter."""

    titel: Tekst
    nummer: Getal | None = None


@dataclass(frozen=True)
class _Chapter:
    path: Path
    display: str
    front: ChapterFront
    body: str  # the source with the front matter blanked out (line numbers unchanged)


def _yaml_str(value: str) -> str:
    text = " ".join(value.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front_matter(index: HandreikingIndex) -> str:
    lines = ["---", f"titel: {_yaml_str(index.titel)}"]
    for key in ("ondertitel", "organisatie", "auteur", "versie", "classificatie", "documentnummer"):
        value = getattr(index, key)
        if value is not None:
            lines.append(f"{key}: {_yaml_str(value)}")
    if index.auteur is None and index.organisatie is not None:
        lines.append(f"auteur: {_yaml_str(index.organisatie)}")
    if index.datum is not None:
        lines.append(f"datum: {index.datum.isoformat()}")
    lines.append('onderwerp: "Handreiking"')
    if index.trefwoorden:
        lines.append("trefwoorden: [" + ", ".join(_yaml_str(t) for t in index.trefwoorden) + "]")
    lines.append(f"inhoudsopgave: {'true' if index.inhoudsopgave else 'false'}")
    lines.append(f"nummering: {'true' if index.nummering else 'false'}")
    lines.append("---")
    return "\n".join(lines)


def _shift(diagnostics: list[Diagnostic], lines: int) -> list[Diagnostic]:
    """Move diagnostics of an embedded YAML text down by ``lines`` lines."""
    return [replace(d, line=d.line + lines) if d.line is not None else d for d in diagnostics]


def _read_index(folder: Path, root: Path) -> tuple[HandreikingIndex | None, list[Diagnostic]]:
    path = folder / INDEX_NAME
    if not path.is_file():
        return HandreikingIndex(), []
    from regiogen.model.validate import validation_diagnostics

    display = display_path(path, root)
    data, source_map, diagnostics = read_yaml_file(path, display)
    if has_errors(diagnostics):
        return None, diagnostics
    try:
        return HandreikingIndex.model_validate(data or {}), diagnostics
    except ValidationError as exc:
        found = validation_diagnostics(exc, source_map, display, HandreikingIndex)
        return None, diagnostics + found


def _read_chapter(path: Path, root: Path) -> tuple[_Chapter | None, list[Diagnostic]]:
    from regiogen.model.validate import validation_diagnostics

    display = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error("io.unreadable", f"hoofdstuk kan niet worden gelezen: {exc}", display)]
    if len(raw) > MAX_CHAPTER_BYTES:
        message = f"hoofdstuk is groter dan {MAX_CHAPTER_BYTES // 1000} kB"
        return None, [error("io.too-large", message, display)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [encoding_error(raw, exc, display)]
    text = text.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        message = "hoofdstuk begint niet met front matter (--- met daaronder 'titel: ...' en ---)"
        return None, [error("markdown.front-matter", message, display, 1, 1)]
    data, source_map, diagnostics = load_yaml_text(match.group(1) or "", display)
    diagnostics = _shift(diagnostics, 1)
    if has_errors(diagnostics):
        return None, diagnostics
    if not isinstance(data, dict):
        message = "front matter van een hoofdstuk moet sleutels bevatten, zoals 'titel: ...'"
        return None, [*diagnostics, error("markdown.front-matter", message, display, 1, 1)]
    try:
        front = ChapterFront.model_validate(data)
    except ValidationError as exc:
        found = validation_diagnostics(exc, source_map, display, ChapterFront)
        return None, diagnostics + _shift(found, 1)
    head = match.group(0)
    body = "\n" * head.count("\n") + text[len(head) :]
    return _Chapter(path, display, front, body), diagnostics


_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"'([^']+)' is undefined"), "onbekende variabele '{0}'"),
    (re.compile(r"'(.+)' has no attribute '(.+)'"), "onbekend attribuut '{1}' van '{0}'"),
    (re.compile(r"'(.+)' has no element (.+)"), "onbekend element {1} van '{0}'"),
    (re.compile(r"No filter named '(.+)'\.?"), "onbekend filter '{0}'"),
    (re.compile(r"No test named '(.+)'\.?"), "onbekende test '{0}'"),
]


def _dutch(message: str) -> str:
    for pattern, dutch in _TRANSLATIONS:
        if found := pattern.fullmatch(message):
            return dutch.format(*found.groups())
    return message


def _line_of(exc: BaseException, filename: str) -> int | None:
    """The innermost traceback line in the chapter (Jinja maps it to the source line)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _diagnose(exc: Exception, chapter: _Chapter) -> Diagnostic:
    """One diagnostic, at the chapter file and line, for a failed chapter template."""
    where = chapter.display
    if isinstance(exc, TemplateSyntaxError):
        return error(
            "template.syntax",
            f"syntaxfout in hoofdstuk: {_dutch(exc.message or '')}",
            where,
            exc.lineno,
        )
    line = _line_of(exc, str(chapter.path))
    if isinstance(exc, UndefinedError):
        return error("template.undefined", f"{_dutch(exc.message or '')} in hoofdstuk", where, line)
    if isinstance(exc, SecurityError):
        return error(
            "template.security", f"hoofdstuk probeert iets wat niet mag: {exc}", where, line
        )
    if isinstance(exc, TemplateNotFound):
        return error("io.not-found", f"sjabloon '{exc.name}' niet gevonden", where, line)
    if isinstance(exc, TemplateLimit):
        return error("template.limit", f"hoofdstuk: {exc}", where, line)
    detail = _dutch(str(exc)) or type(exc).__name__
    return error("template.error", f"fout bij het vullen van het hoofdstuk: {detail}", where, line)


def _render(
    source: str, filename: str, context: Mapping[str, object], project_templates: Path | None
) -> str:
    """Render ``source`` in the document sandbox, compiled under ``filename`` (for positions)."""
    env = make_environment(project_templates)
    code = env.compile(source, name=Path(filename).name, filename=filename)
    template: Template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return template.render(dict(context))


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _image_warnings(body: str, chapter: _Chapter, root: Path) -> list[Diagnostic]:
    """Warn, at the chapter's line, about images that point outside the project.

    Paths are taken relative to the project folder, as the Word writer reads them; the
    writer refuses such images as well, but only knows the joined document's lines.
    """
    from regiogen.paths import inside
    from regiogen.render.markdown_parser import parse

    found: list[Diagnostic] = []
    for token in parse(body):
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] + 1 if token.map else None
        for child in token.children:
            if child.type in ("softbreak", "hardbreak") and line is not None:
                line += 1
            if child.type != "image":
                continue
            src = str(child.attrGet("src") or "")
            rel = src.split("#", 1)[0].split("?", 1)[0]
            local = not _SCHEME.match(src) or src.lower().startswith("file:")
            rel = rel.removeprefix("file://").removeprefix("file:")
            if local and rel and not inside(root / rel, root):
                message = f"afbeelding '{src}' ligt buiten de projectmap en wordt niet opgenomen"
                found.append(warning("io.outside-project", message, chapter.display, line))
    return found


def _unique_footnotes(text: str, prefix: str) -> str:
    """Prefix every footnote label, so labels of different chapters never clash."""
    return _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", text)


def _default_colofon(index: HandreikingIndex) -> str:
    parts = [f"*{index.titel}*"]
    if index.ondertitel:
        parts.append(index.ondertitel)
    if index.organisatie:
        parts.append(f"Uitgegeven door {index.organisatie}.")
    return "\n\n".join(parts)


def _stray_files(folder: Path, root: Path) -> list[Diagnostic]:
    """A warning for each YAML file in the folder that the handreiking does not read: only
    ``_index.yaml`` and the chapters count, and nothing is read without a word."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".yaml", ".yml") or path.name == INDEX_NAME:
            continue
        hint = f"; bedoelde u {INDEX_NAME}?" if path.stem.lower() in ("_index", "index") else ""
        message = (
            f"wordt niet gelezen: een handreiking bestaat uit hoofdstukken (*.md) en {INDEX_NAME}"
            f"{hint}"
        )
        found.append(warning("io.ignored", message, display_path(path, root)))
    return found


def check_handreiking(folder: Path, root: Path) -> list[Diagnostic]:
    """What ``regiogen check`` says about a handreiking without rendering it: the cover data
    in ``_index.yaml``, each chapter's front matter, and files that are not read."""
    _, paths, diagnostics = _sources(folder, root)
    for path in paths:
        diagnostics.extend(_read_chapter(path, root)[1])
    return diagnostics


def _sources(
    folder: Path, root: Path
) -> tuple[HandreikingIndex | None, list[Path], list[Diagnostic]]:
    """The index, the chapter files and what is wrong with them or with the folder."""
    index, diagnostics = _read_index(folder, root)
    diagnostics = list(diagnostics) + _stray_files(folder, root)
    paths = sorted(p for p in folder.glob("*.md") if p.is_file() and not p.name.startswith("."))
    if not paths:
        where = display_path(folder, root)
        diagnostics.append(error("io.not-found", "geen hoofdstukken (*.md) in deze map", where))
    return index, paths, diagnostics


def build_handreiking_markdown(
    folder: Path,
    variables: Mapping[str, object],
    *,
    project_templates: Path | None,
    display_root: Path,
    limits: TemplateLimits | None = None,
) -> RenderResult:
    """Render the chapters of ``folder`` into one handreiking in Markdown.

    All chapters and the colofon render within one budget of ``limits``.

    ``variables`` are the project's variables (they win over ``variabelen`` in the index).
    Returns the text (``None`` when a chapter or the index has errors) and all diagnostics.
    """
    with bounded(limits):
        return _build(folder, variables, project_templates, display_root)


def _build(
    folder: Path,
    variables: Mapping[str, object],
    project_templates: Path | None,
    display_root: Path,
) -> RenderResult:
    index, paths, diagnostics = _sources(folder, display_root)
    if not paths:
        return RenderResult(None, diagnostics)
    chapters: list[_Chapter] = []
    for path in paths:
        chapter, found = _read_chapter(path, display_root)
        diagnostics.extend(found)
        if chapter is not None:
            chapters.append(chapter)
    if index is None or has_errors(diagnostics):
        return RenderResult(None, diagnostics)

    shared = {**index.variabelen, **variables}
    shared["handreiking"] = {
        "titel": index.titel,
        "organisatie": index.organisatie,
        "datum": index.datum,
        "documentnummer": index.documentnummer,
    }
    parts = [_front_matter(index), ""]
    for nummer, chapter in enumerate(chapters, start=1):
        front = chapter.front
        if front.nummer is not None and front.nummer != nummer:
            diagnostics.append(
                warning(
                    "markdown.front-matter",
                    f"hoofdstuk heeft nummer {front.nummer} maar staat op plaats {nummer} "
                    "(volgorde van de bestandsnamen)",
                    chapter.display,
                    2,
                )
            )
        context = shared | {"hoofdstuk": {"nummer": nummer, "titel": front.titel}}
        try:
            body = _render(chapter.body, str(chapter.path), context, project_templates)
        except Exception as exc:  # every template problem becomes a diagnostic
            diagnostics.append(_diagnose(exc, chapter))
            continue
        diagnostics.extend(_image_warnings(body, chapter, display_root))
        titel = _escape_heading(front.titel)
        parts += [
            f"# {titel} {{#hoofdstuk-{nummer}}}",
            "",
            _unique_footnotes(body.strip(), f"h{nummer}"),
            "",
        ]
    if has_errors(diagnostics):
        return RenderResult(None, diagnostics)
    parts += ["::: pagebreak", ":::", "", "# Colofon {#colofon .unnumbered}", ""]
    parts += [_colofon(index, shared, folder, display_root, project_templates, diagnostics), ""]
    if has_errors(diagnostics):
        return RenderResult(None, diagnostics)
    return RenderResult("\n".join(parts), diagnostics)


def _colofon(
    index: HandreikingIndex,
    context: Mapping[str, object],
    folder: Path,
    root: Path,
    project_templates: Path | None,
    diagnostics: list[Diagnostic],
) -> str:
    """The colofon text: from the index (rendered with the variables) or a default."""
    if index.colofon is None:
        return _default_colofon(index)
    path = folder / INDEX_NAME
    try:
        return _render(index.colofon, str(path), context, project_templates).strip()
    except Exception as exc:
        chapter = _Chapter(path, display_path(path, root), ChapterFront(titel="Colofon"), "")
        diagnostics.append(replace(_diagnose(exc, chapter), line=None))
        return ""


def _escape_heading(text: str) -> str:
    from regiogen.render.markdown import escape_markdown

    return escape_markdown(" ".join(text.split()))
