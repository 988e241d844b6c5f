"""``regiogen render``: one Markdown file to Word, PDF or HTML, as ``pandoc -o`` does."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from regiogen.cli.support import (
    CouldNotRun,
    check_reference_doc,
    emit,
    exit_code,
    metadata_values,
    reference_option,
    shift_back,
    source_date_epoch,
)
from regiogen.diagnostics import error, os_reason, write_error
from regiogen.source.yaml_errors import encoding_error


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, exists=True), metavar="MARKDOWN")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="UITVOER",
    help="Het bestand dat gemaakt wordt; de extensie kiest het formaat: .docx, .pdf of .html.",
)
@reference_option
@click.option(
    "--toc", "--table-of-contents", "toc", is_flag=True,
    help="Met inhoudsopgave (zoals pandoc --toc).",
)  # fmt: skip
@click.option(
    "-N", "--number-sections", "numbered", is_flag=True,
    help="Koppen genummerd 1, 1.1, 1.1.1 (zoals pandoc -N).",
)  # fmt: skip
@click.option(
    "-M",
    "--metadata",
    "metadata",
    multiple=True,
    metavar="SLEUTEL=WAARDE",
    help="Zet een sleutel van de front matter, zoals pandoc -M: -M title='Notitie' of "
    "-M titel='Notitie' (herhaalbaar; gaat voor op de front matter).",
)
def render(
    source: str,
    output: str,
    reference_doc: str | None,
    toc: bool,
    numbered: bool,
    metadata: tuple[str, ...],
) -> None:
    """Zet MARKDOWN (met front matter) om naar Word, PDF of HTML, zoals 'pandoc -o'.

    Het formaat volgt de extensie van het uitvoerbestand: .docx (Word), .pdf (via Word en
    LibreOffice) of .html (één zelfstandige pagina). De front matter mag regiogens namen
    gebruiken (titel, ondertitel, auteur, datum, taal, trefwoorden, inhoudsopgave, nummering)
    of die van pandoc (title, subtitle, author, date, lang, keywords, toc, number-sections).
    """
    from regiogen.files import write_atomic
    from regiogen.render.convert import ConvertOptions, convert_markdown

    src, out = Path(source), Path(output)
    fmt = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}.get(out.suffix.lower())
    if fmt is None:
        raise CouldNotRun(
            f"onbekend uitvoerformaat '{out.suffix or out.name}'; gebruik .docx, .pdf of .html"
        )
    if reference_doc is not None:  # a reference Word cannot use is a command-line error
        check_reference_doc(Path(reference_doc), reference_doc)
    raw = b""
    try:
        raw = src.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diagnostics = [encoding_error(raw, exc, source)]
    except OSError as exc:
        diagnostics = [error("io.unreadable", f"kan niet lezen: {os_reason(exc)}", source)]
    else:
        from regiogen.render.docx.frontmatter import override_front_matter

        values = metadata_values(metadata)
        if toc:
            values["inhoudsopgave"] = "true"
        if numbered:
            values["nummering"] = "true"
        text, inserted_at, inserted = override_front_matter(text, values)
        outputs, diagnostics = convert_markdown(
            text,
            {fmt},
            ConvertOptions(
                name=str(out.with_suffix("")),
                source=source,
                base_dir=src.resolve().parent,
                reference_doc=Path(reference_doc) if reference_doc else None,
                source_date_epoch=source_date_epoch(),
            ),
        )
        diagnostics = shift_back(diagnostics, source, inserted_at, inserted)
        if fmt in outputs:
            try:
                write_atomic(out, outputs[fmt])
            except OSError as exc:
                diagnostics.append(write_error(exc, output))
    emit(diagnostics, "text", quiet=not diagnostics)
    sys.exit(exit_code(diagnostics, False))
