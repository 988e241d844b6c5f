"""The pages of ``regiogen preview``: a document with its findings, and the index.

See :mod:`regiogen.build.preview` for the server. Pure functions from a :class:`Snapshot` to
HTML bytes; the documents' own HTML comes from :mod:`regiogen.render.html`, and gets a
Content-Security-Policy that allows only the preview's own script and its events.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from regiogen.diagnostics import Diagnostic, Severity

SEVERITY_TEXT = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "melding"}

_HEADING_END = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>.*?</h\1>', re.DOTALL)
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')
#: The documents' own policy allows no script at all; the preview allows its own.
PAGE_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'"
)

PREVIEW_CSS = """
body.regiogen-preview { margin-right: 24rem; }
.regiogen-balk { position: fixed; top: 0; right: 0; width: 22rem; height: 100vh;
  overflow-y: auto; padding: .75rem 1rem; box-sizing: border-box; background: #f5f7fa;
  border-left: 1px solid #ccd; font: 14px/1.4 system-ui, sans-serif; }
.regiogen-balk h2 { font-size: 1rem; margin: .5rem 0; }
.regiogen-balk ul { list-style: none; padding: 0; margin: 0; }
.regiogen-balk li { margin: 0 0 .6rem; }
.regiogen-bevinding { border-left: 4px solid #c60; background: #fff7ea; margin: .3rem 0 .8rem;
  padding: .3rem .6rem; font: 14px/1.4 system-ui, sans-serif; }
.ernst-error { border-color: #b00020; background: #fdecee; }
.ernst-info { border-color: #367; background: #eef6f8; }
.regiogen-plek { font-family: ui-monospace, monospace; font-size: 12px; }
.regiogen-status { font-size: 12px; color: #556; }
"""

PREVIEW_JS = """\
// regiogen preview: show the new version of the page when a source changes.
(function () {
  function swap(text) {
    const page = new DOMParser().parseFromString(text, "text/html");
    const y = window.scrollY;
    document.body.innerHTML = page.body.innerHTML;
    document.documentElement.dataset.regiogenVersie = page.documentElement.dataset.regiogenVersie;
    window.scrollTo(0, y);
  }
  function update(nieuw) {
    if (nieuw === document.documentElement.dataset.regiogenVersie) return;
    fetch(location.href, {cache: "no-store"}).then((r) => r.text()).then(swap);
  }
  if (window.EventSource) {
    const events = new EventSource("/events");
    events.addEventListener("versie", (e) => update(e.data));
  } else {
    setInterval(() => fetch("/versie").then((r) => r.text()).then(update), 1000);
  }
  if (versie === undefined) return;
})();
"""


@dataclass
class Finding:
    """A diagnostic as the preview shows it."""

    number: int
    diagnostic: Diagnostic
    link: str | None
    anchors: tuple[str, ...]  # section ids to place it at, best first
    stem: str | None  # only in this document (a transformatieplan), or None for any


@dataclass
class Snapshot:
    """One consistent state of the preview: documents and findings of one rebuild."""

    version: int = 0
    pages: dict[str, bytes] = field(default_factory=dict)  # "lindeland/regioplan" → html
    docx: dict[str, bytes] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _finding_html(f: Finding, *, inline: bool) -> str:
    d = f.diagnostic
    where = d.format().split(f": {d.severity.value}[", 1)[0]
    place = (
        f'<a class="regiogen-plek" href="{_e(f.link)}" title="Open in de editor">{_e(where)}</a>'
        if f.link
        else f'<span class="regiogen-plek">{_e(where)}</span>'
    )
    tag = "aside" if inline else "div"
    ident = f' id="bevinding-{f.number}"' if inline else ""
    return (
        f'<{tag} class="regiogen-bevinding ernst-{d.severity.value}"{ident} role="note">'
        f"<strong>{_e(SEVERITY_TEXT[d.severity])}</strong> [{_e(d.code)}] {_e(d.message)}"
        f"<br>{place}</{tag}>"
    )


def document_page(snapshot: Snapshot, stem: str) -> bytes:
    """A document as the preview shows it: its HTML, findings in and beside the text."""
    page = snapshot.pages[stem].decode("utf-8")
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', page))
    placed: dict[str, list[Finding]] = {}
    elsewhere: list[Finding] = []
    for f in snapshot.findings:
        if f.stem is not None and f.stem != stem:
            elsewhere.append(f)
            continue
        anchor = next((a for a in f.anchors if a in ids), None)
        if anchor is None:
            elsewhere.append(f)
        else:
            placed.setdefault(anchor, []).append(f)

    def insert(match: re.Match[str]) -> str:
        notes = placed.get(match.group(2), [])
        return match.group(0) + "".join(_finding_html(f, inline=True) for f in notes)

    page = _HEADING_END.sub(insert, page)
    page = _CSP_META.sub(
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n', page
    )
    page = page.replace("<html ", f'<html data-regiogen-versie="{snapshot.version}" ', 1)
    page = page.replace("</style>", PREVIEW_CSS + "</style>", 1)
    page = page.replace(
        "<body>",
        f'<body class="regiogen-preview">\n{_sidebar(snapshot, stem, placed, elsewhere)}',
        1,
    )
    page = page.replace("</body>", '<script src="/preview.js"></script>\n</body>', 1)
    return page.encode("utf-8")


def _sidebar(
    snapshot: Snapshot, stem: str, placed: dict[str, list[Finding]], elsewhere: list[Finding]
) -> str:
    region = stem.split("/", 1)[0]
    in_text = [f for notes in placed.values() for f in notes]
    docx = f"/docx/{quote(stem)}.docx"
    parts = [
        '<aside class="regiogen-balk" aria-label="regiogen preview">',
        f'<p><a href="/">Alle documenten</a> · <a href="{_e(docx)}" download>Word-bestand '
        f"(.docx)</a></p>",
        f'<p class="regiogen-status">versie {snapshot.version}; ververst zelf bij opslaan</p>',
        f"<h2>Bevindingen in dit document ({len(in_text)})</h2><ul>",
    ]
    for f in sorted(in_text, key=lambda f: f.number):
        parts.append(
            f'<li><a href="#bevinding-{f.number}">{_e(SEVERITY_TEXT[f.diagnostic.severity])}</a>'
            f" {_e(f.diagnostic.message)}</li>"
        )
    parts.append(f"</ul><h2>Andere bevindingen van {_e(region)} ({len(elsewhere)})</h2><ul>")
    parts += [f"<li>{_finding_html(f, inline=False)}</li>" for f in elsewhere]
    parts.append("</ul></aside>\n")
    return "".join(parts)


def index_page(snapshot: Snapshot) -> bytes:
    """The list of documents and every finding."""
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="nl" data-regiogen-versie="{snapshot.version}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">',
        "<title>regiogen preview</title>",
        f"<style>body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem; }}{PREVIEW_CSS}"
        "</style></head><body>",
        "<h1>regiogen preview</h1>",
    ]
    if snapshot.problem:
        parts.append(f"<p><strong>{_e(snapshot.problem)}</strong></p>")
    parts.append("<h2>Documenten</h2><ul>")
    for stem in sorted(snapshot.pages):
        link = f"/doc/{quote(stem)}"
        word = f"/docx/{quote(stem)}.docx"
        parts.append(
            f'<li><a href="{_e(link)}">{_e(snapshot.titles.get(stem, stem))}</a> '
            f'<span class="regiogen-plek">{_e(stem)}</span> · <a href="{_e(word)}" download>'
            f"Word</a></li>"
        )
    if not snapshot.pages:
        parts.append("<li>geen documenten (zie de bevindingen)</li>")
    parts.append(f"</ul><h2>Bevindingen ({len(snapshot.findings)})</h2><ul>")
    parts += [f"<li>{_finding_html(f, inline=False)}</li>" for f in snapshot.findings]
    parts.append('</ul><p class="regiogen-status">ververst zelf bij opslaan</p>')
    parts.append('<script src="/preview.js"></script></body></html>\n')
    return "".join(parts).encode("utf-8")
