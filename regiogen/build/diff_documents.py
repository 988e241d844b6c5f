"""Documents from two versions: the ``wijzigingen`` overview, and any kind with tracked changes.

Both return ``{relative output path: bytes}``; the CLI writes them. A kind is rendered in both
versions as ``build`` renders it (same template lookup, same Word writer), and
:func:`regiogen.render.docx.trackchanges.track_changes_docx` marks the differences.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

from regiogen.build.diff import Versie
from regiogen.documents.context import base_context
from regiogen.documents.kinds import _document_info as document_info
from regiogen.documents.kinds import documents_for
from regiogen.documents.wijzigingen import Wijziging
from regiogen.paths import builtin_reference_docx
from regiogen.render.convert import ConvertOptions, convert_markdown
from regiogen.render.markdown import render_template

#: Used when neither SOURCE_DATE_EPOCH nor a commit gives a date (2000-01-01).
DEFAULT_EPOCH = 946684800


def _reference(versie: Versie) -> Path:
    project = versie.project
    if project is not None and project.config.referentiedocument:
        return project.root / project.config.referentiedocument
    return builtin_reference_docx()


def _epoch(versie: Versie, epoch: int | None) -> int:
    if epoch is not None:
        return epoch
    if versie.datum is not None:
        return calendar.timegm(versie.datum.utctimetuple())
    return DEFAULT_EPOCH


def _docx(versie: Versie, name: str, text: str, epoch: int) -> tuple[bytes | None, bytes]:
    outputs, _ = convert_markdown(
        text,
        {"md", "docx"},
        ConvertOptions(
            name=name,
            base_dir=versie.root,
            reference_doc=_reference(versie),
            source_date_epoch=epoch,
        ),
    )
    return outputs.get("docx"), text.encode("utf-8")


def wijzigingen_document(
    new: Versie, region: str, found: list[Wijziging], oud_label: str, epoch: int | None
) -> dict[str, bytes]:
    """The ``wijzigingen`` document of one region: every change, for the bestuurlijke tafel."""
    content = new.inhoud.get(region)
    if content is None:
        return {}
    info = document_info(
        content,
        f"Wijzigingen in het regioplan {content.regio.naam}",
        "wijzigingen",
        None,
        datum=new.datum.date() if new.datum else None,
        ondertitel=f"Van {oud_label} naar {new.label}",
    )
    context = base_context(content) | {
        "document": info,
        "wijzigingen": found,
        "oud_label": oud_label,
        "nieuw_label": new.label,
        "stempel": None,
    }
    rendered = render_template(
        "wijzigingen.md.j2",
        context,
        project_templates=new.root / "templates",
        display_root=new.root,
    )
    if rendered.text is None:
        return {}
    docx, md = _docx(new, f"{region}/wijzigingen", rendered.text, _epoch(new, epoch))
    outputs = {f"{region}/wijzigingen.md": md}
    if docx is not None:
        outputs[f"{region}/wijzigingen.docx"] = docx
    return outputs


def _rendered(versie: Versie, region: str, kind: str, peildatum: date) -> dict[str, str]:
    content = versie.inhoud.get(region)
    if content is None or versie.project is None:
        return {}
    texts = {}
    organisatie = versie.project.config.organisatie
    for doc in documents_for(kind, content, organisatie=organisatie, peildatum=peildatum):
        context = dict(doc.context) | {"stempel": None}
        rendered = render_template(
            doc.template,
            context,
            project_templates=versie.root / "templates",
            display_root=versie.root,
        )
        if rendered.text is not None:
            texts[doc.stem] = rendered.text
    return texts


def tracked_documents(
    old: Versie, new: Versie, region: str, kind: str, peildatum: date, epoch: int | None
) -> dict[str, bytes]:
    """Per document of ``kind``: the new version in Word with the changes tracked."""
    from regiogen.render.docx.trackchanges import track_changes_docx

    old_texts = _rendered(old, region, kind, peildatum)
    new_texts = _rendered(new, region, kind, peildatum)
    when = _epoch(new, epoch)
    outputs = {}
    for stem, text in new_texts.items():
        new_docx, _ = _docx(new, f"{region}/{stem}", text, when)
        if new_docx is None:
            continue
        old_text = old_texts.get(stem, '---\ntitel: "(nieuw)"\n---\n')
        old_docx, _ = _docx(old, f"{region}/{stem}", old_text, when)
        if old_docx is None:
            continue
        author = new.auteur or "regiogen"
        outputs[f"{region}/{stem}-wijzigingen.docx"] = track_changes_docx(
            old_docx, new_docx, author, new.datum, when
        )
    return outputs


__all__ = ["tracked_documents", "wijzigingen_document"]
