"""Assemble one .docx: settings, footnotes part, relationships and the package."""

from __future__ import annotations

import copy

from lxml import etree

from .package import (
    Relationships,
    app_properties,
    content_types,
    custom_properties,
    package_rels,
    write_zip,
)
from .reference import Reference
from .theme import theme_xml
from .xmlutil import NSDECL, XML_HEADER, W

#: The order of ``w:settings`` children (ECMA-376 CT_Settings), for inserting elements.
SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]
_RANK = {name: i for i, name in enumerate(SETTINGS_ORDER)}
#: Settings that leak where or when the reference was made, or change per save.
_DROP = {"rsids", "attachedTemplate", "docVars", "proofState", "mailMerge", "trackRevisions",
         "documentProtection", "writeProtection", "updateFields", "footnotePr"}  # fmt: skip


def _insert(root: etree._Element, element: etree._Element) -> None:
    rank = _RANK[etree.QName(element).localname]
    for i, child in enumerate(root):
        if _RANK.get(etree.QName(child).localname, 10_000) > rank:
            root.insert(i, element)
            return
    root.append(element)


def settings_xml(ref: Reference, *, footnotes: bool) -> bytes:
    """``word/settings.xml``: the reference's settings, cleaned, plus what we need.

    Never ``w:updateFields``: Word would ask on every opening whether to update the fields,
    in a dialog that reads like a security warning. The contents is pre-filled instead.
    """
    key = ("settings", footnotes)
    cached = ref.cache.get(key)
    if cached is not None:
        return cached
    if ref.settings is not None:
        root = copy.deepcopy(ref.settings)
    else:
        root = etree.fromstring(f"<w:settings {NSDECL}/>")
    for child in list(root):
        if not isinstance(child.tag, str) or etree.QName(child).localname in _DROP:
            root.remove(child)
    if footnotes:
        _insert(
            root,
            etree.fromstring(
                f'<w:footnotePr {NSDECL}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                "</w:footnotePr>"
            ),
        )
    if root.find(W + "defaultTabStop") is None:
        _insert(root, etree.fromstring(f'<w:defaultTabStop {NSDECL} w:val="709"/>'))
    etree.cleanup_namespaces(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with ref.lock:
        ref.cache[key] = data
    return data


def footnotes_xml(notes: dict[int, str], fn_text: str) -> bytes:
    """``word/footnotes.xml`` with separator and continuation footnotes first."""
    parts = [
        XML_HEADER,
        f"<w:footnotes {NSDECL}>",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
        'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>",
    ]
    for note in sorted(notes):
        body = notes[note] or f'<w:p><w:pPr><w:pStyle w:val="{fn_text}"/></w:pPr></w:p>'
        parts.append(f'<w:footnote w:id="{note}">{body}</w:footnote>')
    parts.append("</w:footnotes>")
    return "".join(parts).encode("utf-8")


def document_xml(body: list[str]) -> bytes:
    """``word/document.xml`` around the body XML."""
    head = f"{XML_HEADER}<w:document {NSDECL}><w:body>"
    return "".join([head, *body, "</w:body></w:document>"]).encode("utf-8")


def package(
    *,
    document: bytes,
    styles: bytes,
    settings: bytes,
    numbering: bytes | None,
    footnotes: bytes | None,
    ref: Reference,
    rels: Relationships,
    furniture: list[tuple[str, bytes]],
    media: list[tuple[str, bytes]],
    core: bytes,
    epoch: int | None,
    types: dict[str, str] | None = None,
    custom: dict[str, str] | None = None,
    company: str = "",
    footnote_rels: Relationships | None = None,
) -> bytes:
    """Write the package: fixed part order, fixed times.

    ``furniture`` holds full part names (headers, footers, their relationships and
    pictures); ``types`` the content types of parts whose name does not tell it; ``custom``
    the custom document properties and ``company`` the organisation, when the client's
    header or footer shows them.
    """
    word: list[tuple[str, bytes]] = [
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/settings.xml", settings),
    ]
    rels.add("styles", "styles.xml")
    rels.add("settings", "settings.xml")
    if numbering is not None:
        word.append(("word/numbering.xml", numbering))
        rels.add("numbering", "numbering.xml")
    if footnotes is not None:
        word.append(("word/footnotes.xml", footnotes))
        rels.add("footnotes", "footnotes.xml")
        if footnote_rels is not None and footnote_rels.items:
            word.append(("word/_rels/footnotes.xml.rels", footnote_rels.xml()))
    if ref.font_table is not None:
        word.append(("word/fontTable.xml", ref.font_table))
        rels.add("fontTable", "fontTable.xml")
    word.append(("word/theme/theme1.xml", ref.theme if ref.theme is not None else theme_xml()))
    rels.add("theme", "theme/theme1.xml")
    if ref.web_settings is not None:
        word.append(("word/webSettings.xml", ref.web_settings))
        rels.add("webSettings", "webSettings.xml")
    word.extend(furniture)
    word.extend((f"word/{name}", data) for name, data in media)
    word.append(("word/_rels/document.xml.rels", rels.xml()))
    props = [("docProps/core.xml", core), ("docProps/app.xml", app_properties(company))]
    if custom:
        props.append(("docProps/custom.xml", custom_properties(custom)))
    names = [n for n, _ in props + word]
    return write_zip(
        [
            ("[Content_Types].xml", content_types(names, types)),
            ("_rels/.rels", package_rels(custom=bool(custom))),
            *props,
            *word,
        ],
        epoch,
    )
