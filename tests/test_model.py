"""Schema and reference fixtures: ``tests/fixtures/model/<case>.yaml`` → ``<case>.expected``.

Each case is a one-file region; the expected file lists the diagnostics of loading and
validating it. Regenerate with ``REGIOGEN_UPDATE_FIXTURES=1 pytest``.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from regiogen.model.validate import validate_content
from regiogen.source.load import read_yaml_file

FIXTURES = Path(__file__).parent / "fixtures" / "model"
CASES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))


def _validate(case: str):  # type: ignore[no-untyped-def]
    data, source_map, diagnostics = read_yaml_file(FIXTURES / f"{case}.yaml", f"{case}.yaml")
    assert diagnostics == []
    return validate_content(data, source_map, f"{case}.yaml")


@pytest.mark.parametrize("case", CASES)
def test_model_fixture(case: str) -> None:
    _, diagnostics = _validate(case)
    actual = "".join(d.format() + "\n" for d in diagnostics)
    expected_path = FIXTURES / f"{case}.expected"
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES") or not expected_path.exists():
        expected_path.write_text(actual, "utf-8")
    assert actual == expected_path.read_text("utf-8")


def test_unknown_key_suggests_the_right_one() -> None:
    _, diagnostics = _validate("unknown-keys")
    messages = {d.format() for d in diagnostics}
    assert (
        "unknown-keys.yaml:4:3: error[schema.unknown-key]: onbekende sleutel 'statsu'; "
        "bedoelde u 'status'?" in messages
    )
    assert any("'prioritiet'; bedoelde u 'prioriteit'?" in m for m in messages)


def test_money_is_decimal_from_text() -> None:
    content, diagnostics = _validate("valid-minimal")
    assert diagnostics == []
    assert content is not None and content.begroting is not None
    assert content.begroting.toegekend == {
        2024: Decimal("1000"),
        2025: Decimal("120000.50"),
        2026: Decimal("120000.50"),
    }
    assert all(type(v) is Decimal for v in content.begroting.toegekend.values())
    assert content.regio.gemeenten[0].code == "0363"


def test_ambiguous_amount_says_how_to_write_it() -> None:
    _, diagnostics = _validate("wrong-types")
    money = [d for d in diagnostics if d.code == "schema.money-ambiguous"]
    assert len(money) == 1
    assert (money[0].line, money[0].col) == (18, 21)
    assert "1000" in money[0].message and "€ 1.000" in money[0].message


def test_all_schema_errors_are_collected() -> None:
    _, diagnostics = _validate("wrong-types")
    codes = sorted(d.code for d in diagnostics)
    assert len(diagnostics) >= 9
    assert {"schema.type", "schema.value", "schema.date", "schema.money"} <= set(codes)
    assert all(d.line is not None for d in diagnostics)


def test_references_and_cycles() -> None:
    content, diagnostics = _validate("references")
    assert content is not None
    codes = [d.code for d in diagnostics]
    assert codes.count("ref.duplicate-id") == 2  # a partij and a begrotingspost
    assert codes.count("ref.cycle") == 1
    assert codes.count("ref.unknown") >= 6
    cycle = next(d for d in diagnostics if d.code == "ref.cycle")
    assert "A1 → A3 → A2 → A1" in cycle.message
