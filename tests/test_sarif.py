"""SARIF 2.1.0 output: structure, levels, locations, rules for every code, determinism."""

from __future__ import annotations

import json
from typing import Any

from regiogen.cli.sarif import to_sarif
from regiogen.diagnostics import CODES, Diagnostic, Severity, error, info, warning
from regiogen.rules import rule_table

DIAGNOSTICS = [
    error(
        "iza.afspraak.trekker", "afspraak A1: 'trekker' ontbreekt", "content/x/afspraken.yaml", 2, 5
    ),
    warning("iza.preventie", "geen preventie", "content/x/opgaven.yaml", 1),
    info("iza.roaz", "coördinatie raakt de acute zorg", "content/x/opgaven.yaml", 14, 5),
    error("schema.unknown-key", "onbekende sleutel 'trekkr'", "content/mijn regio/a b.yaml", 3, 7),
    error("iza.randvoorwaarden", "geen randvoorwaarden", "content/x"),
    Diagnostic("", None, None, Severity.ERROR, "config.invalid", "ongeldig"),
]


def sarif(diagnostics: list[Diagnostic] = DIAGNOSTICS) -> dict[str, Any]:
    text = to_sarif(diagnostics, rule_table(), "0.1.0")
    data: dict[str, Any] = json.loads(text)
    return data


def test_log_structure() -> None:
    log = sarif()
    assert log["version"] == "2.1.0"
    assert log["$schema"].startswith("https://")
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "regiogen"
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver
    for rule in driver["rules"]:
        assert set(rule) <= {"id", "shortDescription", "defaultConfiguration", "properties"}
        assert rule["shortDescription"]["text"]


def test_rules_cover_every_code_once_sorted() -> None:
    driver = sarif()["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted({d.code for d in DIAGNOSTICS})
    by_id = {r["id"]: r for r in driver["rules"]}
    trekker = by_id["iza.afspraak.trekker"]
    assert trekker["shortDescription"]["text"] == "Elke afspraak heeft een trekker"
    assert trekker["defaultConfiguration"] == {"level": "error"}
    assert trekker["properties"] == {
        "reference": "NZa 8-2-2024; handreiking §1.2",
        "kinds": "regioplan, werkagenda",
    }
    assert by_id["iza.roaz"]["defaultConfiguration"] == {"level": "note"}
    assert by_id["schema.unknown-key"]["shortDescription"]["text"] == CODES["schema.unknown-key"]


def test_results() -> None:
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(DIAGNOSTICS)
    for result, diagnostic in zip(results, DIAGNOSTICS, strict=True):
        assert result["ruleId"] == diagnostic.code
        assert rules[result["ruleIndex"]]["id"] == diagnostic.code
        assert result["message"] == {"text": diagnostic.message}
    assert [r["level"] for r in results] == ["error", "warning", "note", "error", "error", "error"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first == {
        "artifactLocation": {"uri": "content/x/afspraken.yaml"},
        "region": {"startLine": 2, "startColumn": 5},
    }
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    spaced = results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert spaced == "content/mijn%20regio/a%20b.yaml"
    folder = results[4]["locations"][0]["physicalLocation"]
    assert folder == {"artifactLocation": {"uri": "content/x"}}
    assert "locations" not in results[5]


def test_deterministic_and_sorted_keys() -> None:
    text = to_sarif(DIAGNOSTICS, rule_table(), "0.1.0")
    assert text == to_sarif(list(DIAGNOSTICS), rule_table(), "0.1.0")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "coördinatie" in text


def test_empty() -> None:
    run = sarif([])["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []


def _check_required(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 schema's required properties and enums for what regiogen writes."""
    assert isinstance(log["version"], str) and isinstance(log["runs"], list)
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str)
        for rule in driver.get("rules", []):
            assert isinstance(rule["id"], str)
            if "defaultConfiguration" in rule:
                assert rule["defaultConfiguration"]["level"] in LEVELS
        assert run.get("columnKind", "unicodeCodePoints") in {"utf16CodeUnits", "unicodeCodePoints"}
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str)
            assert result["level"] in LEVELS
            assert isinstance(result["ruleIndex"], int) and result["ruleIndex"] >= 0
            for location in result.get("locations", []):
                physical = location["physicalLocation"]
                assert isinstance(physical["artifactLocation"]["uri"], str)
                region = physical.get("region", {})
                assert all(isinstance(v, int) and v >= 1 for v in region.values())


LEVELS = {"none", "note", "warning", "error"}


def test_required_properties() -> None:
    _check_required(sarif())
    _check_required(sarif([]))
