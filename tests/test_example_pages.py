"""The example built to Word and PDF, checked the way issue #18 is checked "elsewhere".

One build of the regioplan, the SPUK bijlage and the werkagenda (portrait, a short contents,
landscape) to .docx and .pdf through LibreOffice. Per PDF page (``pdftotext``): every entry of
the contents names the page its heading is on, no page is empty but for header and footer,
every page but the cover has the document's header and a "Pagina N van M" footer; ``pdfinfo``
says tagged and PDF/A-2b; the bijlage's table rows never split and no row is alone under a
repeated header.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import PDF_KINDS as KINDS
from conftest import needs_uno_bridge, pdf_pages
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADERS = {
    "regioplan": "Regioplan Regio Lindeland",
    "spuk-iza-bijlage": "Bijlage aanvraag SPUK IZA Regio Lindeland",
    "werkagenda": "Werkagenda Regio Lindeland",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice or poppler (pdftotext, pdfinfo) is not installed",
    ),
]


@pytest.fixture
def built(example_pdfs: Path) -> Path:
    """The example's PDFs, made once per run (shared with :mod:`test_valid_word`)."""
    return example_pdfs


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_ENTRY = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s+)?(\S.*?)\s*\.{3,}\s*(\d+)\s*$")


@pytest.mark.parametrize("kind", KINDS)
def test_every_contents_entry_names_the_page_its_heading_is_on(built: Path, kind: str) -> None:
    pages = pdf_pages(built / f"{kind}.pdf")
    entries = [
        (m[1], int(m[2]))
        for page in pages[:3]
        if "Inhoudsopgave" in page
        for m in map(_ENTRY.match, page.splitlines())
        if m
    ]
    assert len(entries) >= 5, pages[1]
    bodies = [_plain("\n".join(x for x in p.splitlines() if not _ENTRY.match(x))) for p in pages]
    for title, page in entries:
        on = [i + 1 for i, body in enumerate(bodies) if i and _plain(title)[:40] in body]
        assert page in on, (title, page, on)


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_has_text_a_header_and_a_numbered_footer(built: Path, kind: str) -> None:
    pages = pdf_pages(built / f"{kind}.pdf")
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        lines = [x.strip() for x in page.splitlines() if x.strip()]
        assert lines[0].startswith(HEADERS[kind]), (number, lines[:2])
        assert f"Pagina {number} van {total}" in lines[-1], (number, lines[-1])
        body = [x for x in lines[1:-1] if not x.startswith("versie ")]
        assert len(body) >= 5, (kind, number, body)  # no empty or near-empty page
    assert "Pagina 1" not in pages[0]  # the cover has no footer


@needs_uno_bridge
def test_the_example_s_pdfs_cost_one_libreoffice_start(built: Path) -> None:
    """Three documents, two layout rounds (the contents' page numbers): one LibreOffice
    session for all of it."""
    starts = (built.parent.parent / "libreoffice-starts.txt").read_text("utf-8").split("\n")
    assert starts == ["session"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_is_tagged_and_pdfa_2b(built: Path, kind: str) -> None:
    pdf = built / f"{kind}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"pdfaid:part(>|=\")2", meta) and re.search(
        r"pdfaid:conformance(>|=\")B", meta
    )


def test_the_bijlage_table_rows_never_split_and_no_total_stands_alone(built: Path) -> None:
    with zipfile.ZipFile(io.BytesIO((built / "spuk-iza-bijlage.docx").read_bytes())) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    tables = list(body.iter(W + "tbl"))
    assert len(tables) >= 4
    for table in tables:
        rows = table.findall(W + "tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        texts = ["".join(r.itertext()) for r in rows]
        for i, text in enumerate(texts[1:], start=1):
            if text.startswith("Totaal") and i > 1:
                above = rows[i - 1]
                keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in above.iter(W + "p")]
                assert all(keeps), texts[i - 1]  # the row above keeps with the total
