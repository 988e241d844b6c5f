"""One Markdown document to its output formats: md, docx, pdf (via docx) and html.

Used by the build (every document of every region) and by ``regiogen render`` (one file), so
both make the same bytes the same way. All formats of a document, or none: when one fails,
nothing is returned and the diagnostics say why. The one exception is PDF, which needs an
outside program (LibreOffice): when that is missing or fails, the other formats are still
returned, and the diagnostics say why there is no PDF.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token

from regiogen.diagnostics import Diagnostic, has_errors

#: The formats made from Markdown (``xlsx`` is made from the begroting, not from Markdown).
MARKDOWN_FORMATS = ("md", "docx", "pdf", "html")


@dataclass(frozen=True)
class ConvertOptions:
    """Where the document comes from and how Word is styled."""

    name: str  # output path without extension, as the user sees it (``lindeland/regioplan``)
    base_dir: Path | None = None  # images must lie inside this folder
    reference_doc: Path | None = None
    source_date_epoch: int | None = None
    source: str | None = None  # the Markdown's path in diagnostics (default: ``<name>.md``)
    pdfa: bool = True  # PDF/A-2b (and tagged); off: a plain tagged PDF
    #: Images made by the build (charts), by the name the Markdown uses; never read from disk.
    images: Mapping[str, bytes] = field(default_factory=dict)


def convert_markdown(
    text: str,
    formats: Collection[str],
    options: ConvertOptions,
    *,
    parsed: Sequence[Token] | None = None,
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Return ``{format: bytes}`` for the asked formats (empty when any failed) and diagnostics.

    ``parsed`` may hold the tokens of ``text`` when the caller parsed it already.
    """
    source_path = options.source or f"{options.name}.md"
    outputs: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    if "md" in formats:
        outputs["md"] = text.encode("utf-8")
    if {"docx", "pdf"} & set(formats):
        from regiogen.render.docx import DocxOptions, markdown_to_docx

        data, found = markdown_to_docx(
            text,
            DocxOptions(
                reference_doc=options.reference_doc,
                base_dir=options.base_dir,
                source_path=source_path,
                source_date_epoch=options.source_date_epoch,
                images=options.images,
            ),
            parsed=parsed,
        )
        diagnostics += found
        if has_errors(found):
            return {}, diagnostics
        if "pdf" in formats:
            from regiogen.render.layout import pdf_with_true_contents

            data, pdf, found = pdf_with_true_contents(
                data, name=options.name, source_date_epoch=options.source_date_epoch,
                pdfa=options.pdfa,
            )  # fmt: skip
            diagnostics += found
            if pdf is not None:  # without LibreOffice the Word file is still worth having
                outputs["pdf"] = pdf
        if "docx" in formats:
            outputs["docx"] = data
    if "html" in formats:
        from regiogen.render.html import markdown_to_html

        page, found = markdown_to_html(
            text,
            source_path=source_path,
            base_dir=options.base_dir,
            images=options.images,
            report_raw_html=not {"docx", "pdf"} & set(formats),  # the Word writer warns already
        )
        diagnostics += found
        outputs["html"] = page
    return outputs, diagnostics
