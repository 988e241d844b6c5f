"""Fields and page furniture: table of contents, PAGE / NUMPAGES, header, footer, sections."""

from __future__ import annotations

from dataclasses import dataclass

from .reference import PageSetup
from .styles import StyleSheet
from .xmlutil import NSDECL, XML_HEADER, esc


@dataclass(frozen=True)
class TocEntry:
    """A heading as the pre-filled table of contents shows it."""

    level: int
    number: str
    text: str
    bookmark: str
    page: int


def field_runs(instr: str, result: str, rpr: str = "") -> str:
    """A complex field (begin / instruction / separate / result / end) as runs."""
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>{esc(result)}</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _number_tab(styles: StyleSheet, key: str, entry: TocEntry) -> str:
    """A tab stop for the heading number, when the entry's style has none of its own.

    A style with just the right-hand page-number tab (as many references have) would send
    the tab after the number to the page-number position, because Word and LibreOffice
    drop default tab stops to the left of a set one.
    """
    if not entry.number or len(styles.tab_stops(key)) >= 2:
        return ""
    return f'<w:tabs><w:tab w:val="left" w:pos="{(min(entry.level, 3) - 1) * 440 + 567}"/></w:tabs>'


def toc_xml(
    entries: list[TocEntry],
    styles: StyleSheet,
    title: str,
    *,
    new_page: bool = False,
    unnumbered: int | None = None,
) -> str:
    """A real TOC field, pre-filled with the headings and their page numbers.

    The field is not marked dirty and the settings do not ask to update fields: Word would
    ask on every opening. The page numbers come from a layout of the document."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    paras: list[str] = [
        f'<w:p><w:pPr><w:pStyle w:val="{styles("toc_heading")}"/>'
        + ("<w:pageBreakBefore/>" if new_page else "")
        + (
            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{unnumbered}"/></w:numPr>'
            if unnumbered is not None
            else ""
        )
        + "</w:pPr>"
        f'<w:r><w:t xml:space="preserve">{esc(title)}</w:t></w:r></w:p>'
    ]
    if not entries:
        paras.append(f"<w:p>{begin}{end}</w:p>")
    for i, entry in enumerate(entries):
        number = (
            f'<w:r><w:t xml:space="preserve">{esc(entry.number)}</w:t></w:r><w:r><w:tab/></w:r>'
            if entry.number
            else ""
        )
        link = (
            f'<w:hyperlink w:anchor="{esc(entry.bookmark)}" w:history="1">{number}'
            f'<w:r><w:t xml:space="preserve">{esc(entry.text)}</w:t></w:r><w:r><w:tab/></w:r>'
            + field_runs(f"PAGEREF {entry.bookmark} \\h", str(entry.page))
            + "</w:hyperlink>"
        )
        first = begin if i == 0 else ""
        last = end if i == len(entries) - 1 else ""
        key = f"toc{min(entry.level, 3)}"
        paras.append(
            f'<w:p><w:pPr><w:pStyle w:val="{styles(key)}"/>{_number_tab(styles, key, entry)}'
            f"</w:pPr>{first}{link}{last}</w:p>"
        )
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        + "".join(paras)
        + "</w:sdtContent></w:sdt>"
    )


def _tabs(styles: StyleSheet, key: str, width: int | None) -> str:
    """Direct tab stops for a header/footer: the style's cleared, one at the right margin."""
    if width is None:
        return ""
    clear = "".join(f'<w:tab w:val="clear" w:pos="{p}"/>' for p in styles.tab_stops(key))
    return f'<w:tabs>{clear}<w:tab w:val="right" w:pos="{width}"/></w:tabs>'


def header_xml(styles: StyleSheet, left: str, right: str, width: int | None = None) -> bytes:
    """A header part: title on the left, classification on the right (at ``width``)."""
    runs = f'<w:r><w:t xml:space="preserve">{esc(left)}</w:t></w:r>' if left else ""
    if right:
        runs += f'<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">{esc(right)}</w:t></w:r>'
    return (
        XML_HEADER + f'<w:hdr {NSDECL}><w:p><w:pPr><w:pStyle w:val="{styles("header")}"/>'
        f"{_tabs(styles, 'header', width)}</w:pPr>{runs}</w:p></w:hdr>"
    ).encode("utf-8")


def footer_xml(styles: StyleSheet, left: str, width: int | None = None) -> bytes:
    """A footer part: ``left`` text, then ``Pagina X van Y`` at the right tab."""
    runs = f'<w:r><w:t xml:space="preserve">{esc(left)}</w:t></w:r>' if left else ""
    runs += (
        '<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">Pagina </w:t></w:r>'
        + field_runs("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> van </w:t></w:r>'
        + field_runs("NUMPAGES", "1")
    )
    return (
        XML_HEADER + f'<w:ftr {NSDECL}><w:p><w:pPr><w:pStyle w:val="{styles("footer")}"/>'
        f"{_tabs(styles, 'footer', width)}</w:pPr>{runs}</w:p></w:ftr>"
    ).encode("utf-8")


def empty_part(tag: str) -> bytes:
    """An empty header (``hdr``) or footer (``ftr``), for the cover page."""
    return (XML_HEADER + f"<w:{tag} {NSDECL}><w:p/></w:{tag}>").encode("utf-8")


@dataclass
class SectionRefs:
    """Relationship ids of the header and footer parts."""

    header: str | None = None
    footer: str | None = None
    first_header: str | None = None
    first_footer: str | None = None
    wide_header: str | None = None
    wide_footer: str | None = None
    even_header: str | None = None
    even_footer: str | None = None
    #: Even pages of landscape sections, when they differ from the portrait even part.
    wide_even_header: str | None = None
    wide_even_footer: str | None = None


def _references(refs: SectionRefs, kind: str, *, landscape: bool, title_page: bool) -> list[str]:
    """The ``w:headerReference`` or ``w:footerReference`` elements of one section."""
    default = getattr(refs, kind)
    even = getattr(refs, f"even_{kind}")
    first = getattr(refs, f"first_{kind}")
    shown = (getattr(refs, f"wide_{kind}") if landscape else None) or default
    # Even pages of a landscape section use the wide variant when they show the default,
    # and their own wide variant (the client's even part, widened) when there is one.
    shown_even = shown if even == default else even
    if landscape and even != default:
        shown_even = getattr(refs, f"wide_even_{kind}") or shown_even
    tag = f"w:{kind}Reference"
    found = [("default", shown), ("first", first if title_page else None), ("even", shown_even)]
    return [f'<{tag} w:type="{variant}" r:id="{rid}"/>' for variant, rid in found if rid]


def sect_pr(page: PageSetup, refs: SectionRefs, *, landscape: bool, title_page: bool) -> str:
    """A ``w:sectPr`` for one section (portrait or landscape)."""
    parts = ["<w:sectPr>"]
    for kind in ("header", "footer"):
        parts += _references(refs, kind, landscape=landscape, title_page=title_page)
    if landscape:
        parts.append(f'<w:pgSz w:w="{page.height}" w:h="{page.width}" w:orient="landscape"/>')
        top, right, bottom, left = page.right, page.bottom, page.left, page.top
    else:
        parts.append(f'<w:pgSz w:w="{page.width}" w:h="{page.height}"/>')
        top, right, bottom, left = page.top, page.right, page.bottom, page.left
    parts.append(
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        f'w:header="{page.header}" w:footer="{page.footer}" w:gutter="{page.gutter}"/>'
    )
    if title_page:
        parts.append("<w:titlePg/>")
    parts.append("</w:sectPr>")
    return "".join(parts)
