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
Reading and checking the sources is :mod:`regiogen.documents.handreiking_sources`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from jinja2 import Template
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from regiogen.diagnostics import Diagnostic, error, has_errors, warning
from regiogen.documents.handreiking_sources import (
    INDEX_NAME,
    Chapter,
    ChapterFront,
    HandreikingIndex,
    read_chapter,
    sources,
)
from regiogen.render.markdown import (
    RenderResult,
    TemplateLimit,
    TemplateLimits,
    bounded,
    make_environment,
)
from regiogen.source.load import display_path

__all__ = ["build_handreiking_markdown"]

_FOOTNOTE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


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


def _diagnose(exc: Exception, chapter: Chapter) -> Diagnostic:
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


def _image_warnings(body: str, chapter: Chapter, root: Path) -> list[Diagnostic]:
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
    index, paths, diagnostics = sources(folder, display_root)
    if not paths:
        return RenderResult(None, diagnostics)
    chapters: list[Chapter] = []
    for path in paths:
        chapter, found = read_chapter(path, display_root)
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
        chapter = Chapter(path, display_path(path, root), ChapterFront(titel="Colofon"), "")
        diagnostics.append(replace(_diagnose(exc, chapter), line=None))
        return ""


def _escape_heading(text: str) -> str:
    from regiogen.render.markdown import escape_markdown

    return escape_markdown(" ".join(text.split()))
