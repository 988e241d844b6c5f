"""Excel: posten from a user's workbook (with cell positions) and the begroting as workbook."""

from __future__ import annotations

import io
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from regiogen.model.content import Content
from regiogen.model.validate import validate_content
from regiogen.render.xlsx import begroting_to_xlsx
from regiogen.source.excel import read_begroting_xlsx
from regiogen.source.excel_merge import merge_xlsx_posten
from regiogen.source.load import load_region

REPO = Path(__file__).resolve().parent.parent
JAREN = [2024, 2025, 2026]


def _example() -> Content:
    loaded = load_region(REPO / "content" / "lindeland", REPO)
    content, diagnostics = validate_content(loaded.data, loaded.source_map, "content/lindeland")
    assert content is not None, diagnostics
    return content


def _user_workbook(path: Path, rows: list[list[Any]], title: str = "Blad1") -> Path:
    """A workbook as a user types it: a title line, a header row, data rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["Begroting Regio Lindeland"])
    sheet.append([])
    sheet.append(["omschrijving", "SOORT", "Aard", "Opmerking", 2024, "2025", 2026, "Totaal"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_round_trip_keeps_every_amount(tmp_path: Path) -> None:
    content = _example()
    path = tmp_path / "begroting.xlsx"
    path.write_bytes(begroting_to_xlsx(content))
    posten, diagnostics = read_begroting_xlsx(path, "begroting.xlsx", JAREN)
    assert diagnostics == []
    assert content.begroting is not None
    assert len(posten) == len(content.begroting.posten)
    for read, post in zip(posten, content.begroting.posten, strict=True):
        assert read["omschrijving"] == post.omschrijving
        assert read["soort"] == post.soort and read["aard"] == post.aard
        assert read.get("afspraak") == post.afspraak and read.get("id") == post.id
        assert {int(j): Decimal(v) for j, v in read["bedragen"].items()} == post.bedragen
    assert posten[4]["bedragen"]["2026"] == "85500.50"


def test_user_workbook_with_float_text_and_a_bad_cell(tmp_path: Path) -> None:
    path = _user_workbook(
        tmp_path / "begroting.xlsx",
        [
            [
                "Programmacoördinatie",
                "Coördinatie",
                "structureel",
                "1 fte",
                118000,
                121000,
                124000,
                "=SUM(E4:G4)",
            ],
            ["Leefstijl", "uitvoering", "Structureel", None, 40000, "€ 80.000,25", 85500.5],
            [None, None, None, None, None, None, None],
            ["Dashboard", "coordinatie", "incidenteel", None, 6000, "twaalfduizend", 5000],
            ["Totaal", None, None, None, "=SUM(E4:E7)", "=SUM(F4:F7)", "=SUM(G4:G7)"],
        ],
    )
    display = "content/lindeland/begroting.xlsx"
    posten, diagnostics = read_begroting_xlsx(path, display, JAREN)
    assert [p["omschrijving"] for p in posten] == ["Programmacoördinatie", "Leefstijl", "Dashboard"]
    assert posten[0]["soort"] == "coordinatie"
    assert posten[1]["aard"] == "structureel"
    assert posten[0]["bedragen"] == {"2024": "118000", "2025": "121000", "2026": "124000"}
    assert posten[1]["bedragen"] == {"2024": "40000", "2025": "€ 80.000,25", "2026": "85500.50"}
    assert posten[2]["bedragen"] == {"2024": "6000", "2026": "5000"}
    assert "opmerking" not in posten[0]
    (bad,) = diagnostics
    assert bad.code == "schema.money"
    assert (bad.path, bad.line, bad.col) == (display, 7, 6)
    assert bad.message.startswith("Blad1!F7: ")
    assert "twaalfduizend" in bad.message
    assert bad.format().startswith("content/lindeland/begroting.xlsx:7:6: error[schema.money]")


def test_formula_without_cached_value_asks_to_save_in_excel(tmp_path: Path) -> None:
    path = _user_workbook(
        tmp_path / "b.xlsx", [["Post", "uitvoering", "incidenteel", None, "=1000*2", 10, 10]]
    )
    _, diagnostics = read_begroting_xlsx(path, "b.xlsx", JAREN)
    (diag,) = diagnostics
    assert diag.code == "io.unreadable"
    assert diag.message.startswith("Blad1!E4: formule =1000*2")
    assert "sla het op" in diag.message


def test_cents_are_never_lost_or_invented(tmp_path: Path) -> None:
    path = _user_workbook(
        tmp_path / "b.xlsx",
        [
            ["A", None, None, None, 0.1 + 0.2, 1234.567, -12.5],
            ["B", None, None, None, 1e15, 0, True],
        ],
    )
    posten, diagnostics = read_begroting_xlsx(path, "b.xlsx", JAREN)
    assert posten[0]["bedragen"] == {"2024": "0.30", "2026": "-12.50"}
    assert posten[1]["bedragen"] == {"2024": "1000000000000000", "2025": "0"}
    assert [(d.line, d.col) for d in diagnostics] == [(4, 6), (5, 7)]
    assert "meer dan twee decimalen" in diagnostics[0].message
    assert "AFRONDEN" in diagnostics[0].message
    assert "ja/nee" in diagnostics[1].message


def test_sheet_name_with_space_is_quoted(tmp_path: Path) -> None:
    path = _user_workbook(tmp_path / "b.xlsx", [["A", None, None, None, "x"]], "Mijn begroting")
    _, diagnostics = read_begroting_xlsx(path, "b.xlsx", [2024])
    assert diagnostics[0].message.startswith("'Mijn begroting'!E4: ")


def test_missing_header_and_bad_files(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Naam", "Bedrag"])
    book.save(tmp_path / "geen-kop.xlsx")
    _, diagnostics = read_begroting_xlsx(tmp_path / "geen-kop.xlsx", "geen-kop.xlsx", JAREN)
    assert [d.code for d in diagnostics] == ["schema.missing"]
    assert "Omschrijving" in diagnostics[0].message

    (tmp_path / "kapot.xlsx").write_bytes(b"geen zip")
    _, diagnostics = read_begroting_xlsx(tmp_path / "kapot.xlsx", "kapot.xlsx", JAREN)
    assert [d.code for d in diagnostics] == ["io.unreadable"]

    (tmp_path / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    _, diagnostics = read_begroting_xlsx(tmp_path / "oud.xls", "oud.xls", JAREN)
    assert "Excel-werkmap (.xlsx)" in diagnostics[0].message


def test_missing_year_column_warns(tmp_path: Path) -> None:
    path = _user_workbook(tmp_path / "b.xlsx", [["A", None, None, None, 1, 2, 3]])
    _, diagnostics = read_begroting_xlsx(path, "b.xlsx", [2024, 2025, 2026, 2027])
    assert [(d.severity, d.code) for d in diagnostics] == [("warning", "schema.missing")]
    assert "2027" in diagnostics[0].message


# --- merge into region loading -------------------------------------------------------------


def _xlsx_region(project: Path, begroting_yaml: str) -> Path:
    region = project / "content" / "lindeland"
    (region / "begroting.yaml").write_text(begroting_yaml, encoding="utf-8")
    return region


BEGROTING_YAML = """\
begroting:
  jaren: [2024, 2025, 2026]
  toegekend: {2024: "412000", 2025: "412000", 2026: "412000"}
  xlsx: begroting.xlsx
"""


def test_merge_fills_posten_and_points_model_errors_at_cells(project: Path) -> None:
    region = _xlsx_region(project, BEGROTING_YAML)
    _user_workbook(
        region / "begroting.xlsx",
        [
            ["Coördinatie", "coordinatie", "structureel", None, 1000, 2000, 3000],
            ["Uitvoering", "onbekend", "incidenteel", None, 10, 20, 30.25],
        ],
    )
    loaded = load_region(region, project)
    diagnostics = merge_xlsx_posten(loaded.data, loaded.source_map, region, project)
    assert diagnostics == []
    posten = loaded.data["begroting"]["posten"]
    assert posten[1]["bedragen"]["2026"] == "30.25"
    content, found = validate_content(loaded.data, loaded.source_map, "content/lindeland")
    assert content is None
    (diag,) = found
    assert diag.code == "schema.value"
    assert (diag.path, diag.line, diag.col) == ("content/lindeland/begroting.xlsx", 5, 2)

    posten[1]["soort"] = "uitvoering"
    content, found = validate_content(loaded.data, loaded.source_map, "content/lindeland")
    assert content is not None and content.begroting is not None
    assert content.begroting.posten[1].bedragen[2026] == Decimal("30.25")


@pytest.mark.parametrize("name", ["../begroting.xlsx", "/tmp/begroting.xlsx", "../../x.xlsx"])
def test_merge_refuses_paths_outside_the_region(project: Path, name: str) -> None:
    region = _xlsx_region(project, BEGROTING_YAML.replace("begroting.xlsx", name))
    loaded = load_region(region, project)
    diagnostics = merge_xlsx_posten(loaded.data, loaded.source_map, region, project)
    assert [d.code for d in diagnostics] == ["io.outside-project"]
    assert (diagnostics[0].path, diagnostics[0].line) == ("content/lindeland/begroting.yaml", 4)


def test_merge_refuses_posten_and_xlsx_together(project: Path) -> None:
    region = project / "content" / "lindeland"
    text = (region / "begroting.yaml").read_text(encoding="utf-8")
    (region / "begroting.yaml").write_text(
        text.replace("  jaren:", "  xlsx: begroting.xlsx\n  jaren:"), encoding="utf-8"
    )
    loaded = load_region(region, project)
    diagnostics = merge_xlsx_posten(loaded.data, loaded.source_map, region, project)
    assert [d.code for d in diagnostics] == ["schema.value"]


def test_merge_missing_file_and_no_xlsx(project: Path) -> None:
    region = _xlsx_region(project, BEGROTING_YAML)
    loaded = load_region(region, project)
    diagnostics = merge_xlsx_posten(loaded.data, loaded.source_map, region, project)
    assert [d.code for d in diagnostics] == ["io.not-found"]

    shutil.copy(REPO / "content" / "lindeland" / "begroting.yaml", region / "begroting.yaml")
    loaded = load_region(region, project)
    before = repr(loaded.data)
    assert merge_xlsx_posten(loaded.data, loaded.source_map, region, project) == []
    assert repr(loaded.data) == before


# --- export ---------------------------------------------------------------------------------


def test_export_has_formulas_formats_and_layout() -> None:
    data = begroting_to_xlsx(_example())
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Begroting"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == ["Id", "Omschrijving", "Soort", "Aard", "Afspraak", 2024, 2025, 2026, "Totaal"]
    assert all(c.font.b for c in sheet[1])
    assert sheet["I2"].value == "=SUM(F2:H2)"
    assert sheet["B8"].value == "Totaal"
    assert sheet["F8"].value == "=SUM(F2:F7)"
    assert sheet["H6"].value == Decimal("85500.50") or sheet["H6"].value == 85500.5
    assert sheet["H6"].number_format == '"€" #,##0.00;-"€" #,##0.00'
    formulas = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [f for f in formulas if "SUMIF" in f]  # subtotals never match on a label
    labels = [sheet.cell(row=r, column=2).value for r in range(1, sheet.max_row + 1)]
    coordinatie = labels.index("Subtotaal coördinatie") + 1
    rows = [r for r in range(2, 8) if sheet.cell(row=r, column=3).value == "Coördinatie"]
    assert rows and "coordinatie" not in [sheet.cell(row=r, column=3).value for r in range(2, 8)]
    assert sheet.cell(row=coordinatie, column=6).value == "=SUM(" + ",".join(
        f"F{r}" for r in rows) + ")"  # fmt: skip
    labels = [sheet.cell(row=r, column=2).value for r in range(1, sheet.max_row + 1)]
    toegekend = labels.index("Toegekend") + 1
    assert sheet.cell(row=toegekend + 1, column=6).value == f"=F{toegekend}-F8"
    assert "/F" in str(sheet.cell(row=toegekend + 2, column=6).value)
    assert sheet.cell(row=toegekend + 2, column=6).number_format == "0.0%"
    assert book.properties.creator == "regiogen"
    assert sheet.column_dimensions["B"].width == 48


def test_export_writes_cached_values_fonts_and_print_setup() -> None:
    content = _example()
    data = begroting_to_xlsx(content)
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Begroting"]
    formulas = openpyxl.load_workbook(io.BytesIO(data))["Begroting"]
    assert values["B8"].value == "Totaal"
    assert content.begroting is not None
    total = sum(
        (sum(p.bedragen.values(), Decimal(0)) for p in content.begroting.posten), Decimal(0)
    )
    assert Decimal(str(values["I8"].value)) == total
    empty = [c.coordinate for row in formulas.iter_rows() for c in row
             if str(c.value).startswith("=") and values[c.coordinate].value is None]  # fmt: skip
    assert [c for c in empty if values[c].number_format != "0.0%"] == []
    bold = [c for row in formulas.iter_rows() for c in row if c.font.b]
    assert bold and all(c.font.name and c.font.sz for c in bold)
    assert formulas.page_setup.orientation == "landscape"
    assert formulas.page_setup.fitToWidth == 1
    assert formulas.sheet_properties.pageSetUpPr.fitToPage
    assert formulas.print_title_rows == "$1:$1"
    assert "Begroting" in (formulas.oddHeader.center.text or "")


def test_export_bytes_are_reproducible() -> None:
    content = _example()
    first = begroting_to_xlsx(content)
    assert begroting_to_xlsx(content) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 12, 12, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "<dc:creator>regiogen</dc:creator>" in core
    assert "2023-12-12T00:00:00Z" in core
    other = begroting_to_xlsx(content, source_date_epoch=1700000000)
    with zipfile.ZipFile(io.BytesIO(other)) as package:
        assert "2023-11-14T22:13:20Z" in package.read("docProps/core.xml").decode()


def test_totals_row_with_its_label_in_the_first_column_is_skipped(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Omschrijving", "Soort", "Aard", "2024"])
    sheet.append(["P1", "Coördinatie", "coordinatie", "structureel", 1000])
    sheet.append(["Totaal", None, None, None, 1000])
    path = tmp_path / "b.xlsx"
    book.save(path)
    posten, diagnostics = read_begroting_xlsx(path, "b.xlsx", [2024])
    assert [d.format() for d in diagnostics] == []
    assert [p["omschrijving"] for p in posten] == ["Coördinatie"]


def test_cell_errors_and_schema_errors_come_in_one_round(project: Path) -> None:
    from regiogen.build.region import check_region
    from regiogen.model.project import Config

    region = _xlsx_region(project, BEGROTING_YAML)
    _user_workbook(
        region / "begroting.xlsx",
        [
            ["Coördinatie", "coordinatie", "structureel", None, 1000, 2000, 3000.125],
            ["Uitvoering", "bestuur", "incidenteel", None, 10, 20, 30],
        ],
    )
    checked = check_region(project, "content", "lindeland", Config())
    assert checked.content is None
    places = {(d.code, d.line, d.col) for d in checked.diagnostics}
    assert ("schema.value", 5, 2) in places  # soort 'bestuur' in B5
    assert any(code.startswith("schema.money") and line == 4 for code, line, _ in places)
    assert len(places) == len(checked.diagnostics)  # nothing reported twice
