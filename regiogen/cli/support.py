"""What the command-line modules share: exit codes, printing diagnostics, loading a project.

Only the CLI prints and chooses exit codes: 0 fine, 1 the content has errors (or warnings
under ``--strict``), 2 the command could not run or not do all its work (bad arguments, a
folder that is no project, an output that could not be written, a missing program).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from click.decorators import FC

from regiogen import __version__
from regiogen.diagnostics import (
    Diagnostic,
    Severity,
    could_not_run,
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


# Options and arguments several commands share (each use makes a fresh click parameter).
project_argument = click.argument("project", default=".", type=click.Path(file_okay=False))
regio_option = click.option(
    "--regio", "regions", multiple=True, metavar="REGIO", help="Alleen deze regio('s)."
)
doc_option = click.option(
    "--doc", "kinds", multiple=True, metavar="SOORT", help="Alleen deze documentsoort(en)."
)
to_option = click.option(
    "--to",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Uitvoerformaat (herhaalbaar); standaard uit regiogen.yaml (md en docx).",
)
reference_option = click.option(
    "--reference-doc",
    type=click.Path(dir_okay=False, exists=True),
    metavar="BESTAND",
    default=None,
    help="Word-document met de huisstijl (stijlen, marges, kop- en voettekst).",
)


def out_option(help_text: str) -> Callable[[FC], FC]:
    """The ``--out`` option with its own help text."""
    return click.option(
        "--out", "out", type=click.Path(file_okay=False), metavar="MAP", default=None,
        help=help_text,
    )  # fmt: skip


def project_path(value: str) -> Path:
    return Path(value).resolve()


def emit(
    diagnostics: Sequence[Diagnostic],
    fmt: str,
    *,
    quiet: bool = False,
    extra: str = "",
    show_info: bool = True,
    strict: bool = False,
    prefix: str = "",
) -> None:
    """Print diagnostics sorted by file and line, then a summary per severity and per code.

    ``prefix`` (SARIF and Code Quality) is the project's folder in its git repository, so
    their paths are relative to the repository root as CI systems expect.

    ``quiet`` prints errors only (and warnings under ``strict``, which fail too; to stderr)
    and no summary; without ``show_info`` the
    informational findings are counted in the summary but not listed (``build`` leaves them
    to ``check``).
    """
    ordered = sort_diagnostics(diagnostics)
    if fmt == "json":
        click.echo(format_json(ordered))
        return
    if fmt == "sarif":
        from regiogen.cli.sarif import to_sarif
        from regiogen.rules import rule_table

        click.echo(to_sarif(ordered, rule_table(), __version__, prefix), nl=False)
        return
    if fmt == "codequality":
        from regiogen.cli.codequality import to_codequality

        click.echo(to_codequality(ordered, prefix), nl=False)
        return
    shown = [
        d
        for d in ordered
        if (
            not quiet or d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
        )
        and (show_info or d.severity is not Severity.INFO)
    ]
    for diagnostic in shown:
        click.echo(diagnostic.format(), err=quiet)
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
    if not show_info and counts[Severity.INFO]:
        summary += "\n(meldingen staan in 'regiogen check')"
    click.echo(summary + extra)


def exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """0 fine; 2 when the command could not do all its work (an output that could not be
    written, a program regiogen needs is missing); 1 when the content has errors (or
    warnings under ``strict``)."""
    if could_not_run(diagnostics) or any(d.code == TOOL_MISSING for d in diagnostics):
        return EXIT_USAGE
    return EXIT_CONTENT if has_errors(diagnostics, strict=strict) else EXIT_OK


TOOL_MISSING = "build.tool-missing"


def one_tool_finding(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The same missing program once instead of once per document, naming how many lack it."""
    from dataclasses import replace

    missing = [d for d in diagnostics if d.code == TOOL_MISSING]
    if len(missing) <= 1:
        return list(diagnostics)
    rest = [d for d in diagnostics if d.code != TOOL_MISSING]
    first = sort_diagnostics(missing)[0]
    count = len({d.path for d in missing})
    message = (
        f"{first.message} ({count} documenten zonder PDF; de andere formaten zijn wel gemaakt)"
    )
    return [*rest, replace(first, message=message)]


def load_or_exit(project_dir: str) -> Any:
    from regiogen.model.project import CONFIG_NAME, load_project

    root = project_path(project_dir)
    if not root.is_dir():
        raise CouldNotRun(f"projectmap '{project_dir}' bestaat niet")
    if not (root / CONFIG_NAME).is_file() and not (root / "content").is_dir():
        raise CouldNotRun(
            f"'{project_dir}' is geen regiogen-project: er staat geen {CONFIG_NAME} en geen map "
            f"content/ in; begin er een met 'regiogen init {project_dir}'"
        )
    try:
        project, diagnostics = load_project(root)
    except OSError as exc:
        from regiogen.diagnostics import os_reason

        shown = _shown_os_path(exc, root)
        raise CouldNotRun(f"kan het project niet lezen: {shown}{os_reason(exc)}") from None
    missing = [d for d in diagnostics if d.code in ("io.not-found", "io.outside-project")]
    if project is None or missing:
        # A folder the project needs is missing or outside it: the command could not run (2).
        # Settings that are wrong are content errors (1).
        emit(diagnostics, "text")
        sys.exit(EXIT_USAGE if missing or not diagnostics else EXIT_CONTENT)
    return project, diagnostics


def _shown_os_path(exc: OSError, root: Path) -> str:
    """``content/oost: `` for an error about a file in the project, else nothing."""
    if not exc.filename:
        return ""
    from regiogen.source.load import display_path

    return f"{display_path(Path(str(exc.filename)), root)}: "


def check_kinds(kinds: Sequence[str]) -> None:
    from regiogen.model.project import ALL_KINDS

    for kind in kinds:
        if kind not in ALL_KINDS:
            raise click.BadParameter(
                f"onbekende documentsoort '{kind}'; kies uit {', '.join(ALL_KINDS)}",
                param_hint="--doc",
            )


def guard_out_dir(project: Any, out_dir: Path) -> None:
    """Refuse an output folder where a build could touch sources (exit 2).

    Not the project folder itself or a folder around it, not inside content/ or templates/,
    and not a folder that holds content, templates or settings.
    """
    from regiogen.build.pipeline import out_dir_problem

    problem = out_dir_problem(project, out_dir)
    if problem:
        raise CouldNotRun(problem)


def check_reference_doc(path: Path, shown: str) -> None:
    """A --reference-doc that Word output cannot use stops the command (exit 2)."""
    from regiogen.diagnostics import error
    from regiogen.render.docx.reference import ReferenceDocError, load_reference

    try:
        load_reference(path)
    except ReferenceDocError as exc:
        message = f"referentiedocument onbruikbaar: {exc}"
        click.echo(error("docx.reference", message, shown).format(), err=True)
        sys.exit(EXIT_USAGE)


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    if not value.isdigit():
        raise CouldNotRun("SOURCE_DATE_EPOCH moet een geheel aantal seconden zijn")
    return int(value)


def progress_printer() -> Any:
    tty = sys.stdout.isatty()

    def show(region: str, done: int, total: int, status: str = "klaar") -> None:
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {region:<20}",
                nl=done == total,
            )
        else:
            click.echo(f"{status}: {region} ({done}/{total})")

    return show


def check_regions(project: Any, wanted: Sequence[str]) -> None:
    """A ``--regio`` name that is no region folder with YAML in it stops the command (exit 2),
    like an unknown ``--doc``."""
    unknown = [name for name in wanted if name not in project.regions]
    if unknown:
        known = ", ".join(project.regions) or "geen"
        names = ", ".join(f"'{n}'" for n in unknown)
        raise click.BadParameter(
            f"regio {names} bestaat niet of heeft geen YAML-bestanden in "
            f"{project.config.content}/; regio's zijn: {known}",
            param_hint="--regio",
        )


def project_diagnostics(project: Any) -> list[Diagnostic]:
    """Findings about the project as a whole that ``check`` and ``build`` both report: rule
    settings for rules that do not exist, the handreiking's cover data and stray files."""
    from regiogen.model.project import setting_error

    found: list[Diagnostic] = []
    try:
        from regiogen.rules import unknown_rule_settings
    except ImportError:
        unknown: list[str] = []
    else:
        unknown = list(unknown_rule_settings(project.config.regels))
    for rule_id in unknown:
        found.append(
            setting_error(
                project.source_map,
                ("regels", rule_id),
                "config.invalid",
                f"onbekende regel '{rule_id}' (zie 'regiogen rules')",
                key=True,
            )
        )
    return found


def metadata_values(pairs: tuple[str, ...]) -> dict[str, str]:
    """``-M key=value`` pairs; ``-M key`` alone means true, as in pandoc."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not key.strip():
            raise click.BadParameter(
                f"'{pair}' heeft de vorm SLEUTEL=WAARDE niet", param_hint="'-M' / '--metadata'"
            )
        values[key.strip()] = value if sep else "true"
    return values


def shift_back(diagnostics: list[Diagnostic], source: str, at: int, count: int) -> list[Diagnostic]:
    """Positions in the file as the user wrote it, after ``count`` lines were put in at ``at``.

    A finding on an inserted line is about a command-line value and gets no line.
    """
    if not count:
        return diagnostics
    from dataclasses import replace

    result = []
    for d in diagnostics:
        if d.path == source and d.line is not None and d.line >= at:
            inside = d.line < at + count
            d = replace(d, line=None, col=None) if inside else replace(d, line=d.line - count)
        result.append(d)
    return result
