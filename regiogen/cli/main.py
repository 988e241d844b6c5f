"""The command line: the ``regiogen`` group and the commands that read content.

The commands that make documents live in :mod:`regiogen.cli.make` (``render``, one Markdown
file, in :mod:`regiogen.cli.render`); the shared printing and exit-code helpers in
:mod:`regiogen.cli.support`.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from regiogen import __version__
from regiogen.cli import dutch as cli_nl
from regiogen.cli.ctrl_c import install_ctrl_c
from regiogen.cli.diff import diff
from regiogen.cli.make import build, schema, verify, watch
from regiogen.cli.peildatum import peildatum_option
from regiogen.cli.preview import preview
from regiogen.cli.render import render
from regiogen.cli.support import (
    CONTEXT,
    EXIT_CONTENT,
    EXIT_USAGE,
    CouldNotRun,
    check_kinds,
    check_regions,
    emit,
    exit_code,
    load_or_exit,
    project_argument,
    project_diagnostics,
    regio_option,
)
from regiogen.diagnostics import has_errors

cli_nl.install()  # click's own words (usage, help, errors) in Dutch


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="regiogen %(version)s")
def cli() -> None:
    """regiogen: concepten van IZA-documenten uit YAML, met controles op de IZA-regels.

    Begin met 'regiogen init', controleer met 'regiogen check' en maak de documenten met
    'regiogen build'.
    """


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False), metavar="[MAP]")
def init(directory: str) -> None:
    """Zet een nieuw project op in MAP (standaard: de huidige map).

    Bestaande bestanden worden nooit overschreven.
    """
    from regiogen.build.output import UnsafeOutput
    from regiogen.build.schema import write_schemas
    from regiogen.cli.scaffold import ScaffoldError, scaffold
    from regiogen.diagnostics import os_reason

    try:
        created, kept = scaffold(Path(directory))
    except ScaffoldError as exc:
        raise CouldNotRun(str(exc)) from None
    for path in created:
        click.echo(f"aangemaakt: {path}")
    for path in kept:
        click.echo(f"bestaat al, niet aangeraakt: {path}")
    target = Path(directory).resolve()
    try:
        schemas = write_schemas(target, keep_existing=True)
    except UnsafeOutput as exc:
        click.echo(f"geen schema's voor de editor: {exc}", err=True)
        schemas = []
    except OSError as exc:
        click.echo(f"geen schema's voor de editor: build/: {os_reason(exc)}", err=True)
        schemas = []
    for schema_path in schemas:
        click.echo(f"schema voor de editor: {schema_path.relative_to(target)}")
    click.echo(next_step(directory))


def next_step(directory: str) -> str:
    """What to type after ``init``: ``regiogen check`` in the project (quoted when needed)."""
    import shlex

    if Path(directory).resolve() == Path.cwd().resolve():
        return "Volgende stap: regiogen check"
    return f"Volgende stap: cd {shlex.quote(directory)} && regiogen check"


@cli.command()
@project_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "codequality"]),
    default="text",
    help="Uitvoervorm: text (leesbaar), json, sarif (GitHub code scanning) of codequality "
    "(GitLab Code Quality); paden in sarif en codequality zijn relatief aan de git-repository.",
)
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten (exitcode 1).")
@click.option(
    "--doc", "kinds", multiple=True, metavar="SOORT", help="Alleen regels voor deze documentsoort."
)
@regio_option
@peildatum_option(
    "Beoordeel de voortgang (mijlpalen over tijd) op deze datum; standaard alleen met "
    "--doc voortgangsrapportage of verantwoording, en dan vandaag."
)
def check(
    project: str,
    fmt: str,
    strict: bool,
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    peildatum: date | None,
) -> None:
    """Controleer de inhoud van PROJECT op fouten en op de IZA-regels."""
    from regiogen.build.region import check_region
    from regiogen.cli.peildatum import peildatum_for_check

    proj, diagnostics = load_or_exit(project)
    check_kinds(kinds)
    check_regions(proj, regions)
    diagnostics = list(diagnostics) + project_diagnostics(proj)
    for region in proj.regions:
        if regions and region not in regions:
            continue
        found = check_region(
            proj.root,
            proj.config.content,
            region,
            proj.config,
            tuple(kinds) or None,
            peildatum_for_check(peildatum, kinds),
        )
        diagnostics.extend(found.diagnostics)
    if not regions and (not kinds or "handreiking" in kinds) and proj.wants_handreiking():
        from regiogen.documents.handreiking_sources import check_handreiking

        diagnostics.extend(check_handreiking(proj.handreiking_dir, proj.root))
    prefix = ""
    if fmt in ("sarif", "codequality"):
        from regiogen.cli.codequality import repository_prefix

        prefix = repository_prefix(proj.root)
    emit(diagnostics, fmt, prefix=prefix)
    sys.exit(exit_code(diagnostics, strict))


@cli.command(name="list")
@project_argument
def list_(project: str) -> None:
    """Toon de regio's, de documentsoorten en wat 'build' zou maken."""
    from regiogen.model.project import ALL_KINDS

    proj, diagnostics = load_or_exit(project)
    click.echo("Documentsoorten: " + ", ".join(ALL_KINDS))
    click.echo(f"Regio's in {proj.config.content}/: " + (", ".join(proj.regions) or "geen"))
    formats = ", ".join(proj.config.formaten)
    for region in proj.regions:
        content = None
        if proj.kinds_from_content:
            from regiogen.build.region import check_region

            # No rules: only which documents the content asks for.
            content = check_region(proj.root, proj.config.content, region, proj.config, ()).content
        for kind in proj.kinds_for(region, content):
            click.echo(f"  {region}: {kind} ({formats})")
    if proj.wants_handreiking():
        click.echo(f"  handreiking: uit {proj.handreiking_dir.relative_to(proj.root)} ({formats})")
    if diagnostics:
        emit(diagnostics, "text")
    sys.exit(exit_code(diagnostics, False))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Uitvoervorm: text (een tabel om te lezen) of json (voor programma's).",
)
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
@project_argument
@regio_option
def trace(project: str, regions: tuple[str, ...]) -> None:
    """Toon de keten knelpunt → opgave → afspraak → resultaat/mijlpaal → begrotingspost."""
    from regiogen.build.region import check_region
    from regiogen.documents.trace import format_trace, trace_chains

    proj, diagnostics = load_or_exit(project)
    check_regions(proj, regions)
    diagnostics = list(diagnostics)
    for region in proj.regions:
        if regions and region not in regions:
            continue
        found = check_region(proj.root, proj.config.content, region, proj.config, ())
        if found.content is None:
            click.echo(f"# {region}: de keten is niet te tonen; de inhoud heeft fouten (hieronder)")
            diagnostics += found.diagnostics
            continue
        click.echo(f"# {found.content.regio.naam}")
        click.echo(format_trace(trace_chains(found.content)))
    if has_errors(diagnostics):
        emit(diagnostics, "text")
        sys.exit(EXIT_CONTENT)


for command in (build, render, verify, schema, watch, preview):
    cli.add_command(command)
cli.add_command(diff)
cli.options_metavar = "[OPTIES]"
cli.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
for command in cli.commands.values():
    command.options_metavar = "[OPTIES]"
cli_nl.translate_parameters(cli)


def utf8_streams() -> None:
    """Write stdout and stderr as UTF-8 whatever the console or redirect says.

    A Windows console or a redirect under PowerShell defaults to cp1252, which cannot write
    '→' or '€' (and SARIF/JSON must be UTF-8 anyway); a character that still cannot be
    written becomes '?' instead of ending the command.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # replaced by something that is no text file (tests, pythonw)
            continue
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):  # pragma: no cover - a stream that cannot change now
            continue


def main() -> None:
    """Entry point: run the CLI; an unexpected error is reported without a traceback.

    An operating-system error that no command turned into a finding (a folder that cannot be
    read, say) still comes out in Dutch, with the path relative to the working folder: the
    command could not run (exit 2).
    """
    utf8_streams()
    install_ctrl_c()
    try:
        cli.main(prog_name="regiogen", standalone_mode=True)
    except SystemExit:
        raise
    except OSError as exc:
        if os.environ.get("REGIOGEN_DEBUG"):
            raise
        from regiogen.diagnostics import os_reason
        from regiogen.source.load import display_path

        where = f"{display_path(Path(str(exc.filename)), Path.cwd())}: " if exc.filename else ""
        click.echo(f"regiogen: kan niet lezen of schrijven: {where}{os_reason(exc)}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:
        if os.environ.get("REGIOGEN_DEBUG"):
            raise
        click.echo(
            f"regiogen: interne fout ({type(exc).__name__}: {exc}). Dit is een fout in regiogen; "
            "meld het met de opdracht die u gaf. Zet REGIOGEN_DEBUG=1 voor details.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
