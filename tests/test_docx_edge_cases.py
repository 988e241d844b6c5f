"""Cases a black-box comparison with pandoc turned up: sections, lists, totals, notices."""

from __future__ import annotations

import io
import re
import zipfile

from docx_dump import dump_docx

from regiogen.render.docx import DocxOptions, markdown_to_docx


def convert(text: str) -> tuple[bytes, list[tuple[str, int | None, str]]]:
    data, diags = markdown_to_docx(text, DocxOptions(source_path="t.md"))
    return data, [(d.code, d.line, d.message) for d in diags]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def sections(data: bytes) -> list[str]:
    return [line.split()[1] for line in dump_docx(data).splitlines() if line.startswith("SECTION")]


def test_two_landscape_blocks_in_a_row_share_one_section() -> None:
    data, _ = convert("Tekst.\n\n::: landscape\nA\n:::\n\n::: landscape\nB\n:::\n\nSlot.\n")
    assert sections(data) == ["portrait", "landscape", "portrait"]


def test_a_document_ending_in_landscape_has_no_empty_last_page() -> None:
    data, _ = convert("Tekst.\n\n::: landscape\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n")
    assert sections(data) == ["portrait", "landscape"]
    data, _ = convert("Tekst.\n\n::: landscape\nNooit gesloten.\n")
    assert sections(data) == ["portrait", "landscape"]


def test_landscape_then_text_still_returns_to_portrait() -> None:
    data, _ = convert("::: landscape\nA\n:::\n\nDaarna staand.\n")
    assert sections(data) == ["portrait", "landscape", "portrait"]


def test_unclosed_fence_and_block_are_reported_at_their_line() -> None:
    _, diags = convert("# Kop\n\n```python\ncode\n\nmeer\n")
    assert [(c, line) for c, line, _ in diags if c == "markdown.unclosed"] == [
        ("markdown.unclosed", 3)
    ]
    _, diags = convert("Tekst.\n\n::: landscape\nbreed\n")
    assert ("markdown.unclosed", 3) in [(c, line) for c, line, _ in diags]
    _, diags = convert("```\ncode\n```\n\n::: landscape\nbreed\n:::\n\n> ```\n> x\n> ```\n")
    assert not [c for c, _, _ in diags if c == "markdown.unclosed"]


def test_lists_in_footnotes_use_the_footnote_style() -> None:
    data, _ = convert("Tekst.[^n]\n\n[^n]: Noot:\n\n    - een punt\n    - twee\n")
    notes = part(data, "word/footnotes.xml")
    items = re.findall(r'<w:pStyle w:val="([^"]+)"/><w:numPr>', notes)
    assert items == ["FootnoteText", "FootnoteText"]


def test_loose_lists_get_space_between_items_and_tight_ones_do_not() -> None:
    loose, _ = convert("- een\n\n- twee\n\n- drie\n")
    tight, _ = convert("- een\n- twee\n- drie\n")
    assert part(loose, "word/document.xml").count('<w:spacing w:after="120"/>') == 3
    assert '<w:spacing w:after="120"/>' not in part(tight, "word/document.xml")


def test_only_real_totals_rows_stand_out() -> None:
    table = (
        "| Post | Bedrag |\n|---|--:|\n"
        "| Totaal aantal deelnemers bij de bijeenkomst | 12 |\n"
        "| Subtotaal 2025 | € 10,00 |\n"
        "| Huur | € 5,00 |\n"
        "| Totaal | € 15,00 |\n"
    )
    data, _ = convert(table)
    rows = re.findall(r"<w:tr>.*?</w:tr>", part(data, "word/document.xml"))
    shaded = ['w:fill="E8EEF4"' in row for row in rows]
    assert shaded == [False, False, True, False, True]  # header, long label, sub, huur, total


def test_script_content_is_not_document_text() -> None:
    data, diags = convert('Voor.\n\n<script>alert("x")</script>\n\n<style>p{}</style>\n\nNa.\n')
    text = dump_docx(data)
    assert "alert" not in text and "p{}" not in text and "Voor." in text and "Na." in text
    assert [c for c, _, _ in diags].count("markdown.raw-html") == 2


def test_a_numbered_line_inside_a_paragraph_is_reported() -> None:
    _, diags = convert("Een alinea\n2. die doorloopt\n")
    assert [(c, line) for c, line, _ in diags] == [("markdown.list-as-text", 1)]


def test_footnote_labels_that_do_not_add_up() -> None:
    text = "Tekst[^a] en [^x].\n\n[^a]: eerste\n[^a]: tweede\n[^c]: nooit\n\n```\n[^d]: code\n```\n"
    _, diags = convert(text)
    notes = [(line, message) for code, line, message in diags if code == "markdown.footnote"]
    found = [(line, message.split(";")[0]) for line, message in notes]
    assert found == [
        (4, "voetnoot [^a] staat al op regel 3"),
        (5, "voetnoot [^c] wordt nergens gebruikt"),
        (1, "voetnoot [^x] heeft geen definitie ('[^label]: tekst')"),
    ]


def test_lists_written_with_a_parenthesis_keep_it() -> None:
    data, _ = convert("1) een\n2) twee\n\nTekst.\n\n3. drie\n")
    numbering = part(data, "word/numbering.xml")
    assert '<w:lvlText w:val="%1)"/>' in numbering
    assert '<w:lvlText w:val="%1."/>' in numbering
    plain, _ = convert("1. een\n")
    assert "%1)" not in part(plain, "word/numbering.xml")


def test_front_matter_values_are_reported_at_their_key() -> None:
    text = "---\ntitel: T\ndatum: 2023-13-45\nnummering: misschien\n---\n# Kop\n"
    _, diags = markdown_to_docx(text, DocxOptions(source_path="t.md"))
    found = [(d.line, d.col) for d in diags if d.code == "markdown.front-matter"]
    assert found == [(4, 12), (3, 8)] or found == [(3, 8), (4, 12)]


def test_lists_and_code_in_a_block_quote_stay_indented_with_it() -> None:
    data, _ = convert("> Citaat.\n>\n> 1. punt\n>\n> ```\n> code\n> ```\n\nNa.\n")
    document = part(data, "word/document.xml")
    assert '<w:numPr><w:ilvl w:val="0"/>' in document
    assert '<w:ind w:left="709" w:hanging="425"/>' in document  # list step 425 + quote 284
    assert re.search(
        r'<w:pStyle w:val="[^"]*"/><w:ind w:left="284"/></w:pPr><w:r><w:t[^>]*>code', document
    )


def test_two_page_breaks_in_a_row_leave_an_empty_page() -> None:
    one, _ = convert("A\n\n::: pagebreak\n:::\n\nB\n")
    two, _ = convert("A\n\n::: pagebreak\n:::\n\n::: pagebreak\n:::\n\nB\n")
    breaks = ('<w:br w:type="page"/>', "<w:pageBreakBefore/>")
    assert sum(part(one, "word/document.xml").count(b) for b in breaks) == 1
    assert sum(part(two, "word/document.xml").count(b) for b in breaks) == 2


def test_amount_slack_gives_way_before_a_word_breaks() -> None:
    # Room for every word and every amount, but not for the extra room amounts get as well.
    row = (
        "| Programmacoördinatiekosten | € 226.500,50 | € 226.500,50 | € 226.500,50 | € 226.500,50 |"
    )
    text = "| Post | 2024 | 2025 | 2026 | 2027 |\n|---|--:|--:|--:|--:|\n" + row + "\n"
    data, _ = convert(text)
    widths = [
        int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', part(data, "word/document.xml"))
    ]
    assert sum(widths) == 9070
    assert widths[0] >= 24 * 100 + 220  # the (capped) longest word fits
    assert all(w >= 12 * 100 + 220 for w in widths[1:])  # each amount fits without slack
