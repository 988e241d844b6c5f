"""Markdown → one self-contained HTML page, with the same structure as the Word output.

:func:`markdown_to_html` reads the Markdown regiogen renders (front matter and all) with the
shared parser (:func:`regiogen.render.markdown_parser.create_parser`), so the page has the same
headings, tables and footnotes as the .docx:

* a title block from the front matter: titel, ondertitel, organisatie, datum (Dutch,
  ``12 december 2023``), versie and classificatie;
* a table of contents (levels 1–3) when the front matter says ``inhoudsopgave: true``, and
  headings numbered 1 / 1.1 / 1.1.1 when it says ``nummering: true`` (``{.unnumbered}`` skips);
* heading ids from ``{#id}``, else made from the text; footnotes; table alignment; ``lang="nl"``.

The page loads nothing: CSS is inline, images inside the project are embedded as ``data:``
URIs and anything else is dropped with a diagnostic, and a Content-Security-Policy forbids
scripts and outside resources. Raw HTML in the Markdown is shown as text, never passed
through; attributes from ``{…}`` are limited to a safe set. The same Markdown gives the same
bytes.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from regiogen.diagnostics import Diagnostic, warning
from regiogen.files import read_regular_file
from regiogen.paths import inside
from regiogen.render.chart_svg import spec_from_svg
from regiogen.render.html_page import CSP, CSS, lang, title_block, toc
from regiogen.render.html_tokens import (
    clean_attributes,
    demote_headings,
    mark_total_rows,
    number_headings,
    unbreakable_dates,
)
from regiogen.render.markdown_parser import create_parser, parse

__all__ = ["CSS", "markdown_to_html"]

_MAX_IMAGE = 30 * 1024 * 1024
_IMAGE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass
class _Env:
    """What the render rules need besides the tokens."""

    source_path: str
    base_dir: Path | None
    images: Mapping[str, bytes] = field(default_factory=dict)
    report_raw_html: bool = True
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line: int | None = None

    def warn(self, code: str, message: str) -> None:
        if code == "markdown.raw-html" and not self.report_raw_html:
            return
        self.diagnostics.append(warning(code, message, self.source_path, self.line))


def markdown_to_html(
    markdown: str,
    *,
    source_path: str,
    base_dir: Path | None = None,
    report_raw_html: bool = True,
    images: Mapping[str, bytes] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Render Markdown with front matter as one self-contained HTML page (UTF-8 bytes).

    ``source_path`` names the Markdown in diagnostics; ``base_dir`` is the project folder:
    images are read relative to it and only from inside it (none are embedded without it).
    ``report_raw_html=False`` leaves the ``markdown.raw-html`` warnings to the Word writer
    when both are made from the same Markdown (the HTML is escaped either way).
    """
    from regiogen.render.docx.frontmatter import parse_front_matter

    md = create_parser()
    tokens = parse(markdown)  # the same preparation as the Word writer (image attributes)
    env = _Env(source_path, base_dir, dict(images or {}), report_raw_html)
    fm_text = tokens[0].content if tokens and tokens[0].type == "front_matter" else ""
    fm, problems = parse_front_matter(fm_text)
    for problem in problems:
        env.diagnostics.append(
            warning("markdown.front-matter", problem.message, source_path, problem.file_line(),
                    problem.col)
        )  # fmt: skip
    clean_attributes(tokens, md.validateLink)
    headings = number_headings(tokens, bool(fm.nummering))
    if title_block(fm):  # the title is the page's one h1: chapters become h2, and so on
        demote_headings(tokens)
    mark_total_rows(tokens)
    unbreakable_dates(tokens)
    renderer = _renderer(md)
    body = renderer.render(tokens, md.options, {"regiogen": env})
    title = fm.titel or (headings[0].text if headings else "Document")
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{escapeHtml(lang(fm.taal))}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="generator" content="regiogen">\n',
    ]
    if fm.auteur or fm.organisatie:
        parts.append(f'<meta name="author" content="{escapeHtml(fm.auteur or fm.organisatie)}">\n')
    if fm.trefwoorden:
        parts.append(f'<meta name="keywords" content="{escapeHtml(", ".join(fm.trefwoorden))}">\n')
    parts += [f"<title>{escapeHtml(title)}</title>\n", f"<style>\n{CSS}</style>\n</head>\n<body>\n"]
    parts.append(title_block(fm))
    if fm.inhoudsopgave:
        parts.append(toc(headings))
    parts += ["<main>\n", body, "</main>\n</body>\n</html>\n"]
    return "".join(parts).encode("utf-8"), env.diagnostics


def _renderer(md: Any) -> RendererHTML:
    """A private HTML renderer with the parser's plugin rules and our overrides."""
    renderer = RendererHTML()
    for name, rule in md.renderer.rules.items():
        function = getattr(rule, "__func__", rule)
        renderer.rules[name] = function.__get__(renderer)
    for name, function in _RULES.items():
        renderer.rules[name] = function.__get__(renderer)
    return renderer


def _env(env: Any) -> _Env:
    found = env.get("regiogen")
    assert isinstance(found, _Env)
    return found


def _at(env: Any, token: Token) -> _Env:
    """The render state, positioned at ``token``'s line."""
    state = _env(env)
    state.line = token.map[0] + 1 if token.map else token.meta.get("line")
    return state


def _html_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    state = _at(env, tokens[idx])
    if content.lstrip().startswith("<!--"):
        return ""
    state.warn("markdown.raw-html", "HTML in de Markdown wordt als tekst getoond, niet als HTML")
    return f'<p class="html-tekst">{escapeHtml(content.rstrip())}</p>\n'


def _html_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    if content.startswith("<!--"):
        return ""
    _at(env, tokens[idx]).warn(
        "markdown.raw-html", f"HTML in de tekst wordt als tekst getoond: {content[:40]}"
    )
    return escapeHtml(content)


def _heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    html = str(self.renderToken(tokens, idx, options, env))
    number = token.meta.get("nummer", "")
    return html + (f'<span class="nummer">{number}</span> ' if number else "")


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    state = _at(env, token)
    alt = str(self.renderInlineAsText(token.children or [], options, env))
    src = str(token.attrs.get("src", ""))
    data_uri = _embed(src, state)
    if data_uri is None:
        return f'<span class="afbeelding-ontbreekt">[{escapeHtml(alt or "afbeelding")}]</span>'
    token.attrs["src"] = data_uri
    token.attrs["alt"] = alt
    attrs = "".join(f' {k}="{escapeHtml(str(v))}"' for k, v in token.attrs.items())
    return f"<img{attrs}>"


def _embed(src: str, state: _Env) -> str | None:
    """A data: URI for an image inside the project, or None after a diagnostic."""
    if not src:
        state.warn("html.image", "afbeelding zonder pad wordt weggelaten")
        return None
    made = state.images.get(src)
    if made is not None and made.startswith(b"\x89PNG"):  # a chart the build drew
        return f"data:image/png;base64,{base64.b64encode(made).decode('ascii')}"
    if made is not None and spec_from_svg(made) is not None:
        return f"data:image/svg+xml;base64,{base64.b64encode(made).decode('ascii')}"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src):
        state.warn(
            "html.image",
            f"afbeelding '{src[:60]}' staat niet in het project en wordt "
            "weggelaten (de pagina laadt niets van buiten)",
        )
        return None
    if state.base_dir is None:
        state.warn("html.image", f"afbeelding '{src}' niet opgenomen: geen projectmap opgegeven")
        return None
    rel = unquote(src.split("#", 1)[0].split("?", 1)[0])
    path = state.base_dir / rel
    if Path(rel).is_absolute() or not inside(path, state.base_dir):
        state.warn("io.outside-project", f"afbeelding '{src}' ligt buiten de projectmap")
        return None
    try:
        if path.stat().st_size > _MAX_IMAGE:
            state.warn("html.image", f"afbeelding '{src}' is te groot")
            return None
        data = read_regular_file(path, _MAX_IMAGE)  # never a pipe or device
    except (OSError, ValueError):
        state.warn("html.image", f"afbeelding '{src}' bestaat niet of is onleesbaar")
        return None
    mime = next((m for magic, m in _IMAGE_TYPES if data.startswith(magic)), None)
    if mime is None and spec_from_svg(data) is not None:  # a chart of regiogen
        mime = "image/svg+xml"
    if mime is None:
        state.warn(
            "html.image", f"'{src}' is geen PNG-, JPEG- of GIF-afbeelding of grafiek van regiogen"
        )
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _footnote_block_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return (
        '<hr class="footnotes-sep">\n<section class="footnotes" aria-label="Voetnoten">\n'
        '<ol class="footnotes-list">\n'
    )


def _lone_image(tokens: Sequence[Token], idx: int) -> Token | None:
    """The image of a paragraph that holds only one image (a figure), else None."""
    inline = tokens[idx + 1] if idx + 1 < len(tokens) else None
    if inline is None or inline.type != "inline":
        return None
    children = [
        c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())
    ]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def _paragraph_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    if not tokens[idx].hidden and _lone_image(tokens, idx) is not None:
        return "<figure>"
    return str(self.renderToken(tokens, idx, options, env))


def _paragraph_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    if idx >= 2 and tokens[idx - 2].type == "paragraph_open" and not tokens[idx].hidden:
        image = _lone_image(tokens, idx - 2)
        if image is not None:
            alt = str(self.renderInlineAsText(image.children or [], options, env))
            caption = f"<figcaption>{escapeHtml(alt)}</figcaption>" if alt.strip() else ""
            return f"{caption}</figure>\n"
    return str(self.renderToken(tokens, idx, options, env))


_RULES = {
    "paragraph_open": _paragraph_open,
    "paragraph_close": _paragraph_close,
    "html_block": _html_block,
    "html_inline": _html_inline,
    "heading_open": _heading_open,
    "image": _image,
    "footnote_block_open": _footnote_block_open,
}
