"""The small things of issue 15: messages, help texts, watch filter, --clean, init."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MARKDOWN_BUILD, TWO_REGIONS, TWO_REGIONS_ARGS, Built

from regiogen.build.watch import is_editor_temp, source_filter
from regiogen.cli.main import cli
from regiogen.source.yaml_compose import load_yaml_text


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_missing_field_names_the_record(project: Path) -> None:
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    text = afspraken.read_text("utf-8")
    text = text.replace("    titel: Mentale gezondheid in de wijk\n", "", 1)
    text = text.replace("{wat: Alle zes steunpunten open, ", "{", 1)
    afspraken.write_text(text, "utf-8")
    code, out = run("check", str(project))
    assert code == 1
    assert "verplicht veld 'titel' ontbreekt in afspraak A1" in out
    assert "verplicht veld 'wat' ontbreekt in mijlpaal 2 van afspraak A1" in out
    assert "in 'afspraken'" not in out


def test_indentation_error_is_plain_dutch() -> None:
    _, _, found = load_yaml_text("afspraken:\n  - id: A1\n    titel: x\n   opgave: O1\n", "a.yaml")
    (diagnostic,) = found
    assert "inspringing klopt niet" in diagnostic.message
    assert "verwachtte een '-'" not in diagnostic.message
    assert (diagnostic.line, diagnostic.col) == (4, 4)


def test_click_path_messages_are_dutch(tmp_path: Path) -> None:
    code, out = run("render", str(tmp_path / "weg.md"), "-o", str(tmp_path / "x.docx"))
    assert code == 2
    assert "Bestand '" in out and "bestaat niet" in out
    assert "File" not in out


def test_rules_format_has_help() -> None:
    code, out = run("rules", "--help")
    assert code == 0
    assert "json (voor" in " ".join(out.split())


@pytest.mark.parametrize(
    "name",
    ["regio.yaml~", ".regio.yaml.swp", ".regio.yaml.swx", "regio.yaml.tmp", "4913", ".#regio.yaml",
     "#regio.yaml#", "~$regioplan.docx"],
)  # fmt: skip
def test_watch_ignores_editor_temp_files(tmp_path: Path, name: str) -> None:
    root = tmp_path.resolve()
    is_source = source_filter(root)
    assert is_editor_temp(name)
    assert not is_source(root / "content" / "lindeland" / name)
    assert is_source(root / "content" / "lindeland" / "regio.yaml")


def test_up_to_date_count_is_grammatical(example_built: Built) -> None:
    project = example_built(*MARKDOWN_BUILD)
    _, out = run("build", str(project), "--to", "md", "-j", "1")
    assert "1 onderdeel al actueel" in out and "onderdeel/onderdelen" not in out


def test_clean_removes_empty_folders(example_built: Built) -> None:
    project = example_built(*TWO_REGIONS_ARGS, regions=TWO_REGIONS)
    extra = project / "content" / "tweede"
    assert (project / "build" / "tweede").is_dir()
    shutil.rmtree(extra)
    code, out = run("build", str(project), "--to", "md", "-j", "1", "--clean")
    assert code == 0, out
    assert not (project / "build" / "tweede").exists()
    assert (project / "build" / "lindeland").is_dir()


def test_init_dot_names_a_complete_next_step(tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out = run("init", ".")
    finally:
        os.chdir(here)
    assert code == 0
    assert out.rstrip().endswith("Volgende stap: regiogen check")
    code, out = run("init", str(tmp_path / "nieuw project"))
    assert f"Volgende stap: cd '{tmp_path / 'nieuw project'}' && regiogen check" in out


def test_shell_completion_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert "_REGIOGEN_COMPLETE=bash_source regiogen" in readme
