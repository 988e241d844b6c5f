"""Series and charts: values as people write them, CSV exports, charts in every format.

* ``parse_meetwaarde`` reads Dutch and English decimals and refuses what is ambiguous;
* a CSV export (CBS/Vektis/GGD shape) fills an indicator's ``reeks``; every problem names
  the CSV file and line (and column where it is a cell);
* a chart is SVG next to the Markdown and in the HTML, a native chart in Word, the same bytes
  every time, with the same value axis in both; the SVG carries its spec, so ``regiogen
  render`` of the Markdown makes the Word chart again;
* a document with a series has a numbered figure with alt text in Word and HTML, and two
  builds give the same bytes.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from regiogen.cli.main import cli
from regiogen.documents.figures import Figuren
from regiogen.model.content import Indicator
from regiogen.render.chart_svg import chart_svg, spec_from_svg
from regiogen.render.charts import ChartSpec, Reeks, value_axis
from regiogen.render.docx.chart_part import chart_part_xml
from regiogen.source.csv_series import merge_csv_series
from regiogen.source.load import Position, SourceMap
from regiogen.source.numbers import NumberError, format_getal, parse_meetwaarde

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("-3,25", "-3.25"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("23%", "23"),
        (" 7 ", "7"),
    ],
)
def test_meetwaarde(text: str, value: str) -> None:
    assert parse_meetwaarde(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.234", "twaalf", "12,5,6", ""])
def test_meetwaarde_refused(text: str) -> None:
    with pytest.raises(NumberError):
        parse_meetwaarde(text)


def test_format_getal() -> None:
    assert format_getal(Decimal("12.5")) == "12,5"
    assert format_getal(Decimal("12345")) == "12.345"
    assert format_getal(Decimal("23"), "%") == "23%"
    assert format_getal(Decimal("14.0"), "weken") == "14,0 weken"


CSV = (
    "Regio;Perioden;Wachttijd (weken)\n"
    "Lindeland;2020JJ00;10,5\n"
    "Nederland;2020JJ00;9\n"
    "Lindeland;2021JJ00;12\n"
    "Lindeland;2022JJ00;.\n"
)


def _merge(
    tmp_path: Path, text: str, **record: object
) -> tuple[dict[str, object], SourceMap, list[str]]:
    region = tmp_path / "content" / "r"
    (region / "data").mkdir(parents=True)
    (region / "data" / "w.csv").write_text(text, "utf-8")
    indicator: dict[str, object] = {"naam": "Wachttijd", "csv": "data/w.csv"} | record
    data = {"regiobeeld": {"knelpunten": [{"indicatoren": [indicator]}]}}
    source_map = SourceMap()
    source_map.values[("regiobeeld", "knelpunten", 0, "indicatoren", 0, "csv")] = Position(
        "content/r/regiobeeld.yaml", 9, 12
    )
    result = merge_csv_series(data, source_map, region, tmp_path)
    return indicator, source_map, [d.format() for d in result.diagnostics]


def test_csv_fills_the_series_with_positions(tmp_path: Path) -> None:
    indicator, source_map, found = _merge(
        tmp_path, CSV, kolom="Wachttijd (weken)", filter={"Regio": "Lindeland"}
    )
    assert found == []
    assert indicator["reeks"] == {"2020": "10,5", "2021": "12"}  # '.' is a missing value
    where = source_map.values[("regiobeeld", "knelpunten", 0, "indicatoren", 0, "reeks", "2021")]
    assert (where.path, where.line, where.col) == ("content/r/data/w.csv", 4, 3)
    assert Indicator.model_validate(indicator).reeks == {2020: Decimal("10.5"), 2021: Decimal(12)}


@pytest.mark.parametrize(
    ("text", "record", "expected"),
    [
        (
            CSV,
            {"kolom": "Wachttijd"},
            "content/r/data/w.csv:1: error[csv.column]: kolom 'Wachttijd' staat niet in de kopregel",  # noqa: E501
        ),
        (
            CSV,
            {"kolom": "Wachttijd (weken)"},
            "content/r/data/w.csv:3: error[csv.value]: jaar 2020 staat twee keer",
        ),
        (
            CSV.replace("12\n", "twaalf\n"),
            {"kolom": "Wachttijd (weken)", "filter": {"Regio": "Lindeland"}},
            "content/r/data/w.csv:4:3: error[csv.value]: 'twaalf' is geen getal",
        ),
        (
            CSV.replace("2021JJ00", "vorig jaar"),
            {"kolom": "Wachttijd (weken)", "filter": {"Regio": "Lindeland"}},
            "content/r/data/w.csv:4:2: error[csv.value]: 'vorig jaar'",
        ),
        (CSV, {}, "content/r/regiobeeld.yaml:9:12: error[csv.column]: noem met 'kolom:'"),
        (
            CSV,
            {"csv": "../../elders.csv", "kolom": "x"},
            "content/r/regiobeeld.yaml:9:12: error[io.outside-project]",
        ),
        (
            CSV,
            {"csv": "data/weg.csv", "kolom": "x"},
            "content/r/regiobeeld.yaml:9:12: error[io.not-found]",
        ),
        (
            CSV,
            {"kolom": "x", "reeks": {"2020": "1"}},
            "content/r/regiobeeld.yaml:9:12: error[schema.value]: geef de reeks in 'reeks' óf",
        ),
    ],
)
def test_csv_problems_are_positioned(
    tmp_path: Path, text: str, record: dict[str, object], expected: str
) -> None:
    _indicator, _map, found = _merge(tmp_path, text, **record)
    assert any(line.startswith(expected) for line in found), found


_WACHTTIJD = ChartSpec(
    (Reeks("Wachttijd", ((2020, Decimal("10.5")), (2021, Decimal(12)), (2023, Decimal(14)))),),
    "lijn",
    "weken",
)


def test_chart_bytes_are_reproducible_and_the_svg_carries_its_spec() -> None:
    first, second = chart_svg(_WACHTTIJD), chart_svg(_WACHTTIJD)
    assert first == second and first.startswith(b"<?xml") and b"<svg" in first
    assert spec_from_svg(first) == _WACHTTIJD
    bars = chart_svg(ChartSpec(_WACHTTIJD.reeksen, "staaf"))
    assert bars != first and bars == chart_svg(ChartSpec(_WACHTTIJD.reeksen, "staaf"))
    assert spec_from_svg(bars) == ChartSpec(_WACHTTIJD.reeksen, "staaf")
    assert chart_part_xml(_WACHTTIJD) == chart_part_xml(_WACHTTIJD)
    odd = ChartSpec((Reeks('Zorg & "welzijn" <2>', _WACHTTIJD.reeksen[0].punten),), "lijn", "<%>")
    assert spec_from_svg(chart_svg(odd)) == odd  # escaped in the SVG, read back as it was


def test_svg_and_word_chart_show_the_same_dutch_axis_and_every_year() -> None:
    axis = value_axis(_WACHTTIJD)
    assert (axis.laag, axis.hoog, axis.stap) == (0, 14, 2)
    svg = chart_svg(_WACHTTIJD).decode("utf-8")
    labels = re.findall(r'text-anchor="end" fill="#444444">([^<]+)<', svg)
    assert labels == ["0", "2", "4", "6", "8", "10", "12", "14"]
    assert re.findall(r'text-anchor="middle" fill="#444444">(\d+)<', svg) == [
        "2020",
        "2021",
        "2022",
        "2023",
    ]  # 2022 has no value: a gap, still on the axis
    part = chart_part_xml(_WACHTTIJD).decode("utf-8")
    assert '<c:max val="14"/><c:min val="0"/>' in part and '<c:majorUnit val="2"/>' in part
    assert '<c:ptCount val="4"/>' in part and "<c:v>2022</c:v>" in part
    assert '<c:pt idx="3"><c:v>14</c:v></c:pt>' in part  # 2023 is the fourth category
    # the line runs on over the gap in both drawings, as it did with matplotlib
    assert '<c:dispBlanksAs val="span"/>' in part
    assert len(re.findall(r"<polyline ", svg)) == 1
    assert 'formatCode="[$-413]#,##0"' in part  # Dutch separators, whatever the locale
    big = ChartSpec((Reeks("Fte", ((2023, Decimal(880)), (2030, Decimal("1150.5")))),))
    svg_big = chart_svg(big).decode("utf-8")
    assert ">1.200<" in svg_big and ">1,200<" not in svg_big
    small = value_axis(ChartSpec((Reeks("x", ((2020, Decimal("0.2")), (2021, Decimal("0.9")))),)))
    assert (small.stap, small.decimals()) == (Decimal("0.2"), 1)


def test_a_foreign_or_broken_svg_is_no_chart() -> None:
    assert spec_from_svg(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>") is None
    svg = chart_svg(_WACHTTIJD)
    assert spec_from_svg(svg.replace(b'"soort":"lijn"', b'"soort":"taart"')) is None
    assert spec_from_svg(svg.replace(b"[2020,", b"[1066,")) is None
    assert spec_from_svg(svg.replace(b'"10.5"', b'"NaN"')) is None
    assert spec_from_svg(b"\x89PNG\r\n\x1a\n") is None


def test_figures_are_numbered_in_the_order_asked_with_sources_in_the_caption() -> None:
    figuren = Figuren("regiobeeld")
    een = Indicator(naam="Eén waarde", waarde="3")
    reeks = Indicator.model_validate(
        {
            "naam": "Wachttijd",
            "bron": "Vektis",
            "jaar": "2022",
            "eenheid": "weken",
            "reeks": {"2020": "10,5", "2022": "14"},
        }
    )
    assert figuren(een) is None  # nothing to draw: not counted
    figuur = figuren(reeks)
    assert figuur is not None and figuur.nummer == 1 and figuur.src == "regiobeeld-figuur-1.svg"
    assert figuur.bijschrift == (
        "Figuur 1. Wachttijd (weken), 2020–2022: van 10,5 in 2020 naar 14 in 2022. "
        "Bron: Vektis (2022)."
    )
    tweede = figuren(reeks, titel="Nog eens")
    assert tweede is not None and tweede.nummer == 2


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content" / "lindeland", root / "content" / "lindeland")
    return root


def _build(root: Path, out: str) -> Path:
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(root),
            "--out",
            str(root / out),
            "--doc",
            "regioplan",
            "--to",
            "md",
            "--to",
            "docx",
            "--to",
            "html",
            "--no-git-stamp",
        ],
    )
    assert result.exit_code == 0, result.output
    return root / out / "lindeland"


def test_regioplan_has_numbered_charts_with_alt_text_in_word_and_html(project: Path) -> None:
    folder = _build(project, "build")
    markdown = (folder / "regioplan.md").read_text("utf-8")
    assert "![Figuur 1. Gemiddelde wachttijd tot intake basis-ggz (weken), 2018–2022" in markdown
    assert "](regioplan-figuur-1.svg)" in markdown
    assert spec_from_svg((folder / "regioplan-figuur-1.svg").read_bytes()) is not None
    with zipfile.ZipFile(folder / "regioplan.docx") as docx:
        names = docx.namelist()
        body = docx.read("word/document.xml").decode("utf-8")
        types = docx.read("[Content_Types].xml").decode("utf-8")
        rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
        chart = docx.read("word/charts/chart1.xml").decode("utf-8")
    assert [n for n in names if n.startswith("word/charts/")] == [
        "word/charts/chart1.xml",
        "word/charts/chart2.xml",
    ]
    assert not [n for n in names if n.startswith("word/media/")]  # charts, not pictures
    assert types.count("drawingml.chart+xml") == 2 and rels.count("/relationships/chart") == 2
    assert "<c:v>8.5</c:v>" in chart and "<c:lineChart>" in chart
    assert re.search(r'<wp:docPr [^>]*descr="Figuur 1\. Gemiddelde wachttijd', body)
    assert body.count("<c:chart ") == 2
    assert "Figuur 2. Openstaande vacatures VVT" in body  # the caption paragraph
    page = (folder / "regioplan.html").read_text("utf-8")
    assert '<figure><img src="data:image/svg+xml;base64,' in page
    assert "<figcaption>Figuur 1. Gemiddelde wachttijd" in page


def test_two_builds_give_the_same_bytes(project: Path) -> None:
    first = _build(project, "een")
    second = _build(project, "twee")
    for name in (
        "regioplan.docx",
        "regioplan.html",
        "regioplan-figuur-1.svg",
        "regioplan-figuur-2.svg",
    ):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_render_of_the_built_markdown_makes_the_word_and_html_charts_again(
    project: Path,
) -> None:
    folder = _build(project, "build")
    built = zipfile.ZipFile(folder / "regioplan.docx").read("word/charts/chart2.xml")
    for suffix in ("docx", "html"):
        out = project / f"again.{suffix}"
        result = CliRunner().invoke(cli, ["render", str(folder / "regioplan.md"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "geen PNG" not in result.output
    assert zipfile.ZipFile(project / "again.docx").read("word/charts/chart2.xml") == built
    assert (project / "again.html").read_text("utf-8").count("data:image/svg+xml;base64,") == 2


def test_a_changed_csv_file_rebuilds_the_region(project: Path) -> None:
    folder = _build(project, "build")
    before = (folder / "regioplan-figuur-1.svg").read_bytes()
    csv_file = project / "content" / "lindeland" / "data" / "wachttijden-ggz.csv"
    csv_file.write_text(csv_file.read_text("utf-8").replace(";14,0;", ";16,0;"), "utf-8")
    _build(project, "build")
    assert (folder / "regioplan-figuur-1.svg").read_bytes() != before
    assert "naar 16,0 in 2022" in (folder / "regioplan.md").read_text("utf-8")


def test_every_example_kind_has_its_figures(project: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(project),
            "--to",
            "md",
            "--no-git-stamp",
            "--doc",
            "regiobeeld",
            "--doc",
            "gala-plan-van-aanpak",
        ],
    )
    assert result.exit_code == 0, result.output
    folder = project / "build" / "lindeland"
    regiobeeld = (folder / "regiobeeld.md").read_text("utf-8")
    numbers = re.findall(r"!\[Figuur (\d+)\.", regiobeeld)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) == 6
    assert "(fte), 2023–2030: benodigde fte wijkverpleging van 880 in 2023" in regiobeeld
    gala = (folder / "gala-plan-van-aanpak-beekveld.md").read_text("utf-8")
    assert "![Figuur 1. Kinderen van 4-12 jaar met overgewicht" in gala
    assert (folder / "gala-plan-van-aanpak-beekveld-figuur-1.svg").is_file()


def test_the_timeline_names_each_year_once_under_its_first_quarter() -> None:
    from regiogen.render.voortgang_charts import kwartaal_labels

    quarters = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2026-Q1"]
    assert kwartaal_labels(quarters) == ["Q3\n2024", "Q4", "Q1\n2025", "Q2", "Q1\n2026"]
