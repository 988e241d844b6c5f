"""Document kinds: which documents a region gets, their required sections and context."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from regiogen.documents import context, kinds
from regiogen.model.content import Content
from regiogen.model.project import REGION_KINDS
from regiogen.source.dates import parse_moment

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def content(example_content: Content) -> Content:
    return example_content


@pytest.fixture(scope="module")
def planned(content: Content) -> dict[str, list[kinds.Document]]:
    """The documents of every kind for the example, planned once for this module (the
    voortgang kinds draw their charts while planning)."""
    return {kind: kinds.documents_for(kind, content) for kind in kinds.KINDS}


def test_every_project_kind_is_known() -> None:
    assert tuple(kinds.KINDS) == REGION_KINDS


def test_documents_per_kind(planned: dict[str, list[kinds.Document]]) -> None:
    stems = {kind: [d.stem for d in documents] for kind, documents in planned.items()}
    assert stems == {
        "regioplan": ["regioplan"],
        "spuk-iza-bijlage": ["spuk-iza-bijlage"],
        "transformatieplan": ["transformatieplan-T1", "transformatieplan-T2"],
        "werkagenda": ["werkagenda"],
        "voortgangsrapportage": ["voortgangsrapportage"],
        "verantwoording": ["verantwoording"],
        "regiobeeld": ["regiobeeld"],
        "gala-plan-van-aanpak": ["gala-plan-van-aanpak-beekveld"],
        "toetsing": ["toetsing"],
    }


def test_required_sections(planned: dict[str, list[kinds.Document]]) -> None:
    docs = {d.stem: d for documents in planned.values() for d in documents}
    assert docs["regioplan"].required == kinds.REGIOPLAN_SECTIONS
    assert docs["spuk-iza-bijlage"].required == ("begroting", "regioplan", "mandaatstructuur")
    assert docs["transformatieplan-T1"].required == (
        "partijen",
        "aansluiting",
        "businesscase",
        "financiering",
        "structurele-kosten-sociaal-domein",
        "continuiteit-na-2027",
    )
    assert docs["transformatieplan-T2"].required == (
        "partijen",
        "aansluiting",
        "businesscase",
        "financiering",
    )
    assert docs["werkagenda"].required == ("werkagenda", "planning")


def test_concept_region_needs_toelichting(content: Content) -> None:
    regio = content.regio.model_copy(update={"status": "concept"})
    doc = kinds.documents_for("spuk-iza-bijlage", content.model_copy(update={"regio": regio}))[0]
    assert doc.required == ("begroting", "toelichting", "mandaatstructuur")


def test_document_info(content: Content) -> None:
    regioplan = kinds.documents_for("regioplan", content)[0].context["document"]
    assert regioplan.titel == "Regioplan Regio Lindeland"
    assert regioplan.datum == date(2023, 12, 12)
    assert regioplan.organisatie == "Programmabureau IZA Lindeland"
    assert regioplan.classificatie == "Intern vertrouwelijk"
    bijlage = kinds.documents_for("spuk-iza-bijlage", content)[0].context["document"]
    assert bijlage.datum == date(2023, 12, 21)  # the date of the aanvraag
    assert bijlage.versie is None  # the version number is the regioplan's


def test_project_organisation_is_fallback(content: Content) -> None:
    regio = content.regio.model_copy(update={"organisatie": None})
    bare = content.model_copy(update={"regio": regio})
    doc = kinds.documents_for("werkagenda", bare, organisatie="Adviesbureau Oost")[0]
    assert doc.context["document"].organisatie == "Adviesbureau Oost"


def test_base_context_keys(content: Content) -> None:
    context = kinds.base_context(content)
    assert {
        "content",
        "regio",
        "partijen",
        "knelpunten",
        "opgaven",
        "afspraken",
        "begroting",
        "werkagenda",
        "planning",
        "agenda",
        "opgaven_op_prioriteit",
        "opgaven_per_knelpunt",
        "afspraken_per_opgave",
        "preventie_opgaven",
        "mandaat",
        "marktleider",
        "mandaatgemeente",
        "trace",
        "anker",
        "partijnamen",
        "gemeentenaam",
    } <= set(context)
    assert [o.id for o in context["opgaven_op_prioriteit"]] == ["O1", "O2", "O3", "O4"]
    assert [o.id for o in context["opgaven_per_knelpunt"]["K2"]] == ["O2", "O4"]
    assert context["opgaven_per_knelpunt"]["K5"] == []
    assert [o.id for o in context["preventie_opgaven"]] == ["O3"]
    assert context["marktleider"].naam == "Zorgverzekeraar Noordstroom"
    assert context["mandaat"].mandaathouder.naam == "Lindenhaven"
    assert context["mandaat"].gemeenten[:2] == ["Lindenhaven", "Beekveld"]
    assert context["gemeentenaam"]("9902") == "Beekveld"
    assert context["gemeentenaam"]("GM0001") == "GM0001"
    assert context["partijnamen"](["zvn", "onbekend"]) == [
        "Zorgverzekeraar Noordstroom",
        "onbekend",
    ]


def test_planning_mixes_milestones_and_results_by_date(content: Content) -> None:
    planning = kinds.base_context(content)["planning"]["A1"]
    assert [(p.soort, p.wanneer.label) for p in planning] == [
        ("Mijlpaal", "2e kwartaal 2024"),
        ("Mijlpaal", "2e kwartaal 2025"),
        ("Resultaat", "30 juni 2025"),
        ("Resultaat", "31 december 2025"),
        ("Mijlpaal", "1e kwartaal 2026"),
    ]
    assert planning[2].streefwaarde == "6"


def test_undated_points_come_last() -> None:
    punten = [
        context.Agendapunt(None, "Mijlpaal", "later"),
        context.Agendapunt(parse_moment("2025-Q1"), "Mijlpaal", "b"),
        context.Agendapunt(parse_moment("2024"), "Mijlpaal", "a"),
    ]
    assert [p.wat for p in context._by_moment(punten)] == ["a", "b", "later"]


def test_businesscase_totals(content: Content) -> None:
    plan = content.transformatieplannen[0]
    bc = kinds.businesscase(plan)
    assert bc.jaren == [2025, 2026, 2027]
    assert bc.totaal.totaal == Decimal("1785000")
    assert bc.per_aard["incidenteel"].per_jaar == {
        2025: Decimal("180000"),
        2026: Decimal("60000"),
        2027: Decimal("0"),
    }
    assert bc.per_domein["zorg"].totaal == Decimal("585000")
    assert bc.structureel_sociaal_domein == Decimal("960000")
    assert sum(b.totaal for _, b in bc.posten) == bc.totaal.totaal
    assert bc.per_aard["incidenteel"].totaal + bc.per_aard["structureel"].totaal == bc.totaal.totaal


def test_plan_knelpunten(content: Content) -> None:
    docs = kinds.documents_for("transformatieplan", content)
    assert [k.id for k in docs[0].context["plan_knelpunten"]] == ["K1"]
    assert [k.id for k in docs[1].context["plan_knelpunten"]] == ["K2", "K3"]


def test_anker() -> None:
    assert context.anker("afspraak", "A1") == "afspraak-a1"
    assert context.anker("knelpunt", "K 1/b") == "knelpunt-k-1-b"
    assert context.anker("", "") == "sectie"


def test_trace_is_available_or_none(content: Content) -> None:
    trace = kinds.base_context(content)["trace"]
    assert trace is None or isinstance(trace, list)


def test_planning_a_voortgangsrapportage_draws_no_chart(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The charts are named when the document is planned and drawn when the build writes it
    (rendering the text needs only the names)."""
    from regiogen.documents.voortgang import Grafieken
    from regiogen.render import voortgang_svg

    drawn: list[str] = []

    def draw(name: str) -> object:
        def svg(spec: object) -> bytes:
            drawn.append(name)
            return b"<svg/>"

        return svg

    monkeypatch.setattr(voortgang_svg, "metingen_svg", draw("metingen"))
    monkeypatch.setattr(voortgang_svg, "tijdlijn_svg", draw("tijdlijn"))
    planned = kinds.documents_for("voortgangsrapportage", content, peildatum=date(2031, 1, 1))
    grafieken = planned[0].context["grafieken"]
    assert isinstance(grafieken, Grafieken) and drawn == []
    names = grafieken.namen()
    assert any(n.endswith("/tijdlijn.svg") for n in names)
    assert list(grafieken.teken()) == names and len(drawn) == len(names)
    assert drawn.count("tijdlijn") == 1
