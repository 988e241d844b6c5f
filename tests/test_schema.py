"""JSON Schemas for editors: the example content passes, wrong values fail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from regiogen.build.schema import (
    CONFIG_SCHEMA_NAME,
    CONTENT_SCHEMA_NAME,
    config_schema,
    content_schema,
    schema_bytes,
    write_schemas,
)
from regiogen.source.load import load_region, read_yaml_file

REPO = Path(__file__).resolve().parent.parent
REGION = REPO / "content" / "lindeland"


def _validator(schema: dict[str, Any]) -> Any:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _editor_view(value: Any) -> Any:
    """The YAML as an editor sees it: typed scalars (numbers, booleans), dates as text."""
    if isinstance(value, dict):
        return {str(k): _editor_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_editor_view(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _merged_typed() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(REGION.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return _editor_view(merged)


def test_example_content_is_valid_as_regiogen_reads_it() -> None:
    loaded = load_region(REGION, REPO)
    errors = list(_validator(content_schema()).iter_errors(loaded.data))
    assert errors == []


def test_example_content_is_valid_as_an_editor_reads_it() -> None:
    errors = list(_validator(content_schema()).iter_errors(_merged_typed()))
    assert [e.message for e in errors] == []


def test_every_file_alone_is_valid() -> None:
    validator = _validator(content_schema())
    for path in sorted(REGION.glob("*.yaml")):
        data = _editor_view(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert list(validator.iter_errors(data)) == [], path.name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["regio"].__setitem__("status", "klaar"), "'klaar' is not one of"),
        (lambda d: d["regio"].__setitem__("statuss", "concept"), "statuss"),
        (lambda d: d["begroting"]["posten"][0].__setitem__("soort", "overig"), "'overig'"),
        (lambda d: d["begroting"]["toegekend"].__setitem__("volgend jaar", "1"), "volgend jaar"),
        (lambda d: d["regio"]["gemeenten"][0].__setitem__("code", "GM12"), "GM12"),
    ],
)
def test_wrong_values_fail(change: Any, message: str) -> None:
    data = _merged_typed()
    change(data)
    errors = [e.message for e in _validator(content_schema()).iter_errors(data)]
    assert errors and any(message in e for e in errors), errors


def test_descriptions_are_dutch_and_everywhere() -> None:
    schema = content_schema()
    assert schema["$defs"]["Post"]["description"] == "Een regel (post) van de begroting"
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description") or prop.get("$ref"), f"{name}.{field}"


def test_config_schema_validates_the_scaffold_config(tmp_path: Path) -> None:
    from regiogen.cli.scaffold import scaffold

    scaffold(tmp_path)
    data, _, diagnostics = read_yaml_file(tmp_path / "regiogen.yaml", "regiogen.yaml")
    assert diagnostics == []
    validator = _validator(config_schema())
    assert list(validator.iter_errors(data)) == []
    assert list(validator.iter_errors({"formaten": ["md", "doc"]}))
    assert list(validator.iter_errors({"documenten": {"regioplannen": "alle"}}))
    assert list(validator.iter_errors({"regels": {"iza.bestaat.niet": {"reden": "x"}}}))


def test_json_is_deterministic_and_written(tmp_path: Path) -> None:
    assert schema_bytes(content_schema()) == schema_bytes(content_schema())
    paths = write_schemas(tmp_path)
    assert [p.name for p in paths] == [CONTENT_SCHEMA_NAME, CONFIG_SCHEMA_NAME]
    text = paths[0].read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert json.loads(text) == json.loads(schema_bytes(content_schema()))
    keys = list(json.loads(text))
    assert keys == sorted(keys)


def test_example_points_at_the_written_schema() -> None:
    first = (REGION / "regio.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../build/{CONTENT_SCHEMA_NAME}"


def test_cli_schema_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regiogen.cli.main import cli

    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(cli, ["schema", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / CONTENT_SCHEMA_NAME).is_file()
    assert (tmp_path / "build" / CONFIG_SCHEMA_NAME).is_file()
    result = CliRunner().invoke(cli, ["schema", "-o", "-", "--config"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"].startswith("regiogen: projectinstellingen")
