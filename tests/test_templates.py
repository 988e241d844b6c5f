"""The built-in document templates, rendered for the example region Lindeland.

* Snapshots: every document of every kind is compared with
  ``tests/fixtures/templates/lindeland/<stem>.md``. Regenerate with
  ``REGIOGEN_UPDATE_FIXTURES=1 pytest tests/test_templates.py``.
* Required sections: a project template without one of them (or with it emptied) is reported.
* The begroting in the SPUK IZA bijlage adds up, recomputed here from the YAML itself.
* Text from YAML is data: template syntax and Markdown markup in it render literally.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it.token import Token

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.documents import kinds
from regiogen.documents.figures import fresh_figures
from regiogen.documents.sections import check_sections
from regiogen.model.content import Content
from regiogen.model.validate import validate_content
from regiogen.paths import builtin_templates_dir
from regiogen.render.markdown import render_template
from regiogen.render.markdown_parser import parse
from regiogen.rules import rules_by_id, run_rules
from regiogen.source.csv_series import merge_csv_series
from regiogen.source.load import SourceMap, load_region
from regiogen.source.money import parse_money

REPO = Path(__file__).resolve().parent.parent
REGION = REPO / "content" / "lindeland"
SNAPSHOTS = Path(__file__).parent / "fixtures" / "templates" / "lindeland"
KINDS = tuple(kinds.KINDS)


def load_content(folder: Path = REGION, **changes: Any) -> Content:
    """The example region, optionally with top-level data replaced."""
    loaded = load_region(folder, REPO)
    merge_csv_series(loaded.data, loaded.source_map, folder, REPO)
    data = loaded.data | changes
    content, diagnostics = validate_content(data, loaded.source_map, "lindeland")
    assert content is not None, [d.format() for d in diagnostics]
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return content


@functools.cache
def _example() -> Content:
    """The example region, loaded once per test process (tests copy it, never change it)."""
    return load_content()


@pytest.fixture(scope="module")
def content() -> Content:
    return _example()


def render(doc: kinds.Document, project_templates: Path | None = None) -> str:
    result = render_template(
        doc.template,
        fresh_figures(doc.context),  # as the build renders it
        project_templates=project_templates,
        display_root=REPO,
    )
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
    assert result.text is not None
    return result.text


#: The voortgang kinds report at a fixed peildatum here (a year after adoption).
PEILDATUM = date(2025, 1, 31)


def all_documents(content: Content) -> list[kinds.Document]:
    """Every document of the example, with the findings ``check`` gives on it (only the
    toetsing shows them: the example has no errors or warnings)."""
    loaded = load_region(REGION, REPO)
    findings = run_rules(content, loaded.source_map, "content/lindeland")
    return [
        doc
        for kind in KINDS
        for doc in kinds.documents_for(
            kind,
            content,
            findings=findings,
            region_path="content/lindeland",
            peildatum=PEILDATUM,
        )
    ]


# --- snapshots ---------------------------------------------------------------------------


@functools.cache
def _example_documents() -> dict[str, kinds.Document]:
    """Every document of the example by stem, planned once per test process."""
    return {doc.stem: doc for doc in all_documents(_example())}


@functools.cache
def _rendered(stem: str) -> str:
    """The Markdown of one example document, rendered once per test process."""
    return render(_example_documents()[stem])


def _stems() -> list[str]:
    """The documents of the example, by their snapshots: read at collection without planning
    (planning draws the voortgang charts); ``test_every_document_has_a_snapshot`` checks that
    they are exactly the documents the example gets."""
    return sorted(p.stem for p in SNAPSHOTS.glob("*.md"))


def test_every_document_has_a_snapshot() -> None:
    planned = sorted(_example_documents())
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES"):
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        for stem in set(planned) - set(_stems()):
            (SNAPSHOTS / f"{stem}.md").write_text(_rendered(stem), "utf-8")
    assert planned == _stems(), "REGIOGEN_UPDATE_FIXTURES=1 writes the missing snapshots"


@pytest.mark.parametrize("stem", _stems())
def test_snapshot(stem: str) -> None:
    text = _rendered(stem)
    expected = SNAPSHOTS / f"{stem}.md"
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES"):
        expected.write_text(text, "utf-8")
    assert text == expected.read_text("utf-8")


@pytest.mark.parametrize("stem", _stems())
def test_example_has_every_required_section(stem: str) -> None:
    doc = _example_documents()[stem]
    found = check_sections(parse(_rendered(stem)), doc.required, path=stem, template=doc.template)
    assert found == []


@pytest.mark.parametrize("stem", _stems())
def test_front_matter_first(content: Content, stem: str) -> None:
    doc = _example_documents()[stem]
    text = _rendered(stem)
    assert text.startswith("---\n")
    head = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    assert head["titel"]
    assert head["inhoudsopgave"] is True and head["nummering"] is True
    if doc.kind in kinds.OUTGOING_KINDS:  # goes to the ministry: not the region's own label
        assert "classificatie" not in head
    else:
        assert head["classificatie"] == "Intern vertrouwelijk"
    assert head["status"] == content.regio.status


# --- required sections through an overriding project template ----------------------------


_HEADING_ID = re.compile(r"^(#+) .*\{#([\w-]+)(?: [^}]*)?\}\s*$", re.MULTILINE)


def _override(tmp_path: Path, template: str, edit: Any) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    source = (builtin_templates_dir() / template).read_text("utf-8")
    (folder / template).write_text(edit(source), "utf-8")
    return folder


def _required_documents() -> list[str]:
    """Every document of the example (each has required sections) and the concept bijlage
    (which requires a toelichting)."""
    return [*_stems(), "concept"]


def _concept(content: Content) -> Content:
    regio = content.regio.model_copy(update={"status": "concept"})
    return content.model_copy(update={"regio": regio})


@functools.cache
def _document(stem: str) -> kinds.Document:
    """One document of the example (or its concept bijlage), planned once per test process."""
    if stem == "concept":
        return kinds.documents_for("spuk-iza-bijlage", _concept(_example()))[0]
    return _example_documents()[stem]


_SECTION = re.compile(r"^verplichte sectie '([^']+)'")


def _named(found: list[Diagnostic]) -> list[tuple[str, str]]:
    """(code, section id) of each finding, sorted."""
    named = []
    for d in found:
        match = _SECTION.match(d.message)
        assert match, d.message
        named.append((d.code, match[1]))
    return sorted(named)


@pytest.mark.parametrize("stem", _required_documents())
def test_removed_sections_are_missing(tmp_path: Path, stem: str) -> None:
    """Each required section whose heading is gone from the template is reported, once, by
    its id, and nothing else is (all of a document's sections at once: one render)."""
    doc = _document(stem)
    assert doc.required

    def strip(source: str) -> str:
        lines = source.splitlines(keepends=True)
        for section in doc.required:
            found = [line for line in lines if f"{{#{section}}}" in line]
            assert len(found) == 1, f"heading {section} not found exactly once"
        ids = [f"{{#{section}}}" for section in doc.required]
        return "".join(line for line in lines if not any(i in line for i in ids))

    folder = _override(tmp_path, doc.template, strip)
    found = check_sections(parse(render(doc, folder)), doc.required, path="x", template="t")
    assert _named(found) == sorted(("section.missing", s) for s in doc.required)


@pytest.mark.parametrize("stem", _required_documents())
def test_emptied_sections_are_empty(tmp_path: Path, stem: str) -> None:
    """Each required section that keeps its heading but loses its content is reported as
    empty, by its id, and nothing else is (all of a document's sections at once)."""
    doc = _document(stem)
    assert doc.required

    def empty(source: str) -> str:
        # A heading of the same level right under each section heading: the section keeps
        # its heading but loses its content. From the end, so earlier offsets stay valid.
        matches = {m.group(2): m for m in _HEADING_ID.finditer(source)}
        for section in doc.required:
            assert section in matches, f"heading {section} not found"
        for match in sorted((matches[s] for s in doc.required), key=lambda m: -m.end()):
            insert = f"\n\n{match.group(1)} Tussenkop\n\nTekst.\n"
            source = source[: match.end()] + insert + source[match.end() :]
        return source

    folder = _override(tmp_path, doc.template, empty)
    found = check_sections(parse(render(doc, folder)), doc.required, path="x", template="t")
    assert _named(found) == sorted(("section.empty", s) for s in doc.required)


def test_project_template_overrides_builtin(content: Content, tmp_path: Path) -> None:
    doc = kinds.documents_for("werkagenda", content)[0]
    folder = _override(tmp_path, "_macros.md.j2", lambda s: s.replace("Trekker:", "Eigenaar:"))
    text = render(doc, folder)
    assert "Eigenaar: **" in text and "Trekker: **" not in text


# --- the begroting adds up ---------------------------------------------------------------


@dataclass
class Table:
    caption: str
    rows: list[list[str]]


def tables(tokens: list[Token]) -> list[Table]:
    """Every table with the bold caption before it and its rows of cell texts."""
    found: list[Table] = []
    caption = ""
    cell = False
    for index, token in enumerate(tokens):
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            caption = token.content.strip("*")
        elif token.type == "table_open":
            found.append(Table(caption, []))
        elif token.type == "tr_open":
            found[-1].rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type == "inline" and cell:
            found[-1].rows[-1].append(token.content)
            cell = False
    return found


def _yaml_begroting() -> dict[str, Any]:
    with (REGION / "begroting.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=yaml.BaseLoader)
    return data["begroting"]


def _money(cell: str) -> Decimal:
    return parse_money(cell)


def test_begroting_sums_recomputed_from_yaml(content: Content) -> None:
    begroting = _yaml_begroting()
    jaren = [int(j) for j in begroting["jaren"]]
    posten = [
        (
            p["omschrijving"],
            p["soort"],
            p["aard"],
            {int(j): parse_money(b) for j, b in p["bedragen"].items()},
        )
        for p in begroting["posten"]
    ]
    toegekend = {int(j): parse_money(b) for j, b in begroting["toegekend"].items()}

    def som(selected: list[Any], jaar: int | None = None) -> Decimal:
        years = jaren if jaar is None else [jaar]
        return sum((p[3].get(j, Decimal(0)) for p in selected for j in years), Decimal(0))

    doc = kinds.documents_for("spuk-iza-bijlage", content)[0]
    found = {t.caption: t for t in tables(parse(render(doc)))}
    header, *rows = found["Begroting per post"].rows
    assert header == ["Post", "Aard", *map(str, jaren), "Totaal"]
    by_label = {row[0]: row for row in rows}
    for omschrijving, _, _, bedragen in posten:
        row = by_label[omschrijving]
        for n, jaar in enumerate(jaren):
            assert _money(row[2 + n]) == bedragen.get(jaar, Decimal(0))
        assert _money(row[-1]) == sum(bedragen.values(), Decimal(0))
    labels = {"coordinatie": "coördinatie", "uitvoering": "uitvoering"}
    for soort, label in labels.items():
        row = by_label[f"Subtotaal {label}"]
        selected = [p for p in posten if p[1] == soort]
        assert [_money(c) for c in row[2:]] == [*(som(selected, j) for j in jaren), som(selected)]
    totaal = by_label["Totaal"]
    assert [_money(c) for c in totaal[2:]] == [*(som(posten, j) for j in jaren), som(posten)]

    _, *aard_rows = found["Naar aard"].rows
    for row in aard_rows[:-1]:
        selected = [p for p in posten if p[2] == row[0].lower()]
        assert [_money(c) for c in row[1:]] == [*(som(selected, j) for j in jaren), som(selected)]
    assert [_money(c) for c in aard_rows[-1][1:]] == [_money(c) for c in totaal[2:]]

    _, *vergelijking = found["Begroot en toegekend"].rows
    for row in vergelijking[:-1]:
        jaar = int(row[0])
        begroot, gegeven = som(posten, jaar), toegekend[jaar]
        assert (_money(row[1]), _money(row[2])) == (begroot, gegeven)
        assert _money(row[3]) == abs(gegeven - begroot)
        expected = "onderbesteding" if gegeven > begroot else "overschrijding"
        assert row[5] == (expected if gegeven != begroot else "sluitend")
    last = vergelijking[-1]
    assert last[0] == "Totaal"
    assert _money(last[2]) == sum(toegekend.values(), Decimal(0))
    assert _money(last[3]) == abs(sum(toegekend.values(), Decimal(0)) - som(posten))


def test_begroting_is_right_aligned_and_portrait_for_three_years(content: Content) -> None:
    doc = kinds.documents_for("spuk-iza-bijlage", content)[0]
    text = render(doc)
    assert "::: landscape\n" not in text  # post, aard, three years and a total fit portrait
    assert "| --- | --- | ---: | ---: | ---: | ---: |" in text
    assert "onderbesteding" in text


def test_begroting_with_more_years_goes_landscape(content: Content) -> None:
    begroting = content.begroting
    assert begroting is not None
    lang = begroting.model_copy(update={"jaren": [2024, 2025, 2026, 2027]})
    doc = kinds.documents_for("spuk-iza-bijlage", content.model_copy(update={"begroting": lang}))[0]
    assert "::: landscape\n" in render(doc)


def test_overschrijding_is_named(content: Content) -> None:
    begroting = content.begroting
    assert begroting is not None
    krap = begroting.model_copy(
        update={"toegekend": dict.fromkeys(begroting.jaren, Decimal(400000))}
    )
    doc = kinds.documents_for("spuk-iza-bijlage", content.model_copy(update={"begroting": krap}))[0]
    text = render(doc)
    assert "| 2024 | € 412.000,00 | € 400.000,00 | € 12.000,00 | 3,0% | overschrijding |" in text


def test_concept_bijlage_has_toelichting(content: Content) -> None:
    aanvraag = {
        "inzet_gemeenten": "De gemeenten werken aan de steunpunten.",
        "toelichting": "De bestuurlijke tafel vergadert pas in februari.",
    }
    concept = _concept(content)
    assert concept.aanvraag is not None
    concept = concept.model_copy(update={"aanvraag": concept.aanvraag.model_copy(update=aanvraag)})
    doc = kinds.documents_for("spuk-iza-bijlage", concept)[0]
    text = render(doc)
    assert doc.required == ("begroting", "toelichting", "mandaatstructuur")
    assert "{#toelichting}" in text and "{#regioplan}" not in text
    assert "De bestuurlijke tafel vergadert pas in februari." in text


# --- hostile and missing data ------------------------------------------------------------


HOSTILE = "{{ 7*7 }} | # kop {% if %} *vet* [^1] ::: landscape"


def _hostile_content() -> Content:
    loaded = load_region(REGION, REPO)
    data = loaded.data
    data["regio"] = data["regio"] | {"naam": HOSTILE, "samenvatting": HOSTILE + "\n\n# Kop"}
    afspraak = data["afspraken"][0]
    afspraak["titel"] = HOSTILE
    afspraak["oplossing"] = "1. " + HOSTILE
    afspraak["resultaten"][0]["indicator"] = HOSTILE
    afspraak["mijlpalen"][0]["wat"] = HOSTILE
    data["regiobeeld"]["knelpunten"][0]["titel"] = HOSTILE
    data["begroting"]["posten"][0]["omschrijving"] = HOSTILE
    data["transformatieplannen"][0]["partijen"][0]["rol"] = HOSTILE
    content, diagnostics = validate_content(data, loaded.source_map, "lindeland")
    assert content is not None, diagnostics
    return content


def _texts(tokens: list[Token]) -> list[str]:
    """Plain text of every inline token (what a reader would see)."""
    out = []
    for token in tokens:
        if token.type == "inline":
            out.append("".join(c.content for c in token.children or [] if c.type == "text"))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_yaml_text_renders_literally(kind: str) -> None:
    content = _hostile_content()
    for doc in kinds.documents_for(kind, content):
        text = render(doc)
        tokens = parse(text)
        assert any(
            "{{ 7*7 }} | # kop {% if %} *vet* [^1] ::: landscape" in t for t in _texts(tokens)
        )
        # Every table row keeps its number of cells, no heading comes from the data, and
        # no footnote or container is opened by it.
        for table in tables(tokens):
            assert {len(row) for row in table.rows} == {len(table.rows[0])}
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert not any(h.strip().lower().startswith("kop") for h in headings)
        assert not any(t.type == "footnote_ref" and t.meta.get("label") == "1" for t in tokens)
        assert check_sections(tokens, doc.required, path="x", template="t") == []


def test_missing_fields_are_left_out_and_listed_once_as_open_punten(content: Content) -> None:
    """A concept with gaps: no "nog niet ingevuld" on every field, one list of open punten
    with the same findings ``check`` gives, at their place in the content."""
    afspraak = content.afspraken[0].model_copy(
        update={
            "trekker": None,
            "voortgang": None,
            "schaal": None,
            "resultaten": [],
            "partijen": [],
        }
    )
    regio = content.regio.model_copy(
        update={"vastgesteld": None, "samenvatting": None, "status": "concept"}
    )
    bare = content.model_copy(
        update={
            "afspraken": [afspraak, *content.afspraken[1:]],
            "regio": regio,
            "monitoring": None,
            "randvoorwaarden": [],
            "mandaatstructuur": None,
        }
    )
    findings = run_rules(bare, SourceMap(), "content/lindeland")
    docs = [
        d
        for kind in KINDS
        for d in kinds.documents_for(kind, bare, findings=findings, peildatum=PEILDATUM)
    ]
    for doc in docs:
        text = render(doc)
        assert check_sections(parse(text), doc.required, path="x", template="t") == []
        assert "nog niet ingevuld" not in text, doc.stem
    regioplan = render(
        kinds.documents_for("regioplan", bare, findings=findings, region_path="content/lindeland")[
            0
        ]
    )
    assert "{#samenvatting}" not in regioplan
    a1 = regioplan[regioplan.index("{#afspraak-a1}") : regioplan.index("{#afspraak-a2}")]
    assert "**Trekker:**" not in a1 and "**Voortgang.**" not in a1
    punten = regioplan[regioplan.index("{#open-punten}") : regioplan.index("# Ambitie")]
    rules = rules_by_id()
    wanted = [
        d
        for d in findings
        if d.severity is not Severity.INFO and "regioplan" in rules[d.code].kinds
    ]
    assert punten.count("\n- ") == len(wanted)
    assert "Afspraak A1 'Mentale gezondheid in de wijk' heeft geen resultaten *(" in punten
    assert "*(het plan als geheel)*" in punten  # monitoring: no place in the content


def test_example_has_no_open_punten(content: Content) -> None:
    doc = kinds.documents_for("regioplan", content, findings=[], region_path="x")[0]
    assert "{#open-punten}" not in render(doc)


def test_plan_without_exception_has_no_exception_sections(content: Content) -> None:
    docs = {d.stem: d for d in kinds.documents_for("transformatieplan", content)}
    t1, t2 = render(docs["transformatieplan-T1"]), render(docs["transformatieplan-T2"])
    assert "{#structurele-kosten-sociaal-domein}" in t1 and "{#continuiteit-na-2027}" in t1
    assert "{#structurele-kosten-sociaal-domein}" not in t2
    assert "| Waarvan eigen bijdrage gemeente | € 240.000,00 |" in t1
    assert "De gemeente betaalt zelf 25,0% van deze kosten." in t1


def test_werkagenda_sorted_by_date(content: Content) -> None:
    doc = kinds.documents_for("werkagenda", content)[0]
    planning = next(t for t in tables(parse(render(doc))) if t.rows[0][0] == "Wanneer")
    moments = [p.wanneer for p in doc.context["agenda"]]
    assert moments == sorted(moments)  # type: ignore[type-var]
    assert len(planning.rows) - 1 == len(moments)
    assert planning.rows[1][0] == "1e kwartaal 2024"


def test_post_without_soort_and_partly_toegekend(content: Content) -> None:
    from regiogen.model.content import Post

    begroting = content.begroting
    assert begroting is not None
    extra = Post(omschrijving="Onverdeeld", bedragen={2024: Decimal(1000)})
    changed = begroting.model_copy(
        update={"posten": [*begroting.posten, extra], "toegekend": {2024: Decimal(412000)}}
    )
    doc = kinds.documents_for("spuk-iza-bijlage", content.model_copy(update={"begroting": changed}))
    text = render(doc[0])
    assert "| Onverdeeld | Zonder aard | € 1.000,00 | € 0,00 | € 0,00 | € 1.000,00 |" in text
    assert "| Subtotaal zonder soort | | € 1.000,00 |" in text
    assert "| 2024 | € 413.000,00 | € 412.000,00 | € 1.000,00 | 0,2% | overschrijding |" in text
    assert "| 2025 | € 412.000,00 | — | — | — | nog niet toegekend |" in text
    assert "nog niet alle jaren toegekend |" in text


def test_structural_costs_and_eigen_bijdrage_per_year(content: Content) -> None:
    """Costs for the structural situation and an eigen bijdrage per year are shown; a cost line
    without amounts is named, not silently dropped."""
    plan = content.transformatieplannen[0]
    team = plan.kosten[1].model_copy(
        update={"omschrijving": "Team", "bedragen": {}, "structureel_per_jaar": Decimal(50000)}
    )
    leeg = plan.kosten[0].model_copy(update={"omschrijving": "Nog te ramen", "bedragen": {}})
    plan = plan.model_copy(
        update={
            "kosten": [*plan.kosten, team, leeg],
            "eigen_bijdrage_gemeente": {2026: Decimal(100000), 2027: Decimal(140000)},
        }
    )
    text = render(
        kinds.documents_for(
            "transformatieplan", content.model_copy(update={"transformatieplannen": [plan]})
        )[0]
    )
    assert "| Team | Structureel, sociaal domein | € 50.000,00 |" in text
    assert "Zonder bedrag: Nog te ramen." in text
    assert "| Waarvan eigen bijdrage gemeente | € 240.000,00 |" in text
    assert "Per jaar: 2026 € 100.000,00, 2027 € 140.000,00." in text


def test_every_initiatief_is_its_own_list_item(content: Content) -> None:
    records = [*content.opgaven, *content.afspraken, *content.fundamenten]
    names = [i.naam for r in records for i in r.initiatieven]
    assert len(names) >= 2  # the example has an afspraak with two
    for stem in _stems():  # every document of the example
        lines = _rendered(stem).splitlines()
        for name in names:
            shown = [line for line in lines if name in line]
            for line in shown:
                others = [n for n in names if n != name and n in line]
                assert not (line.startswith("- ") and others), (stem, line)


def test_werkagenda_counts_what_its_overview_shows(content: Content) -> None:
    text = render(kinds.documents_for("werkagenda", content)[0])
    said = re.search(r"met samen (\d+) mijlpalen en (\d+) resultaten", text)
    assert said is not None
    overview = text.split("# Overzicht", 1)[1].split("# Planning", 1)[0]
    rows = [r.split("|") for r in overview.splitlines() if re.match(r"\| A\d", r)]
    assert (int(said[1]), int(said[2])) == (
        sum(int(r[5]) for r in rows),
        sum(int(r[6]) for r in rows),
    )
    assert "| plan |" not in text and "| het plan |" in text
    extra = re.search(r"Daarnaast (staat|staan) er (\w+) (punt|punten) ", text)
    assert extra is not None and (extra[1] == "staat") == (extra[3] == "punt")


def test_a_plan_is_only_approved_once_its_approval_date_has_passed(content: Content) -> None:
    from dataclasses import replace

    plan = next(d for d in kinds.documents_for("transformatieplan", content))
    info = plan.context["document"]
    approval = next(p.goedkeuring for p in content.transformatieplannen if p.id == "T1")
    assert info.datum < approval  # the example: dated before the intended approval
    text = render(plan)
    assert "is goedgekeurd" not in text
    assert "De beoogde datum van goedkeuring is" in text
    assert "Het plan wordt ter goedkeuring voorgelegd aan Zorgverzekeraar Noordstroom" in text
    later = replace(plan, context=plan.context | {"document": replace(info, datum=approval)})
    text = render(later)
    assert "Het plan is goedgekeurd op 30 november 2024." in text
    assert "Het plan is goedgekeurd door Zorgverzekeraar Noordstroom" in text
    undated = replace(plan, context=plan.context | {"document": replace(info, datum=None)})
    text = render(undated)  # no date of its own: neither approved nor planned is claimed
    assert "Het plan is goedgekeurd" not in text and "beoogde" not in text
    assert "ter goedkeuring voorgelegd" not in text
    assert "De datum van goedkeuring in het plan is 30 november 2024." in text
    assert "De goedkeuring ligt bij Zorgverzekeraar Noordstroom" in text


def test_a_document_rendered_twice_numbers_its_figures_from_one_each_time() -> None:
    """The same planned document rendered again (a preview round, another test before this
    one) starts at "Figuur 1" again; it went on at "Figuur 3"."""
    doc = _example_documents()["regioplan"]
    first, second = render(doc), render(doc)
    assert "Figuur 1." in first and first == second
