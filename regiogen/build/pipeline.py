"""The build of one project: regions × document kinds → files in ``build/``.

One linear pipeline: plan (which regions, which kinds) → skip what is up to date
(manifest) → render the rest, in parallel over regions → write each output atomically →
write the manifest → report stale files (removed only with ``clean``).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from regiogen import __version__
from regiogen.build.handreiking import handreiking_files, handreiking_wanted, render_handreiking
from regiogen.build.incremental import RegionKeys, outputs_of, replayed, with_kinds
from regiogen.build.output import (
    LOCK_NAME,
    MANIFEST_NAME,
    UnsafeOutput,
    build_lock,
    code_fingerprint,
    manifest_bytes,
    read_manifest,
    remove_leftover_temp_files,
    sha256_bytes,
    write_output,
)
from regiogen.build.planning import (
    HANDREIKING,
    BuildOptions,
    Plan,
    default_jobs,
    hash_inputs,
    out_dir_problem,
    plan_build,
    stamp_inputs,
)
from regiogen.build.region import Rendered, finish_pdfs_of
from regiogen.build.schema import SCHEMA_FILES
from regiogen.build.store import BuildReport, keep_asked_for, stale, store
from regiogen.build.workers import Workers
from regiogen.diagnostics import has_errors, write_error
from regiogen.model.project import VOORTGANG_KINDS, Project
from regiogen.source.load import yaml_files

__all__ = [
    "BuildOptions",
    "BuildReport",
    "build_project",
    "default_jobs",
    "out_dir_problem",
    "plan_build",
    "stamp_inputs",
]


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


@dataclass
class _Earlier:
    """What the previous build left in the manifest; nothing of it when regiogen's code
    changed since (every document is made again then)."""

    same_code: bool
    outputs: dict[str, Any]
    findings: dict[str, Any]
    by_region: dict[str, dict[str, Any]]  # each region's earlier outputs, looked up once

    @classmethod
    def read(cls, out_dir: Path) -> _Earlier:
        """The manifest in ``out_dir`` (empty when there is none or it is unreadable)."""
        old = read_manifest(out_dir)
        same_code = old.get("regiogen") == __version__ and old.get("code") == code_fingerprint()
        outputs: dict[str, Any] = old.get("outputs", {}) if same_code else {}
        findings = old.get("bevindingen", {}) if same_code else {}
        by_region: dict[str, dict[str, Any]] = {}
        for path, entry in outputs.items():
            by_region.setdefault(path.split("/", 1)[0], {})[path] = entry
        return cls(same_code, outputs, findings if isinstance(findings, dict) else {}, by_region)


@dataclass
class _Run:
    """What one build collects while it runs: the manifest's new outputs and findings, and
    per region to render its keys and the kinds it makes."""

    outputs: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, list[dict[str, Any]] | None] = field(default_factory=dict)
    keys: dict[str, tuple[RegionKeys, tuple[str, ...]]] = field(default_factory=dict)
    #: The handreiking's inputs and key when it is to be made.
    handreiking: tuple[dict[str, str], str] | None = None

    def replay(self, key: str, stored: Any, report: BuildReport) -> None:
        """Keep the findings an earlier build stored under ``key``, and report them again."""
        self.findings[key] = stored
        report.diagnostics.extend(replayed(stored))


def _build_locked(
    project: Project,
    options: BuildOptions,
    plan: Plan,
    report: BuildReport,
    progress: Callable[[str, int, int, str], None] | None,
    workers: Workers,
) -> None:
    """The build once it holds the output folder: skip what is current, render the rest
    (regions in the workers, the handreiking here), write it, then the schemas and the
    manifest."""
    out_dir = options.out_dir
    remove_leftover_temp_files(out_dir)
    earlier = _Earlier.read(out_dir)
    run = _Run()
    jobs = _plan_regions(project, options, plan, earlier, run, report, workers)
    _plan_handreiking(project, options, plan, earlier, run, report)
    _render_and_store(project, options, plan, earlier, run, report, progress, workers, jobs)
    if not options.kinds and not options.regions:
        keep_asked_for(project, out_dir, run.outputs, earlier.outputs)
        stale(out_dir, run.outputs, earlier.outputs, options.clean, report, options.formats)
    if not earlier.same_code or not all((out_dir / name).is_file() for name in SCHEMA_FILES):
        from regiogen.build.schema import write_schemas

        try:
            write_schemas(project.root, out_dir)
        except (UnsafeOutput, OSError) as exc:
            report.diagnostics.append(write_error(exc, report.out_display))
    _write_manifest(options, plan, earlier, run, report)


def _plan_regions(
    project: Project,
    options: BuildOptions,
    plan: Plan,
    earlier: _Earlier,
    run: _Run,
    report: BuildReport,
    workers: Workers,
) -> int:
    """Per region: the kinds whose outputs are current are kept, the rest goes to the
    workers at once (they render while the planning goes on). Returns the regions to render."""
    out_dir = options.out_dir
    jobs = 0
    for number, region in enumerate(plan.regions, start=1):
        kinds = tuple(options.kinds or project.kinds_for(region))
        kinds = tuple(k for k in kinds if k != HANDREIKING)
        if not kinds:
            continue
        settings = with_kinds(plan.settings, kinds)
        if project.kinds_from_content:
            settings = replace(settings, auto_kinds=True)
        region_dir = project.content_dir / region
        sources = [*yaml_files(region_dir), *sorted(region_dir.rglob("*.xlsx"))]
        sources += sorted(region_dir.rglob("*.csv"))  # series of indicators (csv:)
        inputs = plan.shared_inputs | hash_inputs(sources, project.root)
        key = sha256_bytes(repr((plan.signature, sorted(inputs.items()))).encode())
        peildatum = None
        if settings.peildatum is not None and set(kinds) & set(VOORTGANG_KINDS):
            peildatum = inputs["#peildatum"] = settings.peildatum.isoformat()
        region_keys = RegionKeys(key, kinds, peildatum)
        carried: dict[str, Any] = {}
        todo: tuple[str, ...] = ()
        for kind in kinds:
            if options.force:  # everything is made again: nothing to compare
                todo += (kind,)
                continue
            previous = outputs_of(
                earlier.by_region.get(region, {}),
                region,
                key,
                out_dir,
                ((kind,), settings.formats),
                peildatum,
                none_is_current=True,
            )
            stored = earlier.findings.get(region_keys.of(kind))
            if previous is None or stored is None:
                todo += (kind,)
                continue
            carried.update(previous)  # this kind is up to date: keep its files and findings
            run.replay(region_keys.of(kind), stored, report)
        run.outputs.update(carried)
        if not todo and region_keys.rules in earlier.findings:
            report.up_to_date.append(region)
            run.replay(region_keys.rules, earlier.findings[region_keys.rules], report)
            continue
        if not todo:  # only the findings for this set of kinds are new: the files are current
            report.up_to_date.append(region)
        run.keys[region] = (region_keys, todo)
        job = (region, replace(settings, render_kinds=todo), inputs | {"#key": key})
        workers.add(job, len(plan.regions) - number)  # rendered while the planning goes on
        jobs += 1
    return jobs


def _plan_handreiking(
    project: Project,
    options: BuildOptions,
    plan: Plan,
    earlier: _Earlier,
    run: _Run,
    report: BuildReport,
) -> None:
    """Keep the handreiking when it is current, else note it in ``run`` to be made."""
    if not handreiking_wanted(project, options):
        return
    inputs = plan.shared_inputs | hash_inputs(handreiking_files(project), project.root)
    key = sha256_bytes(repr((plan.signature, HANDREIKING, sorted(inputs.items()))).encode())
    by_region = earlier.by_region.get(HANDREIKING, {})
    previous = outputs_of(by_region, HANDREIKING, key, options.out_dir)
    if previous is not None and key in earlier.findings and not options.force:
        report.up_to_date.append(HANDREIKING)
        run.outputs.update(previous)
        run.replay(key, earlier.findings[key], report)
    else:
        run.handreiking = (inputs, key)


def _render_and_store(
    project: Project,
    options: BuildOptions,
    plan: Plan,
    earlier: _Earlier,
    run: _Run,
    report: BuildReport,
    progress: Callable[[str, int, int, str], None] | None,
    workers: Workers,
    jobs: int,
) -> None:
    """Render what was planned and write each part as it comes. PDFs of several parts are
    rendered first, then converted together (one LibreOffice start per round for the whole
    build), then written."""
    handreiking = run.handreiking
    total = jobs + (1 if handreiking else 0)
    defer = "pdf" in plan.settings.formats and total > 1
    done = 0
    waiting: list[tuple[Rendered, dict[str, str]]] = []

    def settle(rendered: Rendered, inputs: dict[str, str]) -> None:
        nonlocal done
        if rendered.region == HANDREIKING and handreiking is not None:
            key = handreiking[1]
            run.findings[key] = [d.as_dict() for d in rendered.diagnostics]
            inputs = inputs | {"#key": key}
        else:
            region_keys, made = run.keys[rendered.region]
            run.findings.update(region_keys.findings(rendered, made))
        store(rendered, inputs, options.out_dir, report, run.outputs, earlier.outputs)
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
        made = render_handreiking(project, settings) if workers.started else None
        yield from regions
        yield (made if made is not None else render_handreiking(project, settings)), handreiking[0]

    for rendered, inputs in parts():
        if defer:
            waiting.append((rendered, inputs))
        else:
            settle(rendered, inputs)
    if waiting:
        finish_pdfs_of(plan.settings, [rendered for rendered, _ in waiting])
        for rendered, inputs in waiting:
            settle(rendered, inputs)


def _write_manifest(
    options: BuildOptions, plan: Plan, earlier: _Earlier, run: _Run, report: BuildReport
) -> None:
    """The manifest: every output with its checksum and inputs, and the findings they were
    made with. A build of some kinds or regions keeps the earlier entries of the rest."""
    partial = bool(options.kinds or options.regions)
    outputs = earlier.outputs | run.outputs if partial else run.outputs
    findings = dict(earlier.findings) | run.findings if partial else run.findings
    stamps = dict(plan.settings.stamps)
    used = {entry.get("inputs", {}).get("#key") for entry in outputs.values()}
    kept = {k: v for k, v in findings.items() if v is not None}
    manifest = {
        "regiogen": __version__,
        "code": code_fingerprint(),
        "stempel": stamps if any(stamps.values()) else None,
        "outputs": outputs,
        "bevindingen": {k: v for k, v in sorted(kept.items()) if k.split(":")[0] in used},
    }
    try:
        write_output(options.out_dir, MANIFEST_NAME, manifest_bytes(manifest))
    except (UnsafeOutput, OSError) as exc:
        report.diagnostics.append(write_error(exc, report.shown(MANIFEST_NAME)))


def _status(rendered: Rendered) -> str:
    """How a region's rendering went, for the progress line."""
    return "klaar" if rendered.complete and not rendered.failed else "fouten"


def _pause_for_test(done: int) -> None:
    """Test hook: with ``REGIOGEN_TEST_PAUSE_AFTER=<n>`` the build stops itself (SIGSTOP, on
    POSIX) once it has written ``n`` regions, so a test can interrupt it in that known state
    (it waits for the stopped state, signals, then sends SIGCONT). Unset: nothing happens."""
    if os.environ.get("REGIOGEN_TEST_PAUSE_AFTER") == str(done) and hasattr(signal, "SIGSTOP"):
        os.kill(os.getpid(), signal.SIGSTOP)
