"""Markdown → one self-contained HTML page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from regiogen.render.html import markdown_to_html

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "docx"

DOCUMENT = """---
titel: Regioplan Lindeland
ondertitel: Regio-opgaven en regio-afspraken
organisatie: Programmabureau IZA
datum: 2023-11-03
versie: "0.9"
classificatie: Intern vertrouwelijk
inhoudsopgave: true
nummering: true
---

# Inleiding {#inleiding}

Tekst met een voetnoot.[^bron] En <b>vet</b> HTML.

## Achtergrond

### Details {.unnumbered}

# Begroting {#begroting}

| Post | Bedrag |
|:-----|-------:|
| Coördinatie | € 1.234,00 |

<script>alert("x")</script>

![Kaart](tests/fixtures/docx/kaart.png){width=5cm onerror="alert(1)"}
![Extern](https://voorbeeld.invalid/x.png)
![Geheim](../../etc/passwd)

[^bron]: Zie het regiobeeld.
"""


def _page(markdown: str = DOCUMENT) -> tuple[str, list[str]]:
    data, diagnostics = markdown_to_html(markdown, source_path="regioplan.md", base_dir=REPO)
    return data.decode("utf-8"), [f"{d.code}:{d.line}" for d in diagnostics]


def test_title_block_and_language() -> None:
    html, _ = _page()
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<title>Regioplan Lindeland</title>" in html
    header = html[html.index('<header class="titelblok">') : html.index("</header>")]
    assert '<h1 class="titel">Regioplan Lindeland</h1>' in header
    assert '<p class="ondertitel">Regio-opgaven en regio-afspraken</p>' in header
    assert "<dd>3 november 2023</dd>" in header
    assert "<dd>0.9</dd>" in header and "<dd>Programmabureau IZA</dd>" in header
    assert '<p class="classificatie">Intern vertrouwelijk</p>' in header


def test_toc_links_and_numbered_headings() -> None:
    html, _ = _page()
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', nav) == [
        "inleiding",
        "achtergrond",
        "details",
        "begroting",
    ]
    assert '<span class="nummer">1.1</span> Achtergrond' in nav
    # the title is the one h1; chapters are h2
    assert html.count("<h1") == 1
    assert '<h2 id="inleiding"><span class="nummer">1</span> Inleiding</h2>' in html
    assert '<h3 id="achtergrond"><span class="nummer">1.1</span> Achtergrond</h3>' in html
    assert '<h4 id="details" class="unnumbered">Details</h4>' in html
    assert '<h2 id="begroting"><span class="nummer">2</span> Begroting</h2>' in html
    assert nav.count("<ol>") == nav.count("</ol>") and nav.count("<li>") == nav.count("</li>")


def test_total_rows_are_bold_and_headers_follow_their_columns() -> None:
    text = "| Post | Bedrag |\n|:--|--:|\n| A | € 1,00 |\n| **Totaal** | € 1,00 |\n"
    html = markdown_to_html(text, source_path="t.md")[0].decode()
    assert html.count('<tr class="totaal">') == 1 and "tr.totaal td{font-weight:bold" in html
    assert "th{text-align:left}" in html  # not centred over a left column
    assert '<th style="text-align:right">Bedrag</th>' in html


def test_dates_and_quarters_do_not_break() -> None:
    text = "| Wanneer | Wat |\n|---|---|\n| 4e kwartaal 2024 | tot 31 december 2026 voor € 5 |\n"
    page, _ = markdown_to_html(text, source_path="x.md")
    html = page.decode()
    assert "4e\u00a0kwartaal\u00a02024" in html and "31\u00a0december\u00a02026" in html
    assert "€\u00a05" in html


def test_footnotes_and_table_alignment() -> None:
    html, _ = _page()
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<section class="footnotes" aria-label="Voetnoten">' in html
    assert '<li id="fn1" class="footnote-item"><p>Zie het regiobeeld.' in html
    assert '<th style="text-align:left">Post</th>' in html
    assert '<td style="text-align:right">€\u00a01.234,00</td>' in html  # never breaks


def test_raw_html_is_escaped_and_nothing_is_loaded() -> None:
    html, diagnostics = _page()
    body = html[html.index("<main>") :]
    assert "<script" not in body and "<b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "&lt;b&gt;vet&lt;/b&gt;" in body
    assert "onerror" not in html
    assert re.search(
        r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Kaart" '
        r'style="width:5cm">',
        html,
    )
    assert "voorbeeld.invalid" not in body and "passwd" not in body.replace("[Geheim]", "")
    assert re.findall(r'(?:src|href)="(?!data:|#)', html) == []
    assert "markdown.raw-html:14" in diagnostics
    assert "html.image:28" in diagnostics and "io.outside-project:28" in diagnostics


def test_raw_html_warnings_can_be_left_to_word() -> None:
    data, diagnostics = markdown_to_html(
        DOCUMENT, source_path="regioplan.md", base_dir=REPO, report_raw_html=False
    )
    assert "markdown.raw-html" not in {d.code for d in diagnostics}
    assert b"&lt;script&gt;" in data


def test_without_front_matter_and_toc() -> None:
    html, diagnostics = _page("# Alleen een kop\n\nTekst.\n")
    assert "<title>Alleen een kop</title>" in html
    assert "<nav" not in html and "<header" not in html
    assert '<h1 id="alleen-een-kop">Alleen een kop</h1>' in html
    assert diagnostics == []


def test_duplicate_and_missing_ids_are_unique() -> None:
    html, _ = _page("# Eén\n\n# Eén\n\n# Twee {#een}\n")
    # pandoc's automatic ids (accents kept, -1 for a repeat); explicit ids stay as written
    assert re.findall(r'<h1 id="([^"]+)"', html) == ["eén", "eén-1", "een"]


def test_bytes_are_reproducible() -> None:
    assert _page() == _page()


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_every_docx_fixture_renders(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    data, _ = markdown_to_html(text, source_path=name, base_dir=REPO)
    assert data.startswith(b"<!DOCTYPE html>") and data.endswith(b"</html>\n")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium ontbreekt")
def test_chromium_sees_the_headings(tmp_path: Path) -> None:
    page = tmp_path / "regioplan.html"
    page.write_bytes(markdown_to_html(DOCUMENT, source_path="regioplan.md", base_dir=REPO)[0])
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp_path / 'profiel'}", "--dump-dom",
        page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=300, check=False)
    dom = result.stdout.decode("utf-8")
    assert result.returncode == 0 and "<html" in dom, result.stderr[-300:]
    assert '<h2 id="inleiding"><span class="nummer">1</span> Inleiding</h2>' in dom
    assert '<h3 id="achtergrond">' in dom
    assert '<a href="#begroting">' in dom
    assert '<section class="footnotes" aria-label="Voetnoten">' in dom
    assert "<script" not in dom


def test_containers_keep_their_class() -> None:
    text = "a\n\n::: pagebreak\n:::\n\n::: landscape\nb\n:::\n\n::: kader\nc\n:::\n"
    html, _ = _page(text)
    assert '<div class="pagebreak"></div>' in html
    assert '<div class="landscape">\n<p>b</p>\n</div>' in html
    assert '<div class="overig">\n<p>c</p>\n</div>' in html
