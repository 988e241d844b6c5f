"""JSON Schemas for editors: the example content passes, wrong values fail."""

from __future__ import annotations

import copy
import datetime as dt
import functools
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
    handreiking_schema,
    schema_bytes,
    write_schemas,
)
from regiogen.build.schema import HANDREIKING_SCHEMA_NAME as HANDREIKING_NAME
from regiogen.source.load import load_region, read_yaml_file

REPO = Path(__file__).resolve().parent.parent
REGION = REPO / "content" / "lindeland"


#: Validators by the JSON of their schema: checking a schema against the meta-schema takes
#: most of a second, so each schema is checked once per test process.
_VALIDATORS: dict[str, Any] = {}


def _validator(schema: dict[str, Any]) -> Any:
    key = json.dumps(schema, sort_keys=True, default=str)
    if key not in _VALIDATORS:
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[key]


def _editor_view(value: Any) -> Any:
    """The YAML as an editor sees it: typed scalars (numbers, booleans), dates as text."""
    if isinstance(value, dict):
        return {str(k): _editor_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_editor_view(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.cache
def _merged_once() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(REGION.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return _editor_view(merged)


def _merged_typed() -> dict[str, Any]:
    """All example files as one mapping, as an editor reads them (a fresh copy to change)."""
    return copy.deepcopy(_merged_once())


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
    assert [p.name for p in paths] == [CONTENT_SCHEMA_NAME, CONFIG_SCHEMA_NAME, HANDREIKING_NAME]
    assert all(p.parent == tmp_path / "schemas" for p in paths)
    text = paths[0].read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert json.loads(text) == json.loads(schema_bytes(content_schema()))
    keys = list(json.loads(text))
    assert keys == sorted(keys)


def test_every_example_file_points_at_its_schema_on_its_first_line() -> None:
    """yaml-language-server reads the modeline only among the comments before the content."""
    for path in sorted(REGION.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{CONTENT_SCHEMA_NAME}"
    index = (REPO / "content" / "handreiking" / "_index.yaml").read_text(encoding="utf-8")
    assert index.splitlines()[0] == (
        f"# yaml-language-server: $schema=../../schemas/{HANDREIKING_NAME}"
    )


def test_committed_schemas_are_current() -> None:
    """schemas/ in the repository is what 'regiogen schema' writes (a fresh clone has them)."""
    for name, schema in (
        (CONTENT_SCHEMA_NAME, content_schema()),
        (CONFIG_SCHEMA_NAME, config_schema()),
        (HANDREIKING_NAME, handreiking_schema()),
    ):
        assert (REPO / "schemas" / name).read_bytes() == schema_bytes(schema), (
            f"schemas/{name} is verouderd: draai 'regiogen schema .'"
        )


def test_cli_schema_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regiogen.cli.main import cli

    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(cli, ["schema", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "schemas" / CONTENT_SCHEMA_NAME).is_file()
    assert (tmp_path / "schemas" / CONFIG_SCHEMA_NAME).is_file()
    assert (tmp_path / "schemas" / HANDREIKING_NAME).is_file()
    result = CliRunner().invoke(cli, ["schema", "-o", "-", "--config"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"].startswith("regiogen: projectinstellingen")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["regio"]["vastgesteld"].__setitem__("datum", "2023-13-20"), "2023-13-20"),
        (lambda d: d["regio"]["vastgesteld"].__setitem__("datum", "morgen"), "morgen"),
        (lambda d: d["afspraken"][0]["mijlpalen"][0].__setitem__("wanneer", "2024-Q5"), "Q5"),
        (lambda d: d["afspraken"][0]["mijlpalen"][0].__setitem__("wanneer", "ooit"), "ooit"),
        (lambda d: d["regio"]["gemeenten"][0].__setitem__("mandaatgemeente", "misschien"),
         "misschien"),
        (lambda d: d["begroting"]["posten"][0]["bedragen"].__setitem__("2024", "twaalfduizend"),
         "twaalfduizend"),
        (lambda d: d["begroting"]["toegekend"].__setitem__("2024", "€ 412k"), "412k"),
    ],
)  # fmt: skip
def test_bad_forms_fail_in_the_editor(change: Any, message: str) -> None:
    data = _merged_typed()
    change(data)
    errors = list(_validator(content_schema()).iter_errors(data))
    assert errors, message
    assert any(message in str(e.instance) or message in e.message for e in errors), [
        e.message for e in errors
    ]


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("datum", ["2023-12-20", "20 december 2023", "3 November 2023", " 2023-12-20 "]),
        ("wanneer", [2024, "2024", "2024-Q1", "2024-Q4", "Q4 2024", "4e kwartaal 2024",
                     "2024-11", "november 2024", "2024-11-30", "30 november 2024"]),
        ("mandaatgemeente", [True, False, "ja", "nee", "Ja", "true", "waar", "uit", 1, 0]),
        ("bedrag", [120000, 120000.5, "120000", "120000.50", "€ 120.000,50", "€ 412.000",
                    "1 234 567,89", "-5000", "€ 12,-", "EUR 100", "1.000"]),
    ],
)  # fmt: skip
def test_good_forms_pass_in_the_editor(field: str, values: list[Any]) -> None:
    """Never stricter than regiogen: every form regiogen reads passes the schema."""
    from pydantic import TypeAdapter

    from regiogen.model.types import Bedrag, Datum, JaNee, Tijdstip

    name = {"datum": "Datum", "wanneer": "Moment", "mandaatgemeente": "JaNee", "bedrag": "Bedrag"}
    typ = {"datum": Datum, "wanneer": Tijdstip, "mandaatgemeente": JaNee, "bedrag": Bedrag}
    defs = content_schema()["$defs"]
    _validator(content_schema())  # checks the definitions against the meta-schema
    validator = jsonschema.Draft202012Validator({"$defs": defs, "$ref": f"#/$defs/{name[field]}"})
    for value in values:
        assert list(validator.iter_errors(value)) == [], value
        # regiogen reads the same YAML scalar as text and accepts it (but an ambiguous amount)
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if text != "1.000":
            TypeAdapter(typ[field]).validate_python(text)


def test_handreiking_index_has_its_own_schema() -> None:
    index = REPO / "content" / "handreiking" / "_index.yaml"
    data = _editor_view(yaml.safe_load(index.read_text(encoding="utf-8")))
    assert list(_validator(handreiking_schema()).iter_errors(data)) == []
    assert list(_validator(content_schema()).iter_errors(data))  # the region schema would fail
    bad = dict(data, datum="2023-13-01", ondertitle="x")
    messages = [e.message for e in _validator(handreiking_schema()).iter_errors(bad)]
    assert any("ondertitle" in m for m in messages) and any("2023-13-01" in m for m in messages)


def test_editor_globs_match_exactly_the_files_of_each_schema(tmp_path: Path) -> None:
    """The globs of .vscode/settings.json as yaml-language-server applies them ('!' excludes)."""
    from fnmatch import fnmatchcase

    from regiogen.cli.scaffold import scaffold

    scaffold(tmp_path)
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))

    def schemas_for(rel: str) -> list[str]:
        found = []
        for schema, globs in settings["yaml.schemas"].items():
            globs = [globs] if isinstance(globs, str) else globs
            plus = [g for g in globs if not g.startswith("!")]
            minus = [g[1:] for g in globs if g.startswith("!")]
            if any(fnmatchcase(rel, g) for g in plus) and not any(
                fnmatchcase(rel, g) for g in minus
            ):
                found.append(schema)
        return found

    for path in sorted(tmp_path.rglob("*.yaml")):
        rel = path.relative_to(tmp_path).as_posix()
        expected = (
            "schemas/regiogen-config.schema.json" if rel == "regiogen.yaml"
            else "schemas/regiogen-handreiking.schema.json" if path.name == "_index.yaml"
            else "schemas/regiogen.schema.json"
        )  # fmt: skip
        assert schemas_for(rel) == [expected], rel
        assert (tmp_path / expected).parent.name == "schemas"
