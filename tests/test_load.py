"""Loader fixtures: ``tests/fixtures/load/<case>.yaml`` → ``<case>.expected``.

The expected file holds the diagnostics (one per line) and then, after a line ``---``,
the loaded data as JSON. Regenerate with ``REGIOGEN_UPDATE_FIXTURES=1 pytest``.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from regiogen.diagnostics import Diagnostic
from regiogen.source.load import load_region, read_yaml_file

EXAMPLE = Path(__file__).resolve().parent.parent / "content"

FIXTURES = Path(__file__).parent / "fixtures" / "load"
CASES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))


@functools.cache
def _read(case: str) -> tuple[Any, list[Diagnostic]]:
    """A fixture as the loader reads it, once per process (the alias bomb takes a second)."""
    data, _, diagnostics = read_yaml_file(FIXTURES / f"{case}.yaml", f"{case}.yaml")
    return data, diagnostics


def _actual(case: str) -> str:
    data, diagnostics = _read(case)
    lines = [d.format() for d in diagnostics]
    return "\n".join([*lines, "---", json.dumps(data, ensure_ascii=False, indent=1)]) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_load_fixture(case: str) -> None:
    expected_path = FIXTURES / f"{case}.expected"
    actual = _actual(case)
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES") or not expected_path.exists():
        expected_path.write_text(actual, "utf-8")
    assert actual == expected_path.read_text("utf-8")


def test_plain_scalars_stay_strings() -> None:
    data, _, diagnostics = read_yaml_file(FIXTURES / "plain-scalars.yaml", "x.yaml")
    assert diagnostics == []
    assert data["regio"] == {
        "naam": "no",
        "code": "0363",
        "getal": "010",
        "leeg": None,
        "tilde": None,
        "ja": "yes",
        "datum": "2023-12-20",
        "bedrag": "1.000",
    }


def test_duplicate_key_names_both_lines() -> None:
    _, _, diagnostics = read_yaml_file(FIXTURES / "duplicate-key.yaml", "d.yaml")
    assert [d.format() for d in diagnostics] == [
        "d.yaml:4:5: error[yaml.duplicate-key]: sleutel 'titel' staat hier voor de tweede keer; "
        "de eerste keer op regel 3"
    ]


def test_positions_of_values_and_keys() -> None:
    _data, source_map, _ = read_yaml_file(FIXTURES / "plain-scalars.yaml", "p.yaml")
    assert source_map.value(("regio", "code")) is not None
    pos = source_map.value(("regio", "code"))
    assert (pos.line, pos.col) == (3, 9)
    key = source_map.key(("regio", "code"))
    assert (key.line, key.col) == (3, 3)
    # a missing value falls back to its nearest ancestor
    assert source_map.value(("regio", "bestaat-niet")) == source_map.value(("regio",))


def test_alias_bomb_is_bounded() -> None:
    data, diagnostics = _read("alias-bomb")
    assert data is None
    assert [d.code for d in diagnostics] == ["yaml.alias"]


def test_same_top_level_key_in_two_files(tmp_path: Path) -> None:
    region = tmp_path / "content" / "r"
    region.mkdir(parents=True)
    (region / "a.yaml").write_text("regio:\n  naam: A\n", "utf-8")
    (region / "b.yaml").write_text("# tweede\nregio:\n  naam: B\n", "utf-8")
    result = load_region(region, tmp_path)
    assert [d.format() for d in result.diagnostics] == [
        "content/r/b.yaml:2:1: error[yaml.duplicate-top-key]: 'regio' staat ook in "
        "content/r/a.yaml:1; zet elk onderdeel in één bestand"
    ]
    assert result.data["regio"] == {"naam": "A"}


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    from regiogen.source.load import load_yaml_text

    data, _, diagnostics = load_yaml_text("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")
    assert data is None
    assert [d.code for d in diagnostics] == ["yaml.too-deep"]


def _values(node: object) -> int:
    """Nodes in a composed YAML graph (aliases counted once, as the composer makes them)."""
    import yaml

    seen: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, yaml.MappingNode):
            stack.extend(v for pair in item.value for v in pair)
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
    return len(seen)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\n",
        "a:\n  b:\n    - 1\n    - [2, 3, {c: 4, d: }]\n",
        "- a: 1\n  b: 2\n- c\n- ? x\n  : y\n",
        "x: &a {p: 1, q: [1, 2]}\ny: *a\nz: {<<: *a, r: 3}\n",
        "tekst: |\n  regel: met - komma, en [haak\n",
        "leeg:\nook_leeg: ~\n",
        "[a, b, c]",
        "enkel",
        *[p.read_text("utf-8") for p in sorted(EXAMPLE.rglob("*.yaml"))],
    ],
)
def test_the_cheap_count_bounds_the_values(text: str) -> None:
    """The character count that lets normal files skip the event pass is an upper bound."""
    import yaml

    from regiogen.source import yaml_compose

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    indicators = sum(text.count(ch) for ch in ":-,?[{")
    assert _values(node) <= 2 * indicators + 1
    assert yaml_compose._few_values(text)
    assert not yaml_compose._few_values("- a\n" * (yaml_compose.MAX_FILE_NODES // 2 + 1))
