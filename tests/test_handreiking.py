"""The handreiking: chapters with front matter, rendered in the sandbox and joined."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from regiogen.documents.handreiking import build_handreiking_markdown
from regiogen.documents.kinds import HANDREIKING_SECTIONS
from regiogen.documents.sections import check_sections, find_sections
from regiogen.render.markdown_parser import parse

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "handreiking"
SNAPSHOT = Path(__file__).parent / "fixtures" / "templates" / "handreiking" / "handreiking.md"

VARIABLES: dict[str, object] = {
    "spuk_iza": {
        "budget_landelijk": 150000000,
        "aanvraag_van": "2023-11-15",
        "aanvraag_tot": "2023-12-31",
        "jaren": [2024, 2025, 2026],
        "besluit_weken": 13,
        "voorschot_procent": 100,
    },
    "transformatie": {
        "totaal": 2800000000,
        "geoormerkt": 1400000000,
        "dekking_tot": "2027-12-31",
        "goedkeuring_tot": "2026-12-31",
    },
    "gala": {
        "perioden": [
            {"van": "februari 2023", "tot": "2023-03-31"},
            {"van": "september 2023", "tot": "2023-10-31"},
        ]
    },
    "regios": [
        {
            "naam": "Regio Lindeland",
            "gemeenten": ["Lindenhaven", "Beekveld"],
            "mandaatgemeente": "Lindenhaven",
            "marktleider": "Zorgverzekeraar Noordstroom",
            "status": "vastgesteld",
            "begroot": 1226500,
        }
    ],
}


def build(folder: Path, variables: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    return build_handreiking_markdown(
        folder,
        VARIABLES if variables is None else variables,
        project_templates=None,
        display_root=folder.parent,
    )


def write_chapter(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_example_handreiking() -> None:
    result = build(EXAMPLE)
    assert result.diagnostics == []
    assert result.text is not None
    text = result.text
    tokens = parse(text)
    assert check_sections(tokens, HANDREIKING_SECTIONS, path="h", template="h") == []
    ids = [s.id for s in find_sections(tokens)]
    assert ids == ["hoofdstuk-1", "hoofdstuk-2", "colofon"]
    front = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    assert front["titel"] == "Handreiking gemeenten en het IZA"
    assert front["classificatie"] == "Intern vertrouwelijk"
    assert front["documentnummer"] == "HR-2023-017"
    assert front["inhoudsopgave"] is True and front["nummering"] is True
    assert "€ 150 miljoen" in text and "15 november 2023 tot en met" in text
    assert "| Regio Lindeland | 2 | Lindenhaven |" in text
    # Footnotes of different chapters no longer share labels.
    assert "[^h1-1]:" in text and "[^h2-1]:" in text and "[^1]" not in text
    headings = [t for t in tokens if t.type == "heading_open"]
    assert {t.tag for t in headings} == {"h1", "h2", "h3"}
    colofon = next(t for t in headings if t.attrGet("id") == "colofon")
    assert colofon.attrGet("class") == "unnumbered"


def test_example_snapshot() -> None:
    result = build(EXAMPLE)
    assert result.text is not None
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES") or not SNAPSHOT.exists():
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(result.text, "utf-8")
    assert result.text == SNAPSHOT.read_text("utf-8")


def test_example_length_and_language() -> None:
    text = "\n".join(p.read_text("utf-8") for p in sorted(EXAMPLE.glob("*.md")))
    words = len(text.split())
    assert 1500 <= words <= 2600
    for english in (" the ", " and ", " of the ", " with "):
        assert english not in text


def test_chapter_order_follows_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "02-b.md", "---\ntitel: Tweede\n---\nB.\n")
    write_chapter(folder, "01-a.md", "---\ntitel: Eerste\n---\nA.\n")
    result = build(folder, {})
    assert result.text is not None
    assert result.text.index("# Eerste {#hoofdstuk-1}") < result.text.index("# Tweede")
    assert 'titel: "Handreiking"' in result.text  # default index


def test_undefined_variable_points_at_chapter_line(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "---\ntitel: Eerste\n---\nRegel vier.\n\n{{ onbekend }}\n")
    result = build(folder, {})
    assert result.text is None
    assert [d.format() for d in result.diagnostics] == [
        "hr/01-a.md:6: error[template.undefined]: onbekende variabele 'onbekend' in hoofdstuk"
    ]


def test_syntax_error_points_at_chapter_line(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "---\ntitel: Eerste\n---\n\n{% if %}\n")
    result = build(folder, {})
    assert result.text is None
    (diagnostic,) = result.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == (
        "hr/01-a.md",
        5,
        "template.syntax",
    )


def test_sandbox_applies_to_chapters(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "---\ntitel: Eerste\n---\n{{ ''.__class__.__mro__ }}\n")
    result = build(folder, {})
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["template.security"]


def test_front_matter_problems(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "Geen front matter.\n")
    write_chapter(folder, "02-b.md", "---\ntitle: Engels\n---\nTekst.\n")
    write_chapter(folder, "03-c.md", "---\ntitel: [lijst\n---\nTekst.\n")
    result = build(folder, {})
    assert result.text is None
    found = {(d.path, d.code) for d in result.diagnostics}
    assert ("hr/01-a.md", "markdown.front-matter") in found
    assert ("hr/02-b.md", "schema.unknown-key") in found
    assert any(path == "hr/03-c.md" and code.startswith("yaml.") for path, code in found)
    unknown = next(d for d in result.diagnostics if d.code == "schema.unknown-key")
    assert unknown.line == 2  # the line in the chapter file, not in the front matter


def test_nummer_mismatch_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "---\ntitel: Eerste\nnummer: 2\n---\nA.\n")
    result = build(folder, {})
    assert result.text is not None
    assert [(d.severity, d.code, d.line) for d in result.diagnostics] == [
        ("warning", "markdown.front-matter", 2)
    ]


def test_no_chapters(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    folder.mkdir()
    result = build(folder, {})
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["io.not-found"]


def test_index_variables_and_project_variables(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    (folder).mkdir()
    (folder / "_index.yaml").write_text(
        "titel: Gids\nvariabelen:\n  termijn: eind 2026\n  regio: uit de index\n", "utf-8"
    )
    write_chapter(folder, "01-a.md", "---\ntitel: Een\n---\n{{ termijn }}, {{ regio }}.\n")
    result = build(folder, {"regio": "uit het project"})
    assert result.text is not None
    assert "eind 2026, uit het project." in result.text
    assert "*Gids*" in result.text  # default colofon


def test_invalid_index(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    folder.mkdir()
    (folder / "_index.yaml").write_text("titel: Gids\nondertitle: x\n", "utf-8")
    write_chapter(folder, "01-a.md", "---\ntitel: Een\n---\nTekst.\n")
    result = build(folder, {})
    assert result.text is None
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == [
        ("hr/_index.yaml", 2, "schema.unknown-key")
    ]


def test_data_in_variables_is_not_template_code(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(folder, "01-a.md", "---\ntitel: Een\n---\n{{ naam|md }}\n")
    result = build(folder, {"naam": "{{ 7*7 }} | # kop"})
    assert result.text is not None
    assert "\\{\\{ 7\\*7 \\}\\} \\| \\# kop" in result.text


def test_example_copy_builds_from_any_folder(tmp_path: Path) -> None:
    folder = tmp_path / "elders"
    shutil.copytree(EXAMPLE, folder)
    result = build(folder)
    assert result.diagnostics == [] and result.text is not None


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLE.glob("*.md")))
def test_example_chapters_have_footnotes(name: str) -> None:
    text = (EXAMPLE / name).read_text("utf-8")
    assert "[^1]:" in text


def test_image_outside_project_is_reported_at_chapter_line(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    write_chapter(
        folder,
        "01-a.md",
        "---\ntitel: Een\n---\nTekst.\n\n![a](../../../etc/passwd)\n\n![b](/etc/passwd)\n\n"
        "![c](hr/plaatje.png)\n",
    )
    result = build(folder, {})
    assert result.text is not None
    assert [(d.code, d.path, d.line) for d in result.diagnostics] == [
        ("io.outside-project", "hr/01-a.md", 6),
        ("io.outside-project", "hr/01-a.md", 8),
    ]
