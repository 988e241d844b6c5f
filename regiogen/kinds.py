"""Document kinds: which template, which required sections, which documents per region.

A kind turns one region's content into one or more :class:`Document` jobs (the
transformatieplan kind gives one document per plan). The build renders each job's template
with its context and checks the required sections by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from regiogen.model.content import Content
from regiogen.model.overzicht import begroting_overzicht, werkagenda


@dataclass(frozen=True)
class Document:
    """One document to build for a region."""

    kind: str
    stem: str  # output file name without extension, e.g. "regioplan" or "transformatieplan-T1"
    template: str
    required: tuple[str, ...]
    context: dict[str, Any] = field(default_factory=dict)


def base_context(content: Content) -> dict[str, Any]:
    """What every template of a region gets."""
    return {
        "content": content,
        "regio": content.regio,
        "partijen": {p.id: p for p in content.partijen},
        "knelpunten": {k.id: k for k in content.regiobeeld.knelpunten},
        "opgaven": {o.id: o for o in content.opgaven},
        "afspraken": {a.id: a for a in content.afspraken},
        "begroting": begroting_overzicht(content.begroting) if content.begroting else None,
        "werkagenda": werkagenda(content),
    }


REGIOPLAN_SECTIONS = (
    "regiobeeld",
    "regio-opgaven",
    "regio-afspraken",
    "werkagenda",
    "landelijke-randvoorwaarden",
    "vaststelling",
    "monitoring",
)


def _regioplan(content: Content) -> list[Document]:
    return [
        Document("regioplan", "regioplan", "regioplan.md.j2", REGIOPLAN_SECTIONS,
                 base_context(content))
    ]


def _spuk_iza_bijlage(content: Content) -> list[Document]:
    plan_or_toelichting = "regioplan" if content.regio.status == "vastgesteld" else "toelichting"
    return [
        Document(
            "spuk-iza-bijlage",
            "spuk-iza-bijlage",
            "spuk-iza-bijlage.md.j2",
            ("begroting", plan_or_toelichting, "mandaatstructuur"),
            base_context(content),
        )
    ]


def _transformatieplan(content: Content) -> list[Document]:
    documents = []
    for plan in content.transformatieplannen:
        required = ["partijen", "aansluiting", "businesscase", "financiering"]
        if plan.uitzondering_sociaal_domein:
            required += ["structurele-kosten-sociaal-domein", "continuiteit-na-2027"]
        context = base_context(content) | {"plan": plan}
        documents.append(
            Document(
                "transformatieplan",
                f"transformatieplan-{plan.id}",
                "transformatieplan.md.j2",
                tuple(required),
                context,
            )
        )
    return documents


def _werkagenda(content: Content) -> list[Document]:
    return [
        Document("werkagenda", "werkagenda", "werkagenda.md.j2", ("werkagenda",),
                 base_context(content))
    ]


#: Region document kinds, in build order.
KINDS: dict[str, Callable[[Content], list[Document]]] = {
    "regioplan": _regioplan,
    "spuk-iza-bijlage": _spuk_iza_bijlage,
    "transformatieplan": _transformatieplan,
    "werkagenda": _werkagenda,
}

#: Sections every handreiking must contain.
HANDREIKING_SECTIONS = ("colofon",)


def documents_for(kind: str, content: Content) -> list[Document]:
    """The documents of one kind for one region."""
    return KINDS[kind](content)
