"""Fixture-driven tests of the IZA rule catalogue.

Each case in ``tests/fixtures/rules/cases.yaml`` starts from the example region
(``content/lindeland``), applies a small mutation by key path, and states exactly which
diagnostics the mutation adds. Key paths are dotted (``afspraken.0.trekker``); a part is a
list index where the value is a list and a key otherwise (``begroting.toegekend.2024``).

Case keys:
  name     what the case shows
  rule     the rule it tests (coverage: every rule needs a failing case)
  set      {path: value} replaces a value (or adds a key); positions under it are dropped
  delete   [path] removes a key or list item, with its positions (later items shift)
  kinds    document kinds to run (default: all)
  opties   {max_opgaven, max_onbesteed, today, peildatum} for the mutated run (the baseline
           uses defaults)
  codes    compare only diagnostics with these codes (for mutations with known side effects)
  expect   the diagnostics added: {code, severity, file, line, col, message}; the fields
           given must match; file is relative to content/lindeland ("" for the folder)
  absent   codes that must not occur at all after the mutation
Values are read with regiogen's own loader, so scalars are strings, as in content files.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.model.content import Content
from regiogen.model.validate import validate_content
from regiogen.rules import RULES, run_rules
from regiogen.source.csv_series import merge_csv_series
from regiogen.source.load import KeyPath, LoadResult, SourceMap, load_region, load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
REGION = ROOT / "content" / "lindeland"
FALLBACK = "content/lindeland"
CASES_FILE = Path(__file__).parent / "fixtures" / "rules" / "cases.yaml"


@cache
def example() -> LoadResult:
    """The example region, loaded once, with its CSV series (as the build reads it)."""
    loaded = load_region(REGION, ROOT)
    merge_csv_series(loaded.data, loaded.source_map, REGION, ROOT)
    return loaded


def load_cases() -> list[dict[str, Any]]:
    text = CASES_FILE.read_text(encoding="utf-8")
    data, _, diagnostics = load_yaml_text(text, "cases.yaml")
    assert not diagnostics, diagnostics
    assert isinstance(data, list)
    return data


CASES = load_cases()


def _resolve(data: Any, dotted: str) -> tuple[Any, KeyPath]:
    """Walk to the container of the last part; return it and the full key path."""
    parts = dotted.split(".")
    path: list[str | int] = []
    current = data
    for n, part in enumerate(parts):
        key: str | int = int(part) if isinstance(current, list) else part
        path.append(key)
        if n < len(parts) - 1:
            current = current[key]
    return current, tuple(path)


def _drop(source_map: SourceMap, path: KeyPath, *, itself: bool) -> None:
    for table in (source_map.values, source_map.keys):
        for key in list(table):
            if key[: len(path)] == path and (itself or len(key) > len(path)):
                del table[key]


def _shift(source_map: SourceMap, path: KeyPath) -> None:
    """After deleting list item ``path``, move the positions of later items down by one."""
    parent, index = path[:-1], path[-1]
    assert isinstance(index, int)
    for table in (source_map.values, source_map.keys):
        moved = {}
        for key in list(table):
            if key[: len(parent)] == parent and len(key) > len(parent):
                item = key[len(parent)]
                if isinstance(item, int) and item > index:
                    moved[(*parent, item - 1, *key[len(parent) + 1 :])] = table.pop(key)
        table.update(moved)


def mutate(case: dict[str, Any]) -> tuple[dict[str, Any], SourceMap]:
    """Apply a case's ``set`` and ``delete`` to a copy of the example's data and positions."""
    base = example()
    data = copy.deepcopy(base.data)
    source_map = SourceMap(dict(base.source_map.values), dict(base.source_map.keys))
    for dotted in case.get("delete") or []:
        container, path = _resolve(data, dotted)
        del container[path[-1]]
        _drop(source_map, path, itself=True)
        if isinstance(path[-1], int):
            _shift(source_map, path)
    for dotted, value in (case.get("set") or {}).items():
        container, path = _resolve(data, dotted)
        if isinstance(container, list) and path[-1] == len(container):
            container.append(value)
        else:
            container[path[-1]] = value
        _drop(source_map, path, itself=False)
    return data, source_map


def run_case(case: dict[str, Any]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Diagnostics of the example and of the mutated example, for the case's kinds/options."""
    opties = case.get("opties") or {}
    kinds = case.get("kinds")
    kwargs: dict[str, Any] = {"kinds": kinds}
    for name in ("max_opgaven", "max_onbesteed"):
        if name in opties:
            kwargs[name] = int(opties[name])
    for name in ("today", "peildatum"):
        if name in opties:
            kwargs[name] = date.fromisoformat(opties[name])
    base = example()
    content, found = validate_content(base.data, base.source_map, FALLBACK)
    assert content is not None and not found
    before = run_rules(content, base.source_map, FALLBACK, kinds=kinds)
    data, source_map = mutate(case)
    mutated, found = validate_content(data, source_map, FALLBACK)
    assert mutated is not None, [d.format() for d in found]
    assert not found, [d.format() for d in found]
    after = run_rules(mutated, source_map, FALLBACK, **kwargs)
    return before, after


def added(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in ``after`` that ``before`` does not have (as a multiset)."""
    remaining = Counter(before)
    result = []
    for d in after:
        if remaining[d]:
            remaining[d] -= 1
        else:
            result.append(d)
    return result


def _matches(d: Diagnostic, want: dict[str, Any]) -> bool:
    checks = {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "line": None if d.line is None else str(d.line),
        "col": None if d.col is None else str(d.col),
    }
    for key, actual in checks.items():
        if key in want and want[key] != actual:
            return False
    if "file" in want:
        expected = f"{FALLBACK}/{want['file']}" if want["file"] else FALLBACK
        if d.path != expected:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    before, after = run_case(case)
    new = added(before, after)
    if case.get("codes"):
        new = [d for d in new if d.code in case["codes"]]
    unmatched = list(new)
    for want in case.get("expect") or []:
        hit = next((d for d in unmatched if _matches(d, want)), None)
        assert hit is not None, f"expected {want}, got:\n" + "\n".join(d.format() for d in new)
        unmatched.remove(hit)
    assert not unmatched, "unexpected:\n" + "\n".join(d.format() for d in unmatched)
    for code in case.get("absent") or []:
        assert code not in {d.code for d in after}, code


def test_cases_name_known_rules_and_are_unique() -> None:
    ids = {rule.id for rule in RULES}
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert case["rule"] in ids, case["name"]
        for want in case.get("expect") or []:
            assert want["code"] in ids, case["name"]


def test_every_rule_has_a_failing_case() -> None:
    failing = {
        want["code"]
        for case in CASES
        for want in case.get("expect") or []
        if want["code"] == case["rule"]
    }
    missing = [rule.id for rule in RULES if rule.id not in failing]
    assert not missing, f"rules without a failing case in cases.yaml: {missing}"


def test_every_rule_has_a_passing_case() -> None:
    """The example passes a rule, or a case shows a mutation the rule accepts."""
    base = example()
    content, _ = validate_content(base.data, base.source_map, FALLBACK)
    assert content is not None
    flagged = {d.code for d in run_rules(content, base.source_map, FALLBACK)}
    passing = {
        case["rule"]
        for case in CASES
        if case["rule"] not in {w["code"] for w in case.get("expect") or []}
    }
    missing = [r.id for r in RULES if r.id in flagged and r.id not in passing]
    assert not missing, f"rules without a passing case: {missing}"


def example_content() -> tuple[Content, SourceMap]:
    base = example()
    content, found = validate_content(base.data, base.source_map, FALLBACK)
    assert content is not None and not found
    return content, base.source_map


def test_example_has_no_errors_or_warnings() -> None:
    content, source_map = example_content()
    found = run_rules(content, source_map, FALLBACK)
    bad = [d.format() for d in found if d.severity is not Severity.INFO]
    assert not bad, "\n".join(bad)
    assert {d.code for d in found} == {"iza.roaz"}


def test_example_passes_with_a_wall_clock_free_today() -> None:
    """``today`` only matters when the plan has no date of its own."""
    content, source_map = example_content()
    later = run_rules(content, source_map, FALLBACK, today=date(2030, 1, 1))
    assert later == run_rules(content, source_map, FALLBACK)


def test_today_is_used_when_the_plan_has_no_date() -> None:
    data, source_map = mutate({"delete": ["regio.datum"]})
    content, _ = validate_content(data, source_map, FALLBACK)
    assert content is not None
    assert not [
        d for d in run_rules(content, source_map, FALLBACK) if d.severity is Severity.WARNING
    ]
    found = run_rules(content, source_map, FALLBACK, today=date(2026, 1, 1))
    late = [d for d in found if d.code == "iza.afspraak.resultaat-meetbaar"]
    assert [d.line for d in late] == [14, 15, 56, 104]
    assert late[0].message.endswith(
        "de datum 31 december 2025 ligt vóór de datum van het plan (1 januari 2026)"
    )
