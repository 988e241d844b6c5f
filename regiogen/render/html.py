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
import unicodedata
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
from regiogen.render.markdown_parser import create_parser, parse

__all__ = ["CSS", "markdown_to_html"]

_MAX_IMAGE = 30 * 1024 * 1024
_ALLOWED_ATTRS = {"id", "class", "href", "src", "alt", "title", "start", "colspan", "rowspan",
                  "lang", "style"}  # fmt: skip
_ALIGN = re.compile(r"^text-align:(left|right|center)$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(cm|mm|in|px|pt|%)?\s*$")
_ID = re.compile(r"^[A-Za-z][\w:.-]*$")
_IMAGE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)

CSS = """\
:root{--tekst:#1b1b1b;--accent:#154273;--lijn:#c8ccd0;--zacht:#f3f5f7}
*{box-sizing:border-box}
body{margin:0 auto;max-width:52rem;padding:2rem 1.25rem 4rem;color:var(--tekst);
font:16px/1.55 "Segoe UI",Calibri,"Liberation Sans",Arial,sans-serif}
h1,h2,h3,h4,h5,h6{color:var(--accent);line-height:1.25;margin:2rem 0 .6rem}
h1{font-size:1.7rem}h2{font-size:1.35rem}h3{font-size:1.15rem}h4,h5,h6{font-size:1rem}
.nummer{margin-right:.5em}
.titelblok{border-bottom:3px solid var(--accent);margin-bottom:2rem;padding-bottom:1rem}
.titelblok .titel{font-size:2.1rem;margin:0 0 .4rem}
.titelblok .ondertitel{font-size:1.2rem;margin:0 0 1rem}
.titelblok dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
.titelblok dt{font-weight:600}.titelblok dd{margin:0}
.classificatie{display:inline-block;border:1px solid var(--accent);padding:.1rem .5rem;
font-size:.85rem;text-transform:uppercase;letter-spacing:.05em}
nav.inhoudsopgave{background:var(--zacht);padding:.75rem 1.25rem;margin-bottom:2rem}
nav.inhoudsopgave ol{list-style:none;padding-left:1.25rem;margin:.2rem 0}
nav.inhoudsopgave>ol{padding-left:0}
nav.inhoudsopgave a{color:inherit;text-decoration:none}
nav.inhoudsopgave a:hover{text-decoration:underline}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--lijn);padding:.3rem .5rem;vertical-align:top}
th{text-align:left}thead th{background:var(--zacht)}
tr.totaal td{font-weight:bold;border-top:2px solid var(--accent)}
td[style*="right"],th[style*="right"]{white-space:nowrap}
code,pre{font-family:"Cascadia Mono",Consolas,"Liberation Mono",monospace;font-size:.9em}
pre{background:var(--zacht);padding:.75rem;overflow-x:auto}
blockquote{border-left:4px solid var(--lijn);margin:1rem 0;padding:0 1rem}
img{max-width:100%;height:auto}
figure{margin:1.25rem 0}figcaption{font-style:italic;font-size:.9rem;margin-top:.3rem}
.html-tekst{font-family:monospace;white-space:pre-wrap}
.footnotes{font-size:.9rem}
.pagebreak{break-after:page}
@media print{body{max-width:none;padding:0}nav.inhoudsopgave{background:none}
h1,h2,h3{break-after:avoid}tr{break-inside:avoid}}
"""

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@dataclass
class _Heading:
    level: int
    anchor: str
    text: str
    number: str


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
    _clean_attributes(tokens, md.validateLink)
    headings = _number_headings(tokens, bool(fm.nummering))
    if _title_block(fm):  # the title is the page's one h1: chapters become h2, and so on
        _demote_headings(tokens)
    _mark_total_rows(tokens)
    _unbreakable_dates(tokens)
    renderer = _renderer(md)
    body = renderer.render(tokens, md.options, {"regiogen": env})
    title = fm.titel or (headings[0].text if headings else "Document")
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{escapeHtml(_lang(fm.taal))}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n',
        '<meta name="generator" content="regiogen">\n',
    ]
    if fm.auteur or fm.organisatie:
        parts.append(f'<meta name="author" content="{escapeHtml(fm.auteur or fm.organisatie)}">\n')
    if fm.trefwoorden:
        parts.append(f'<meta name="keywords" content="{escapeHtml(", ".join(fm.trefwoorden))}">\n')
    parts += [f"<title>{escapeHtml(title)}</title>\n", f"<style>\n{CSS}</style>\n</head>\n<body>\n"]
    parts.append(_title_block(fm))
    if fm.inhoudsopgave:
        parts.append(_toc(headings))
    parts += ["<main>\n", body, "</main>\n</body>\n</html>\n"]
    return "".join(parts).encode("utf-8"), env.diagnostics


def _lang(taal: str) -> str:
    text = taal.strip()
    return text if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", text) else "nl"


def _title_block(fm: Any) -> str:
    if not (fm.titel or fm.ondertitel or fm.organisatie) or fm.voorblad is False:
        return ""
    out = ['<header class="titelblok">\n']
    if fm.marking():
        out.append(f'<p class="classificatie">{escapeHtml(fm.marking())}</p>\n')
    if fm.titel:
        out.append(f'<h1 class="titel">{escapeHtml(fm.titel)}</h1>\n')
    if fm.ondertitel:
        out.append(f'<p class="ondertitel">{escapeHtml(fm.ondertitel)}</p>\n')
    rows = [("Organisatie", fm.organisatie), ("Datum", fm.datum), ("Versie", fm.versie),
            ("Documentnummer", fm.documentnummer)]  # fmt: skip
    shown = [(k, v) for k, v in rows if v]
    if shown:
        out.append("<dl>\n")
        for key, value in shown:
            out.append(f"<dt>{key}</dt><dd>{escapeHtml(value)}</dd>\n")
        out.append("</dl>\n")
    out.append("</header>\n")
    return "".join(out)


def _toc(headings: list[_Heading]) -> str:
    entries = [h for h in headings if h.level <= 3]
    if not entries:
        return ""
    out = ['<nav class="inhoudsopgave" aria-labelledby="inhoudsopgave-kop">\n',
           '<h2 id="inhoudsopgave-kop">Inhoudsopgave</h2>\n']  # fmt: skip
    stack: list[int] = []
    for entry in entries:
        if not stack or entry.level > stack[-1]:
            out.append("<ol>\n")
            stack.append(entry.level)
        else:
            out.append("</li>\n")
            while stack and entry.level < stack[-1]:
                stack.pop()
                out.append("</ol>\n" + ("</li>\n" if stack else ""))
            if not stack or entry.level > stack[-1]:
                out.append("<ol>\n")
                stack.append(entry.level)
        number = f'<span class="nummer">{entry.number}</span> ' if entry.number else ""
        out.append(
            f'<li><a href="#{escapeHtml(entry.anchor)}">{number}{escapeHtml(entry.text)}</a>'
        )
    out.append("</li>\n")
    while stack:
        stack.pop()
        out.append("</ol>\n" + ("</li>\n" if stack else ""))
    out.append("</nav>\n")
    return "".join(out)


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug if slug and slug[0].isalpha() else f"kop-{slug}".rstrip("-")


def _inline_text(token: Token | None) -> str:
    if token is None or token.children is None:
        return token.content.strip() if token is not None else ""
    return "".join(c.content for c in token.children if c.type in ("text", "code_inline")).strip()


def _demote_headings(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag[1:].isdigit():
            token.tag = f"h{min(int(token.tag[1:]) + 1, 6)}"


_TOTAL_LABEL = re.compile(r"^[*_]*\s*(sub)?totaal\b", re.IGNORECASE)


def _mark_total_rows(tokens: list[Token]) -> None:
    """Rows labelled Totaal or Subtotaal get ``class="totaal"`` (bold, a line above)."""
    for index, token in enumerate(tokens):
        if token.type != "tr_open":
            continue
        first = next((t for t in tokens[index + 1 : index + 4] if t.type == "inline"), None)
        if first is not None and _TOTAL_LABEL.match(first.content):
            token.attrSet("class", "totaal")


def _unbreakable_dates(tokens: list[Token]) -> None:
    """Dates, months, quarters and amounts with non-breaking spaces, as in Word."""
    from regiogen.render.docx.xmlutil import unbreakable_dates

    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = unbreakable_dates(child.content)


def _number_headings(tokens: list[Token], numbered: bool) -> list[_Heading]:
    """Give every heading a unique id and (when asked) its number; return them in order."""
    used = {str(t.attrs["id"]) for t in tokens if t.type == "heading_open" and "id" in t.attrs}
    seen: set[str] = set()
    counters = [0, 0, 0]
    headings = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        text = _inline_text(inline)
        anchor = str(token.attrs.get("id", ""))
        if not anchor or anchor in seen:
            base = _slug(text)
            anchor, n = base, 1
            while anchor in seen or (anchor in used and anchor != token.attrs.get("id")):
                n += 1
                anchor = f"{base}-{n}"
        seen.add(anchor)
        token.attrs = {"id": anchor, **{k: v for k, v in token.attrs.items() if k != "id"}}
        classes = str(token.attrs.get("class", "")).split()
        number = ""
        if numbered and level <= 3 and not {"unnumbered", "-"} & set(classes):
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            number = ".".join(str(n) for n in counters[:level])
        token.meta["nummer"] = number
        headings.append(_Heading(level, anchor, text, number))
    return headings


def _clean_attributes(tokens: Sequence[Token], validate: Any, line: int | None = None) -> None:
    """Keep only harmless attributes; sizes become CSS; links are validated again.

    Inline tokens have no line numbers; they get their block's line in ``meta["line"]``.
    """
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        if line is not None and not token.map:
            token.meta["line"] = line
        if token.children:
            _clean_attributes(token.children, validate, line)
        if not token.attrs:
            continue
        clean: dict[str, str | int | float] = {}
        styles = []
        for key, value in token.attrs.items():
            text = str(value)
            if key in ("width", "height"):
                match = _SIZE.match(text)
                if match:
                    styles.append(f"{key}:{match.group(1)}{match.group(2) or 'px'}")
            elif key == "style":
                if _ALIGN.match(text):
                    styles.append(text)
            elif key in ("href", "src"):
                if validate(text):
                    clean[key] = text
            elif key == "id":
                if _ID.match(text):
                    clean[key] = text
            elif key in _ALLOWED_ATTRS:
                clean[key] = text
        if styles:
            clean["style"] = ";".join(styles)
        token.attrs = clean


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
    if mime is None:
        state.warn("html.image", f"'{src}' is geen PNG-, JPEG- of GIF-afbeelding")
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
