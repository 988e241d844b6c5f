"""Generate ``templates/reference.docx``: regiogen's house style.

A sober, Dutch-government-like look: Arial (Liberation Sans is its metric twin where
Arial is absent), dark "rijksblauw" headings, A4 with 2.5 cm margins, Dutch (nl-NL)
language, and every style the Markdown → Word writer uses. The output is byte-for-byte
reproducible: run ``python tools/make_reference_docx.py`` and commit the result.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from regiogen.render.docx.package import (  # noqa: E402
    Relationships,
    app_properties,
    content_types,
    core_properties,
    package_rels,
    write_zip,
)
from regiogen.render.docx.theme import theme_xml  # noqa: E402
from regiogen.render.docx.xmlutil import NSDECL, XML_HEADER  # noqa: E402

BLUE = "154273"  # rijksblauw
SKY = "01689B"  # hemelblauw, links
GREY = "595959"
LINE = "A6B8CB"
FONT = "Arial"
MONO = "Consolas"
TEXT_WIDTH = 11906 - 2 * 1418  # A4 minus 2.5 cm margins, in twips


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" w:eastAsia="{name}"/>'


def pstyle(
    sid: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based: str | None = "Normal",
    nxt: str | None = None,
    extra: str = "",
    default: bool = False,
) -> str:
    """A paragraph style definition."""
    attrs = ' w:default="1"' if default else ""
    parts = [f'<w:style w:type="paragraph"{attrs} w:styleId="{sid}"><w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append(f"{extra}<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def cstyle(sid: str, name: str, rpr: str) -> str:
    """A character style definition."""
    return (
        f'<w:style w:type="character" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        f"<w:unhideWhenUsed/><w:rPr>{rpr}</w:rPr></w:style>"
    )


def heading(level: int) -> str:
    sizes = {1: 32, 2: 26, 3: 23, 4: 21, 5: 20, 6: 20}
    before = {1: 480, 2: 360, 3: 280, 4: 240, 5: 200, 6: 200}
    italic = "<w:i/>" if level >= 5 else ""
    return pstyle(
        f"Heading{level}",
        f"heading {level}",
        f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before[level]}" w:after="120"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>',
        f'<w:b/><w:bCs/>{italic}<w:color w:val="{BLUE}"/><w:sz w:val="{sizes[level]}"/>'
        f'<w:szCs w:val="{sizes[level]}"/>',
        nxt="BodyText",
        extra='<w:uiPriority w:val="9"/>',
    )


def toc(level: int) -> str:
    left = {1: 567, 2: 1247, 3: 2098}[level]
    hang = {1: 567, 2: 680, 3: 851}[level]
    bold = "<w:b/>" if level == 1 else ""
    before = ' w:before="120"' if level == 1 else ""
    return pstyle(
        f"TOC{level}",
        f"toc {level}",
        f'<w:tabs><w:tab w:val="left" w:pos="{left}"/>'
        f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing{before} w:after="60"/><w:ind w:left="{left}" w:hanging="{hang}"/>',
        bold,
        nxt="BodyText",
        extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
    )


def styles_xml() -> str:
    """The complete ``word/styles.xml``."""
    s: list[str] = [
        XML_HEADER,
        f"<w:styles {NSDECL}>",
        "<w:docDefaults><w:rPrDefault><w:rPr>",
        _fonts(FONT),
        '<w:sz w:val="20"/><w:szCs w:val="20"/>'
        '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>',
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="120" w:line="276" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        pstyle("Normal", "Normal", based=None, default=True),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        pstyle("BodyText", "Body Text", "", ""),
        pstyle(
            "Title",
            "Title",
            '<w:spacing w:after="240"/>',
            f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="48"/><w:szCs w:val="48"/>',
            nxt="BodyText",
        ),
        pstyle(
            "Subtitle",
            "Subtitle",
            '<w:spacing w:after="240"/>',
            f'<w:color w:val="{BLUE}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
            nxt="BodyText",
        ),
        *(heading(n) for n in range(1, 7)),
        pstyle(
            "ListParagraph",
            "List Paragraph",
            '<w:spacing w:after="60"/><w:ind w:left="720"/><w:contextualSpacing/>',
        ),
        pstyle(
            "Quote",
            "Quote",
            f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{BLUE}"/></w:pBdr>'
            '<w:ind w:left="284" w:right="567"/>',
            f'<w:i/><w:color w:val="{GREY}"/>',
            nxt="BodyText",
        ),
        pstyle(
            "DefinitionTerm",
            "Definition Term",
            '<w:keepNext/><w:spacing w:before="120" w:after="0"/>',
            f'<w:b/><w:color w:val="{BLUE}"/>',
            based="BodyText",
            nxt="Definition",
        ),
        pstyle(
            "Definition",
            "Definition",
            '<w:ind w:left="567"/>',
            based="BodyText",
            nxt="DefinitionTerm",
        ),
        pstyle(
            "SourceCode",
            "Source Code",
            '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
            '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:left="113"/>',
            _fonts(MONO) + '<w:noProof/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            nxt="BodyText",
        ),
        cstyle(
            "VerbatimChar",
            "Verbatim Char",
            _fonts(MONO) + '<w:sz w:val="18"/><w:szCs w:val="18"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>',
        ),
        pstyle(
            "Caption",
            "caption",
            '<w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>',
            f'<w:i/><w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            nxt="BodyText",
        ),
        pstyle("Figure", "Figure", '<w:keepNext/><w:spacing w:after="60"/><w:jc w:val="center"/>'),
        pstyle(
            "HorizontalRule",
            "Horizontal Rule",
            f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{LINE}"/></w:pBdr>'
            '<w:spacing w:after="240"/>',
            '<w:sz w:val="8"/>',
        ),
        pstyle(
            "TOCHeading",
            "TOC Heading",
            '<w:outlineLvl w:val="9"/>',
            "",
            based="Heading1",
            nxt="BodyText",
            extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
        ),
        *(toc(n) for n in range(1, 4)),
        pstyle(
            "FootnoteText",
            "footnote text",
            '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>',
            '<w:sz w:val="16"/><w:szCs w:val="16"/>',
        ),
        cstyle("FootnoteReference", "footnote reference", '<w:vertAlign w:val="superscript"/>'),
        pstyle(
            "Header",
            "header",
            f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{LINE}"/></w:pBdr>'
            f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            f'<w:color w:val="{BLUE}"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
        ),
        pstyle(
            "Footer",
            "footer",
            f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
        ),
        cstyle("Hyperlink", "Hyperlink", f'<w:color w:val="{SKY}"/><w:u w:val="single"/>'),
        pstyle(
            "TableText",
            "Table Text",
            '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        pstyle("TableTotal", "Table Total", "", "<w:b/><w:bCs/>", based="TableText"),
        '<w:style w:type="table" w:customStyle="1" w:styleId="regiogenTabel">'
        '<w:name w:val="regiogen Tabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
        "<w:tblPr><w:tblBorders>"
        f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/>'
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{LINE}"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>'
        f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/></w:tcPr></w:tblStylePr>'
        "</w:style>",
        pstyle(
            "CoverTitle",
            "Cover Title",
            '<w:spacing w:before="2880" w:after="240" w:line="240" w:lineRule="auto"/>',
            f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="56"/><w:szCs w:val="56"/>',
            based="Title",
        ),
        pstyle(
            "CoverSubtitle",
            "Cover Subtitle",
            '<w:spacing w:after="480"/>',
            f'<w:color w:val="{BLUE}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
            based="Subtitle",
        ),
        pstyle(
            "CoverOrganisation",
            "Cover Organisation",
            f'<w:pBdr><w:top w:val="single" w:sz="12" w:space="8" w:color="{BLUE}"/></w:pBdr>'
            '<w:spacing w:before="1440" w:after="240"/>',
            f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        pstyle(
            "CoverDetails",
            "Cover Details",
            '<w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs><w:spacing w:after="40"/>',
            f'<w:color w:val="{GREY}"/>',
        ),
        "</w:styles>",
    ]
    return "".join(s)


def settings_xml() -> str:
    """``word/settings.xml`` of the reference document."""
    return (
        XML_HEADER + f"<w:settings {NSDECL}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
        '<w:hyphenationZone w:val="425"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="nl-NL"/><w:decimalSymbol w:val=","/>'
        '<w:listSeparator w:val=";"/></w:settings>'
    )


def font_table_xml() -> str:
    """``word/fontTable.xml``: the fonts the styles use, with substitution hints."""
    return (
        XML_HEADER + f"<w:fonts {NSDECL}>"
        f'<w:font w:name="{FONT}"><w:altName w:val="Liberation Sans"/>'
        '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        f'<w:font w:name="{MONO}"><w:altName w:val="Liberation Mono"/>'
        '<w:panose1 w:val="020B0609020204030204"/><w:charset w:val="00"/>'
        '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        "</w:fonts>"
    )


def document_xml() -> str:
    """A sample of every style, and the page setup (A4, 2.5 cm margins)."""
    samples = [
        ("Title", "Titel"),
        ("Subtitle", "Ondertitel"),
        *((f"Heading{n}", f"Kop {n}") for n in range(1, 7)),
        ("BodyText", "Platte tekst van het regioplan."),
        ("ListParagraph", "Lijstalinea"),
        ("Quote", "Citaat"),
        ("DefinitionTerm", "Begrip"),
        ("Definition", "Omschrijving van het begrip"),
        ("SourceCode", "broncode"),
        ("Caption", "Bijschrift"),
        ("TableText", "Tabeltekst"),
        ("TableTotal", "Totaal"),
        ("FootnoteText", "Voetnoottekst"),
    ]
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        for sid, text in samples
    )
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" '
        'w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/>'
        '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return XML_HEADER + f"<w:document {NSDECL}><w:body>{body}{sect}</w:body></w:document>"


def build() -> bytes:
    """Return the bytes of the reference document."""
    rels = Relationships()
    rels.add("styles", "styles.xml")
    rels.add("settings", "settings.xml")
    rels.add("fontTable", "fontTable.xml")
    rels.add("theme", "theme/theme1.xml")
    parts: list[tuple[str, bytes]] = [
        ("word/document.xml", document_xml().encode()),
        ("word/styles.xml", styles_xml().encode()),
        ("word/settings.xml", settings_xml().encode()),
        ("word/fontTable.xml", font_table_xml().encode()),
        ("word/theme/theme1.xml", theme_xml(FONT)),
        ("word/_rels/document.xml.rels", rels.xml()),
        (
            "docProps/core.xml",
            core_properties(
                title="regiogen huisstijl",
                subject="Referentiedocument",
                author="regiogen",
                keywords="",
                language="nl-NL",
                epoch=946684800,
            ),
        ),
        ("docProps/app.xml", app_properties()),
    ]
    names = [name for name, _ in parts]
    return write_zip(
        [("[Content_Types].xml", content_types(names)), ("_rels/.rels", package_rels()), *parts]
    )


def main() -> None:
    """Write the reference document (default: templates/reference.docx)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "templates" / "reference.docx")
    args = parser.parse_args()
    args.output.write_bytes(build())
    print(f"geschreven: {args.output}")


if __name__ == "__main__":
    main()
