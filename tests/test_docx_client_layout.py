"""Layout with a client's reference document: TOC tab stops, table widths for its font size."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.shared import Twips

from regiogen.render.docx import DocxOptions, markdown_to_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = (
    "---\ntitel: Plan\nvoorblad: false\ninhoudsopgave: true\nnummering: true\n---\n"
    "# Inleiding\n\nTekst.\n\n## Aanleiding\n\nTekst.\n\n### Detail\n\nTekst.\n"
)


def letter(path: Path, *, toc_style: str | None = None) -> Path:
    """A Letter reference (text width 9360) without TOC styles, or with the one given."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    section.left_margin = section.right_margin = Twips(1440)
    if toc_style is not None:
        document.styles.element.append(parse_xml(toc_style))
    document.save(str(path))
    return path


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def style(styles: str, style_id: str) -> str:
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
    assert match, style_id
    return match.group(0)


def entries(document: str) -> list[str]:
    return re.findall(r'<w:p><w:pPr><w:pStyle w:val="Toc\d"/>.*?</w:pPr>', document)


def test_fallback_toc_styles_have_a_number_tab_and_the_reference_width(tmp_path: Path) -> None:
    data, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=letter(tmp_path / "r.docx")))
    styles = part(data, "word/styles.xml")
    for sid, left in (("Toc1", 567), ("Toc2", 1247), ("Toc3", 2098)):
        definition = style(styles, sid)
        assert f'<w:tab w:val="left" w:pos="{left}"/>' in definition
        assert '<w:tab w:val="right" w:leader="dot" w:pos="9360"/>' in definition
        assert f'w:left="{left}"' in definition and "w:hanging=" in definition
    # the styles carry the number tab, so the entries need no direct one
    found = entries(part(data, "word/document.xml"))
    assert len(found) == 3 and not any("<w:tabs>" in e for e in found)


def test_a_client_toc_style_without_a_number_tab_gets_one_per_entry(tmp_path: Path) -> None:
    client = (
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
        '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs></w:pPr>'
        "</w:style>"
    )
    ref = letter(tmp_path / "r.docx", toc_style=client)
    data, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    document = part(data, "word/document.xml")
    level1 = re.findall(r'<w:p><w:pPr><w:pStyle w:val="TOC1"/>(.*?)</w:pPr>', document)
    assert level1 == ['<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>']


def test_table_columns_follow_the_font_size_of_the_reference(tmp_path: Path) -> None:
    table = "| Afspraak | Mijlpalen |\n|---|--:|\n| Een afspraak | 2 |\n"
    ours, _ = markdown_to_docx(table)  # 9 pt table text
    big, _ = markdown_to_docx(table, DocxOptions(reference_doc=letter(tmp_path / "r.docx")))
    grid = re.compile(r'<w:gridCol w:w="(\d+)"/>')
    narrow = [int(w) for w in grid.findall(part(ours, "word/document.xml"))]
    wide = [int(w) for w in grid.findall(part(big, "word/document.xml"))]
    # "Mijlpalen" in bold 11 pt needs about 11/9 of the room it needs at 9 pt
    assert wide[1] > narrow[1] * 1.15
    assert wide[1] >= int(9 * 100 * 11 / 9 * 1.08) + 220


def test_a_word_template_is_a_usable_reference(tmp_path: Path) -> None:
    docx_path = letter(tmp_path / "huisstijl.docx")
    template = tmp_path / "huisstijl.dotx"
    main = b"wordprocessingml.document.main+xml"
    with zipfile.ZipFile(docx_path) as src, zipfile.ZipFile(template, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(main, b"wordprocessingml.template.main+xml")
            dst.writestr(info, data)
    data, diags = markdown_to_docx(TEXT, DocxOptions(reference_doc=template))
    assert data and not [d for d in diags if d.code == "docx.reference"]
    assert '<w:tab w:val="right" w:leader="dot" w:pos="9360"/>' in part(data, "word/styles.xml")


def _table_style(style_id: str, name: str) -> str:
    return (
        f'<w:style xmlns:w="{W_NS}" w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" '
        'w:space="0" w:color="2E7D32"/></w:tblBorders></w:tblPr></w:style>'
    )


def test_the_client_table_style_is_used_when_it_is_the_only_one(tmp_path: Path) -> None:
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    ref = letter(tmp_path / "r.docx", toc_style=_table_style("GemeenteTabel", "Gemeente Tabel"))
    data, _ = markdown_to_docx(table, DocxOptions(reference_doc=ref))
    assert '<w:tblStyle w:val="GemeenteTabel"/>' in part(data, "word/document.xml")


def test_with_two_client_table_styles_none_is_guessed(tmp_path: Path) -> None:
    path = letter(tmp_path / "r.docx", toc_style=_table_style("Groen", "Groen"))
    document = docx.Document(str(path))
    document.styles.element.append(parse_xml(_table_style("Rood", "Rood")))
    document.save(str(path))
    data, _ = markdown_to_docx("| a |\n|---|\n| 1 |\n", DocxOptions(reference_doc=path))
    style = re.search(r'<w:tblStyle w:val="([^"]+)"/>', part(data, "word/document.xml"))
    assert style is not None and style.group(1) not in ("Groen", "Rood")
