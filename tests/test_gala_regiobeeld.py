"""The regiobeeld and the plan van aanpak SPUK GALA as documents.

* every required section is there, also when the content is nearly empty; an empty part points
  to one short *Open punten* list instead of "nog niet ingevuld" under every heading;
* the templates say only what the data says (no consent sentence without a consent, no
  signature table without signatories);
* the gap is vraag minus aanbod for the years both series name;
* the table of part 7 has a tick where an onderdeel names a goal.
"""

from __future__ import annotations

import re
from pathlib import Path

from regiogen.documents import kinds
from regiogen.documents.gala import verbinding
from regiogen.documents.sections import check_sections
from regiogen.model.content import Content
from regiogen.model.gala import GalaPlan
from regiogen.model.regiobeeld import Prognose
from regiogen.model.validate import validate_content
from regiogen.render.markdown import render_template
from regiogen.render.markdown_parser import parse
from regiogen.source.csv_series import merge_csv_series
from regiogen.source.load import load_region

REPO = Path(__file__).resolve().parent.parent
REGION = REPO / "content" / "lindeland"


def _content(**changes: object) -> Content:
    loaded = load_region(REGION, REPO)
    merge_csv_series(loaded.data, loaded.source_map, REGION, REPO)
    content, found = validate_content(loaded.data | changes, loaded.source_map, "lindeland")
    assert content is not None, [d.format() for d in found]
    return content


def _render(kind: str, content: Content) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for doc in kinds.documents_for(kind, content):
        result = render_template(
            doc.template, doc.context, project_templates=None, display_root=REPO
        )
        assert result.diagnostics == [], [d.format() for d in result.diagnostics]
        assert result.text is not None
        out.append((doc.stem, result.text, doc.required))
    return out


def test_a_bare_plan_has_every_part_and_one_list_of_open_points() -> None:
    content = _content(gala=[{"gemeente": "GM9903"}])
    [(stem, text, required)] = _render("gala-plan-van-aanpak", content)
    assert stem == "gala-plan-van-aanpak-oosterheide"
    assert check_sections(parse(text), required, path="x.md", template="t") == []
    assert "nog niet ingevuld" not in text
    assert text.count("# Open punten {#open-punten}") == 1
    assert text.count("zie [Open punten](#open-punten)") == 9  # one pointer per empty part
    assert "- De ondertekening door een wethouder." in text
    assert "toestemming de informatie" not in text  # nothing said about consent not given
    assert "| Naam | Functie |" not in text


def test_the_example_plan_has_no_open_points() -> None:
    [(_stem, text, required)] = _render("gala-plan-van-aanpak", _content())
    assert check_sections(parse(text), required, path="x.md", template="t") == []
    assert "Open punten" not in text
    assert "| A. de Vries | wethouder sport en gezondheid | 20 oktober 2023 | |" in text
    assert "draagt bij aan regio-opgave O3 (Gezond opgroeien en leven in de focuswijken)" in text
    # one opgave is "deze regio-opgave"; a list-valued field has a colon, not a full stop
    assert "De gemeente draagt bij aan deze regio-opgave uit het regioplan:" in text
    assert "**Doelgroepen:** kinderen van 4 tot 12 jaar" in text
    assert "**Schaal:** in de" in text and "**Interventies:**\n" in text
    assert "**Samenwerkingspartners:** " in text
    assert not re.search(r"\*\*[A-Z][a-z]+\.\*\* [a-z]", text)  # no lower case after a stop


def test_part_seven_ticks_the_goals_each_onderdeel_names() -> None:
    plan = GalaPlan.model_validate(
        {
            "gemeente": "GM9902",
            "onderdelen": [
                {"id": "a", "naam": "A", "doelen_gala": ["X", "Y"]},
                {"id": "b", "naam": "B", "doelen_gala": ["Y", "Z"]},
                {"id": "c", "naam": "C", "aangevraagd": "nee", "doelen_gala": ["W"]},
            ],
        }
    )
    table = verbinding(plan)
    assert table.doelen == ["X", "Y", "Z"]
    assert [(o.id, ticks) for o, ticks in table.rijen] == [
        ("a", [True, True, False]),
        ("b", [False, True, True]),
    ]


def test_the_gap_is_demand_minus_supply_for_common_years() -> None:
    prognose = Prognose.model_validate(
        {
            "titel": "Wijkverpleging",
            "vraag": {"naam": "v", "reeks": {"2025": "950", "2030": "1150", "2035": "1300"}},
            "aanbod": {"naam": "a", "reeks": {"2025": "872,5", "2030": "870"}},
        }
    )
    assert [(j, str(k)) for j, _v, _a, k in prognose.kloof()] == [(2025, "77.5"), (2030, "280")]


def test_a_bare_regiobeeld_lists_what_is_open() -> None:
    content = _content(regiobeeld={"knelpunten": [{"id": "K1", "titel": "Wachttijden"}]})
    [(_stem, text, required)] = _render("regiobeeld", content)
    assert check_sections(parse(text), required, path="x.md", template="t") == []
    assert "nog niet ingevuld" not in text
    assert "- Capaciteit en prestaties van zorg, welzijn en ondersteuning." in text
    assert "- Cijfers met bron en jaar bij knelpunt K1." in text
    assert "- Het verband met werk, wonen en inkomen in het gemeentelijk domein." in text
    assert "Het is opgesteld door" not in text


def test_the_example_regiobeeld_names_a_source_for_every_figure() -> None:
    [(_stem, text, _required)] = _render("regiobeeld", _content())
    assert "Open punten" not in text
    bronnen = text.split("# Bronnen {#bronnen}", 1)[1]
    rows = [line for line in bronnen.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 17  # header and every figure of the example
    assert all(" — " not in row for row in rows)
