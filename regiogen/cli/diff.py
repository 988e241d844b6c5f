"""``regiogen diff``: what changed between two versions, per region and as tracked changes."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

import click

from regiogen.cli.peildatum import peildatum_option
from regiogen.cli.support import (
    CouldNotRun,
    check_kinds,
    emit,
    out_option,
    project_argument,
    regio_option,
    source_date_epoch,
)


@click.command(name="diff")
@project_argument
@click.option(
    "--sinds", metavar="REV", default=None, help="Oude versie: een git-revisie (standaard HEAD)."
)
@click.option(
    "--tot",
    metavar="REV",
    default=None,
    help="Nieuwe versie: een git-revisie (standaard de werkmap).",
)
@click.option(
    "--oud", type=click.Path(file_okay=False), default=None, help="Oude versie: een projectmap."
)
@click.option(
    "--nieuw", type=click.Path(file_okay=False), default=None, help="Nieuwe versie: een projectmap."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Uitvoervorm."
)
@click.option(
    "--document", is_flag=True, help="Maak per regio ook het document 'wijzigingen' (md, docx)."
)
@click.option(
    "--docx",
    "kinds",
    multiple=True,
    metavar="SOORT",
    help="Word-bestand van de nieuwe versie van SOORT met bijgehouden wijzigingen (herhaalbaar).",
)
@out_option("Uitvoermap voor --document en --docx (standaard: build/ in het project).")
@regio_option
@peildatum_option("Peildatum voor voortgangsrapportage en verantwoording (standaard: vandaag).")
def diff(
    project: str,
    sinds: str | None,
    tot: str | None,
    oud: str | None,
    nieuw: str | None,
    fmt: str,
    document: bool,
    kinds: tuple[str, ...],
    out: str | None,
    regions: tuple[str, ...],
    peildatum: date | None,
) -> None:
    """Toon wat er tussen twee versies van PROJECT veranderde, per regio.

    Zonder opties: de werkmap tegen de laatste commit (HEAD). Met --sinds en --tot twee
    revisies uit git, met --oud en --nieuw twee projectmappen.
    """
    from regiogen.build.diff import DiffError, git_versie, map_versie, werkmap
    from regiogen.documents.wijzigingen import regels, wijzigingen

    check_kinds(kinds)
    if (oud is None) != (nieuw is None):
        raise click.UsageError("geef --oud en --nieuw samen")
    if oud is not None and (sinds or tot):
        raise click.UsageError(
            "kies mappen (--oud/--nieuw) of revisies (--sinds/--tot), niet beide"
        )
    root = Path(project).resolve()
    with ExitStack() as stack:
        try:
            if oud is not None and nieuw is not None:
                old, new = map_versie(Path(oud).resolve()), map_versie(Path(nieuw).resolve())
            else:
                old = stack.enter_context(git_versie(root, sinds or "HEAD"))
                new = stack.enter_context(git_versie(root, tot)) if tot else werkmap(root)
        except DiffError as exc:
            raise CouldNotRun(str(exc)) from None
        names = sorted(set(old.inhoud) | set(new.inhoud))
        if regions:
            names = [n for n in names if n in regions]
        found = []
        for name in names:
            found.extend(wijzigingen(name, old.inhoud.get(name), new.inhoud.get(name)))
        if fmt == "json":
            data = {
                "oud": old.label,
                "nieuw": new.label,
                "wijzigingen": [w.as_dict() for w in found],
            }
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            click.echo(f"Wijzigingen van {old.label} naar {new.label}")
            for line in regels(found) if found else ["geen wijzigingen"]:
                click.echo(line)
        if document or kinds:
            assert new.project is not None
            out_dir = Path(out).resolve() if out else root / new.project.config.uitvoer
            if new.root != root and not out:
                out_dir = root / "build"
            written = _documents(old, new, names, found, kinds, document, out_dir, peildatum)
            for path in written:
                click.echo(f"geschreven: {path}", err=True)
        problems = old.diagnostics + new.diagnostics
        if problems:
            emit(problems, "text", show_info=False)


def _documents(
    old: Any,
    new: Any,
    names: list[str],
    found: list[Any],
    kinds: tuple[str, ...],
    document: bool,
    out_dir: Path,
    peildatum: date | None,
) -> list[Path]:
    from regiogen.build.diff import peildatum_of
    from regiogen.build.diff_documents import tracked_documents, wijzigingen_document
    from regiogen.files import write_atomic

    written = []
    epoch = source_date_epoch()
    for name in names:
        outputs: dict[str, bytes] = {}
        if document and new.inhoud.get(name) is not None:
            outputs.update(
                wijzigingen_document(
                    new, name, [w for w in found if w.regio == name], old.label, epoch
                )
            )
        for kind in kinds:
            outputs.update(
                tracked_documents(
                    old,
                    new,
                    name,
                    kind,
                    peildatum or peildatum_of(new) or date.today(),
                    epoch,
                )
            )
        for rel, data in sorted(outputs.items()):
            target = out_dir / rel
            write_atomic(target, data)
            written.append(target)
    if not written:
        click.echo("geen documenten gemaakt (geen regio met inhoud in beide versies)", err=True)
    sys.stdout.flush()
    return written
