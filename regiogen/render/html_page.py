"""The page around the HTML body: CSS, Content-Security-Policy, title block and contents.

Split from :mod:`regiogen.render.html`, which assembles the page; this module holds the
parts that come from the front matter and the headings, not from the Markdown body.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import escapeHtml

from regiogen.render.html_tokens import Heading

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

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def lang(taal: str) -> str:
    """The page's ``lang`` attribute: the front matter's taal when it is a language tag, else nl."""
    text = taal.strip()
    return text if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", text) else "nl"


def title_block(fm: Any) -> str:
    """The title block from the front matter, or "" when there is none (or voorblad: false)."""
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


def toc(headings: list[Heading]) -> str:
    """The table of contents (levels 1–3) as nested lists, or "" without headings."""
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
