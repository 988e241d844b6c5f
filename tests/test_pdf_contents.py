"""PDF and Word contents with the right page numbers; the PDF tagged and PDF/A-2b."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fake_soffice import FakeSoffice
from test_pdf import needs_soffice

from regiogen.render import pdf
from regiogen.render.docx import DocxOptions, markdown_to_docx
from regiogen.render.docx.toc_pages import set_toc_pages, toc_pages
from regiogen.render.layout import pdf_with_true_contents

PARAGRAPH = "Een alinea die de pagina vult met tekst over de regio en haar plannen. " * 12
MARKDOWN = (
    "---\ntitel: Proef\norganisatie: Programmabureau IZA\ndatum: 2023-11-03\n"
    "inhoudsopgave: true\n---\n\n"
    + "".join(
        f"# Hoofdstuk {n} over financiële zaken\n\n" + f"{PARAGRAPH}\n\n" * (n % 4 + 2)
        for n in range(1, 9)
    )
)


def _docx() -> bytes:
    data, _ = markdown_to_docx(MARKDOWN, DocxOptions(source_path="proef.md"))
    return data


def test_the_export_filter_asks_for_tagged_pdfa_2b_unless_turned_off() -> None:
    name, _, options = pdf.export_filter().partition(":writer_pdf_Export:")
    assert name == "pdf"
    parsed = json.loads(options)
    assert parsed["SelectPdfVersion"] == {"type": "long", "value": "2"}
    assert parsed["UseTaggedPDF"]["value"] == "true"
    plain = json.loads(pdf.export_filter(pdfa=False).split(":", 2)[2])
    assert plain["SelectPdfVersion"]["value"] == "0" and plain["UseTaggedPDF"]["value"] == "true"


def test_destination_names_as_libreoffice_writes_them() -> None:
    assert pdf.destination_name("_Toc000000001") == "5FToc000000001"
    assert pdf.destination_name("financiële-kansen") == "financi25C325ABle-kansen"


def test_toc_pages_are_read_and_set_without_touching_other_parts() -> None:
    data = _docx()
    shown = toc_pages(data)
    assert len(shown) == 8
    changed = set_toc_pages(data, dict.fromkeys(shown, 42))
    assert set(toc_pages(changed).values()) == {42}
    assert set_toc_pages(data, shown) == data


def test_the_contents_gets_the_pages_the_layout_gives(fake_soffice: FakeSoffice) -> None:
    """Wrong numbers in the contents are replaced by the layout's (here the fake's: the n-th
    bookmark on page n + 1), in the .docx and its PDF, in a second round that confirms them."""
    wrong = set_toc_pages(_docx(), dict.fromkeys(toc_pages(_docx()), 99))
    docx, data, diagnostics = pdf_with_true_contents(wrong, name="proef")
    assert data is not None and diagnostics == []
    dests = pdf.pdf_destinations(data)
    shown = toc_pages(docx)
    assert len(shown) == 8 and {b: dests[pdf.destination_name(b)] for b in shown} == shown
    assert 99 not in shown.values()
    assert len(fake_soffice.starts) == 2


@needs_soffice
def test_the_pdf_contents_shows_the_pages_the_headings_are_on(example_pdfs: Path) -> None:
    """The regioplan of the example, through LibreOffice: its contents, in Word and in the
    PDF, names the page of every heading (:mod:`test_example_pages` reads the PDF's text)."""
    docx = (example_pdfs / "regioplan.docx").read_bytes()
    data = (example_pdfs / "regioplan.pdf").read_bytes()
    dests = pdf.pdf_destinations(data)
    shown = toc_pages(docx)
    assert len(shown) >= 5 and {b: dests[pdf.destination_name(b)] for b in shown} == shown
    text = data.decode("latin-1")
    assert "/StructTreeRoot" in text  # tagged
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", text)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", text)
