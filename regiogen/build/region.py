"""One region through the pipeline: load → validate → rules → render → sections → Word.

Pure functions from inputs to outputs and diagnostics: nothing here writes files or
prints. :func:`check_region` stops after the rules; :func:`render_region` also produces
the bytes of every document. Both are safe to run in a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from regiogen.build.document import render_document, workbooks
from regiogen.diagnostics import Diagnostic, Severity, has_errors
from regiogen.model.content import Content
from regiogen.model.project import VOORTGANG_KINDS, Config, content_kinds, rule_kinds
from regiogen.model.validate import validate_region
from regiogen.source.load import SourceMap, display_path, load_region


@dataclass
class Checked:
    """A region after loading, validation and the rules."""

    region: str
    content: Content | None
    source_map: SourceMap
    files: list[Path]
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class RenderSettings:
    """What a region's documents are rendered with (all picklable, for worker processes)."""

    root: Path
    content_dir: str
    config: Config
    kinds: tuple[str, ...]
    formats: tuple[str, ...]
    reference_doc: Path | None = None
    source_date_epoch: int | None = None
    #: Version stamp (git commit) per region (and the handreiking), when stamps are on.
    stamps: tuple[tuple[str, str | None], ...] = ()
    pdfa: bool = True
    strict_rules: bool = False
    auto_kinds: bool = False  # the content decides which of ``kinds`` the region gets
    peildatum: date | None = None  # the voortgang kinds report at this date
    #: The kinds whose documents are made (None: all of ``kinds``); the rules still judge
    #: ``kinds``, so the findings are those of a build of all of them.
    render_kinds: tuple[str, ...] | None = None
    #: Leave the PDFs for the caller, which converts those of many regions in one batch
    #: (:func:`finish_pdfs_of`); otherwise each region converts its own.
    defer_pdfs: bool = False

    def stamp_for(self, stem: str) -> str | None:
        """The stamp of the region an output (``region/document``) belongs to."""
        region = stem.split("/", 1)[0]
        return dict(self.stamps).get(region)


@dataclass
class Rendered:
    """The outputs of one region: relative output path → bytes, plus diagnostics."""

    region: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Stems of documents that had errors: their earlier outputs stay, and the region is built
    #: again next time. A document whose PDF failed is here too, with its other formats written.
    failed: set[str] = field(default_factory=set)
    complete: bool = True  # False when the region itself could not be read
    #: Regions whose errors keep this (project-wide) document from being made.
    blocked_by: list[str] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    #: The findings about the region itself (loading, schema, rules), before any document.
    region_findings: list[Diagnostic] = field(default_factory=list)
    #: Per kind whose documents were all made: the findings of making them.
    by_kind: dict[str, list[Diagnostic]] = field(default_factory=dict)
    #: Documents waiting for their PDF: (stem, .docx, whether the .docx is an output too);
    #: :func:`finish_pdfs` converts them in one batch.
    pdf_later: list[tuple[str, bytes, bool]] = field(default_factory=list)
    #: Per kind made: the stems of its documents waiting for a PDF.
    pdf_kinds: dict[str, list[str]] = field(default_factory=dict)


def check_region(
    root: Path,
    content_dir: str,
    region: str,
    config: Config,
    kinds: tuple[str, ...] | None = None,
    peildatum: date | None = None,
) -> Checked:
    """Load, validate and apply the IZA rules to one region: every finding in one round.

    A file that cannot be read does not hide the schema errors of the other files; schema
    errors do not hide unknown ids or the IZA rules (checked on the content without its
    broken parts; a rule finding at the same place as an error is not repeated). The
    content is returned only when nothing but IZA rules found errors: the documents can be
    made. Rules about the voortgang judge it at ``peildatum``.
    """
    folder = root / content_dir / region
    loaded = load_region(folder, root)
    fallback = display_path(folder, root)
    if not has_errors(loaded.diagnostics):
        from regiogen.source.excel_merge import merge_xlsx_posten, xlsx_source

        loaded.diagnostics.extend(merge_xlsx_posten(loaded.data, loaded.source_map, folder, root))
        workbook = xlsx_source(loaded.data, folder)
        if workbook is not None and workbook.is_file():
            loaded.files.append(workbook)
        from regiogen.source.csv_series import merge_csv_series

        series = merge_csv_series(loaded.data, loaded.source_map, folder, root)
        loaded.diagnostics.extend(series.diagnostics)
        loaded.files.extend(series.files)
    diagnostics = list(loaded.diagnostics)
    unread = has_errors(d for d in diagnostics if not d.path.endswith((".xlsx", ".csv")))
    validated = validate_region(loaded.data, loaded.source_map, fallback, incomplete=unread)
    # A cell of the workbook already reported is not reported again by the schema.
    diagnostics.extend(_not_at(validated.diagnostics, _error_positions(diagnostics)))
    if validated.partial is not None:
        scope = rule_kinds(kinds, validated.partial)
        found = _rules(validated.partial, validated.source_map, fallback, config, scope, peildatum)
        taken = _error_positions(diagnostics) | set(validated.left_out_at)
        diagnostics.extend(_not_at(found, taken))
    content = validated.content if not _schema_errors(diagnostics) else None
    return Checked(region, content, loaded.source_map, loaded.files, diagnostics)


def _error_positions(diagnostics: list[Diagnostic]) -> set[tuple[str, int | None, int | None]]:
    return {(d.path, d.line, d.col) for d in diagnostics if d.severity is Severity.ERROR}


def _not_at(
    diagnostics: list[Diagnostic], taken: set[tuple[str, int | None, int | None]]
) -> list[Diagnostic]:
    return [d for d in diagnostics if (d.path, d.line, d.col) not in taken]


def _rules(
    content: Content,
    source_map: SourceMap,
    fallback: str,
    config: Config,
    kinds: tuple[str, ...] | None,
    peildatum: date | None = None,
) -> list[Diagnostic]:
    try:
        from regiogen.rules import run_rules
    except ImportError:  # the rule catalogue is optional while it is being built
        return []
    return run_rules(
        content,
        source_map,
        fallback,
        kinds=kinds,
        settings=config.regels,
        max_opgaven=config.max_opgaven,
        max_onbesteed=config.max_onbesteed,
        settings_path="regiogen.yaml",  # "regel X staat uit" once for the project, at the setting
        peildatum=peildatum,
    )


def render_region(settings: RenderSettings, region: str) -> Rendered:
    """Render every document of one region in every requested format."""
    from regiogen.render.gcpause import pause_gc

    with pause_gc():
        return _render_region(settings, region)


def _render_region(settings: RenderSettings, region: str) -> Rendered:
    auto = settings.auto_kinds
    # The voortgang is judged at a peildatum only when a voortgang document is asked for:
    # otherwise the findings (stored in the manifest) would change with the day of the build.
    asked = set(settings.kinds) & set(VOORTGANG_KINDS)
    rules_peildatum = settings.peildatum if asked else None
    checked = check_region(
        settings.root,
        settings.content_dir,
        region,
        settings.config,
        () if auto else settings.kinds,
        rules_peildatum,
    )
    result = Rendered(region, diagnostics=list(checked.diagnostics), inputs=list(checked.files))
    content = checked.content
    if content is None or _schema_errors(checked.diagnostics):
        result.complete = False
        return result
    kinds = settings.kinds
    if auto:
        # The content decides; a --doc filter (settings.kinds) narrows that choice.
        # (the voortgang kinds come only when asked for, and then whatever the content holds)
        produced = content_kinds(content)
        kinds = tuple(k for k in settings.kinds if k in produced or k in VOORTGANG_KINDS)
        folder = settings.root / settings.content_dir / region
        found = _rules(
            content,
            checked.source_map,
            display_path(folder, settings.root),
            settings.config,
            rule_kinds(None if "toetsing" in kinds else kinds, content),
            rules_peildatum,
        )
        checked.diagnostics.extend(found)
        result.diagnostics.extend(found)
    region_path = display_path(settings.root / settings.content_dir / region, settings.root)
    findings = [d for d in checked.diagnostics if d.code.startswith("iza.")]
    result.region_findings = list(result.diagnostics)
    if "toetsing" in kinds and not auto:
        # The toetsing judges every kind the content produces, whatever else is built.
        findings = _rules(
            content,
            checked.source_map,
            region_path,
            settings.config,
            rule_kinds(None, content),
        )
    _render_kinds(settings, (region, region_path), content, kinds, findings, result)
    if not settings.defer_pdfs:
        finish_pdfs(settings, result)
    return result


def _render_kinds(
    settings: RenderSettings,
    where: tuple[str, str],
    content: Content,
    kinds: tuple[str, ...],
    findings: list[Diagnostic],
    result: Rendered,
) -> None:
    """Render the documents of ``kinds`` that were asked for, with their workbooks; each
    kind's diagnostics and PDFs are noted in ``result``. ``where`` is the region's folder
    name and its path as shown in diagnostics."""
    from regiogen.documents.kinds import documents_for

    region, region_path = where
    wanted = settings.kinds if settings.render_kinds is None else settings.render_kinds
    for kind in kinds:
        if kind not in wanted:
            continue
        start, failed, pdfs = len(result.diagnostics), len(result.failed), len(result.pdf_later)
        for document in documents_for(
            kind,
            content,
            organisatie=settings.config.organisatie,
            findings=findings,
            region_path=region_path,
            peildatum=settings.peildatum,
        ):
            context = dict(document.context) | {"stempel": settings.stamp_for(region)}
            render_document(
                settings,
                f"{region}/{document.stem}",
                document.template,
                document.required,
                context,
                result,
            )
        workbooks(settings, kind, content, result)
        if len(result.failed) == failed:
            result.by_kind[kind] = result.diagnostics[start:]
        result.pdf_kinds[kind] = [stem for stem, _, _ in result.pdf_later[pdfs:]]
    for kind in wanted:  # a kind the content does not produce: made, with nothing to show
        if kind not in kinds:
            result.by_kind[kind] = []


def finish_pdfs(settings: RenderSettings, result: Rendered) -> None:
    """Make the PDFs of the documents waiting for one, with one LibreOffice start per round."""
    finish_pdfs_of(settings, [result])


def finish_pdfs_of(settings: RenderSettings, results: list[Rendered]) -> None:
    """Make the PDFs every one of ``results`` waits for, all regions in one batch (one
    LibreOffice start per round), and settle each kind: its PDF findings join those of the
    kind, and a kind whose PDF failed is made again next time."""
    waiting = [(result, *item) for result in results for item in result.pdf_later]
    if not waiting:
        return
    from regiogen.render.layout import pdfs_with_true_contents
    from regiogen.render.pdf import PdfJob

    jobs = [
        PdfJob(docx, stem, settings.source_date_epoch, settings.pdfa)
        for _, stem, docx, _ in waiting
    ]
    findings: dict[str, list[Diagnostic]] = {}
    for (result, stem, _, with_docx), (docx, pdf, found) in zip(
        waiting, pdfs_with_true_contents(jobs), strict=True
    ):
        findings[stem] = found
        result.diagnostics.extend(found)
        if with_docx:  # the .docx whose contents shows the pages of the PDF
            result.outputs[f"{stem}.docx"] = docx
        if pdf is None:
            result.failed.add(stem)  # no PDF: the rest is written, the PDF is tried again
        else:
            result.outputs[f"{stem}.pdf"] = pdf
    for result in results:
        result.pdf_later = []
        for kind, stems in result.pdf_kinds.items():
            if kind in result.by_kind and any(stem in result.failed for stem in stems):
                del result.by_kind[kind]
            elif kind in result.by_kind:
                result.by_kind[kind] += [d for stem in stems for d in findings[stem]]
        result.pdf_kinds = {}


def _schema_errors(diagnostics: list[Diagnostic]) -> bool:
    """Errors that make rendering impossible (not the IZA rule findings)."""
    return any(d.severity is Severity.ERROR and not d.code.startswith("iza.") for d in diagnostics)
