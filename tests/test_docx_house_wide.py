"""Landscape sections get a widened copy of the client's header and footer.

The reference below is US Letter with 1 inch margins: portrait text width 9360 twips (the
Header style of python-docx's template has its centre tab at 4680 and right tab at 9360),
landscape text width 15840 − 2 × 1440 = 12960.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Twips
from docx_dump import dump_docx
from lxml import etree

from regiogen.render.docx import DocxOptions, markdown_to_docx
from regiogen.render.docx.house_wide import StyleTabs, Widths, widen

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
PORTRAIT = 9360
WIDE = 12960
LANDSCAPE = (
    "---\ntitel: Werkagenda\nvoorblad: false\n---\n# Inleiding\n\nTekst.\n\n"
    "::: landscape\n| A | B | C | D | E | F |\n|---|---|---|---|---|---|\n"
    "| 1 | 2 | 3 | 4 | 5 | 6 |\n:::\n\nSlot.\n"
)

#: (a) a paragraph in Normal with direct centre and right tabs at the portrait positions.
DIRECT = (
    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/>'
    '<w:tab w:val="right" w:leader="dot" w:pos="9360"/></w:tabs></w:pPr>'
    "<w:r><w:t>Links</w:t></w:r><w:r><w:tab/><w:t>Midden</w:t></w:r>"
    "<w:r><w:tab/><w:t>Rechts direct</w:t></w:r></w:p>"
)
#: (b) a paragraph in the Header style, whose tabs (4680 centre, 9360 right) it inherits.
STYLED = (
    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Header"/><w:keepNext/>'
    '<w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>'
    "<w:r><w:t>Kop</w:t></w:r><w:r><w:tab/><w:tab/><w:t>Rechts stijl</w:t></w:r></w:p>"
)
#: (c) a table as wide as the text, three columns.
TABLE = (
    f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="9360" w:type="dxa"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3360"/>'
    "</w:tblGrid><w:tr>"
    + "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{t}</w:t>'
        "</w:r></w:p></w:tc>"
        for w, t in ((3000, "Cel 1"), (3000, "Cel 2"), (3360, "Cel 3"))
    )
    + "</w:tr></w:tbl>"
)


def letter_reference(path: Path, *, header: tuple[str, ...], footer: tuple[str, ...] = ()) -> Path:
    """A Letter reference with 1 inch margins whose header/footer hold the given XML blocks."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    section.left_margin = section.right_margin = Twips(1440)
    section.top_margin = section.bottom_margin = Twips(1440)
    for part, blocks in ((section.header, header), (section.footer, footer)):
        if not blocks:
            continue
        element = part._element
        for child in list(element):
            element.remove(child)
        for xml in blocks:
            element.append(parse_xml(xml))
    document.save(str(path))
    return path


def convert(text: str, ref: Path) -> bytes:
    data, diags = markdown_to_docx(text, DocxOptions(reference_doc=ref))
    assert not [d for d in diags if d.code == "docx.reference"]
    return data


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()


def tabs(p: etree._Element) -> list[tuple[str, str]]:
    return [(t.get(W + "val"), t.get(W + "pos")) for t in p.iterfind(f"{W}pPr/{W}tabs/{W}tab")]


def sections(data: bytes) -> list[str]:
    return [line for line in dump_docx(data).splitlines() if line.startswith("SECTION")]


@pytest.fixture
def ref(tmp_path: Path) -> Path:
    return letter_reference(
        tmp_path / "brief.docx", header=(DIRECT, STYLED, TABLE, f'<w:p xmlns:w="{W_NS}"/>')
    )


def test_landscape_sections_use_a_widened_copy(ref: Path) -> None:
    data = convert(LANDSCAPE, ref)
    found = sections(data)
    assert [s.split()[1] for s in found] == ["portrait", "landscape", "portrait"]
    assert found[0].endswith("header:default=header1.xml footer:default=footer1.xml")
    # the footer is regiogen's own here: its landscape variant is footer3 as before
    assert found[1].endswith("header:default=header3.xml footer:default=footer3.xml")
    assert found[2].endswith("header:default=header1.xml footer:default=footer1.xml")
    wide = part(data, "word/header3.xml")
    direct, styled = wide.findall(f"{W}p")[:2]
    # (a) direct tabs move, the leader stays
    assert tabs(direct) == [("center", str(WIDE // 2)), ("right", str(WIDE))]
    assert direct.find(f"{W}pPr/{W}tabs/{W}tab[@{W}val='right']").get(W + "leader") == "dot"
    # (b) the style's tabs are cleared and set again, w:tabs right after w:keepNext
    assert tabs(styled) == [
        ("clear", "4680"), ("center", "6480"), ("clear", "9360"), ("right", str(WIDE)),
    ]  # fmt: skip
    order = [etree.QName(el).localname for el in styled.find(W + "pPr")]
    assert order == ["pStyle", "keepNext", "tabs", "spacing", "jc"]
    # (c) the table is scaled to the landscape width, columns adding up exactly
    grid = [int(c.get(W + "w")) for c in wide.iter(W + "gridCol")]
    assert grid == [4154, 4154, 4652] and sum(grid) == WIDE
    assert wide.find(f".//{W}tblW").get(W + "w") == str(WIDE)
    assert [c.get(W + "w") for c in wide.iter(W + "tcW")] == ["4154", "4154", "4652"]
    # no tab stops added inside the table's cells
    assert not list(wide.find(f".//{W}tbl").iter(W + "tabs"))


def test_portrait_sections_keep_the_original_part(ref: Path) -> None:
    data = convert(LANDSCAPE, ref)
    with zipfile.ZipFile(ref) as zf:
        rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Target", "").startswith("header"))
        original = etree.fromstring(zf.read(f"word/{target}"))
    portrait = part(data, "word/header1.xml")
    assert etree.tostring(portrait) == etree.tostring(original)
    direct, styled = portrait.findall(f"{W}p")[:2]
    assert tabs(direct) == [("center", "4680"), ("right", "9360")]
    assert tabs(styled) == []
    assert [c.get(W + "w") for c in portrait.iter(W + "gridCol")] == ["3000", "3000", "3360"]


def test_no_landscape_no_copy_and_same_bytes_twice(ref: Path) -> None:
    portrait_only = "---\ntitel: Notitie\n---\n# Kop\n\nTekst.\n"
    assert "word/header3.xml" not in names(convert(portrait_only, ref))
    assert convert(LANDSCAPE, ref) == convert(LANDSCAPE, ref)


def test_footer_and_relationships_of_the_copy(tmp_path: Path) -> None:
    footer = (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        '<w:r><w:t>Voet</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:fldSimple w:instr=" PAGE ">'
        "<w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"
    )
    ref = letter_reference(tmp_path / "voet.docx", header=(STYLED,), footer=(footer,))
    document = docx.Document(str(ref))
    document.sections[0].header.paragraphs[0].add_run().add_picture(
        io.BytesIO(_png()), width=Twips(600)
    )
    document.save(str(ref))
    data = convert(LANDSCAPE, ref)
    assert sections(data)[1].endswith("header:default=header3.xml footer:default=footer3.xml")
    assert tabs(part(data, "word/footer3.xml").find(W + "p"))[-1] == ("right", str(WIDE))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.read("word/_rels/header3.xml.rels") == zf.read("word/_rels/header1.xml.rels")
    ids = [
        el.get("id")
        for name in ("word/header1.xml", "word/header3.xml")
        for el in part(data, name).iter()
        if etree.QName(el).localname == "docPr"
    ]
    assert len(ids) == 2 and len(set(ids)) == 2  # drawing ids stay unique
    docx.Document(io.BytesIO(data))


def test_even_pages_in_landscape(tmp_path: Path) -> None:
    ref = letter_reference(tmp_path / "even.docx", header=(STYLED,))
    document = docx.Document(str(ref))
    document.settings.odd_and_even_pages_header_footer = True
    even = document.sections[0].even_page_header._element
    for child in list(even):
        even.remove(child)
    even.append(parse_xml(DIRECT))
    document.save(str(ref))
    data = convert(LANDSCAPE, ref)
    found = sections(data)
    assert "header:default=header1.xml header:even=header4.xml" in found[0]
    assert "header:default=header3.xml header:even=header6.xml" in found[1]
    assert tabs(part(data, "word/header6.xml").find(W + "p"))[-1] == ("right", str(WIDE))


def _png() -> bytes:
    from test_docx_headers import tiny_png

    return tiny_png()


# -- the widening itself -------------------------------------------------------------------

STYLES = (
    f'<w:styles xmlns:w="{W_NS}"><w:docDefaults/>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Kop"><w:basedOn w:val="Normal"/><w:pPr><w:tabs>'
    '<w:tab w:val="center" w:pos="4500"/><w:tab w:val="end" w:pos="9000"/></w:tabs></w:pPr>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="KopZonder"><w:basedOn w:val="Kop"/><w:pPr><w:tabs>'
    '<w:tab w:val="clear" w:pos="4500"/></w:tabs></w:pPr></w:style></w:styles>'
).encode()
WIDTHS = Widths(portrait=9000, landscape=13000)


def _hdr(body: str) -> bytes:
    return f'<w:hdr xmlns:w="{W_NS}">{body}</w:hdr>'.encode()


def _first_tabs(xml: bytes | None) -> list[tuple[str, str]]:
    assert xml is not None
    return tabs(etree.fromstring(xml).find(W + "p"))


def test_widen_follows_based_on_and_clears() -> None:
    styles = StyleTabs(STYLES)
    wide = widen(_hdr('<w:p><w:pPr><w:pStyle w:val="KopZonder"/></w:pPr></w:p>'), styles, WIDTHS)
    assert _first_tabs(wide) == [("clear", "9000"), ("end", "13000")]


def test_widen_direct_override_of_a_style_tab() -> None:
    """A direct tab hiding the style's at the same place moves; the style's is cleared."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Kop"/><w:tabs><w:tab w:val="right" w:pos="9000"/>'
        '<w:tab w:val="clear" w:pos="4500"/></w:tabs></w:pPr></w:p>'
    )
    wide = widen(_hdr(body), StyleTabs(STYLES), WIDTHS)
    assert _first_tabs(wide) == [("clear", "4500"), ("clear", "9000"), ("right", "13000")]


def test_widen_leaves_other_tabs_and_returns_none_when_nothing_moves() -> None:
    styles = StyleTabs(STYLES)
    body = '<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="7000"/></w:tabs></w:pPr></w:p>'
    assert widen(_hdr(body), styles, WIDTHS) is None
    near = '<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="8600"/></w:tabs></w:pPr></w:p>'
    assert _first_tabs(widen(_hdr(near), styles, WIDTHS)) == [("right", "13000")]
    left = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="9000"/></w:tabs></w:pPr></w:p>'
    assert widen(_hdr(left), styles, WIDTHS) is None


def test_widen_table_by_its_grid_and_tabs_in_order() -> None:
    body = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>'
        '<w:trPr><w:wBefore w:w="0" w:type="dxa"/></w:trPr>'
        '<w:tc><w:tcPr><w:tcW w:w="50" w:type="pct"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
        '<w:p><w:pPr><w:pStyle w:val="Kop"/><w:numPr><w:ilvl w:val="0"/></w:numPr>'
        '<w:ind w:left="0"/></w:pPr></w:p>'
    )
    root = etree.fromstring(widen(_hdr(body), StyleTabs(STYLES), WIDTHS) or b"")
    assert [c.get(W + "w") for c in root.iter(W + "gridCol")] == ["6500", "6500"]
    assert root.find(f".//{W}tcW").get(W + "w") == "50"  # a percentage stays
    assert root.find(f".//{W}tblW").get(W + "type") == "auto"
    order = [etree.QName(el).localname for el in root.find(f"{W}p/{W}pPr")]
    assert order == ["pStyle", "numPr", "tabs", "ind"]


def test_widen_skips_a_narrow_table() -> None:
    body = '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="dxa"/></w:tblPr></w:tbl>'
    assert widen(_hdr(body), StyleTabs(STYLES), WIDTHS) is None
