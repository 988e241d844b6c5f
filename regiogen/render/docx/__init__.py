"""Markdown → Word (.docx) in regiogen's house style.

The public API is :class:`DocxOptions`, :func:`markdown_to_docx` and :func:`render_file`.
Styles, page setup and fonts come from a reference document (``--reference-doc``);
the body is built as WordprocessingML directly, and the package is written with fixed
entry times and order, so the same Markdown gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token

from regiogen.diagnostics import Diagnostic, Severity, error, os_reason, warning
from regiogen.files import write_atomic
from regiogen.paths import builtin_reference_docx
from regiogen.render.footnotes import footnote_problems
from regiogen.render.gcpause import pause_gc
from regiogen.render.markdown_parser import parse
from regiogen.render.survey import Survey, survey
from regiogen.source.yaml_errors import encoding_error

from .assemble import document_xml, footnotes_xml, package, settings_xml
from .cover import cover_xml
from .fields import TocEntry, toc_xml
from .frontmatter import FrontMatter, date_epoch, parse_front_matter
from .headers import Furniture, build_furniture
from .numbering import Numbering
from .package import core_properties
from .reference import ReferenceDocError, load_reference
from .state import DocState
from .styles import StyleSheet
from .writer import BodyWriter, write_body
from .xmlutil import has_forbidden, strip_forbidden

__all__ = ["DocxOptions", "markdown_to_docx", "render_file"]

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z
_TOC_ENTRIES_PER_PAGE = 38
#: Contents of at most this many entries share a page with the text that follows.
_SHORT_TOC = 10


@dataclass(frozen=True)
class DocxOptions:
    """How to turn Markdown into Word; ``None`` means: from the front matter or default."""

    reference_doc: Path | None = None
    base_dir: Path | None = None
    source_path: str = "<markdown>"
    heading_numbering: bool | None = None
    toc: bool | None = None
    cover: bool | None = None
    source_date_epoch: int | None = None
    line_offset: int = 0
    #: Images made by the build (charts), by the name the Markdown uses; never read from disk.
    images: Mapping[str, bytes] = field(default_factory=dict)


def _clean_source(markdown: str, options: DocxOptions, diags: list[Diagnostic]) -> str:
    if not has_forbidden(markdown):
        return markdown
    for number, line in enumerate(markdown.split("\n"), start=1):
        if has_forbidden(line):
            diags.append(
                warning(
                    "text.control-char",
                    "teken dat Word niet kan opslaan is verwijderd",
                    options.source_path,
                    number + options.line_offset,
                )
            )
    return strip_forbidden(markdown)


def _front_matter(
    tokens: list[object], options: DocxOptions, diags: list[Diagnostic]
) -> FrontMatter:
    for tok in tokens[:1]:
        if getattr(tok, "type", "") == "front_matter":
            fm, problems = parse_front_matter(str(getattr(tok, "content", "")))
            for problem in problems:
                diags.append(
                    warning("markdown.front-matter", problem.message, options.source_path,
                            problem.file_line(options.line_offset), problem.col)
                )  # fmt: skip
            return fm
    return FrontMatter()


def _clean_fm(fm: FrontMatter) -> None:
    for key, value in vars(fm).items():
        if isinstance(value, str):
            setattr(fm, key, strip_forbidden(value))
    fm.trefwoorden = [strip_forbidden(w) for w in fm.trefwoorden]


def _custom(reference: tuple[tuple[str, str], ...], ours: dict[str, str]) -> dict[str, str]:
    """The reference's custom properties, with this document's values where it has them
    (names compared without regard to case), so fields in the client's parts keep working."""
    taken = {name.casefold() for name in ours}
    kept = {name: value for name, value in reference if name.casefold() not in taken}
    return {**kept, **ours}


def _pick(option: bool | None, front: bool | None, default: bool) -> bool:
    if option is not None:
        return option
    return front if front is not None else default


def markdown_to_docx(
    markdown: str,
    options: DocxOptions = DocxOptions(),
    *,
    parsed: Sequence[Token] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Convert Markdown text to the bytes of a .docx file, with diagnostics.

    Never raises on any Markdown input. When the reference document is unusable the
    bytes are empty and the diagnostics hold one ``docx.reference`` error. ``parsed``
    may hold the tokens of ``markdown`` from :func:`regiogen.render.markdown_parser.parse`
    when the caller has them already (the build checks sections on them first); they are
    used only when the text needs no cleaning.
    """
    with pause_gc():
        return _markdown_to_docx(markdown, options, parsed)


@dataclass(frozen=True)
class _Layout:
    """What the document gets besides its body: numbered headings, contents, cover."""

    numbered: bool
    toc: bool
    cover: bool


def _markdown_to_docx(
    markdown: str, options: DocxOptions, parsed: Sequence[Token] | None
) -> tuple[bytes, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    ref_path = options.reference_doc or builtin_reference_docx()
    try:
        ref = load_reference(ref_path)
    except ReferenceDocError as exc:
        return b"", [
            error("docx.reference", f"referentiedocument {ref_path}: {exc}", str(ref_path))
        ]
    cleaned = _clean_source(markdown, options, diags)
    tokens = list(parsed) if parsed is not None and cleaned == markdown else parse(cleaned)
    facts = survey(tokens)
    _report_survey(facts, cleaned, options, diags)
    fm = _read_front_matter(tokens, cleaned, options, diags)
    layout = _choose_layout(options, fm)
    st = DocState(
        ref=ref,
        styles=StyleSheet(ref, diags.append, options.source_path),
        numbering=Numbering(ref.numbering),
        path=options.source_path,
        line_offset=options.line_offset,
        base_dir=options.base_dir,
        diagnostics=diags,
        images=options.images,
    )
    # Page furniture first, so its relationship ids come first.
    furn = _furniture(st, fm, layout, facts.landscape, ref_path)
    writer = _write(st, tokens, layout, furn)
    front = _front_pages(st, fm, layout, writer)
    writer.end_body()
    body = front + writer.body
    body.append(writer.final_sect_pr())
    for note in st.footnote_refs:
        writer.footnotes.setdefault(note, "")
    return _package(st, fm, options, furn, writer, body), diags


def _report_survey(
    facts: Survey, cleaned: str, options: DocxOptions, diags: list[Diagnostic]
) -> None:
    """Warn about extra table cells, footnote problems and unclosed blocks."""
    for line, dropped in facts.excess:
        diags.append(
            warning(
                "markdown.table-cells",
                f"tabelrij heeft {dropped} cel(len) meer dan de kop; die vallen weg "
                "(voeg kolommen aan de kop toe of haal de extra '|' weg)",
                options.source_path,
                line + options.line_offset,
                1,
            )
        )
    for line, message in footnote_problems(cleaned, facts):
        diags.append(
            warning("markdown.footnote", message, options.source_path, line + options.line_offset)
        )
    for line, what in facts.unclosed:
        diags.append(
            warning(
                "markdown.unclosed",
                f"{what} wordt niet afgesloten en loopt door tot het einde van het omringende "
                "blok of document; sluit het af met een eigen regel",
                options.source_path,
                line + options.line_offset,
                1,
            )
        )


def _read_front_matter(
    tokens: list[Token], cleaned: str, options: DocxOptions, diags: list[Diagnostic]
) -> FrontMatter:
    """The front matter, cleaned, with a warning when its closing '---' is missing."""
    fm = _front_matter(list(tokens), options, diags)
    if cleaned.startswith("---\n") and not (tokens and tokens[0].type == "front_matter"):
        diags.append(
            warning(
                "markdown.front-matter",
                "het bestand begint met '---' maar de front matter wordt niet met een regel "
                "'---' afgesloten; de regels worden als gewone tekst gelezen",
                options.source_path,
                1 + options.line_offset,
                1,
            )
        )
    _clean_fm(fm)
    return fm


def _choose_layout(options: DocxOptions, fm: FrontMatter) -> _Layout:
    """Options win over the front matter; a cover needs something to put on it."""
    with_cover = _pick(options.cover, fm.voorblad, bool(fm.titel)) and bool(
        fm.titel or fm.ondertitel or fm.organisatie
    )
    return _Layout(
        numbered=_pick(options.heading_numbering, fm.nummering, False),
        toc=_pick(options.toc, fm.inhoudsopgave, False),
        cover=with_cover,
    )


def _furniture(
    st: DocState, fm: FrontMatter, layout: _Layout, landscape: bool, ref_path: Path
) -> Furniture:
    """Headers and footers; a warning when the reference's could not be taken over."""
    furn, problem = build_furniture(st, fm, cover=layout.cover, landscape=landscape)
    if problem:
        st.diagnostics.append(
            warning(
                "docx.reference",
                f"referentiedocument {ref_path}: kop- of voettekst niet overgenomen, "
                f"regiogen maakt die zelf ({problem})",
                str(ref_path),
            )
        )
    return furn


def _write(st: DocState, tokens: list[Token], layout: _Layout, furn: Furniture) -> BodyWriter:
    """Write the body; the text starts on a new page after a cover or a long contents."""
    writer = BodyWriter(st, numbered=layout.numbered, refs=furn.refs, title_page=furn.title_page)
    # A short contents (a few lines) shares its page with the start of the text: a page of
    # its own would be nearly empty.
    toc_count = sum(1 for t in tokens if t.type == "heading_open" and t.tag in ("h1", "h2", "h3"))
    short_toc = layout.toc and toc_count <= _SHORT_TOC
    writer.page_break = (layout.cover or layout.toc) and not short_toc
    write_body(writer, tokens)
    return writer


def _front_pages(st: DocState, fm: FrontMatter, layout: _Layout, writer: BodyWriter) -> list[str]:
    """The cover and the contents, with page numbers counted past both."""
    body_start: list[str] = []
    if layout.cover:
        body_start.append(cover_xml(fm, st.styles))
    offset = 1 if layout.cover else 0
    if layout.toc:
        toc_pages = max(1, -(-len(writer.headings) // _TOC_ENTRIES_PER_PAGE))
        entries = [
            TocEntry(e.level, e.number, e.text, e.bookmark, e.page + offset + toc_pages)
            for e in writer.headings
        ]
        body_start.append(
            toc_xml(
                entries,
                st.styles,
                "Inhoudsopgave",
                new_page=layout.cover,
                unnumbered=st.numbering.unnumbered() if layout.numbered else None,
            )
        )
    return body_start


def _package(
    st: DocState,
    fm: FrontMatter,
    options: DocxOptions,
    furn: Furniture,
    writer: BodyWriter,
    body: list[str],
) -> bytes:
    """The document properties and styles, and the package of all parts."""
    epoch = options.source_date_epoch
    if epoch is None and fm.datum_iso is not None:
        epoch = date_epoch(fm.datum_iso)
    core = core_properties(
        title=fm.titel,
        subject=fm.onderwerp or fm.ondertitel,
        author=fm.auteur or fm.organisatie,
        keywords=", ".join(fm.trefwoorden),
        language=fm.taal or "nl-NL",
        epoch=epoch if epoch is not None else DEFAULT_EPOCH,
        version=fm.versie,
    )
    styles = st.styles
    styles_xml = styles.styles_xml(st.numbering.heading_num, fm.taal or None)
    styles.report_missing()
    numbering = st.numbering.xml() if st.numbering.used else None
    ref = st.ref
    return package(
        document=document_xml(body),
        styles=styles_xml,
        settings=settings_xml(ref, footnotes=bool(writer.footnotes)),
        numbering=numbering,
        footnotes=footnotes_xml(writer.footnotes, styles("fn_text")) if writer.footnotes else None,
        ref=ref,
        rels=st.rels,
        furniture=furn.parts,
        media=[(m.part, m.data) for m in st.media.values()],
        core=core,
        epoch=options.source_date_epoch,
        types=furn.types,
        custom=_custom(ref.custom, furn.custom),
        company=fm.organisatie if furn.company else "",
        footnote_rels=st.note_rels,
    )


def render_file(src: Path, out: Path, options: DocxOptions) -> list[Diagnostic]:
    """Convert ``src`` (UTF-8 Markdown) to ``out`` atomically; nothing is written on errors."""
    path = options.source_path if options.source_path != "<markdown>" else str(src)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        return [error("io.unreadable", f"{src} kan niet worden gelezen ({os_reason(exc)})", path)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [encoding_error(raw, exc, path)]
    if options.source_path == "<markdown>":
        options = DocxOptions(**{**vars(options), "source_path": path})
    data, diags = markdown_to_docx(text, options)
    if any(d.severity is Severity.ERROR for d in diags):
        return diags
    try:
        write_atomic(out, data)
    except OSError as exc:
        message = f"{out} kan niet worden geschreven ({os_reason(exc)})"
        diags.append(error("io.write", message, path))
    return diags
