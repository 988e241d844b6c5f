"""The build of one project: regions × document kinds → files in ``build/``.

One linear pipeline: plan (which regions, which kinds) → skip what is up to date
(manifest) → render the rest, in parallel over regions → write each output atomically →
write the manifest → report stale files (removed only with ``clean``).
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from regiogen import __version__
from regiogen.build.output import (
    LOCK_NAME,
    MANIFEST_NAME,
    UnsafeOutput,
    build_lock,
    code_fingerprint,
    git_stamp,
    manifest_bytes,
    read_manifest,
    remove_leftover_temp_files,
    sha256_bytes,
    sha256_file,
    write_output,
)
from regiogen.build.region import Rendered, RenderSettings, finish_pdfs_of
from regiogen.build.schema import SCHEMA_FILES
from regiogen.build.workers import Workers
from regiogen.diagnostics import Diagnostic, Severity, error, has_errors, warning, write_error
from regiogen.model.project import CONFIG_NAME, VOORTGANG_KINDS, Project, setting_error
from regiogen.paths import builtin_reference_docx, builtin_templates_dir
from regiogen.source.load import yaml_files

HANDREIKING = "handreiking"


@dataclass(frozen=True)
class BuildOptions:
    """Choices of one build, from the command line and ``regiogen.yaml``."""

    out_dir: Path
    kinds: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    formats: tuple[str, ...] | None = None
    force: bool = False
    jobs: int = 1
    reference_doc: Path | None = None
    source_date_epoch: int | None = None
    #: ``None``: as ``git_stempel`` in ``regiogen.yaml`` (default off).
    git_stamp: bool | None = None
    #: ``None``: as ``pdf_a`` in ``regiogen.yaml`` (default on).
    pdfa: bool | None = None
    #: Use this stamp instead of asking git ("" = none); ``verify`` passes the one recorded
    #: in the manifest, so a commit of sources and build together still verifies.
    fixed_stamp: str | dict[str, str | None] | None = None
    clean: bool = False
    #: The date the voortgang kinds report at; None is today (stated in the document, and
    #: part of the incremental key of the regions that build those kinds).
    peildatum: date | None = None


@dataclass
class BuildReport:
    """What a build did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Outputs this build should have renewed but left as they were: (path, why).
    kept: list[tuple[str, str]] = field(default_factory=list)
    #: How the output folder is shown in diagnostics (``build``, relative where possible).
    out_display: str = "build"

    def shown(self, rel: str) -> str:
        """An output path as shown in diagnostics: ``build/lindeland/regioplan.docx``."""
        return f"{self.out_display}/{rel}"


def out_dir_problem(project: Project, out_dir: Path) -> str | None:
    """Why ``out_dir`` is no place for build output, or None when it is fine."""
    out = out_dir.resolve()
    root = project.root.resolve()
    if out == root or out in root.parents:
        return f"uitvoermap '{out_dir}' is de projectmap of ligt eromheen; kies bijvoorbeeld build/"
    for protected in (project.content_dir, project.templates_dir):
        resolved = protected.resolve()
        if out == resolved or resolved in out.parents:
            return f"uitvoermap '{out_dir}' ligt in {protected.name}/; kies een andere map"
        if out in resolved.parents:
            return f"uitvoermap '{out_dir}' bevat {protected.name}/; kies een andere map"
    if (out / "regiogen.yaml").exists():
        return f"uitvoermap '{out_dir}' bevat een regiogen.yaml; kies een andere map"
    return None


def _reference_problem(
    project: Project, options: BuildOptions, formats: tuple[str, ...]
) -> list[Diagnostic]:
    """A configured reference document that cannot be used, positioned at the setting."""
    if options.reference_doc is not None or not project.config.referentiedocument:
        return []
    if not {"docx", "pdf"} & set(formats):
        return []
    from regiogen.render.docx.reference import ReferenceDocError, load_reference

    path = project.root / project.config.referentiedocument
    try:
        load_reference(path)
    except ReferenceDocError as exc:
        return [
            setting_error(
                project.source_map,
                ("referentiedocument",),
                "docx.reference",
                f"referentiedocument '{project.config.referentiedocument}' is onbruikbaar: {exc}",
            )
        ]
    return []


def _reference_doc(project: Project, options: BuildOptions) -> Path:
    if options.reference_doc is not None:
        return options.reference_doc
    if project.config.referentiedocument:
        return project.root / project.config.referentiedocument
    return builtin_reference_docx()


def _template_files(project: Project) -> Iterator[Path]:
    for folder in (builtin_templates_dir(), project.templates_dir):
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file())


def _hash_inputs(paths: list[Path], root: Path) -> dict[str, str]:
    result = {}
    for path in paths:
        try:
            key = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            key = (
                f"<regiogen>/{path.name}"
                if path.is_relative_to(builtin_templates_dir())
                else path.as_posix()
            )
        result[key] = sha256_file(path) or "onleesbaar"
    return result


@dataclass
class _Plan:
    settings: RenderSettings
    shared_inputs: dict[str, str]
    signature: str
    regions: list[str]


def plan_build(project: Project, options: BuildOptions) -> tuple[_Plan, list[Diagnostic]]:
    """Decide what to build and with which settings."""
    diagnostics: list[Diagnostic] = []
    regions = project.regions
    if options.regions:
        unknown = [r for r in options.regions if r not in regions]
        for name in unknown:
            diagnostics.append(
                error("io.not-found", f"regio '{name}' bestaat niet", project.config.content)
            )
        regions = [r for r in regions if r in options.regions]
    kinds = options.kinds
    formats = options.formats or tuple(project.config.formaten)
    diagnostics.extend(_reference_problem(project, options, tuple(formats)))
    if "xlsx" in formats and kinds and not {"spuk-iza-bijlage", "verantwoording"} & set(kinds):
        diagnostics.append(
            warning(
                "build.format-unused",
                "xlsx is de begroting als werkmap en hoort bij spuk-iza-bijlage; met deze --doc "
                "komt er geen werkmap (voeg --doc spuk-iza-bijlage toe)",
                CONFIG_NAME,
            )
        )
    reference = _reference_doc(project, options)
    stamps = _stamps(project, options, regions)
    shared = [p for p in _template_files(project)]
    if (project.root / CONFIG_NAME).is_file():
        shared.append(project.root / CONFIG_NAME)
    if reference.is_file() and {"docx", "pdf"} & set(formats):
        shared.append(reference)
    shared_inputs = _hash_inputs(shared, project.root)
    settings = RenderSettings(
        root=project.root,
        content_dir=project.config.content,
        config=project.config,
        kinds=tuple(kinds) if kinds else (),
        formats=tuple(formats),
        reference_doc=reference,
        source_date_epoch=options.source_date_epoch,
        stamps=tuple(sorted(stamps.items())),
        pdfa=options.pdfa if options.pdfa is not None else project.config.pdf_a,
        peildatum=options.peildatum or date.today(),
    )
    signature = sha256_bytes(
        repr(
            (
                __version__,
                code_fingerprint(),
                sorted(formats),
                options.source_date_epoch,
                sorted(stamps.items()),
                settings.pdfa,
            )
        ).encode()
    )
    return _Plan(settings, shared_inputs, signature, regions), diagnostics


def stamp_inputs(project: Project, region: str) -> list[str]:
    """The inputs whose commits stamp a region's documents: its own folder (the handreiking:
    its chapters), the templates and the settings; a commit in another region does not count."""
    if region == HANDREIKING:
        folder = project.handreiking_dir
        own = folder.relative_to(project.root).as_posix() if folder.is_relative_to(
            project.root) else str(folder)  # fmt: skip
    else:
        own = f"{project.config.content}/{region}"
    return [own, "templates", CONFIG_NAME]


def _stamps(project: Project, options: BuildOptions, regions: list[str]) -> dict[str, str | None]:
    names = [*regions, HANDREIKING]
    fixed = options.fixed_stamp
    if isinstance(fixed, dict):
        return {r: fixed.get(r) for r in names}
    if fixed is not None:
        return dict.fromkeys(names, fixed or None)
    wanted = options.git_stamp if options.git_stamp is not None else project.config.git_stempel
    if not wanted:
        return dict.fromkeys(names)
    return {r: git_stamp(project.root, stamp_inputs(project, r)) for r in names}


def build_project(
    project: Project,
    options: BuildOptions,
    progress: Callable[[str, int, int, str], None] | None = None,
    waiting: Callable[[], None] | None = None,
) -> BuildReport:
    """Build the project's documents into ``options.out_dir``; never raises for content.

    One build at a time writes into an output folder (a second one waits for the lock;
    ``waiting`` is called when it has to). A file that cannot be written is an ``io.write``
    finding for that file; the other documents are still written.
    """
    report = BuildReport(out_display=_display_dir(options.out_dir, project.root))
    plan, found = plan_build(project, options)
    report.diagnostics.extend(found)
    if has_errors(found):
        return report  # a project setting is unusable: build nothing, change nothing
    try:
        lock = build_lock(options.out_dir, waiting)
        lock.__enter__()
    except (UnsafeOutput, OSError) as exc:
        report.diagnostics.append(write_error(exc, report.shown(LOCK_NAME)))
        return report
    workers = Workers(options.jobs, plan.settings.formats)
    try:
        _build_locked(project, options, plan, report, progress, workers)
    finally:
        workers.close()
        lock.__exit__(None, None, None)
    return report


def _display_dir(out_dir: Path, root: Path) -> str:
    """The output folder as shown to the user: relative to the project or the working folder."""
    for base in (root, Path.cwd()):
        try:
            return out_dir.resolve().relative_to(base.resolve()).as_posix() or "."
        except (ValueError, OSError):
            continue
    return out_dir.as_posix()


def _build_locked(
    project: Project,
    options: BuildOptions,
    plan: _Plan,
    report: BuildReport,
    progress: Callable[[str, int, int, str], None] | None,
    workers: Workers,
) -> None:
    out_dir = options.out_dir
    remove_leftover_temp_files(out_dir)
    old = read_manifest(out_dir)
    same_code = old.get("regiogen") == __version__ and old.get("code") == code_fingerprint()
    old_outputs: dict[str, Any] = old.get("outputs", {}) if same_code else {}
    old_findings: dict[str, Any] = old.get("bevindingen", {}) if same_code else {}
    if not isinstance(old_findings, dict):
        old_findings = {}
    new_outputs: dict[str, Any] = {}
    old_by_region: dict[str, dict[str, Any]] = {}  # each region's earlier outputs, looked up once
    for path, entry in old_outputs.items():
        old_by_region.setdefault(path.split("/", 1)[0], {})[path] = entry
    findings: dict[str, list[dict[str, Any]] | None] = {}
    jobs = 0  # regions to render
    keys: dict[str, tuple[_RegionKeys, tuple[str, ...]]] = {}
    for number, region in enumerate(plan.regions, start=1):
        kinds = tuple(options.kinds or project.kinds_for(region))
        kinds = tuple(k for k in kinds if k != HANDREIKING)
        if not kinds:
            continue
        settings = _with_kinds(plan.settings, kinds)
        if project.kinds_from_content:
            settings = replace(settings, auto_kinds=True)
        region_dir = project.content_dir / region
        sources = [*yaml_files(region_dir), *sorted(region_dir.rglob("*.xlsx"))]
        sources += sorted(region_dir.rglob("*.csv"))  # series of indicators (csv:)
        inputs = plan.shared_inputs | _hash_inputs(sources, project.root)
        key = sha256_bytes(repr((plan.signature, sorted(inputs.items()))).encode())
        peildatum = None
        if settings.peildatum is not None and set(kinds) & set(VOORTGANG_KINDS):
            peildatum = inputs["#peildatum"] = settings.peildatum.isoformat()
        region_keys = _RegionKeys(key, kinds, peildatum)
        carried: dict[str, Any] = {}
        todo: tuple[str, ...] = ()
        for kind in kinds:
            if options.force:  # everything is made again: nothing to compare
                todo += (kind,)
                continue
            previous = _outputs_of(
                old_by_region.get(region, {}),
                region,
                key,
                out_dir,
                ((kind,), settings.formats),
                peildatum,
                none_is_current=True,
            )
            stored = old_findings.get(region_keys.of(kind))
            if previous is None or stored is None:
                todo += (kind,)
                continue
            carried.update(previous)  # this kind is up to date: keep its files and findings
            findings[region_keys.of(kind)] = stored
            report.diagnostics.extend(_replayed(stored))
        new_outputs.update(carried)
        if not todo and region_keys.rules in old_findings:
            report.up_to_date.append(region)
            findings[region_keys.rules] = old_findings[region_keys.rules]
            report.diagnostics.extend(_replayed(old_findings[region_keys.rules]))
            continue
        if not todo:  # only the findings for this set of kinds are new: the files are current
            report.up_to_date.append(region)
        keys[region] = (region_keys, todo)
        job = (region, replace(settings, render_kinds=todo), inputs | {"#key": key})
        workers.add(job, len(plan.regions) - number)  # rendered while the planning goes on
        jobs += 1
    handreiking: tuple[dict[str, str], str] | None = None
    if _handreiking_wanted(project, options):
        inputs = plan.shared_inputs | _hash_inputs(_handreiking_files(project), project.root)
        key = sha256_bytes(repr((plan.signature, HANDREIKING, sorted(inputs.items()))).encode())
        previous = _outputs_of(old_by_region.get(HANDREIKING, {}), HANDREIKING, key, out_dir)
        if previous is not None and key in old_findings and not options.force:
            report.up_to_date.append(HANDREIKING)
            new_outputs.update(previous)
            findings[key] = old_findings[key]
            report.diagnostics.extend(_replayed(old_findings[key]))
        else:
            handreiking = (inputs, key)
    total = jobs + (1 if handreiking else 0)
    # PDFs of several parts: rendered first, then converted together (one LibreOffice start
    # per round for the whole build), then written.
    defer = "pdf" in plan.settings.formats and total > 1
    done = 0
    waiting: list[tuple[Rendered, dict[str, str]]] = []

    def settle(rendered: Rendered, inputs: dict[str, str]) -> None:
        nonlocal done
        if rendered.region == HANDREIKING and handreiking is not None:
            key = handreiking[1]
            findings[key] = [d.as_dict() for d in rendered.diagnostics]
            inputs = inputs | {"#key": key}
        else:
            region_keys, made = keys[rendered.region]
            findings.update(region_keys.findings(rendered, made))
        _store(rendered, inputs, out_dir, report, new_outputs, old_outputs)
        done += 1
        if progress:
            progress(rendered.region, done, total, _status(rendered))
        _pause_for_test(done)

    def parts() -> Iterator[tuple[Rendered, dict[str, str]]]:
        """Every region, then the handreiking. With workers this process renders the
        handreiking while they render the regions; else each part when its turn comes."""
        regions = workers.results(defer)
        if handreiking is None:
            yield from regions
            return
        settings = replace(plan.settings, defer_pdfs=defer)
        made = _render_handreiking(project, settings) if workers.started else None
        yield from regions
        yield (made if made is not None else _render_handreiking(project, settings)), handreiking[0]

    for rendered, inputs in parts():
        if defer:
            waiting.append((rendered, inputs))
        else:
            settle(rendered, inputs)
    if waiting:
        finish_pdfs_of(plan.settings, [rendered for rendered, _ in waiting])
        for rendered, inputs in waiting:
            settle(rendered, inputs)
    if not options.kinds and not options.regions:
        _keep_asked_for(project, out_dir, new_outputs, old_outputs)
        _stale(out_dir, new_outputs, old_outputs, options.clean, report, options.formats)
    if not same_code or not all((out_dir / name).is_file() for name in SCHEMA_FILES):
        from regiogen.build.schema import write_schemas

        try:
            write_schemas(project.root, out_dir)
        except (UnsafeOutput, OSError) as exc:
            report.diagnostics.append(write_error(exc, report.out_display))
    outputs = new_outputs if not (options.kinds or options.regions) else old_outputs | new_outputs
    if options.kinds or options.regions:
        findings = dict(old_findings) | findings
    stamps = dict(plan.settings.stamps)
    used = {entry.get("inputs", {}).get("#key") for entry in outputs.values()}
    findings = {k: v for k, v in findings.items() if v is not None}
    manifest = {
        "regiogen": __version__,
        "code": code_fingerprint(),
        "stempel": stamps if any(stamps.values()) else None,
        "outputs": outputs,
        "bevindingen": {k: v for k, v in sorted(findings.items()) if k.split(":")[0] in used},
    }
    try:
        write_output(out_dir, MANIFEST_NAME, manifest_bytes(manifest))
    except (UnsafeOutput, OSError) as exc:
        report.diagnostics.append(write_error(exc, report.shown(MANIFEST_NAME)))


@dataclass(frozen=True)
class _RegionKeys:
    """Where a region's findings are kept in the manifest, for its inputs (``key``).

    The findings about the region itself (loading, schema, rules) depend on the kinds the
    rules judge; those of making a kind's documents on that kind alone (and the peildatum,
    when the build has one). So a ``build --doc X`` and a full build share what they
    have in common, and each re-renders only the kinds whose inputs changed.
    """

    key: str
    kinds: tuple[str, ...]
    peildatum: str | None

    @property
    def rules(self) -> str:
        """The key of the findings about the region for this set of kinds."""
        scope = sha256_bytes(repr((sorted(self.kinds), self.peildatum)).encode())[:16]
        return f"{self.key}:regels:{scope}"

    def of(self, kind: str) -> str:
        """The key of the findings of making ``kind``'s documents."""
        # (at a peildatum the rules judge the voortgang too, which the toetsing shows)
        return f"{self.key}:{kind}@{self.peildatum}" if self.peildatum else f"{self.key}:{kind}"

    def findings(
        self, rendered: Rendered, made: tuple[str, ...]
    ) -> dict[str, list[dict[str, Any]] | None]:
        """What to keep of rendering the kinds ``made``: None for a kind that failed (it is
        made again next time, so an earlier entry must go)."""
        about = rendered.region_findings if rendered.complete else rendered.diagnostics
        kept: dict[str, list[dict[str, Any]] | None] = {self.rules: [d.as_dict() for d in about]}
        for kind in made:
            found = rendered.by_kind.get(kind) if rendered.complete else None
            kept[self.of(kind)] = None if found is None else [d.as_dict() for d in found]
        return kept


def _replayed(stored: Any) -> list[Diagnostic]:
    """The findings an earlier build stored for an up-to-date part, reported again."""
    if not isinstance(stored, list):
        return []
    found = []
    for item in stored:
        diagnostic = Diagnostic.from_dict(item)
        if diagnostic is not None:
            found.append(diagnostic)
    return found


def _status(rendered: Rendered) -> str:
    """How a region's rendering went, for the progress line."""
    return "klaar" if rendered.complete and not rendered.failed else "fouten"


def _with_kinds(settings: RenderSettings, kinds: tuple[str, ...]) -> RenderSettings:
    from dataclasses import replace

    return replace(settings, kinds=kinds)


def _kind_of(path: str) -> str:
    """The document kind an output file belongs to (``lindeland/begroting.xlsx`` → the bijlage).

    A chart belongs to its document: ``<region>/<stem>-grafieken/x.png`` and
    ``<region>/<stem>-figuur-1.svg`` to ``<stem>``.
    """
    parts = path.split("/")
    if len(parts) == 3 and parts[1].endswith("-grafieken"):
        return _kind_of(f"{parts[0]}/{parts[1].removesuffix('-grafieken')}.md")
    stem = _document_stem(path).rsplit("/", 1)[-1]
    for kind in ("transformatieplan", "gala-plan-van-aanpak"):  # one document per plan
        if stem.startswith(f"{kind}-"):
            return kind
    return "spuk-iza-bijlage" if stem == "begroting" else stem


def _document_stem(path: str) -> str:
    """The document an output file belongs to: a chart (``x-figuur-1.svg``) to ``x``."""
    return _FIGURE.sub("", path.rsplit(".", 1)[0])


def _format_of(path: str) -> str:
    """The format an output belongs to: its extension; a document's charts go with its ``md``."""
    parts = path.split("/")
    if len(parts) == 3 and parts[1].endswith("-grafieken"):
        return "md"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return "md" if suffix in ("png", "svg") else suffix


_FIGURE = re.compile(r"-figuur-[0-9]+$")


def _outputs_of(
    old: dict[str, Any],
    region: str,
    key: str,
    out_dir: Path,
    scope: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    peildatum: str | None = None,
    *,
    none_is_current: bool = False,
) -> dict[str, Any] | None:
    """The earlier outputs of a region when its inputs did not change and its files are intact.

    ``scope`` (kinds, formats) limits the comparison to the outputs this build would make, so
    a filtered build (``--doc``, ``--to``) is skipped too when nothing changed for it. The
    outputs must have been made at ``peildatum`` (None: without one). A scope without earlier
    outputs is not current, unless ``none_is_current`` (a kind that made no documents).
    """
    mine = {
        path: entry
        for path, entry in old.items()
        if path.split("/", 1)[0] == region
        and (scope is None or (_kind_of(path) in scope[0] and _format_of(path) in scope[1]))
    }
    if not mine:
        return {} if none_is_current else None
    for path, entry in mine.items():
        if entry.get("inputs", {}).get("#key") != key:
            return None
        if entry.get("inputs", {}).get("#peildatum") != peildatum:
            return None
        if sha256_file(out_dir / path) != entry.get("sha256"):
            return None
    return mine


def _pause_for_test(done: int) -> None:
    """Test hook: with ``REGIOGEN_TEST_PAUSE_AFTER=<n>`` the build stops itself (SIGSTOP, on
    POSIX) once it has written ``n`` regions, so a test can interrupt it in that known state
    (it waits for the stopped state, signals, then sends SIGCONT). Unset: nothing happens."""
    if os.environ.get("REGIOGEN_TEST_PAUSE_AFTER") == str(done) and hasattr(signal, "SIGSTOP"):
        os.kill(os.getpid(), signal.SIGSTOP)


def _store(
    rendered: Rendered,
    inputs: dict[str, str],
    out_dir: Path,
    report: BuildReport,
    new_outputs: dict[str, Any],
    old_outputs: dict[str, Any],
) -> None:
    """Write a region's good documents; keep the earlier files of documents that failed.

    A document that failed, of a region (or, for the handreiking, of any region) that could
    not be read, stays exactly as it was; each such file is listed in ``report.kept``. A file
    that cannot be written is an ``io.write`` finding; its old version and entry stay, and
    the region is built again next time.
    """
    report.diagnostics.extend(rendered.diagnostics)
    prefix = f"{rendered.region}/"
    for path, entry in old_outputs.items():
        stem = _document_stem(path)
        if path.startswith(prefix) and (not rendered.complete or stem in rendered.failed):
            new_outputs[path] = entry  # nothing half-new: the failing document stays as it was
            if path not in rendered.outputs:  # (a failed PDF leaves the other formats written)
                report.kept.append((path, _why_kept(rendered, stem)))
    if not rendered.complete or rendered.failed:
        inputs = inputs | {"#key": "onvolledig"}  # build this region again next time
    checked: dict[str, Path] = {}  # the region's folders, checked once for all its files
    for rel, data in sorted(rendered.outputs.items()):
        digest = sha256_bytes(data)
        try:
            if write_output(out_dir, rel, data, checked):
                report.written.append(rel)
            else:
                report.unchanged.append(rel)
        except (UnsafeOutput, OSError) as exc:
            report.diagnostics.append(write_error(exc, report.shown(rel)))
            if rel in old_outputs:
                entry = dict(old_outputs[rel])
                entry["inputs"] = dict(entry.get("inputs", {})) | {"#key": "onvolledig"}
                new_outputs[rel] = entry
                report.kept.append((rel, "het kon niet worden geschreven"))
            continue
        new_outputs[rel] = {"sha256": digest, "inputs": inputs}


def _why_kept(rendered: Rendered, stem: str) -> str:
    if rendered.blocked_by:
        names = ", ".join(f"'{r}'" for r in rendered.blocked_by)
        return (
            f"regio {names} heeft fouten"
            if len(rendered.blocked_by) == 1
            else (f"de regio's {names} hebben fouten")
        )
    if not rendered.complete:
        return f"de inhoud van regio '{rendered.region}' heeft fouten"
    return "het document heeft fouten"


def _keep_asked_for(
    project: Project, out_dir: Path, new_outputs: dict[str, Any], old_outputs: dict[str, Any]
) -> None:
    """Keep the voortgang documents an earlier ``--doc`` made: a build of the usual kinds did
    not make them, but they are not stale (they are made only when asked for)."""
    for path, entry in old_outputs.items():
        kind = _kind_of(path)
        region = path.split("/", 1)[0]
        if path in new_outputs or kind not in VOORTGANG_KINDS or region not in project.regions:
            continue
        if kind not in project.kinds_for(region) and (out_dir / path).is_file():
            new_outputs[path] = entry


def _stale(
    out_dir: Path,
    expected: dict[str, Any],
    made_before: dict[str, Any],
    clean: bool,
    report: BuildReport,
    formats: tuple[str, ...] | None = None,
) -> None:
    """Report files this build did not make; with ``clean`` remove those an earlier build
    made (listed in its manifest). Files regiogen never wrote are never removed."""
    if not out_dir.is_dir():
        return
    for path in sorted(out_dir.rglob("*")):  # rglob does not descend into linked folders
        if not path.is_file() or path.is_symlink() or path.name in (MANIFEST_NAME, LOCK_NAME):
            continue
        rel = path.relative_to(out_dir).as_posix()
        if rel in SCHEMA_FILES:
            continue
        if formats and _format_of(rel) not in formats:
            continue  # a format this build was not asked for: out of its scope
        if rel in expected and not expected[rel].get("verouderd"):
            continue
        if clean and rel in made_before:
            path.unlink()
            report.removed.append(rel)
            _remove_empty_folders(path.parent, out_dir)
        else:
            report.stale.append(rel)
            if rel in made_before:  # remember it was ours, so a later --clean may remove it
                expected[rel] = dict(made_before[rel]) | {"verouderd": True}


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    """After ``--clean``: remove ``folder`` and its parents up to ``out_dir`` while empty."""
    out = out_dir.resolve()
    current = folder.resolve()
    while current != out and out in current.parents:
        try:
            current.rmdir()  # only succeeds on an empty folder
        except OSError:
            return
        current = current.parent


def _handreiking_wanted(project: Project, options: BuildOptions) -> bool:
    if options.kinds is not None:
        return HANDREIKING in options.kinds and project.handreiking_dir.is_dir()
    if options.regions:
        return False
    return project.wants_handreiking() and project.handreiking_dir.is_dir()


def _handreiking_files(project: Project) -> list[Path]:
    """What the handreiking is made from: its chapters and every region's content."""
    chapters = sorted(p for p in project.handreiking_dir.rglob("*") if p.is_file())
    regions = [f for r in project.regions for f in yaml_files(project.content_dir / r)]
    return [*chapters, *regions]


def _render_handreiking(project: Project, settings: RenderSettings) -> Rendered:
    from regiogen.build.region import emit_markdown, finish_pdfs, template_limits
    from regiogen.build.variables import handreiking_variables
    from regiogen.documents.handreiking import build_handreiking_markdown
    from regiogen.documents.kinds import HANDREIKING_SECTIONS

    result = Rendered(HANDREIKING)
    variables, diagnostics, _ = handreiking_variables(project)
    result.diagnostics.extend(diagnostics)
    if has_errors(diagnostics):
        # Without every region the handreiking's tables and totals would be wrong: keep the
        # earlier one as it was.
        result.complete = False
        content = project.config.content.strip("/")
        failing = {d.path for d in diagnostics if d.severity is Severity.ERROR}
        result.blocked_by = [
            r
            for r in project.regions
            if any(p == f"{content}/{r}" or p.startswith(f"{content}/{r}/") for p in failing)
        ]
        return result
    rendered = build_handreiking_markdown(
        project.handreiking_dir,
        variables,
        project_templates=project.templates_dir,
        display_root=project.root,
        limits=template_limits(project.config),
    )
    result.diagnostics.extend(rendered.diagnostics)
    if rendered.text is None:
        result.failed.add(f"{HANDREIKING}/{HANDREIKING}")
    else:
        emit_markdown(
            settings,
            f"{HANDREIKING}/{HANDREIKING}",
            "handreiking",
            HANDREIKING_SECTIONS,
            rendered.text,
            result,
        )
        if not settings.defer_pdfs:
            finish_pdfs(settings, result)
    return result


def default_jobs() -> int:
    """Number of worker processes to use by default: the machine's cores."""
    return os.cpu_count() or 1
