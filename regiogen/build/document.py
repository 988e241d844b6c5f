"""One document through the pipeline: template → Markdown → sections → every output format.

:func:`render_document` renders a template with its context into Markdown, draws the charts
the template asked for, and hands the text to :func:`emit_markdown`, which checks the
required sections and converts it (Word, HTML; a PDF waits for the region's batch). The Excel
workbooks that go with a kind come from :func:`workbooks`. Like :mod:`regiogen.build.region`
these are pure: outputs and diagnostics go into a :class:`~regiogen.build.region.Rendered`,
nothing is written. May import the stages below build (source, model, documents, render).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from regiogen.diagnostics import has_errors
from regiogen.model.content import Content
from regiogen.model.project import Config

if TYPE_CHECKING:
    from regiogen.build.region import Rendered, RenderSettings


def workbooks(settings: RenderSettings, kind: str, content: Content, result: Rendered) -> None:
    """The Excel outputs that go with ``kind``: the begroting, the verantwoording."""
    if "xlsx" not in settings.formats:
        return
    if kind == "spuk-iza-bijlage" and content.begroting is not None:
        from regiogen.render.xlsx import begroting_to_xlsx

        region = result.region
        result.outputs[f"{region}/begroting.xlsx"] = begroting_to_xlsx(
            content, source_date_epoch=settings.source_date_epoch
        )
    if kind == "verantwoording":
        from regiogen.render.verantwoording_xlsx import verantwoording_to_xlsx

        result.outputs[f"{result.region}/verantwoording.xlsx"] = verantwoording_to_xlsx(
            content, settings.peildatum or date.today(), settings.source_date_epoch
        )


def render_document(
    settings: RenderSettings,
    stem: str,
    template: str,
    required: tuple[str, ...],
    context: dict[str, Any],
    result: Rendered,
) -> None:
    from regiogen.documents.figures import fresh_figures
    from regiogen.documents.voortgang import Grafieken
    from regiogen.render.markdown import render_template

    context = fresh_figures(context)
    rendered = render_template(
        template,
        context,
        project_templates=settings.root / "templates",
        display_root=settings.root,
        limits=template_limits(settings.config),
    )
    result.diagnostics.extend(rendered.diagnostics)
    if rendered.text is None or has_errors(rendered.diagnostics):
        result.failed.add(stem)
        return
    images = _figures(context)
    grafieken = context.get("grafieken")  # the voortgang charts, drawn now
    if isinstance(grafieken, Grafieken):
        images.update(grafieken.teken())
    emit_markdown(settings, stem, template, required, rendered.text, result, images=images)
    if images and f"{stem}.md" in result.outputs:  # the charts go with the Markdown
        folder = stem.rsplit("/", 1)[0]
        result.outputs.update({f"{folder}/{name}": data for name, data in images.items()})


def _figures(context: dict[str, Any]) -> dict[str, bytes]:
    """The charts the template asked for (``figuur(...)``), drawn as PNG."""
    from regiogen.documents.figures import Figuren, draw

    figuren = context.get("figuur")
    return draw(figuren) if isinstance(figuren, Figuren) else {}


def template_limits(config: Config) -> Any:
    """The :class:`~regiogen.render.sandbox.TemplateLimits` set in ``regiogen.yaml``."""
    from regiogen.render.sandbox import TemplateLimits

    grenzen = config.sjabloongrenzen
    return TemplateLimits(grenzen.stappen, grenzen.tekens, float(grenzen.processortijd))


def emit_markdown(
    settings: RenderSettings,
    stem: str,
    template: str,
    required: tuple[str, ...],
    text: str,
    result: Rendered,
    *,
    images: dict[str, bytes] | None = None,
) -> None:
    """Check a rendered Markdown document's sections and add its outputs in every format.

    ``images`` are the charts the build drew for it, by the name the Markdown uses.
    """
    from regiogen.documents.afkortingen import with_abbreviations
    from regiogen.documents.sections import check_sections
    from regiogen.render.markdown_parser import parse

    text = with_abbreviations(stamp_front_matter(text, settings.stamp_for(stem)))
    md_path = f"{stem}.md"
    tokens = parse(text)
    found = check_sections(tokens, required, path=md_path, template=template)
    result.diagnostics.extend(found)
    if has_errors(found):
        result.failed.add(stem)
        return
    from regiogen.render.convert import MARKDOWN_FORMATS, ConvertOptions, convert_markdown

    # The PDF comes later, from the .docx, with the other PDFs of the region in one batch.
    formats = [f for f in settings.formats if f != "pdf"]
    if "pdf" in settings.formats and "docx" not in formats:
        formats.append("docx")
    outputs, found = convert_markdown(
        text,
        formats,
        ConvertOptions(
            name=stem,
            base_dir=settings.root,
            reference_doc=settings.reference_doc,
            source_date_epoch=settings.source_date_epoch,
            pdfa=settings.pdfa,
            images=images or {},
        ),
        parsed=tokens,
    )
    result.diagnostics.extend(found)
    if not outputs and set(settings.formats) & {"md", "docx", "pdf", "html"}:
        result.failed.add(stem)
        return
    if any(fmt in MARKDOWN_FORMATS and fmt not in outputs for fmt in formats):
        result.failed.add(stem)
    if "pdf" in settings.formats and "docx" in outputs:
        result.pdf_later.append((stem, outputs.pop("docx"), "docx" in settings.formats))
    result.outputs.update({f"{stem}.{fmt}": data for fmt, data in outputs.items()})


def stamp_front_matter(text: str, stamp: str | None) -> str:
    """Add the version stamp (git commit) to the ``versie`` line of the front matter."""
    if not stamp or not text.startswith("---\n"):
        return text
    end = text.find("\n---", 4)
    if end < 0:
        return text
    head, rest = text[4:end], text[end:]
    lines = head.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("versie:"):
            value = line[len("versie:") :].strip().strip("\"'")
            lines[i] = f'versie: "{value} ({stamp})"' if value else f'versie: "{stamp}"'
            break
    else:
        lines.append(f'versie: "{stamp}"')
    return "---\n" + "\n".join(lines) + rest
