"""Document kinds: which template, which required sections, which documents per region.

A kind turns one region's content into one or more :class:`Document` jobs (the
transformatieplan kind gives one document per plan). The build renders each job's template
with its context and checks the required sections by id.

Every template gets :func:`base_context`; the figures a template needs (totals, names looked
up by id, the planning per afspraak) are computed here, so templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from regiogen.diagnostics import Diagnostic
from regiogen.documents.businesscase import Bedragen as Bedragen
from regiogen.documents.businesscase import Businesscase as Businesscase
from regiogen.documents.businesscase import businesscase as businesscase
from regiogen.documents.context import anker, base_context
from regiogen.documents.figures import Figuren
from regiogen.documents.info import KIND_TITLES as KIND_TITLES
from regiogen.documents.info import OUTGOING_KINDS as OUTGOING_KINDS
from regiogen.documents.info import DocumentInfo as DocumentInfo
from regiogen.documents.info import classification_for as classification_for
from regiogen.documents.info import document_info
from regiogen.documents.toetsing import judge, open_punten
from regiogen.model.content import (
    Content,
    Knelpunt,
    Transformatieplan,
)
from regiogen.model.project import content_kinds
from regiogen.source.dates import format_datum

#: The old name, still imported by :mod:`regiogen.build.diff_documents`.
_document_info = document_info


@dataclass(frozen=True)
class Bevindingen:
    """The rule findings a kind's documents may show (its open punten, the toetsing)."""

    findings: tuple[Diagnostic, ...] = ()
    region_path: str = ""


@dataclass(frozen=True)
class Document:
    """One document to build for a region."""

    kind: str
    stem: str  # output file name without extension, e.g. "regioplan" or "transformatieplan-T1"
    template: str
    required: tuple[str, ...]
    context: dict[str, Any] = field(default_factory=dict)


REGIOPLAN_SECTIONS = (
    "regiobeeld",
    "regio-opgaven",
    "regio-afspraken",
    "werkagenda",
    "landelijke-randvoorwaarden",
    "vaststelling",
    "monitoring",
)


def _regioplan(content: Content, organisatie: str | None, bev: Bevindingen) -> list[Document]:
    info = document_info(
        content,
        f"Regioplan {content.regio.naam}",
        "regioplan",
        organisatie,
        ondertitel="Regio-opgaven en regio-afspraken in het kader van het Integraal Zorgakkoord",
    )
    context = base_context(content) | {
        "document": info,
        "open_punten": open_punten(bev.findings, "regioplan", bev.region_path),
        "figuur": Figuren("regioplan"),
    }
    return [Document("regioplan", "regioplan", "regioplan.md.j2", REGIOPLAN_SECTIONS, context)]


def _spuk_iza_bijlage(
    content: Content, organisatie: str | None, bev: Bevindingen
) -> list[Document]:
    beschikbaar = content.aanvraag is not None and content.aanvraag.regioplan_beschikbaar
    vastgesteld = content.regio.status == "vastgesteld"
    plan_or_toelichting = "regioplan" if vastgesteld or beschikbaar else "toelichting"
    info = document_info(
        content,
        f"Bijlage aanvraag SPUK IZA {content.regio.naam}",
        "spuk-iza-bijlage",
        organisatie,
        ondertitel="Begroting, regioplan en mandaatstructuur",
        datum=content.aanvraag.datum if content.aanvraag else None,
    )
    # The bijlage is dated on the aanvraag; the version number is the regioplan's, not its own.
    info = replace(info, versie=None)
    return [
        Document(
            "spuk-iza-bijlage",
            "spuk-iza-bijlage",
            "spuk-iza-bijlage.md.j2",
            ("begroting", plan_or_toelichting, "mandaatstructuur"),
            base_context(content)
            | {
                "document": info,
                "open_punten": open_punten(bev.findings, "spuk-iza-bijlage", bev.region_path),
            },
        )
    ]


def _plan_knelpunten(content: Content, plan: Transformatieplan) -> list[Knelpunt]:
    """The knelpunten behind the opgaven a plan serves, each once, in regiobeeld order."""
    ids = {k for o in content.opgaven if o.id in plan.opgaven for k in o.knelpunten}
    return [k for k in content.regiobeeld.knelpunten if k.id in ids]


def transformatieplan_sections(plan: Transformatieplan) -> tuple[str, ...]:
    """The sections a transformatieplan must have; more when it uses the exception."""
    required = ["partijen", "aansluiting", "businesscase", "financiering"]
    if plan.uitzondering_sociaal_domein:
        required += ["structurele-kosten-sociaal-domein", "continuiteit-na-2027"]
    return tuple(required)


def _transformatieplan(
    content: Content, organisatie: str | None, bev: Bevindingen
) -> list[Document]:
    documents = []
    base = base_context(content)
    for plan in content.transformatieplannen:
        info = document_info(
            content,
            plan.titel,
            "transformatieplan",
            organisatie,
            ondertitel=f"Transformatieplan {plan.id}, {content.regio.naam}",
        )
        context = base | {
            "plan": plan,
            "businesscase": businesscase(plan),
            "plan_knelpunten": _plan_knelpunten(content, plan),
            "document": info,
            "open_punten": [
                b
                for b in open_punten(bev.findings, "transformatieplan", bev.region_path)
                if f"transformatieplan {plan.id} " in b.melding
            ],
        }
        documents.append(
            Document(
                "transformatieplan",
                f"transformatieplan-{plan.id}",
                "transformatieplan.md.j2",
                transformatieplan_sections(plan),
                context,
            )
        )
    return documents


def _werkagenda(content: Content, organisatie: str | None, bev: Bevindingen) -> list[Document]:
    info = document_info(
        content,
        f"Werkagenda {content.regio.naam}",
        "werkagenda",
        organisatie,
        ondertitel="Trekkers, mijlpalen en resultaten van de regio-afspraken",
    )
    return [
        Document(
            "werkagenda",
            "werkagenda",
            "werkagenda.md.j2",
            ("werkagenda", "planning"),
            base_context(content)
            | {
                "document": info,
                "open_punten": open_punten(bev.findings, "werkagenda", bev.region_path),
            },
        )
    ]


TOETSING_SECTIONS = ("samenvatting", "criteria")
#: How the toetsing names what it reviewed.
GETOETST = {
    "regioplan": "het regioplan",
    "werkagenda": "de werkagenda",
    "spuk-iza-bijlage": "de bijlage bij de aanvraag SPUK IZA",
    "transformatieplan": "de transformatieplannen",
    "regiobeeld": "het regiobeeld",
    "gala-plan-van-aanpak": "de plannen van aanpak SPUK GALA",
}


def _toetsing(content: Content, organisatie: str | None, bev: Bevindingen) -> list[Document]:
    kinds = [k for k in content_kinds(content) if k != "toetsing"]
    info = document_info(
        content,
        f"Toetsing {content.regio.naam}",
        "toetsing",
        organisatie,
        ondertitel="Het plan getoetst aan de criteria van IZA, NZa, SPUK en Beoordelingskader",
    )
    info = replace(info, versie=None)  # the version is the plan's; the memo has none
    groepen = judge(bev.findings, kinds, bev.region_path)
    return [
        Document(
            "toetsing",
            "toetsing",
            "toetsing.md.j2",
            TOETSING_SECTIONS,
            base_context(content)
            | {
                "document": info,
                "getoetst": [GETOETST[k] for k in kinds],
                "groepen": groepen,
                "info": [
                    b
                    for g in groepen
                    for o in g.oordelen
                    for b in o.bevindingen
                    if b.ernst == "info"
                ],
            },
        )
    ]


def _peildatum_document(
    content: Content,
    organisatie: str | None,
    peildatum: date | None,
    kind: str,
    ondertitel: str,
) -> list[Document]:
    """A document made at a peildatum (voortgangsrapportage, verantwoording)."""
    from regiogen.documents import voortgang

    peildatum = peildatum or date.today()  # the build always passes one
    info = document_info(
        content,
        f"{KIND_TITLES[kind]} {content.regio.naam}",
        kind,
        organisatie,
        datum=peildatum,
        ondertitel=f"{ondertitel} {format_datum(peildatum)}",
    )
    if kind == "voortgangsrapportage":
        extra = voortgang.voortgang_context(content, peildatum, kind)
        sections: tuple[str, ...] = voortgang.VOORTGANG_SECTIONS
    else:
        extra = voortgang.verantwoording_context(content, peildatum)
        sections = voortgang.VERANTWOORDING_SECTIONS
    context = base_context(content) | extra | {"document": info}
    return [Document(kind, kind, f"{kind}.md.j2", sections, context)]


def _voortgangsrapportage(
    content: Content, organisatie: str | None, peildatum: date | None = None
) -> list[Document]:
    ondertitel = "Stand van de werkagenda op"
    return _peildatum_document(content, organisatie, peildatum, "voortgangsrapportage", ondertitel)


def _verantwoording(
    content: Content, organisatie: str | None, peildatum: date | None = None
) -> list[Document]:
    ondertitel = "Realisatie en mijlpalen voor de SiSa-verantwoording, stand op"
    return _peildatum_document(content, organisatie, peildatum, "verantwoording", ondertitel)


def _regiobeeld(content: Content, organisatie: str | None) -> list[Document]:
    from regiogen.documents.regiobeeld import REGIOBEELD_SECTIONS, regiobeeld_context

    info = document_info(
        content,
        f"Regiobeeld {content.regio.naam}",
        "regiobeeld",
        organisatie,
        ondertitel="Capaciteit, prognoses, knelpunten en duiding, de basis onder het regioplan",
    )
    context = base_context(content) | regiobeeld_context(content) | {"document": info}
    return [Document("regiobeeld", "regiobeeld", "regiobeeld.md.j2", REGIOBEELD_SECTIONS, context)]


def _gala_plan_van_aanpak(content: Content, organisatie: str | None) -> list[Document]:
    """One plan van aanpak SPUK GALA per gemeente with a plan under ``gala:``."""
    from regiogen.documents.gala import GALA_SECTIONS, gala_context, gemeente_van

    documents = []
    base = base_context(content)
    for plan in content.gala:
        gemeente = gemeente_van(content, plan)
        naam = gemeente.naam if gemeente else plan.gemeente
        stem = f"gala-plan-van-aanpak-{anker(naam)}"
        info = document_info(
            content,
            f"Plan van aanpak SPUK GALA {naam}",
            "gala-plan-van-aanpak",
            organisatie,
            ondertitel=f"Brede specifieke uitkering sport, cultuur en preventie "
            f"{min(plan.jaren)}–{max(plan.jaren)}"
            if plan.jaren
            else None,
            datum=plan.ingediend,
        )
        info = replace(info, organisatie=plan.opgesteld_door or f"Gemeente {naam}")
        context = base | gala_context(content, plan, stem) | {"document": info}
        documents.append(
            Document(
                "gala-plan-van-aanpak", stem, "gala-plan-van-aanpak.md.j2", GALA_SECTIONS, context
            )
        )
    return documents


#: Region document kinds, in build order.
KINDS: dict[str, Callable[..., list[Document]]] = {
    "regioplan": _regioplan,
    "spuk-iza-bijlage": _spuk_iza_bijlage,
    "transformatieplan": _transformatieplan,
    "werkagenda": _werkagenda,
    "regiobeeld": _regiobeeld,
    "gala-plan-van-aanpak": _gala_plan_van_aanpak,
    "toetsing": _toetsing,
    "voortgangsrapportage": _voortgangsrapportage,
    "verantwoording": _verantwoording,
}
#: Kinds made at a peildatum.
PEILDATUM_KINDS = ("voortgangsrapportage", "verantwoording")

#: Sections every handreiking must contain.
HANDREIKING_SECTIONS = ("colofon",)


def documents_for(
    kind: str,
    content: Content,
    *,
    organisatie: str | None = None,
    findings: Sequence[Diagnostic] = (),
    region_path: str = "",
    peildatum: date | None = None,
) -> list[Document]:
    """The documents of one kind for one region.

    ``organisatie`` (from the project configuration) is used on the cover when the region
    names no organisation of its own. ``findings`` are the rule findings of the region (as
    ``check`` gives them, paths under ``region_path``): a document lists those of its kind as
    open punten, the toetsing judges the criteria by them. ``peildatum`` is the date the
    voortgang kinds report at.
    """
    if kind in PEILDATUM_KINDS:
        return KINDS[kind](content, organisatie, peildatum)
    if kind in ("regiobeeld", "gala-plan-van-aanpak"):
        return KINDS[kind](content, organisatie)
    return KINDS[kind](content, organisatie, Bevindingen(tuple(findings), region_path))
