"""The voortgang charts drawn without a plotting library: SVG and native Word chart from one spec.

A chart of measurements (nulmeting, streefwaarde, peildatum) and the timeline of the
mijlpalen: what each drawing shows, that the spec rides along in the SVG and comes back
unchanged (and that nothing else comes back from a tampered SVG), and the same bytes for the
same spec.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from html import escape

import pytest
from conftest import PYTHON

from regiogen.model.content import Content
from regiogen.model.voortgang import mijlpalen, resultaten
from regiogen.render.chart_svg import spec_from_svg
from regiogen.render.docx.voortgang_chart_part import (
    metingen_part_xml,
    tijdlijn_part_xml,
    tijdlijn_size,
)
from regiogen.render.voortgang_charts import (
    Balk,
    Lijn,
    MetingenSpec,
    TijdlijnSpec,
    meting_axis,
    metingen_spec,
    peil_positie,
    tijdlijn_spec,
    voortgang_to_json,
)
from regiogen.render.voortgang_svg import metingen_svg, tijdlijn_svg

PEILDATUM = date(2025, 1, 31)

WACHTTIJD = MetingenSpec(
    ((date(2024, 6, 30), Decimal("13")), (date(2024, 12, 31), Decimal("11"))),
    Lijn("nulmeting 14 weken", Decimal("14")),
    Lijn("streefwaarde 8 weken (dec 2025)", Decimal("8")),
    PEILDATUM,
    "weken",
)
TIJDLIJN = TijdlijnSpec(
    ("2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"),
    (
        Balk("A1: Steunpunt open", 0, "gehaald"),
        Balk("A6: Flexpool operationeel", 1, "vertraagd", 3),
        Balk("T1: Alle steunpunten open", 3, "gepland"),
    ),
    PEILDATUM,
    (("gehaald", "gehaald"), ("vertraagd", "vertraagd"), ("gepland", "gepland")),
)


def test_the_example_gives_a_chart_per_result_with_measurements_and_one_timeline(
    example_content: Content,
) -> None:
    standen = resultaten(example_content, PEILDATUM)
    stand = next(s for s in standen if s.resultaat.indicator.startswith("Gemiddelde wachttijd"))
    assert metingen_spec(stand, PEILDATUM) == WACHTTIJD
    timeline = tijdlijn_spec(mijlpalen(example_content, PEILDATUM), PEILDATUM)
    delayed = [b for b in timeline.balken if b.stand == "vertraagd"]
    assert [(b.label, timeline.kwartalen[b.kwartaal]) for b in delayed] == [
        ("A6: Flexpool operationeel", "2024-Q4")
    ]
    assert delayed[0].verwacht is not None and timeline.kwartalen[delayed[0].verwacht] == "2025-Q2"
    assert all(len(b.label) <= 46 for b in timeline.balken)  # "A1: " and 42 characters
    assert timeline.standen == (("gehaald", "gehaald"), ("vertraagd", "vertraagd"),
                                ("gepland", "gepland"))  # fmt: skip


@pytest.mark.parametrize("spec", [WACHTTIJD, TIJDLIJN], ids=["metingen", "tijdlijn"])
def test_the_svg_carries_its_spec_and_the_same_spec_gives_the_same_bytes(
    spec: MetingenSpec | TijdlijnSpec,
) -> None:
    draw = metingen_svg if isinstance(spec, MetingenSpec) else tijdlijn_svg
    svg = draw(spec)  # type: ignore[arg-type]
    assert svg == draw(spec)  # type: ignore[arg-type]
    assert spec_from_svg(svg) == spec
    other = draw(type(spec)(**{**spec.__dict__, "peildatum": date(2025, 6, 30)}))  # type: ignore[arg-type]
    assert other != svg and spec_from_svg(other) != spec


def test_the_chart_of_measurements_shows_values_lines_and_peildatum() -> None:
    svg = metingen_svg(WACHTTIJD).decode("utf-8")
    for text in ("nulmeting 14 weken", "streefwaarde 8 weken (dec 2025)", "peildatum",
                 ">13<", ">11<", ">jun 2024<", ">dec 2024<", ">weken<"):  # fmt: skip
        assert text in svg, text
    assert 'stroke-dasharray="10 6"' in svg  # the nulmeting dashed
    assert svg.count("<circle") == 2


def test_a_count_does_not_go_below_zero_but_a_negative_value_does() -> None:
    count = MetingenSpec(((date(2024, 12, 31), Decimal(60)),), Lijn("nulmeting 0", Decimal(0)),
                         Lijn("streefwaarde 150", Decimal(150)), PEILDATUM, None)  # fmt: skip
    assert meting_axis(count).laag == 0 and meting_axis(count).hoog >= 150
    saldo = MetingenSpec(((date(2024, 12, 31), Decimal(-3)),), None, None, PEILDATUM, None)
    assert meting_axis(saldo).laag < -3


def test_the_timeline_shows_states_the_new_quarter_and_the_peildatum() -> None:
    svg = tijdlijn_svg(TIJDLIJN).decode("utf-8")
    for text in ("gehaald", "vertraagd", "gepland", "nieuw verwacht", "peildatum 31 januari 2025",
                 "A6: Flexpool operationeel", ">Q3<", ">2024<", ">2025<"):  # fmt: skip
        assert text in svg, text
    assert 'marker-end="url(#pijl)"' in svg  # the delayed one points to its new quarter
    assert peil_positie(TIJDLIJN) == pytest.approx(2 + 30 / 90)
    later = TijdlijnSpec(TIJDLIJN.kwartalen, TIJDLIJN.balken, date(2026, 3, 1), TIJDLIJN.standen)
    assert peil_positie(later) is None and ">peildatum" not in tijdlijn_svg(later).decode()


def test_the_word_chart_of_measurements_has_its_series_and_days() -> None:
    part = metingen_part_xml(WACHTTIJD).decode("utf-8")
    assert "<c:scatterChart>" in part
    names = re.findall(r"<c:tx><c:v>([^<]*)</c:v></c:tx>", part)
    assert names == ["peildatum 31 januari 2025", "nulmeting 14 weken",
                     "streefwaarde 8 weken (dec 2025)", "meting"]  # fmt: skip
    xvals = r'<c:xVal><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="(\d+)"/>'
    counts = [int(n) for n in re.findall(xvals, part)]
    assert counts[0] == max(counts)  # LibreOffice drops a first series that has fewer points
    assert "<c:v>45473</c:v>" in part and "<c:v>45657</c:v>" in part  # 30 June, 31 Dec 2024
    assert "<c:v>45688</c:v>" in part  # the peildatum, 31 January 2025
    assert '<c:showVal val="1"/>' in part and 'formatCode="[$-413]mmm yyyy"' in part


def test_the_word_timeline_counts_in_years_with_a_row_for_the_peildatum() -> None:
    part = tijdlijn_part_xml(TIJDLIJN).decode("utf-8")
    assert '<c:barDir val="bar"/><c:grouping val="stacked"/>' in part
    rows = re.findall(r'<c:strLit><c:ptCount val="(\d+)"/>', part)
    assert set(rows) == {"4"}  # the peildatum and three mijlpalen
    assert "<c:v>peildatum 31 januari 2025</c:v>" in part
    assert '<c:min val="2024"/>' in part and '<c:max val="2026"/>' in part
    assert '<c:majorUnit val="1"/><c:minorUnit val="0.25"/>' in part
    # the delayed one: its bar from Q4 2024, an open dashed bar in Q2 2025
    assert '<c:pt idx="2"><c:v>2024.775</c:v></c:pt>' in part  # 2024.75 + 0.1 of a quarter
    assert "<c:v>nieuw verwacht</c:v>" in part and '<a:prstDash val="dash"/>' in part
    names = re.findall(r"<c:tx><c:v>([^<]*)</c:v></c:tx>", part)
    assert names == ["\u00a0", "gehaald", "vertraagd", "gepland", "\u00a0", "nieuw verwacht",
                     "peildatum"]  # fmt: skip
    wider = TijdlijnSpec(TIJDLIJN.kwartalen, TIJDLIJN.balken * 4, PEILDATUM, TIJDLIJN.standen)
    assert tijdlijn_size(wider)[1] > tijdlijn_size(TIJDLIJN)[1]
    many = TijdlijnSpec(TIJDLIJN.kwartalen, TIJDLIJN.balken * 40, PEILDATUM, TIJDLIJN.standen)
    assert tijdlijn_size(many)[1] == 22 * 360000  # never taller than a page holds
    # every row keeps its label: none skipped, smaller type when the rows get thin
    assert '<c:tickLblSkip val="1"/>' in part and '<a:defRPr sz="800"/>' in part
    assert '<a:defRPr sz="500"/>' in tijdlijn_part_xml(many).decode("utf-8")  # 121 rows


def _svg_with(data: object) -> bytes:
    text = escape(json.dumps(data), quote=False)
    head = '<svg xmlns="http://www.w3.org/2000/svg"><metadata id="regiogen-grafiek">'
    return f"{head}{text}</metadata></svg>".encode()


@pytest.mark.parametrize(
    "change",
    [
        {"balken": [["x", 9, "gehaald", None]]},  # a quarter that is not there
        {"balken": [["x", 0, "onbekend", None]]},  # a state without a colour
        {"balken": [["x", 0, "vertraagd", 7]]},
        {"balken": [["x", True, "gehaald", None]]},
        {"kwartalen": ["2024-Q5"]},
        {"kwartalen": ["2024", "2024-Q4", "2025-Q1", "2025-Q2"]},  # a year is no quarter
        {"balken": [["x", 2, "vertraagd", 1]]},  # now expected before it was due
        {"kwartalen": []},
        {"peildatum": "31-01-2025"},
        {"balken": [["x" * 5000, 0, "gehaald", None]]},
        {"balken": [["x", 0, "gehaald", None]] * 301},
        {"standen": [["gehaald", "gehaald"]]},  # a bar whose state the legend lacks
        {"standen": [["onbekend", "x"]]},
    ],
)
def test_a_tampered_timeline_spec_is_no_chart(change: dict[str, object]) -> None:
    data = json.loads(voortgang_to_json(TIJDLIJN)) | change
    assert spec_from_svg(_svg_with(data)) is None


@pytest.mark.parametrize(
    "change",
    [
        {"punten": []},
        {"punten": [["2024-06-30", "NaN"]]},
        {"punten": [["2024-06-30", "1e20"]]},
        {"punten": [["2024-13-30", "1"]]},
        {"nul": ["nulmeting", "veel"]},
        {"streef": "8"},
        {"eenheid": 8},
        {"punten": [["2024-06-30", "1"]] * 501},
    ],
)
def test_a_tampered_measurement_spec_is_no_chart(change: dict[str, object]) -> None:
    data = json.loads(voortgang_to_json(WACHTTIJD)) | change
    assert spec_from_svg(_svg_with(data)) is None
    assert spec_from_svg(_svg_with(json.loads(voortgang_to_json(WACHTTIJD)))) == WACHTTIJD


def test_render_imports_no_model_for_a_voortgang_chart() -> None:
    """Reading a chart back (``regiogen render`` of built Markdown) needs no pydantic: the
    spec carries its legend, and the model is imported only where a spec is made from it."""
    import subprocess

    code = (
        "import sys; from regiogen.render.chart_svg import spec_from_svg; "
        "from regiogen.render.docx.chart_part import chart_part_xml; "
        f"assert spec_from_svg({tijdlijn_svg(TIJDLIJN)!r}) is not None; "
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'regiogen.model'))))"
    )
    out = subprocess.run([*PYTHON, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("peildatum", "marked"), [(PEILDATUM, True), (date(2031, 1, 1), False)])
def test_the_text_says_the_peildatum_is_marked_only_when_the_timeline_shows_it(
    example_content: Content, peildatum: date, marked: bool
) -> None:
    from regiogen.documents.voortgang import voortgang_context

    context = voortgang_context(example_content, peildatum, "lindeland/voortgangsrapportage")
    assert context["peildatum_in_tijdlijn"] is marked
    spec = tijdlijn_spec(context["mijlpaal_standen"], peildatum)
    assert (peil_positie(spec) is not None) is marked
