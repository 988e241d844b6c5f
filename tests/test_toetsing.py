"""The toetsing: every rule under one criterion, judged voldoet / deels / niet, per kind."""

from __future__ import annotations

from collections import Counter

from regiogen.build.schema import config_schema
from regiogen.diagnostics import Diagnostic, Severity
from regiogen.documents.toetsing import DEELS, GROEPEN, NIET, VOLDOET, judge, open_punten, waar


def test_every_rule_belongs_to_exactly_one_criterion() -> None:
    from regiogen.documents.toetsing import unassigned_rules

    assert unassigned_rules() == []
    named = Counter(r for g in GROEPEN for c in g.criteria for r in c.regels)
    assert [r for r, n in named.items() if n > 1] == []


def _d(code: str, severity: Severity, line: int | None = 3) -> Diagnostic:
    path = "content/x/regio.yaml" if line else "content/x"
    return Diagnostic(path, line, 1 if line else None, severity, code, f"melding {code}")


def test_judgement_per_criterion() -> None:
    findings = [
        _d("iza.afspraak.resultaat-meetbaar", Severity.ERROR),
        _d("iza.werkagenda.looptijd", Severity.WARNING),
        _d("iza.roaz", Severity.INFO),
        _d("iza.monitoring", Severity.ERROR, None),
    ]
    groepen = {g.groep.id: g for g in judge(findings, ["regioplan", "werkagenda"], "content/x")}
    assert list(groepen) == ["nza", "regioplan"]  # no SPUK, no transformatieplan
    nza = {o.criterium.titel: o for o in groepen["nza"].oordelen}
    assert nza["Doelen zijn specifiek, meetbaar en tijdgebonden"].oordeel == NIET
    assert nza["Taken en verantwoordelijkheden zijn toegewezen"].oordeel == VOLDOET
    werk = nza["Een werkagenda met mijlpalen voor de komende maanden en jaren"]
    assert werk.oordeel == DEELS
    assert werk.bevindingen[0].waar == "regio.yaml, regel 3"
    plan = {o.criterium.titel: o for o in groepen["regioplan"].oordelen}
    assert plan["Afstemming met het ROAZ over de acute zorg"].oordeel == VOLDOET  # info only
    monitoring = plan["Monitoring: hoe vaak, door wie, aan wie"]
    assert monitoring.oordeel == NIET
    assert monitoring.bevindingen[0].waar == "het plan als geheel"
    assert groepen["nza"].telling() == {VOLDOET: 1, DEELS: 1, NIET: 1}


def test_only_the_kinds_the_region_produces() -> None:
    groepen = judge([], ["transformatieplan"], "content/x")
    assert [g.groep.id for g in groepen] == ["transformatieplan"]


def test_open_punten_are_the_kinds_errors_and_warnings() -> None:
    findings = [
        _d("iza.afspraak.trekker", Severity.ERROR),
        _d("iza.aanvraag.datums", Severity.WARNING),
        _d("iza.roaz", Severity.INFO),
    ]
    assert [b.regel for b in open_punten(findings, "regioplan", "content/x")] == [
        "iza.afspraak.trekker"
    ]
    assert [b.regel for b in open_punten(findings, "spuk-iza-bijlage", "content/x")] == [
        "iza.aanvraag.datums"
    ]


def test_where_outside_the_region() -> None:
    d = Diagnostic("regiogen.yaml", 4, 3, Severity.INFO, "iza.roaz", "uit")
    assert waar(d, "content/x") == "regiogen.yaml, regel 4"


def test_toetsing_is_a_kind_in_the_config_schema() -> None:
    documenten = config_schema()["properties"]["documenten"]["anyOf"]
    enums = [
        o.get("items", {}).get("enum") or o.get("propertyNames", {}).get("enum") for o in documenten
    ]
    assert any(e and "toetsing" in e for e in enums)
