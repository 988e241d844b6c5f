"""Word and PDF whose contents shows the pages the headings are on.

LibreOffice does not update a document's table of contents before it exports a PDF, and
Word, opened without ``updateFields``, shows what the file says. So regiogen lays the document
out with LibreOffice, reads the page of every heading from the PDF's named destinations
(one per Word bookmark), writes those numbers into the pre-filled contents and converts
again, until the numbers agree with the layout (at most :data:`MAX_PASSES` conversions; the
digits hardly ever move a page break, so one or two). The .docx written next to the PDF is
the corrected one, so Word shows the same numbers as the PDF.
"""

from __future__ import annotations

from regiogen.diagnostics import Diagnostic, warning

from .docx.toc_pages import set_toc_pages, toc_pages
from .pdf import destination_name, docx_to_pdf, pdf_destinations

__all__ = ["MAX_PASSES", "pdf_with_true_contents"]

MAX_PASSES = 3


def pdf_with_true_contents(
    docx: bytes, *, name: str, source_date_epoch: int | None = None, pdfa: bool = True
) -> tuple[bytes, bytes | None, list[Diagnostic]]:
    """Return the (corrected) .docx, its PDF (``None`` on failure) and diagnostics."""
    shown = toc_pages(docx)
    diagnostics: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        pdf, found = docx_to_pdf(
            docx,
            name=name,
            source_date_epoch=source_date_epoch,
            pdfa=pdfa,
            destinations=bool(shown),
        )
        if pdf is None or not shown:
            return docx, pdf, found
        diagnostics = found
        dests = pdf_destinations(pdf)
        laid_out = {
            bookmark: dests[destination_name(bookmark)]
            for bookmark in shown
            if destination_name(bookmark) in dests
        }
        if all(shown[b] == page for b, page in laid_out.items()):
            return docx, pdf, diagnostics
        docx = set_toc_pages(docx, laid_out)
        shown = toc_pages(docx)
    diagnostics.append(
        warning(
            "build.toc-pages",
            "de paginanummers in de inhoudsopgave kwamen na "
            f"{MAX_PASSES} opmaakrondes niet overeen met de pagina's van de koppen",
            f"{name}.pdf",
        )
    )
    return docx, pdf, diagnostics
