"""Commands that make documents from a project: build, verify, watch and schema.

``render`` (one Markdown file, like pandoc) lives in :mod:`regiogen.cli.render`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from regiogen.cli.peildatum import peildatum_option
from regiogen.cli.support import (
    EXIT_CONTENT,
    CouldNotRun,
    check_kinds,
    check_reference_doc,
    check_regions,
    doc_option,
    emit,
    exit_code,
    guard_out_dir,
    load_or_exit,
    one_tool_finding,
    out_option,
    progress_printer,
    project_argument,
    project_diagnostics,
    project_path,
    reference_option,
    regio_option,
    source_date_epoch,
    to_option,
)
from regiogen.diagnostics import (
    Diagnostic,
    Severity,
    has_errors,
    os_reason,
    sort_diagnostics,
)
from regiogen.source.load import display_path

if TYPE_CHECKING:
    from regiogen.build.store import BuildReport


@click.command()
@project_argument
@out_option("Uitvoermap (standaard: build/ in het project).")
@doc_option
@regio_option
@to_option
@reference_option
@click.option("--force", is_flag=True, help="Alles opnieuw maken, ook wat niet veranderd is.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    metavar="N",
    default=None,
    help="Aantal processen (standaard: aantal kernen).",
)
@click.option(
    "--git-stamp/--no-git-stamp",
    default=None,
    help="Commit-id (van de laatste commit die de bronnen van de regio raakt) op voorblad en "
    "in eigenschappen; standaard uit, of zoals git_stempel in regiogen.yaml.",
)
@click.option(
    "--pdfa/--no-pdfa",
    default=None,
    help="PDF als PDF/A-2b (standaard) of als gewone getagde PDF; ook pdf_a in regiogen.yaml.",
)
@click.option("--clean", is_flag=True, help="Verwijder verouderde uitvoer van verdwenen regio's.")
@click.option("--quiet", "-q", is_flag=True, help="Alleen fouten tonen.")
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten (exitcode 1).")
@peildatum_option("Stand van de voortgang op deze datum (standaard: vandaag).")
def build(
    project: str,
    out: str | None,
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    formats: tuple[str, ...],
    reference_doc: str | None,
    force: bool,
    jobs: int | None,
    git_stamp: bool | None,
    pdfa: bool | None,
    clean: bool,
    quiet: bool,
    strict: bool,
    peildatum: date | None,
) -> None:
    """Maak de documenten van PROJECT in build/<regio>/ (Markdown en Word)."""
    from regiogen.build.pipeline import BuildOptions, build_project, default_jobs

    proj, diagnostics = load_or_exit(project)
    check_kinds(kinds)
    check_regions(proj, regions)
    options = BuildOptions(
        out_dir=Path(out).resolve() if out else proj.root / proj.config.uitvoer,
        kinds=kinds or None,
        regions=regions or None,
        formats=formats or None,
        force=force,
        jobs=jobs or default_jobs(),
        reference_doc=Path(reference_doc).resolve() if reference_doc else None,
        source_date_epoch=source_date_epoch(),
        git_stamp=git_stamp,
        pdfa=pdfa,
        clean=clean,
        peildatum=peildatum,
    )
    guard_out_dir(proj, options.out_dir)
    if reference_doc is not None:
        check_reference_doc(Path(reference_doc), display_path(Path(reference_doc), proj.root))
    progress = None if quiet else progress_printer()

    def waiting() -> None:
        click.echo(f"wacht: een andere build schrijft nu in {options.out_dir} …", err=True)

    try:
        report = build_project(proj, options, progress, waiting)
    except KeyboardInterrupt:
        click.echo("afgebroken; eerder geschreven uitvoer is heel gebleven", err=True)
        sys.exit(130)
    except OSError as exc:
        shown = display_path(Path(str(exc.filename)), proj.root) + ": " if exc.filename else ""
        raise CouldNotRun(f"kan de build niet uitvoeren: {shown}{os_reason(exc)}") from None
    diagnostics = list(diagnostics) + project_diagnostics(proj) + report.diagnostics
    diagnostics += _output_warnings(report)
    extra = "" if quiet else _summary(report, options.out_dir)
    diagnostics = one_tool_finding(diagnostics)
    emit(diagnostics, "text", quiet=quiet, extra=extra, show_info=False, strict=strict)
    sys.exit(exit_code(diagnostics, strict))


def _output_warnings(report: BuildReport) -> list[Diagnostic]:
    """A warning per output the build left alone: stale (its source is gone) or kept (its
    new version could not be made)."""
    from regiogen.diagnostics import warning

    found: list[Diagnostic] = []
    for rel in report.stale:
        found.append(
            warning(
                "build.stale",
                "niet gemaakt door deze build (regio, document of formaat bestaat niet meer); "
                "verwijder met --clean",
                report.shown(rel),
            )
        )
    for rel, why in report.kept:
        found.append(
            warning(
                "build.kept", f"niet bijgewerkt: {why}; de vorige versie blijft staan",
                report.shown(rel),
            )
        )  # fmt: skip
    return found


def _summary(report: BuildReport, out_dir: Path) -> str:
    """The closing line of a build: what it wrote, left, found up to date and removed."""
    up_to_date = len(report.up_to_date)
    return (
        f"\n{len(report.written)} geschreven, {len(report.unchanged)} ongewijzigd, "
        f"{up_to_date} {'onderdeel' if up_to_date == 1 else 'onderdelen'} al actueel, "
        f"{len(report.removed)} verwijderd → {out_dir}"
    )


@click.command()
@project_argument
@out_option("De map met de gebouwde documenten (standaard: build/).")
def verify(project: str, out: str | None) -> None:
    """Controleer of build/ precies is wat de bronnen nu opleveren (voor CI en pre-commit)."""
    from regiogen.build.verify import verify_project

    proj, _ = load_or_exit(project)
    out_dir = Path(out).resolve() if out else proj.root / proj.config.uitvoer
    problems, diagnostics = verify_project(proj, out_dir, source_date_epoch())
    for line in problems:
        click.echo(line)
    for diagnostic in sort_diagnostics(diagnostics):
        if diagnostic.severity is not Severity.INFO:
            click.echo(diagnostic.format())
    if has_errors(diagnostics):
        click.echo("de bronnen hebben fouten; los die eerst op ('regiogen check')")
        sys.exit(EXIT_CONTENT)
    if problems:
        click.echo(f"{len(problems)} bestand(en) wijken af van de bronnen; draai 'regiogen build'")
        sys.exit(EXIT_CONTENT)
    click.echo(f"build/ klopt met de bronnen ({out_dir})")


@click.command()
@project_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="BESTAND",
    default=None,
    help="Schrijf één schema naar dit bestand ('-': naar het scherm).",
)
@click.option(
    "--config",
    "config_only",
    is_flag=True,
    help="Met -o: het schema van regiogen.yaml in plaats van dat van de inhoud.",
)
@click.option(
    "--handreiking",
    "handreiking_only",
    is_flag=True,
    help="Met -o: het schema van _index.yaml van een handreiking.",
)
def schema(project: str, output: str | None, config_only: bool, handreiking_only: bool) -> None:
    """Schrijf JSON Schema's voor aanvulling en controle in de editor.

    Zonder -o: in schemas/ van PROJECT (een map die in git hoort): regiogen.schema.json
    (inhoud van een regio), regiogen-handreiking.schema.json (_index.yaml van een
    handreiking) en regiogen-config.schema.json (regiogen.yaml).
    """
    from regiogen.build.schema import (
        config_schema,
        content_schema,
        handreiking_schema,
        schema_bytes,
        write_schemas,
    )
    from regiogen.files import write_atomic

    if output is not None:
        chosen = (
            config_schema() if config_only
            else handreiking_schema() if handreiking_only
            else content_schema()
        )  # fmt: skip
        data = schema_bytes(chosen)
        if output == "-":
            click.echo(data.decode("utf-8"), nl=False)
        else:
            try:
                write_atomic(Path(output).resolve(), data)
            except OSError as exc:
                message = f"{output} kan niet worden geschreven: {os_reason(exc)}"
                raise CouldNotRun(message) from None
            click.echo(f"geschreven: {output}")
        return
    root = project_path(project)
    if not root.is_dir():
        raise CouldNotRun(f"projectmap '{project}' bestaat niet")
    from regiogen.build.output import UnsafeOutput

    try:
        written = write_schemas(root)
    except UnsafeOutput as exc:
        raise CouldNotRun(str(exc)) from None
    except OSError as exc:
        raise CouldNotRun(f"schema's kunnen niet worden geschreven: {os_reason(exc)}") from None
    for path in written:
        click.echo(f"geschreven: {path}")


@click.command()
@project_argument
@to_option
@doc_option
@regio_option
@reference_option
def watch(
    project: str,
    formats: tuple[str, ...],
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    reference_doc: str | None,
) -> None:
    """Bouw PROJECT en bouw opnieuw zodra content/, templates/ of regiogen.yaml verandert."""
    from regiogen.build.pipeline import BuildOptions, build_project, default_jobs, out_dir_problem
    from regiogen.build.watch import watch_project
    from regiogen.model.project import load_project

    proj, _ = load_or_exit(project)
    check_kinds(kinds)
    root = proj.root

    def rebuild(changed: set[Path]) -> None:
        if changed:
            names = sorted(
                p.relative_to(root).as_posix() for p in changed if p.is_relative_to(root)
            )
            click.echo("gewijzigd: " + ", ".join(names))
        current, diagnostics = load_project(root)  # regiogen.yaml may have changed
        if current is None:
            emit(diagnostics, "text")
            return
        problem = out_dir_problem(current, root / current.config.uitvoer)
        if problem:
            click.echo(f"regiogen: {problem}", err=True)
            return
        options = BuildOptions(
            out_dir=root / current.config.uitvoer,
            kinds=kinds or None,
            regions=regions or None,
            formats=formats or None,
            jobs=default_jobs(),
            reference_doc=Path(reference_doc).resolve() if reference_doc else None,
            source_date_epoch=source_date_epoch(),
            git_stamp=False,
        )
        report = build_project(current, options)
        emit(
            one_tool_finding(list(diagnostics) + report.diagnostics),
            "text",
            extra=f"\n{len(report.written)} geschreven, {len(report.unchanged)} ongewijzigd; "
            "wacht op wijzigingen (Ctrl-C stopt)",
        )

    try:
        rebuild(set())  # Ctrl-C during this first build stops the watch the same way
        watch_project(
            root,
            rebuild,
            content_dir=proj.config.content,
            out_dir=root / proj.config.uitvoer,
            extra_dirs=[proj.handreiking_dir],
        )
    except KeyboardInterrupt:
        click.echo("gestopt")
