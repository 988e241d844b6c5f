"""Real published plans (tests/fixtures/real) hold the review written in their SOURCE.md.

Each plan is a small project, encoded from public sources. The review in its SOURCE.md says
which of ``check``'s findings are true, which are false, and which weaknesses it missed; these
tests hold that review: the true findings are there at the right place, the false ones are
gone, the missed weaknesses are now found, and the counts do not drift unnoticed.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from regiogen.build.region import check_region
from regiogen.diagnostics import Diagnostic, Severity
from regiogen.documents.kinds import documents_for
from regiogen.model.project import content_kinds, load_project
from regiogen.render.markdown import render_template
from regiogen.rules import rules_by_id

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
PLANS = ("flevoland-regioplan-2023", "lekstroom-regioplan-2023", "pga-transformatieplan")


@cache
def checked(name: str) -> tuple[str, list[Diagnostic]]:
    project, found = load_project(REAL / name)
    assert project is not None and not found, found
    (region,) = project.regions
    result = check_region(project.root, project.config.content, region, project.config)
    assert result.content is not None, [d.format() for d in result.diagnostics]
    return region, result.diagnostics


def codes(name: str, severity: Severity | None = None) -> Counter[str]:
    _, found = checked(name)
    return Counter(d.code for d in found if severity is None or d.severity is severity)


def at(name: str, code: str) -> list[Diagnostic]:
    _, found = checked(name)
    return [d for d in found if d.code == code]


def _file(d: Diagnostic) -> str:
    return d.path.rsplit("/", 1)[-1] if d.line is not None else ""


# --- every plan -----------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANS)
def test_loads_without_schema_or_reference_errors(name: str) -> None:
    _, found = checked(name)
    assert all(d.code.startswith("iza.") for d in found), [d.format() for d in found]


@pytest.mark.parametrize("name", PLANS)
def test_only_findings_of_the_kinds_the_plan_produces(name: str) -> None:
    """A regioplan is no SPUK IZA aanvraag; a transformatieplan is no regioplan (all three
    reviews: the largest source of false findings)."""
    region, found = checked(name)
    project, _ = load_project(REAL / name)
    assert project is not None
    result = check_region(project.root, project.config.content, region, project.config, ())
    assert result.content is not None
    kinds = set(content_kinds(result.content))
    rules = rules_by_id()
    for d in found:
        assert kinds & set(rules[d.code].kinds), d.format()
    assert not [d for d in found if d.code.startswith("iza.aanvraag.")]


# --- Flevoland: opgaven from the regiobeeld as a whole, bouwstenen, no afspraken --------

FLEVOLAND = "flevoland-regioplan-2023"


def test_flevoland_counts() -> None:
    assert codes(FLEVOLAND) == Counter(
        {
            # true in substance: the bouwstenen have no partijen, trekker, resultaten,
            # voortgang or mijlpalen (NZa 8-2-2024; IZA 2022 §3.2)
            "iza.afspraak.partijen": 8,
            "iza.afspraak.trekker": 8,
            "iza.afspraak.resultaat": 8,
            "iza.afspraak.voortgang": 8,
            "iza.afspraak.mijlpalen": 8,
            "iza.afspraak.schaal": 6,
            # the plan grounds its opgaven in the regiobeeld as a whole: warnings, not errors
            "iza.knelpunt.opgepakt": 9,
            # newly found, missed before: no afspraak per opgave, no measurable ambitie, a
            # werkagenda that is only process and ends in 2024, monitoring only promised
            "iza.opgave.afspraak": 3,
            "iza.ambitie.meetbaar": 1,
            "iza.werkagenda.alleen-plan": 1,
            "iza.werkagenda.looptijd": 1,
            "iza.monitoring": 1,
            "iza.randvoorwaarde.concreet": 1,
            # acute care: the plan refers to the ROAZ plan only (B5 names the ROAZ itself: no
            # iza.roaz for it)
            "iza.roaz.knelpunt": 1,
            "iza.vaststelling": 1,
            "iza.betrokkenheid": 1,  # info: the formal decisions have no date yet
            # the regiobeeld the plan rests on was published separately and is not encoded
            # here (SOURCE.md): these say what a regiobeeld must hold (IZA 2022 §3.2), true of
            # the fixture, not a judgement of Flevoland's own regiobeeld
            "iza.regiobeeld.capaciteit": 1,
            "iza.regiobeeld.duiding": 1,
            "iza.regiobeeld.gemeentelijk-domein": 1,
            "iza.regiobeeld.knelpunt-data": 5,
            "iza.regiobeeld.prognose": 1,
        }
    )


def test_flevoland_false_findings_are_gone() -> None:
    """Review: opgave.knelpunt and opgave.prioritering were false as form (opgaven from the
    regiobeeld as a whole, prioritering plan-wide); the aanvraag rules do not apply."""
    found = codes(FLEVOLAND)
    for code in ("iza.opgave.knelpunt", "iza.opgave.prioritering", "iza.preventie"):
        assert code not in found


def test_flevoland_true_findings_at_their_place() -> None:
    assert {d.severity for d in at(FLEVOLAND, "iza.knelpunt.opgepakt")} == {Severity.WARNING}
    (acuut,) = at(FLEVOLAND, "iza.roaz.knelpunt")
    assert _file(acuut) == "regiobeeld.yaml" and "'Acute zorg'" in acuut.message
    assert not at(FLEVOLAND, "iza.roaz")  # B5 works "samen met het ROAZ" (p.65) already
    (ambitie,) = at(FLEVOLAND, "iza.ambitie.meetbaar")
    assert (
        _file(ambitie) == "plan.yaml" and "een meetbare streefwaarde en een jaar" in ambitie.message
    )
    (agenda,) = at(FLEVOLAND, "iza.werkagenda.alleen-plan")
    assert _file(agenda) == "plan.yaml" and "alle 7 mijlpalen" in agenda.message
    (monitoring,) = at(FLEVOLAND, "iza.monitoring")
    assert monitoring.severity is Severity.WARNING and "gereed: 2024" in monitoring.message
    assert {_file(d) for d in at(FLEVOLAND, "iza.opgave.afspraak")} == {"opgaven.yaml"}
    assert {d.severity for d in at(FLEVOLAND, "iza.opgave.afspraak")} == {Severity.ERROR}


# --- Lekstroom: thin source, opgaven without afspraken ---------------------------------

LEKSTROOM = "lekstroom-regioplan-2023"


def test_lekstroom_counts() -> None:
    assert codes(LEKSTROOM) == Counter(
        {
            # BRON: the public pages do not say; these are about the source, not the plan
            "iza.opgave.knelpunt": 5,
            "iza.opgave.prioritering": 5,
            "iza.regio.marktleider": 1,
            "iza.regio.mandaatgemeente": 1,
            "iza.randvoorwaarden": 1,
            "iza.monitoring": 1,
            "iza.vaststelling": 1,
            # true: acute care and the ROAZ
            "iza.roaz": 1,
            # missed before: opgaven without afspraken, a werkagenda that is an inventory
            "iza.opgave.afspraak": 5,
            "iza.werkagenda.alleen-plan": 1,
            "iza.werkagenda.looptijd": 1,
            "iza.ambitie.meetbaar": 1,
            "iza.betrokkenheid": 1,  # info: how and when inwoners were involved
            # the public pages hold no regiobeeld beyond the knelpunten (SOURCE.md): what a
            # regiobeeld must hold (IZA 2022 §3.2) is missing from the source
            "iza.regiobeeld.capaciteit": 1,
            "iza.regiobeeld.duiding": 1,
            "iza.regiobeeld.gemeentelijk-domein": 1,
            "iza.regiobeeld.prognose": 1,
        }
    )


def test_lekstroom_werkagenda_is_only_process() -> None:
    (agenda,) = at(LEKSTROOM, "iza.werkagenda.alleen-plan")
    assert "alle 4 mijlpalen" in agenda.message
    (looptijd,) = at(LEKSTROOM, "iza.werkagenda.looptijd")
    assert "van 2023 tot en met 2026" in looptijd.message
    assert {d.severity for d in at(LEKSTROOM, "iza.opgave.afspraak")} == {Severity.ERROR}


# --- Positief Gezond Almere: a region that only holds a transformatieplan --------------

PGA = "pga-transformatieplan"


def test_pga_only_transformatieplan_findings() -> None:
    assert codes(PGA) == Counter(
        {
            # true for the public document: no costs, no revenues, no mijlpalen, no impact
            # analysis, no route, no approval by the two marktleiders visible
            "iza.transformatie.incidenteel-structureel": 1,
            "iza.transformatie.baten": 1,
            "iza.transformatie.mijlpalen": 1,
            "iza.transformatie.impact": 1,
            "iza.transformatie.financiering": 1,
            "iza.transformatie.marktleiders": 1,
            # the impact goals for 2029 are a direction only ("meer", "minder")
            "iza.transformatie.smart": 5,
            # BRON: the approval was known by 11 December 2024, its date is not public
            "iza.transformatie.goedkeuring-2026": 1,
        }
    )


def test_pga_rightly_not_reported() -> None:
    """Review: partijen (gemeente and care parties) and aansluiting (explained) are fine; a
    single gemeente needs no proof of a penvoerder's authority."""
    found = codes(PGA)
    for code in (
        "iza.transformatie.partijen",
        "iza.transformatie.aansluiting",
        "iza.transformatie.penvoerder",
        "iza.opgaven.aantal",
        "iza.regio.marktleider",
    ):
        assert code not in found
    assert all("streefwaarde" in d.message for d in at(PGA, "iza.transformatie.smart"))


# --- what the documents say -------------------------------------------------------------


def _render(name: str, kind: str) -> list[str]:
    region, found = checked(name)
    project, _ = load_project(REAL / name)
    assert project is not None
    result = check_region(project.root, project.config.content, region, project.config, ())
    assert result.content is not None
    texts = []
    for doc in documents_for(kind, result.content, findings=found, region_path=f"content/{region}"):
        rendered = render_template(doc.template, doc.context, project_templates=None)
        assert rendered.text is not None, rendered.diagnostics
        texts.append(rendered.text)
    return texts


def test_flevoland_regioplan_says_only_what_the_data_says() -> None:
    (text,) = _render(FLEVOLAND, "regioplan")
    assert "bestaat uit de gemeenten Almere, Dronten" in text
    assert "ligt in twee zorgkantoorregio's: 't Gooi (Almere) en Flevoland (Dronten" in text
    assert "De afspraken zijn vertaald in een werkagenda" not in text  # no mijlpalen
    assert "De zorgkantoorregio Flevoland bestaat uit" not in text
    assert "prioriteit" not in text.split("# Regio-opgaven", 1)[1].split("# Regio-afspraken")[0]
    assert "nog niet ingevuld" not in text
    assert "{#open-punten}" in text and "{#fundamenten}" in text and "{#ambitie}" in text
    assert "Regionaal Transferpunt Almere" in text  # an initiatief under B5


def test_toetsing_groups_as_a_reviewer_reads() -> None:
    (flevoland,) = _render(FLEVOLAND, "toetsing")
    assert "| De drie punten van de NZa | 0 | 0 | 3 |" in flevoland
    assert "{#toetsing-spuk}" not in flevoland and "{#toetsing-transformatieplan}" not in flevoland
    (pga,) = _render(PGA, "toetsing")
    assert "{#toetsing-transformatieplan}" in pga and "{#toetsing-nza}" not in pga
    assert "Gezonde levensjaren" in pga
