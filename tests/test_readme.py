"""The README is the user's contract: its example content validates, its commands exist."""

from __future__ import annotations

from pathlib import Path

from regiogen.model.validate import validate_content
from regiogen.source.load import load_yaml_text

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_content_example_validates() -> None:
    text = README.read_text("utf-8")
    block = text.split("Een ingekort voorbeeld:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    data, source_map, diagnostics = load_yaml_text(block, "README.md")
    assert diagnostics == []
    content, found = validate_content(data, source_map, "README.md")
    assert content is not None
    assert [d.format() for d in found] == []


def test_readme_names_the_two_setup_commands() -> None:
    text = README.read_text("utf-8")
    assert "pip install . && regiogen build" in text
    assert "pip install '.[test]' && pytest" in text
