"""The command line: the only place that prints and chooses exit codes.

Exit codes: 0 fine, 1 the content has errors (or warnings under ``--strict``),
2 the command could not run (bad arguments, unreadable project).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from regiogen import __version__
from regiogen.diagnostics import (
    Diagnostic,
    Severity,
    format_json,
    has_errors,
    sort_diagnostics,
)

FORMATS = ("md", "docx", "pdf", "html", "xlsx")
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CouldNotRun(click.ClickException):
    """A problem that stops the command before any content is judged (exit 2)."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"regiogen: {self.message}", err=True)


def _project_path(value: str) -> Path:
    return Path(value).resolve()


def emit(
    diagnostics: Sequence[Diagnostic], fmt: str, *, quiet: bool = False, extra: str = ""
) -> None:
    """Print diagnostics sorted by file and line, then a summary per severity and per code."""
    ordered = sort_diagnostics(diagnostics)
    if fmt == "json":
        click.echo(format_json(ordered))
        return
    if fmt == "sarif":
        from regiogen.rules import rule_table
        from regiogen.sarif import to_sarif

        click.echo(to_sarif(ordered, rule_table(), __version__))
        return
    shown = [d for d in ordered if not quiet or d.severity is Severity.ERROR]
    for diagnostic in shown:
        click.echo(diagnostic.format(), err=diagnostic.severity is Severity.ERROR and quiet)
    if quiet:
        return
    counts = {s: sum(1 for d in ordered if d.severity is s) for s in Severity}
    summary = (
        f"{counts[Severity.ERROR]} fout(en), {counts[Severity.WARNING]} waarschuwing(en), "
        f"{counts[Severity.INFO]} melding(en)"
    )
    per_code: dict[str, int] = {}
    for d in ordered:
        per_code[d.code] = per_code.get(d.code, 0) + 1
    if per_code:
        summary += "\n" + "\n".join(f"  {n:4d}  {code}" for code, n in sorted(per_code.items()))
    click.echo(summary + extra)


def _exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    return EXIT_CONTENT if has_errors(diagnostics, strict=strict) else EXIT_OK


def _load(project_dir: str) -> Any:
    from regiogen.project import load_project

    root = _project_path(project_dir)
    if not root.is_dir():
        raise CouldNotRun(f"projectmap '{project_dir}' bestaat niet")
    project, diagnostics = load_project(root)
    if project is None or any(d.code == "io.not-found" for d in diagnostics):
        emit(diagnostics, "text")
        could_not_run = not diagnostics or any(d.code.startswith("io.") for d in diagnostics)
        sys.exit(EXIT_USAGE if project is None and could_not_run else EXIT_CONTENT)
    return project, diagnostics


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="regiogen %(version)s")
def cli() -> None:
    """regiogen: concepten van IZA-documenten uit YAML, met controles op de IZA-regels.

    Begin met 'regiogen init', controleer met 'regiogen check' en maak de documenten met
    'regiogen build'.
    """


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Zet een nieuw project op in DIRECTORY (standaard: de huidige map).

    Bestaande bestanden worden nooit overschreven.
    """
    from regiogen.scaffold import scaffold

    created, kept = scaffold(Path(directory))
    for path in created:
        click.echo(f"aangemaakt: {path}")
    for path in kept:
        click.echo(f"bestaat al, niet aangeraakt: {path}")
    from regiogen.schema import write_schemas

    target = Path(directory).resolve()
    for schema_path in write_schemas(target):
        click.echo(f"schema voor de editor: {schema_path.relative_to(target)}")
    click.echo("Volgende stap: regiogen check " + (directory if directory != "." else ""))


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    help="Uitvoervorm van de bevindingen.",
)
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten (exitcode 1).")
@click.option("--doc", "kinds", multiple=True, help="Alleen regels voor deze documentsoort.")
@click.option("--regio", "regions", multiple=True, help="Alleen deze regio('s).")
def check(
    project: str, fmt: str, strict: bool, kinds: tuple[str, ...], regions: tuple[str, ...]
) -> None:
    """Controleer de inhoud van PROJECT op fouten en op de IZA-regels."""
    from regiogen.region import check_region

    proj, diagnostics = _load(project)
    _check_kinds(kinds)
    diagnostics = list(diagnostics) + _rule_setting_diagnostics(proj)
    for region in proj.regions:
        if regions and region not in regions:
            continue
        found = check_region(
            proj.root, proj.config.content, region, proj.config, tuple(kinds) or None
        )
        diagnostics.extend(found.diagnostics)
    emit(diagnostics, fmt)
    sys.exit(_exit_code(diagnostics, strict))


def _check_kinds(kinds: Sequence[str]) -> None:
    from regiogen.project import ALL_KINDS

    for kind in kinds:
        if kind not in ALL_KINDS:
            raise click.BadParameter(
                f"onbekende documentsoort '{kind}'; kies uit {', '.join(ALL_KINDS)}",
                param_hint="--doc",
            )


def _rule_setting_diagnostics(project: Any) -> list[Diagnostic]:
    try:
        from regiogen.rules import unknown_rule_settings
    except ImportError:
        return []
    from regiogen.diagnostics import error

    result = []
    for rule_id in unknown_rule_settings(project.config.regels):
        pos = project.source_map.key(("regels", rule_id))
        result.append(
            error(
                "config.invalid",
                f"onbekende regel '{rule_id}' (zie 'regiogen rules')",
                "regiogen.yaml",
                pos.line if pos else None,
                pos.col if pos else None,
            )
        )
    return result


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=None,
    help="Uitvoermap (standaard: build/ in het project).",
)
@click.option("--doc", "kinds", multiple=True, help="Alleen deze documentsoort(en).")
@click.option("--regio", "regions", multiple=True, help="Alleen deze regio('s).")
@click.option(
    "--to",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Uitvoerformaat (herhaalbaar); standaard uit regiogen.yaml (md en docx).",
)
@click.option(
    "--reference-doc",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Word-document met de huisstijl (stijlen, marges, kop- en voettekst).",
)
@click.option("--force", is_flag=True, help="Alles opnieuw maken, ook wat niet veranderd is.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Aantal processen (standaard: aantal kernen).",
)
@click.option(
    "--no-git-stamp", is_flag=True, help="Geen commit-id op voorblad en in eigenschappen."
)
@click.option("--clean", is_flag=True, help="Verwijder verouderde uitvoer van verdwenen regio's.")
@click.option("--quiet", "-q", is_flag=True, help="Alleen fouten tonen.")
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten (exitcode 1).")
def build(
    project: str,
    out: str | None,
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    formats: tuple[str, ...],
    reference_doc: str | None,
    force: bool,
    jobs: int | None,
    no_git_stamp: bool,
    clean: bool,
    quiet: bool,
    strict: bool,
) -> None:
    """Maak de documenten van PROJECT in build/<regio>/ (Markdown en Word)."""
    from regiogen.build import BuildOptions, build_project, default_jobs

    proj, diagnostics = _load(project)
    _check_kinds(kinds)
    options = BuildOptions(
        out_dir=Path(out).resolve() if out else proj.root / proj.config.uitvoer,
        kinds=kinds or None,
        regions=regions or None,
        formats=formats or None,
        force=force,
        jobs=jobs or default_jobs(),
        reference_doc=Path(reference_doc).resolve() if reference_doc else None,
        source_date_epoch=_source_date_epoch(),
        git_stamp=not no_git_stamp,
        clean=clean,
    )
    _guard_out_dir(proj, options.out_dir)
    if reference_doc is not None:
        from regiogen.load import display_path

        _check_reference_doc(Path(reference_doc), display_path(Path(reference_doc), proj.root))
    progress = None if quiet else _progress_printer()
    try:
        report = build_project(proj, options, progress)
    except KeyboardInterrupt:
        click.echo("afgebroken; eerder geschreven uitvoer is heel gebleven", err=True)
        sys.exit(130)
    except OSError as exc:
        raise CouldNotRun(f"kan uitvoer niet schrijven: {exc}") from None
    diagnostics = list(diagnostics) + report.diagnostics
    for rel in report.stale:
        from regiogen.diagnostics import warning

        diagnostics.append(
            warning(
                "build.stale",
                "verouderde uitvoer (regio of document bestaat niet meer); verwijder met --clean",
                f"{options.out_dir.name}/{rel}",
            )
        )
    extra = ""
    if not quiet:
        extra = (
            f"\n{len(report.written)} geschreven, {len(report.unchanged)} ongewijzigd, "
            f"{len(report.up_to_date)} onderdeel/onderdelen al actueel, "
            f"{len(report.removed)} verwijderd → {options.out_dir}"
        )
    emit(diagnostics, "text", quiet=quiet, extra=extra)
    sys.exit(_exit_code(diagnostics, strict))


def _guard_out_dir(project: Any, out_dir: Path) -> None:
    """Refuse an output folder where a build could touch sources (exit 2).

    Not the project folder itself or a folder around it, not inside content/ or templates/,
    and not a folder that holds content, templates or settings.
    """
    from regiogen.build import out_dir_problem

    problem = out_dir_problem(project, out_dir)
    if problem:
        raise CouldNotRun(problem)


def _check_reference_doc(path: Path, shown: str) -> None:
    """A --reference-doc that Word output cannot use stops the command (exit 2)."""
    from regiogen.diagnostics import error
    from regiogen.render.docx.reference import ReferenceDocError, load_reference

    try:
        load_reference(path)
    except ReferenceDocError as exc:
        message = f"referentiedocument onbruikbaar: {exc}"
        click.echo(error("docx.reference", message, shown).format(), err=True)
        sys.exit(EXIT_USAGE)


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    if not value.isdigit():
        raise CouldNotRun("SOURCE_DATE_EPOCH moet een geheel aantal seconden zijn")
    return int(value)


def _progress_printer() -> Any:
    tty = sys.stdout.isatty()

    def show(region: str, done: int, total: int) -> None:
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {region:<20}",
                nl=done == total,
            )
        else:
            click.echo(f"klaar: {region} ({done}/{total})")

    return show


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Het Word-bestand dat gemaakt wordt.",
)
@click.option(
    "--reference-doc",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Word-document met de huisstijl.",
)
def render(source: str, output: str, reference_doc: str | None) -> None:
    """Zet een Markdown-bestand (met front matter) om naar Word, zoals 'pandoc -o'."""
    from regiogen.render.docx import DocxOptions, render_file

    src = Path(source)
    diagnostics = render_file(
        src,
        Path(output),
        DocxOptions(
            reference_doc=Path(reference_doc) if reference_doc else None,
            base_dir=src.resolve().parent,
            source_path=source,
            source_date_epoch=_source_date_epoch(),
        ),
    )
    emit(diagnostics, "text", quiet=not diagnostics)
    sys.exit(_exit_code(diagnostics, False))


@cli.command(name="list")
@click.argument("project", default=".", type=click.Path(file_okay=False))
def list_(project: str) -> None:
    """Toon de regio's, de documentsoorten en wat 'build' zou maken."""
    from regiogen.project import ALL_KINDS

    proj, diagnostics = _load(project)
    click.echo("Documentsoorten: " + ", ".join(ALL_KINDS))
    click.echo(f"Regio's in {proj.config.content}/: " + (", ".join(proj.regions) or "geen"))
    formats = ", ".join(proj.config.formaten)
    for region in proj.regions:
        for kind in proj.kinds_for(region):
            click.echo(f"  {region}: {kind} ({formats})")
    if proj.wants_handreiking():
        click.echo(f"  handreiking: uit {proj.handreiking_dir.relative_to(proj.root)} ({formats})")
    if diagnostics:
        emit(diagnostics, "text")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt: str) -> None:
    """Toon alle IZA-regels: id, ernst, titel en de bron waarop ze rusten."""
    import json

    from regiogen.rules import rule_table

    table = rule_table()
    if fmt == "json":
        click.echo(json.dumps(table, ensure_ascii=False, indent=2))
        return
    for row in table:
        click.echo(f"{row['id']:<42} {row['severity']:<8} {row['title']}  [{row['reference']}]")


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("--regio", "regions", multiple=True, help="Alleen deze regio('s).")
def trace(project: str, regions: tuple[str, ...]) -> None:
    """Toon de keten knelpunt → opgave → afspraak → resultaat/mijlpaal → begrotingspost."""
    from regiogen.region import check_region
    from regiogen.trace import format_trace, trace_chains

    proj, diagnostics = _load(project)
    for region in proj.regions:
        if regions and region not in regions:
            continue
        found = check_region(proj.root, proj.config.content, region, proj.config)
        if found.content is None:
            diagnostics = list(diagnostics) + found.diagnostics
            continue
        click.echo(f"# {found.content.regio.naam}")
        click.echo(format_trace(trace_chains(found.content)))
    if has_errors(diagnostics):
        emit(diagnostics, "text")
        sys.exit(EXIT_CONTENT)


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=None,
    help="De map met de gebouwde documenten (standaard: build/).",
)
def verify(project: str, out: str | None) -> None:
    """Controleer of build/ precies is wat de bronnen nu opleveren (voor CI en pre-commit)."""
    from regiogen.verify import verify_project

    proj, _ = _load(project)
    out_dir = Path(out).resolve() if out else proj.root / proj.config.uitvoer
    problems, diagnostics = verify_project(proj, out_dir, _source_date_epoch())
    for line in problems:
        click.echo(line)
    if has_errors(diagnostics):
        emit(diagnostics, "text", quiet=True)
    if problems or has_errors(diagnostics):
        click.echo(f"{len(problems)} bestand(en) wijken af van de bronnen; draai 'regiogen build'")
        sys.exit(EXIT_CONTENT)
    click.echo(f"build/ klopt met de bronnen ({out_dir})")


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Schrijf één schema naar dit bestand ('-': naar het scherm).",
)
@click.option(
    "--config",
    "config_only",
    is_flag=True,
    help="Met -o: het schema van regiogen.yaml in plaats van dat van de inhoud.",
)
def schema(project: str, output: str | None, config_only: bool) -> None:
    """Schrijf JSON Schema's voor aanvulling en controle in de editor.

    Zonder -o: build/regiogen.schema.json (inhoud) en build/regiogen-config.schema.json
    (regiogen.yaml) in PROJECT.
    """
    from regiogen.output import write_atomic
    from regiogen.schema import config_schema, content_schema, schema_bytes, write_schemas

    if output is not None:
        data = schema_bytes(config_schema() if config_only else content_schema())
        if output == "-":
            click.echo(data.decode("utf-8"), nl=False)
        else:
            write_atomic(Path(output).resolve(), data)
            click.echo(f"geschreven: {output}")
        return
    from regiogen.project import load_project

    root = _project_path(project)
    if not root.is_dir():
        raise CouldNotRun(f"projectmap '{project}' bestaat niet")
    proj, _ = load_project(root)
    out_dir = root / (proj.config.uitvoer if proj is not None else "build")
    for path in write_schemas(root, out_dir):
        click.echo(f"geschreven: {path}")


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--to",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Uitvoerformaat (herhaalbaar); standaard uit regiogen.yaml.",
)
@click.option("--doc", "kinds", multiple=True, help="Alleen deze documentsoort(en).")
@click.option("--regio", "regions", multiple=True, help="Alleen deze regio('s).")
@click.option(
    "--reference-doc",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Word-document met de huisstijl.",
)
def watch(
    project: str,
    formats: tuple[str, ...],
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    reference_doc: str | None,
) -> None:
    """Bouw PROJECT en bouw opnieuw zodra content/, templates/ of regiogen.yaml verandert."""
    from regiogen.build import BuildOptions, build_project, default_jobs
    from regiogen.project import load_project
    from regiogen.watch import watch_project

    proj, _ = _load(project)
    _check_kinds(kinds)
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
        options = BuildOptions(
            out_dir=root / current.config.uitvoer,
            kinds=kinds or None,
            regions=regions or None,
            formats=formats or None,
            jobs=default_jobs(),
            reference_doc=Path(reference_doc).resolve() if reference_doc else None,
            source_date_epoch=_source_date_epoch(),
            git_stamp=False,
        )
        report = build_project(current, options)
        emit(
            list(diagnostics) + report.diagnostics,
            "text",
            extra=f"\n{len(report.written)} geschreven, {len(report.unchanged)} ongewijzigd; "
            "wacht op wijzigingen (Ctrl-C stopt)",
        )

    rebuild(set())
    try:
        watch_project(
            root,
            rebuild,
            content_dir=proj.config.content,
            out_dir=root / proj.config.uitvoer,
            extra_dirs=[proj.handreiking_dir],
        )
    except KeyboardInterrupt:
        click.echo("gestopt")


def main() -> None:
    """Entry point: run the CLI; an unexpected error is reported without a traceback."""
    try:
        cli.main(prog_name="regiogen", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("REGIOGEN_DEBUG"):
            raise
        click.echo(
            f"regiogen: interne fout ({type(exc).__name__}: {exc}). Dit is een fout in regiogen; "
            "meld het met de opdracht die u gaf. Zet REGIOGEN_DEBUG=1 voor details.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
