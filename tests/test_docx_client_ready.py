"""Layout a client can receive: rows that never split, totals kept with their rows, a lead-in
kept with its list, dates and amounts that never break over two lines."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from regiogen.render.docx import markdown_to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE = (
    "| Post | Bedrag |\n|:--|--:|\n| Coördinatie (1,0 fte) | € 1.000,00 |\n"
    "| Uitvoering | € 2.000,00 |\n| Totaal | € 3.000,00 |\n"
)


def _body(markdown: str) -> etree._Element:
    data, _ = markdown_to_docx(markdown)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_every_table_row_is_kept_on_one_page() -> None:
    rows = list(_body(TABLE).iter(W + "tr"))
    assert len(rows) == 4
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


def test_the_row_above_a_total_keeps_with_it() -> None:
    rows = list(_body(TABLE).iter(W + "tr"))
    keeps = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in r.iter(W + "p")) for r in rows]
    assert keeps[2] is True  # "Uitvoering" stays with "Totaal"
    assert keeps[3] is False


def test_a_lead_in_sentence_keeps_with_its_list() -> None:
    body = _body("Eerst iets anders.\n\nDrie dingen helpen daarbij:\n\n- een\n- twee\n- drie\n")
    paras = list(body.iter(W + "p"))
    lead = next(p for p in paras if "daarbij:" in "".join(p.itertext()))
    first = next(p for p in paras if "Eerst" in "".join(p.itertext()))
    assert lead.find(f"{W}pPr/{W}keepNext") is not None
    assert first.find(f"{W}pPr/{W}keepNext") is None


def test_a_bold_run_in_title_keeps_with_its_list() -> None:
    body = _body("Tekst.\n\n**Initiatieven.**\n\n- een\n- twee\n\n**Vet** en gewoon.\n\n- drie\n")
    paras = {"".join(p.itertext()): p for p in body.iter(W + "p")}
    assert paras["Initiatieven."].find(f"{W}pPr/{W}keepNext") is not None
    assert paras["Vet en gewoon."].find(f"{W}pPr/{W}keepNext") is None
    assert paras["Tekst."].find(f"{W}pPr/{W}keepNext") is None


def test_a_document_ending_in_a_table_does_not_end_in_a_full_empty_line() -> None:
    """A full line after a table at the bottom margin would be a page of its own."""
    body = list(_body(f"Tekst.\n\n{TABLE}\nMeer.\n\n{TABLE}").find(W + "body"))
    last = body[-2]  # before the sectPr
    assert last.tag == W + "p" and body[-3].tag == W + "tbl"
    spacing = last.find(f"{W}pPr/{W}spacing")
    assert spacing is not None and spacing.get(W + "lineRule") == "exact"
    assert int(spacing.get(W + "line") or 0) <= 20
    middle = next(e for i, e in enumerate(body) if i and body[i - 1].tag == W + "tbl")
    assert middle.find(f"{W}pPr/{W}spacing").get(W + "line") is None  # air between blocks


def test_the_text_before_a_figure_keeps_with_it() -> None:
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    import tempfile
    from pathlib import Path

    from regiogen.render.docx import DocxOptions

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.png").write_bytes(png)
        text = "Alle mijlpalen per kwartaal.\n\n![Tijdlijn](a.png)\n\n![Tweede](a.png)\n"
        data, _ = markdown_to_docx(text, DocxOptions(base_dir=Path(folder)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    paras = list(body.iter(W + "p"))
    lead = next(p for p in paras if "".join(p.itertext()) == "Alle mijlpalen per kwartaal.")
    assert lead.find(f"{W}pPr/{W}keepNext") is not None
    caption = next(p for p in paras if "".join(p.itertext()) == "Tijdlijn")
    assert caption.find(f"{W}pPr/{W}keepNext") is None  # not kept with the next figure


def test_dates_and_amounts_do_not_break() -> None:
    text = "".join(_body("Vastgesteld op 30 november 2024 voor € 2.000.\n").itertext())
    assert "30\u00a0november\u00a02024" in text and "€\u00a02.000" in text


def test_dates_in_figures_keep_their_hyphens_on_one_line() -> None:
    """ "21-12-2022" gets Word's non-breaking hyphens; other hyphens stay ordinary."""
    body = _body("Besluit van 21-12-2022 over zorg-en-welzijn, kenmerk 12-345.\n")
    run = "".join(etree.tostring(r, encoding="unicode") for r in body.iter(W + "r"))
    assert run.count("noBreakHyphen") == 2
    text = "".join(body.itertext())
    assert "21" in text and "zorg-en-welzijn" in text and "12-345" in text


def test_months_and_quarters_do_not_break_and_their_column_has_room_for_them() -> None:
    text = "".join(_body("In 4e kwartaal 2024 of december 2025.\n").itertext())
    assert "4e\u00a0kwartaal\u00a02024" in text and "december\u00a02025" in text
    table = (
        "| Wanneer | Wat | Bij | Trekker |\n|---|---|---|---|\n"
        "| 4e kwartaal 2024 | Toestemmingsregeling vastgesteld door de bestuurlijke tafel |"
        " Gegevensuitwisseling tussen zorg en sociaal domein | Programmabureau IZA Lindeland |\n"
    )
    grid = [int(c.get(W + "w")) for c in _body(table).iter(W + "gridCol")]
    assert grid[0] >= 16 * 100  # "4e kwartaal 2024" at about 100 twips a character


def test_a_bold_title_before_a_table_becomes_a_numbered_caption() -> None:
    body = _body(f"**Begroting per post**\n\n{TABLE}\n**Naar soort**\n\n{TABLE}")
    captions = [p for p in body.iter(W + "p")
                if p.find(f"{W}pPr/{W}pStyle") is not None
                and p.find(f"{W}pPr/{W}pStyle").get(W + "val") == "Caption"]  # fmt: skip
    texts = ["".join(t.text or "" for t in p.iter(W + "t")) for p in captions]
    assert texts == ["Tabel 1: Begroting per post", "Tabel 2: Naar soort"]
    assert all("SEQ Tabel" in t for t in ("".join(i.text or "" for i in c.iter(W + "instrText"))
                                          for c in captions))  # fmt: skip
    plain = _body("**Alleen vet**\n\nGeen tabel.\n")
    assert "Tabel" not in "".join(plain.itertext())


def test_whole_amounts_drop_cents_per_column() -> None:
    text = (
        "| Post | A | B |\n|---|--:|--:|\n| x | € 1.000,00 | € 1,50 |\n"
        "| **Totaal** | **€ 2.000,00** | € 2,00 |\n"
    )
    shown = [t for t in _body(text).itertext() if "€" in t]
    assert shown == ["€\u00a01.000", "€\u00a01,50", "€\u00a02.000", "€\u00a02,00"]


def test_large_amounts_in_running_text_read_as_words() -> None:
    from decimal import Decimal

    from regiogen.render.filters import _euro_kort

    assert _euro_kort(Decimal("2800000000")) == "€ 2,8 miljard"
    assert _euro_kort(Decimal("3000000")) == "€ 3 miljoen"
    assert _euro_kort(Decimal("250000")) == "€ 250.000"
    assert _euro_kort(Decimal("1234.5")) == "€ 1.234,50"


def test_a_short_contents_shares_its_page_with_the_text() -> None:
    def first_heading_breaks(n: int) -> bool:
        text = "---\ntitel: T\ninhoudsopgave: true\n---\n\n" + "".join(
            f"# Kop {i}\n\nTekst.\n\n" for i in range(n)
        )
        body = _body(text).find(W + "body")
        assert body is not None  # the contents' entries are inside a w:sdt, not direct children
        heading = next(p for p in body.iterfind(W + "p") if "Kop 0" in "".join(p.itertext()))
        return heading.find(f"{W}pPr/{W}pageBreakBefore") is not None

    assert not first_heading_breaks(4)
    assert first_heading_breaks(14)


def test_amount_columns_are_no_wider_than_their_amounts_as_shown() -> None:
    rows = "".join(f"| Een lange omschrijving van post {i} met veel woorden | € 1.000.000,00 |\n"
                   for i in range(3))  # fmt: skip
    table = next(_body(f"| Post | Bedrag |\n|:--|--:|\n{rows}").iter(W + "tbl"))
    widths = [int(c.get(W + "w")) for c in table.iter(W + "gridCol")]
    assert widths[1] < 1700  # "€ 1.000.000" fits (not "€ 1.000.000,00"); the rest is for text


def test_a_post_name_gets_two_lines_before_amount_columns_get_slack() -> None:
    head = "| Post | Aard | 2024 | 2025 | 2026 | Totaal |\n|:--|:--|--:|--:|--:|--:|\n"
    row = "| Regionale programmacoördinatie (1,0 fte) | Structureel | € 118.000,00 | € 121.000,00 | € 124.000,50 | € 1.363.000,50 |\n"  # noqa: E501
    table = next(_body(head + row * 3).iter(W + "tbl"))
    widths = [int(c.get(W + "w")) for c in table.iter(W + "gridCol")]
    # "programmacoördinatie (1,0 fte)" fits on one line: the name takes two lines, not three
    assert widths[0] >= 2600
