"""The rule registry's public API: run_rules with kinds and settings, the table, positions."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from regiogen.diagnostics import Severity
from regiogen.model.content import Content
from regiogen.model.project import RegelInstelling
from regiogen.model.validate import validate_content
from regiogen.rules import (
    KINDS,
    RULES,
    Finding,
    RuleContext,
    rule_suggestion,
    rule_table,
    run_rules,
    unknown_rule_settings,
)
from regiogen.source.load import SourceMap, load_region

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "rules"
REQUIRED_IDS = {
    "iza.opgave.knelpunt",
    "iza.knelpunt.opgepakt",
    "iza.opgave.prioritering",
    "iza.opgaven.aantal",
    "iza.preventie",
    "iza.afspraak.partijen",
    "iza.afspraak.oplossing",
    "iza.afspraak.schaal",
    "iza.afspraak.resultaat",
    "iza.afspraak.resultaat-meetbaar",
    "iza.afspraak.voortgang",
    "iza.afspraak.trekker",
    "iza.afspraak.trekker-partij",
    "iza.afspraak.mijlpalen",
    "iza.regio.marktleider",
    "iza.regio.mandaatgemeente",
    "iza.randvoorwaarden",
    "iza.vaststelling",
    "iza.roaz",
    "iza.aanvraag.onderdelen",
    "iza.aanvraag.jaren",
    "iza.aanvraag.toelichting",
    "iza.aanvraag.indiener",
    "iza.aanvraag.termijn",
    "iza.begroting.totalen",
    "iza.begroting.toegekend",
    "iza.begroting.onbesteed",
    "iza.begroting.periode",
    "iza.begroting.post-soort",
    "iza.begroting.post-aard",
    "iza.begroting.negatief",
    "iza.transformatie.partijen",
    "iza.transformatie.uitzondering-route",
    "iza.transformatie.dekking-2027",
    "iza.transformatie.goedkeuring-2026",
    "iza.transformatie.incidenteel-structureel",
    "iza.transformatie.uitzondering-gegevens",
    "iza.transformatie.aansluiting",
}


#: The public sources a user can look up (no internal numbering).
PUBLIC_SOURCE = re.compile(
    r"IZA 2022 §3\.2|NZa 8-2-2024|Regeling SPUK IZA-doelen \(Stcrt\. 2023, 19964\)|"
    r"Regeling SPUK transformatiemiddelen \(Stcrt\. 2024, 17398\)|Beoordelingskader|"
    r"Addendum transformatiemiddelen|handreiking §1\.\d|Regeling SPUK GALA \(Stcrt\. 2023, 4245\)"
)


@cache
def region(name: str) -> tuple[Content, SourceMap, str]:
    folder = ROOT / "content" / name if name == "lindeland" else FIXTURES / name
    loaded = load_region(folder, ROOT)
    fallback = folder.relative_to(ROOT).as_posix()
    content, found = validate_content(loaded.data, loaded.source_map, fallback)
    assert content is not None and not found and not loaded.diagnostics
    return content, loaded.source_map, fallback


def test_catalogue_has_the_agreed_ids() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_IDS


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata(rule: object) -> None:
    from regiogen.rules import Rule

    assert isinstance(rule, Rule)
    assert re.fullmatch(r"iza(\.[a-z0-9-]+)+", rule.id)
    assert rule.title and rule.title[0].isupper()
    assert PUBLIC_SOURCE.search(rule.reference), rule.reference
    assert not re.search(r"DOMAIN|\b[HA] \d", rule.reference), rule.reference
    assert rule.kinds and set(rule.kinds) <= set(KINDS)
    assert rule.check.__doc__, f"{rule.id} has no docstring"


def test_rule_table_rows() -> None:
    table = rule_table()
    assert [row["id"] for row in table] == [rule.id for rule in RULES]
    row = next(r for r in table if r["id"] == "iza.afspraak.trekker")
    assert row == {
        "id": "iza.afspraak.trekker",
        "severity": "error",
        "title": "Elke afspraak heeft een trekker",
        "reference": "NZa 8-2-2024; handreiking §1.2",
        "kinds": "regioplan, werkagenda",
    }


def test_bare_region_matches_expected_output() -> None:
    """A region with only the basics: every finding, positioned at record or folder."""
    content, source_map, fallback = region("kaal")
    found = run_rules(content, source_map, fallback)
    expected = (FIXTURES / "kaal" / "verwacht.txt").read_text(encoding="utf-8")
    assert "\n".join(d.format() for d in found) == expected.rstrip("\n")


def test_kinds_select_rules() -> None:
    content, source_map, fallback = region("kaal")
    found = run_rules(content, source_map, fallback, kinds=["spuk-iza-bijlage"])
    assert {d.code for d in found} == {
        "iza.aanvraag.onderdelen",
        "iza.aanvraag.toelichting",
        "iza.aanvraag.indiener",
        "iza.aanvraag.datums",
    }
    werkagenda = run_rules(content, source_map, fallback, kinds=["werkagenda"])
    assert "iza.afspraak.oplossing" not in {d.code for d in werkagenda}
    assert "iza.afspraak.trekker" in {d.code for d in werkagenda}
    assert run_rules(content, source_map, fallback, kinds=[]) == []


def test_rule_switched_off_reports_the_reason_once() -> None:
    content, source_map, fallback = region("kaal")
    settings = {
        "iza.afspraak.trekker": RegelInstelling(uit=True, reden="trekkers volgen in maart"),
    }
    found = run_rules(content, source_map, fallback, settings=settings)
    trekker = [d for d in found if d.code == "iza.afspraak.trekker"]
    assert len(trekker) == 1
    assert trekker[0].severity is Severity.INFO
    assert trekker[0].message == "regel iza.afspraak.trekker staat uit: trekkers volgen in maart"
    assert trekker[0].path == fallback and trekker[0].line is None
    elsewhere = run_rules(
        content, source_map, fallback, settings=settings, settings_path="regiogen.yaml"
    )
    assert [d.path for d in elsewhere if d.code == "iza.afspraak.trekker"] == ["regiogen.yaml"]


def test_rule_off_for_another_kind_says_nothing() -> None:
    content, source_map, fallback = region("kaal")
    settings = {"iza.afspraak.trekker": RegelInstelling(uit=True, reden="later")}
    found = run_rules(content, source_map, fallback, kinds=["spuk-iza-bijlage"], settings=settings)
    assert "iza.afspraak.trekker" not in {d.code for d in found}


def test_severity_changed_with_reason() -> None:
    content, source_map, fallback = region("kaal")
    settings = {
        "iza.randvoorwaarden": RegelInstelling(ernst="warning", reden="landelijk nog open"),
        "iza.preventie": RegelInstelling(ernst="error", reden="GALA-afspraak"),
    }
    found = run_rules(content, source_map, fallback, settings=settings)
    rand = [d for d in found if d.code == "iza.randvoorwaarden"]
    assert [d.severity for d in rand] == [Severity.WARNING]
    assert rand[0].message.endswith(" (ernst aangepast: landelijk nog open)")
    prev = [d for d in found if d.code == "iza.preventie"]
    assert [d.severity for d in prev] == [Severity.ERROR]


def test_unknown_rule_settings_and_suggestion() -> None:
    settings = {
        "iza.afspraak.trekker": RegelInstelling(uit=True, reden="x"),
        "iza.afspraak.trekkr": RegelInstelling(uit=True, reden="x"),
        "iza.bestaat.niet": RegelInstelling(uit=True, reden="x"),
    }
    assert unknown_rule_settings(settings) == ["iza.afspraak.trekkr", "iza.bestaat.niet"]
    assert rule_suggestion("iza.afspraak.trekkr") == "iza.afspraak.trekker"
    assert rule_suggestion("heel iets anders") is None


def test_unknown_setting_is_ignored_by_run_rules() -> None:
    content, source_map, fallback = region("lindeland")
    settings = {"iza.bestaat.niet": RegelInstelling(uit=True, reden="x")}
    assert run_rules(content, source_map, fallback, settings=settings) == run_rules(
        content, source_map, fallback
    )


def test_finding_positions() -> None:
    """Value, key, nearest ancestor, and the folder when only the root is left."""
    content, source_map, fallback = region("lindeland")
    ctx = RuleContext(content, source_map, fallback)
    trekker = ("afspraken", 0, "trekker")
    assert ctx.diagnostic("x", Severity.ERROR, "m", trekker).line == 7
    value = ctx.diagnostic("x", Severity.ERROR, "m", trekker)
    key = ctx.diagnostic("x", Severity.ERROR, "m", trekker, at_key=True)
    assert (value.line, value.col, key.col) == (7, 14, 5)
    absent = ctx.diagnostic("x", Severity.ERROR, "m", ("afspraken", 0, "geen-veld"))
    assert (absent.path, absent.line, absent.col) == ("content/lindeland/afspraken.yaml", 3, 5)
    nowhere = ctx.diagnostic("x", Severity.ERROR, "m", ("bestaat-niet",))
    assert (nowhere.path, nowhere.line) == (fallback, None)
    assert Finding(("regio",), "m").severity is None


def test_rules_do_not_read_the_clock() -> None:
    """Time-relative checks use ``today`` or the plan's date, never the wall clock."""
    package = ROOT / "regiogen" / "rules"
    for path in [*package.glob("*.py"), ROOT / "regiogen" / "documents" / "trace.py"]:
        text = path.read_text(encoding="utf-8")
        for clock in ("date.today(", "datetime.now(", "time.time("):
            assert clock not in text, f"{path.name} uses {clock}"
