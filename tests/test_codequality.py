"""check --format codequality (GitLab) and repository-relative paths in SARIF and Code Quality."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from regiogen.cli.codequality import repository_prefix, to_codequality
from regiogen.cli.main import cli
from regiogen.diagnostics import error, info, warning

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "gitlab-codequality.schema.json").read_text("utf-8")
)


def _break(project: Path) -> None:
    regio = project / "content" / "lindeland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8").replace("status:", "statsu:"), "utf-8")


def _check(project: Path, fmt: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(project), "--format", fmt])
    return result.exit_code, result.output


def test_codequality_output_validates_against_gitlabs_format(project: Path) -> None:
    _break(project)
    code, out = _check(project, "codequality")
    assert code == 1
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    unknown = [i for i in report if i["check_name"] == "schema.unknown-key"]
    assert unknown and unknown[0]["severity"] == "major"
    assert unknown[0]["location"]["path"] == "content/lindeland/regio.yaml"
    assert unknown[0]["location"]["lines"]["begin"] > 1


def test_severities_and_stable_fingerprints() -> None:
    found = [
        error("schema.missing", "a", "c/r.yaml", 2, 1),
        warning("iza.roaz", "b", "c/r.yaml", 3),
        info("iza.roaz", "b", "c/r.yaml", 9),
        error("build.tool-missing", "geen PDF", ""),
    ]
    report = json.loads(to_codequality(found))
    jsonschema.validate(report, SCHEMA)
    assert [i["severity"] for i in report] == ["major", "minor", "info", "major"]
    assert report[1]["fingerprint"] != report[2]["fingerprint"]  # same text twice: still unique
    moved = json.loads(to_codequality([error("schema.missing", "a", "c/r.yaml", 20, 1)]))
    assert moved[0]["fingerprint"] == report[0]["fingerprint"]  # a line moved: same finding
    assert report[3]["location"] == {"path": "regiogen.yaml", "lines": {"begin": 1}}


def test_empty_report_is_an_empty_list(project: Path) -> None:
    assert json.loads(to_codequality([])) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git ontbreekt")
def test_paths_are_relative_to_the_repository_root(project: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    sub = repo / "plannen" / "lindeland"
    shutil.copytree(project, sub)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _break(sub)
    assert repository_prefix(sub) == "plannen/lindeland"
    _, out = _check(sub, "codequality")
    paths = {i["location"]["path"] for i in json.loads(out)}
    assert "plannen/lindeland/content/lindeland/regio.yaml" in paths
    _, out = _check(sub, "sarif")
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(out)["runs"][0]["results"]
        for loc in result.get("locations", [])
    }
    assert "plannen/lindeland/content/lindeland/regio.yaml" in uris


def test_without_git_the_project_is_the_root(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    assert repository_prefix(project) == ""


DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_github_example_installs_from_a_source_and_never_blocks_on_sarif() -> None:
    import yaml

    workflow = yaml.safe_load((DOCS / "ci-voorbeeld.yml").read_text("utf-8"))
    source = workflow["env"]["REGIOGEN_BRON"]
    assert source.startswith("git+https://") or source.endswith(".whl")
    steps = workflow["jobs"]["regiogen"]["steps"]
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"$REGIOGEN_BRON"' in install["run"]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["continue-on-error"] is True
    sarif = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert sarif["continue-on-error"] is True


def test_gitlab_example_reports_code_quality() -> None:
    import yaml

    pipeline = yaml.safe_load((DOCS / "gitlab-ci-voorbeeld.yml").read_text("utf-8"))
    job = pipeline["regiogen"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format codequality > gl-code-quality-report.json" in s for s in job["script"])
    assert "pip install regiogen" not in " ".join(job["before_script"])
