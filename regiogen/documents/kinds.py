"""Document kinds: which template, which required sections, which documents per region.

A kind turns one region's content into one or more :class:`Document` jobs (the
transformatieplan kind gives one document per plan). The build renders each job's template
with its context and checks the required sections by id.

Every template gets :func:`base_context`; the figures a template needs (totals, names looked
up by id, the planning per afspraak) are computed here, so templates only lay them out.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from regiogen.documents.figures import Figuren
from regiogen.model.content import (
    Afspraak,
    Content,
    Gemeente,
    Knelpunt,
    Kostenpost,
    Opgave,
    Partij,
    Transformatieplan,
    same_gemeentecode,
)
from regiogen.model.overzicht import begroting_overzicht, werkagenda
from regiogen.source.dates import Moment, format_datum

ZERO = Decimal("0")

#: Dutch names of the document kinds, used as subject (``onderwerp``) in the front matter.
KIND_TITLES = {
    "regioplan": "Regioplan",
    "spuk-iza-bijlage": "Bijlage bij de aanvraag SPUK IZA",
    "transformatieplan": "Transformatieplan",
    "werkagenda": "Werkagenda",
    "voortgangsrapportage": "Voortgangsrapportage",
    "verantwoording": "Verantwoording",
    "wijzigingen": "Wijzigingen",
    "regiobeeld": "Regiobeeld",
    "gala-plan-van-aanpak": "Plan van aanpak SPUK GALA",
}


@dataclass(frozen=True)
class Document:
    """One document to build for a region."""

    kind: str
    stem: str  # output file name without extension, e.g. "regioplan" or "transformatieplan-T1"
    template: str
    required: tuple[str, ...]
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentInfo:
    """What the cover page and document properties show (front matter of the template)."""

    titel: str
    ondertitel: str | None = None
    organisatie: str | None = None
    datum: date | None = None
    versie: str | None = None
    classificatie: str | None = None
    status: str | None = None
    onderwerp: str | None = None
    trefwoorden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mandaat:
    """The mandaatstructuur with gemeentecodes resolved to names."""

    mandaathouder: Gemeente | None
    gemeenten: list[str]
    besluitvorming: str | None
    bestuurlijke_tafel: str | None


@dataclass(frozen=True)
class Agendapunt:
    """One line of an afspraak's planning: a milestone, or a result due at a date."""

    wanneer: Moment | None
    soort: str  # "Mijlpaal" or "Resultaat"
    wat: str
    streefwaarde: str | None = None
    afspraak: str = ""  # id of the afspraak


def _by_moment(punten: list[Agendapunt]) -> list[Agendapunt]:
    """Dated points by moment (stable), then the undated ones."""
    dated = [p for p in punten if p.wanneer is not None]
    dated.sort(key=lambda p: p.wanneer)  # type: ignore[arg-type,return-value]
    return dated + [p for p in punten if p.wanneer is None]


@dataclass(frozen=True)
class Bedragen:
    """Amounts per year with their total."""

    per_jaar: dict[int, Decimal]
    totaal: Decimal


@dataclass(frozen=True)
class Businesscase:
    """The costs of a transformatieplan, per post and split by aard and domein."""

    jaren: list[int]
    posten: list[tuple[Kostenpost, Bedragen]]
    per_aard: dict[str, Bedragen]
    per_domein: dict[str, Bedragen]
    totaal: Bedragen
    structureel_sociaal_domein: Decimal


def anker(*parts: object) -> str:
    """A heading id from parts, such as ``anker("afspraak", "A1")`` → ``afspraak-a1``."""
    text = "-".join(str(p) for p in parts).lower()
    return re.sub(r"[^\w.-]+", "-", text).strip("-") or "sectie"


def _mandaat(content: Content) -> Mandaat | None:
    structuur = content.mandaatstructuur
    if structuur is None:
        return None
    return Mandaat(
        mandaathouder=content.mandaatgemeente(),
        gemeenten=[_gemeentenaam(content, code) for code in structuur.gemeenten],
        besluitvorming=structuur.besluitvorming,
        bestuurlijke_tafel=structuur.bestuurlijke_tafel,
    )


def _gemeentenaam(content: Content, code: str) -> str:
    """The name of the municipality with this CBS code (the code itself when unknown)."""
    gemeente = next((g for g in content.regio.gemeenten if same_gemeentecode(g.code, code)), None)
    return gemeente.naam if gemeente else code


def _planning(afspraak: Afspraak) -> list[Agendapunt]:
    """Milestones and results of an afspraak in date order; undated ones last."""
    punten = [
        Agendapunt(m.wanneer, "Mijlpaal", m.wat, afspraak=afspraak.id) for m in afspraak.mijlpalen
    ]
    for r in afspraak.resultaten:
        wanneer = Moment(r.datum, r.datum, r.datum.isoformat()) if r.datum else None
        punten.append(
            Agendapunt(wanneer, "Resultaat", r.indicator or "", r.streefwaarde, afspraak.id)
        )
    return _by_moment(punten)


def _opgaven_per_knelpunt(content: Content) -> dict[str, list[Opgave]]:
    found: dict[str, list[Opgave]] = {k.id: [] for k in content.regiobeeld.knelpunten}
    for opgave in content.opgaven:
        for knelpunt in opgave.knelpunten:
            found.setdefault(knelpunt, []).append(opgave)
    return found


def _sorted_opgaven(content: Content) -> list[Opgave]:
    """Opgaven by prioriteit (those without one last, in file order)."""
    numbered = sorted(
        (o for o in content.opgaven if o.prioriteit is not None),
        key=lambda o: o.prioriteit or 0,
    )
    return numbered + [o for o in content.opgaven if o.prioriteit is None]


def _is_preventie(themas: list[str]) -> bool:
    return any("preventie" in t.lower() or "gezondheid" in t.lower() for t in themas)


def _trace(content: Content) -> list[Any] | None:
    """The traceability chains, when :mod:`regiogen.documents.trace` is available."""
    try:
        module = importlib.import_module("regiogen.documents.trace")
    except ImportError:
        return None
    chains = getattr(module, "trace_chains", None)
    return list(chains(content)) if callable(chains) else None


#: Kinds that leave the organisation: a region-wide classification (meant for the plans the
#: region keeps internal, such as "Intern vertrouwelijk") does not apply to them; only a
#: classification given for the kind itself does.
OUTGOING_KINDS = frozenset({"spuk-iza-bijlage", "verantwoording"})


def classification_for(value: str | dict[str, str] | None, kind: str) -> str | None:
    """The classification of a document of ``kind`` from the region's ``classificatie``."""
    if isinstance(value, dict):
        return value.get(kind)
    return None if kind in OUTGOING_KINDS else value


def _document_info(
    content: Content,
    titel: str,
    kind: str,
    organisatie: str | None,
    *,
    datum: date | None = None,
    ondertitel: str | None = None,
) -> DocumentInfo:
    regio = content.regio
    return DocumentInfo(
        titel=titel,
        ondertitel=ondertitel,
        organisatie=regio.organisatie or organisatie,
        datum=datum or regio.datum,
        versie=regio.versie,
        classificatie=classification_for(regio.classificatie, kind),
        status=regio.status,
        onderwerp=KIND_TITLES[kind],
        trefwoorden=("IZA", regio.naam, KIND_TITLES[kind]),
    )


def base_context(content: Content) -> dict[str, Any]:
    """What every template of a region gets.

    Keys: ``content``, ``regio``, ``partijen`` (id → Partij), ``knelpunten``, ``opgaven``,
    ``afspraken`` (id → record), ``begroting`` (BegrotingOverzicht or None), ``werkagenda``
    (rows sorted by first milestone), ``planning`` (afspraak id → Agendapunt list),
    ``agenda`` (all Agendapunten of all afspraken in date order),
    ``opgaven_op_prioriteit``, ``opgaven_per_knelpunt`` (knelpunt id → opgaven),
    ``preventie_opgaven`` (opgaven with a prevention or health theme),
    ``afspraken_per_opgave`` (opgave id → afspraken), ``mandaat`` (Mandaat or None),
    ``marktleider`` (Partij or None), ``mandaatgemeente`` (Gemeente or None), ``trace``
    (traceability chains or None) and the helper functions ``anker`` (heading id from
    parts), ``partijnamen`` (party ids → names) and ``gemeentenaam`` (CBS code → name).
    """
    afspraken_per_opgave: dict[str, list[Afspraak]] = {o.id: [] for o in content.opgaven}
    for afspraak in content.afspraken:
        if afspraak.opgave is not None:
            afspraken_per_opgave.setdefault(afspraak.opgave, []).append(afspraak)
    marktleider: Partij | None = (
        content.partij(content.regio.marktleider) if content.regio.marktleider else None
    )
    names = {p.id: p.naam for p in content.partijen}
    planning = {a.id: _planning(a) for a in content.afspraken}
    return {
        "content": content,
        "regio": content.regio,
        "partijen": {p.id: p for p in content.partijen},
        "knelpunten": {k.id: k for k in content.regiobeeld.knelpunten},
        "opgaven": {o.id: o for o in content.opgaven},
        "afspraken": {a.id: a for a in content.afspraken},
        "begroting": begroting_overzicht(content.begroting) if content.begroting else None,
        "werkagenda": werkagenda(content),
        "planning": planning,
        "agenda": _by_moment([p for punten in planning.values() for p in punten]),
        "opgaven_op_prioriteit": _sorted_opgaven(content),
        "opgaven_per_knelpunt": _opgaven_per_knelpunt(content),
        "preventie_opgaven": [o for o in content.opgaven if _is_preventie(o.themas)],
        "afspraken_per_opgave": afspraken_per_opgave,
        "mandaat": _mandaat(content),
        "marktleider": marktleider,
        "mandaatgemeente": content.mandaatgemeente(),
        "trace": _trace(content),
        "anker": anker,
        "partijnamen": lambda ids: [names.get(i, i) for i in ids],
        "gemeentenaam": lambda code: _gemeentenaam(content, code),
    }


def _bedragen(per_jaar: dict[int, Decimal]) -> Bedragen:
    return Bedragen(per_jaar, sum(per_jaar.values(), ZERO))


def businesscase(plan: Transformatieplan) -> Businesscase:
    """Sum a transformatieplan's costs per year, per aard and per domein."""
    jaren = sorted({jaar for post in plan.kosten for jaar in post.bedragen})

    def som(posten: list[Kostenpost]) -> Bedragen:
        return _bedragen({j: sum((p.bedragen.get(j, ZERO) for p in posten), ZERO) for j in jaren})

    per_aard = {
        aard: som([p for p in plan.kosten if p.aard == aard])
        for aard in ("incidenteel", "structureel")
    }
    per_domein = {
        domein: som([p for p in plan.kosten if p.domein == domein])
        for domein in ("zorg", "sociaal-domein")
    }
    structureel_sociaal = som(
        [p for p in plan.kosten if p.aard == "structureel" and p.domein == "sociaal-domein"]
    )
    return Businesscase(
        jaren=jaren,
        posten=[(p, som([p])) for p in plan.kosten],
        per_aard=per_aard,
        per_domein=per_domein,
        totaal=som(list(plan.kosten)),
        structureel_sociaal_domein=structureel_sociaal.totaal,
    )


REGIOPLAN_SECTIONS = (
    "regiobeeld",
    "regio-opgaven",
    "regio-afspraken",
    "werkagenda",
    "landelijke-randvoorwaarden",
    "vaststelling",
    "monitoring",
)


def _regioplan(content: Content, organisatie: str | None) -> list[Document]:
    info = _document_info(
        content,
        f"Regioplan {content.regio.naam}",
        "regioplan",
        organisatie,
        ondertitel="Regio-opgaven en regio-afspraken in het kader van het Integraal Zorgakkoord",
    )
    context = base_context(content) | {"document": info, "figuur": Figuren("regioplan")}
    return [Document("regioplan", "regioplan", "regioplan.md.j2", REGIOPLAN_SECTIONS, context)]


def _spuk_iza_bijlage(content: Content, organisatie: str | None) -> list[Document]:
    plan_or_toelichting = "regioplan" if content.regio.status == "vastgesteld" else "toelichting"
    info = _document_info(
        content,
        f"Bijlage aanvraag SPUK IZA {content.regio.naam}",
        "spuk-iza-bijlage",
        organisatie,
        ondertitel="Begroting, regioplan en mandaatstructuur",
        datum=content.aanvraag.datum if content.aanvraag else None,
    )
    return [
        Document(
            "spuk-iza-bijlage",
            "spuk-iza-bijlage",
            "spuk-iza-bijlage.md.j2",
            ("begroting", plan_or_toelichting, "mandaatstructuur"),
            base_context(content) | {"document": info},
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


def _transformatieplan(content: Content, organisatie: str | None) -> list[Document]:
    documents = []
    base = base_context(content)
    for plan in content.transformatieplannen:
        info = _document_info(
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


def _werkagenda(content: Content, organisatie: str | None) -> list[Document]:
    info = _document_info(
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
            base_context(content) | {"document": info},
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
    info = _document_info(
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

    info = _document_info(
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
        info = _document_info(
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
    peildatum: date | None = None,
) -> list[Document]:
    """The documents of one kind for one region.

    ``organisatie`` (from the project configuration) is used on the cover when the region
    names no organisation of its own. ``peildatum`` is the date the voortgang kinds report at.
    """
    if kind in PEILDATUM_KINDS:
        return KINDS[kind](content, organisatie, peildatum)
    return KINDS[kind](content, organisatie)
