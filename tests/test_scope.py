"""Which documents a region produces follows from its content, and the rules follow the
documents: a region with only a transformatieplan draws only transformatieplan findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from regiogen.cli.main import cli
from regiogen.model.project import content_kinds, rule_kinds
from regiogen.model.validate import validate_content
from regiogen.rules import rules_by_id
from regiogen.source.load import load_yaml_text

ALLEEN_PLAN = """
regio:
  naam: Alleen een transformatieplan
  gemeenten: [{naam: Aa, code: GM9001}]
partijen:
  - {id: gem-aa, naam: Gemeente Aa, soort: gemeente, gemeente: GM9001}
  - {id: zh, naam: Ziekenhuis, soort: ziekenhuis}
transformatieplannen:
  - id: T1
    titel: Thuismonitoring
    partijen: [{partij: gem-aa}, {partij: zh}]
    kosten:
      - {omschrijving: Apparatuur, aard: incidenteel, domein: zorg}
"""


def _content(text: str):  # type: ignore[no-untyped-def]
    data, source_map, _ = load_yaml_text(text, "regio.yaml")
    content, found = validate_content(data, source_map, "x")
    assert content is not None and not found
    return content


def test_kinds_follow_the_content() -> None:
    content = _content(ALLEEN_PLAN)
    assert content_kinds(content) == ("transformatieplan", "toetsing")
    voortgang = ("voortgangsrapportage", "verantwoording")  # judge only at a peildatum
    assert rule_kinds(None, content) == ("transformatieplan", *voortgang)
    assert rule_kinds(["toetsing"], content) == ("transformatieplan", *voortgang)
    assert rule_kinds(["regioplan"], content) == ("regioplan",)
    bare = _content("regio: {naam: Nieuw}\n")
    assert content_kinds(bare) == ("regioplan", "werkagenda", "regiobeeld", "toetsing")
    # Opgaven and knelpunten that only show how the plan connects make no regioplan.
    linked = _content(
        ALLEEN_PLAN
        + "opgaven: [{id: O1, titel: Thuis, knelpunten: [K1]}]\n"
        + "regiobeeld: {knelpunten: [{id: K1, titel: Druk op de SEH}]}\n"
    )
    assert content_kinds(linked) == ("transformatieplan", "toetsing")


def _project(tmp_path: Path, config: str | None = None) -> Path:
    region = tmp_path / "content" / "plan"
    region.mkdir(parents=True)
    (region / "regio.yaml").write_text(ALLEEN_PLAN, "utf-8")
    if config is not None:
        (tmp_path / "regiogen.yaml").write_text(config, "utf-8")
    return tmp_path


def test_only_transformatieplan_findings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(project), "--format", "json"])
    import json

    codes = {d["code"] for d in json.loads(result.output)["diagnostics"]}
    rules = rules_by_id()
    assert codes, result.output
    assert all(rules[c].kinds == ("transformatieplan",) for c in codes), codes
    assert "iza.transformatie.kosten-bedragen" in codes  # the cost line without amounts


def test_list_and_build_make_only_what_the_content_asks(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = CliRunner().invoke(cli, ["list", str(project)]).output
    assert "plan: transformatieplan" in out and "plan: toetsing" in out
    assert "plan: regioplan" not in out and "plan: spuk-iza-bijlage" not in out
    CliRunner().invoke(cli, ["build", str(project), "--to", "md", "-j", "1"])
    made = sorted(p.name for p in (project / "build" / "plan").iterdir())
    assert made == ["toetsing.md", "transformatieplan-T1.md"]


@pytest.mark.parametrize("config", ["documenten: [regioplan, toetsing]\n"])
def test_regiogen_yaml_says_otherwise(tmp_path: Path, config: str) -> None:
    project = _project(tmp_path, config)
    out = CliRunner().invoke(cli, ["list", str(project)]).output
    assert "plan: regioplan" in out and "plan: transformatieplan" not in out
