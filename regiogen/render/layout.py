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

from collections.abc import Sequence
from dataclasses import replace

from regiogen.diagnostics import Diagnostic, warning

from .docx.toc_pages import set_toc_pages, toc_pages
from .office import OfficeSession
from .pdf import PdfJob, docxs_to_pdf, office_session
from .pdf_bytes import destination_name, pdf_destinations

__all__ = ["MAX_PASSES", "pdf_with_true_contents", "pdfs_with_true_contents"]

MAX_PASSES = 3


def pdf_with_true_contents(
    docx: bytes, *, name: str, source_date_epoch: int | None = None, pdfa: bool = True
) -> tuple[bytes, bytes | None, list[Diagnostic]]:
    """Return the (corrected) .docx, its PDF (``None`` on failure) and diagnostics."""
    return pdfs_with_true_contents([PdfJob(docx, name, source_date_epoch, pdfa)])[0]


def pdfs_with_true_contents(
    jobs: Sequence[PdfJob],
) -> list[tuple[bytes, bytes | None, list[Diagnostic]]]:
    """:func:`pdf_with_true_contents` for several documents. With a contents (two rounds),
    every round in one LibreOffice session, so all rounds cost one start (see
    :mod:`.office`; without the UNO bridge, one start per round); without, the one round on
    the command line (see :func:`~regiogen.render.pdf.docxs_to_pdf`).

    The ``destinations`` of a job are decided here (from its contents), not by the caller.
    """
    shown = [toc_pages(job.docx) for job in jobs]
    if not any(shown):  # one round: the command line is cheaper
        return _rounds(jobs, shown, None)
    with office_session() as session:  # one LibreOffice start for every round
        return _rounds(jobs, shown, session)


def _rounds(
    jobs: Sequence[PdfJob], shown: list[dict[str, int]], session: OfficeSession | None
) -> list[tuple[bytes, bytes | None, list[Diagnostic]]]:
    """The layout rounds; ``shown`` is the page numbers each contents shows now."""
    docs = [job.docx for job in jobs]
    results: list[tuple[bytes, bytes | None, list[Diagnostic]] | None] = [None] * len(jobs)
    last: list[tuple[bytes | None, list[Diagnostic]]] = [(None, [])] * len(jobs)
    pending = list(range(len(jobs)))
    for _ in range(MAX_PASSES):
        batch = [replace(jobs[i], docx=docs[i], destinations=bool(shown[i])) for i in pending]
        converted = docxs_to_pdf(batch, session=session)
        still: list[int] = []
        for i, (pdf, found) in zip(pending, converted, strict=True):
            last[i] = (pdf, found)
            if pdf is None or not shown[i]:
                results[i] = (docs[i], pdf, found)
                continue
            dests = pdf_destinations(pdf)
            laid_out = {
                bookmark: dests[destination_name(bookmark)]
                for bookmark in shown[i]
                if destination_name(bookmark) in dests
            }
            if all(shown[i][b] == page for b, page in laid_out.items()):
                results[i] = (docs[i], pdf, found)
                continue
            docs[i] = set_toc_pages(docs[i], laid_out)
            shown[i] = toc_pages(docs[i])
            still.append(i)
        pending = still
        if not pending:
            break
    for i in pending:
        pdf, found = last[i]
        results[i] = (docs[i], pdf, [*found, _unsettled(jobs[i].name)])
    return [result for result in results if result is not None]


def _unsettled(name: str) -> Diagnostic:
    return warning(
        "build.toc-pages",
        "de paginanummers in de inhoudsopgave kwamen na "
        f"{MAX_PASSES} opmaakrondes niet overeen met de pagina's van de koppen",
        f"{name}.pdf",
    )
