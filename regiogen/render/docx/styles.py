"""Style resolution: style ids looked up once per document from the reference's styles.

The writer asks for styles by a short key (``"h1"``, ``"fn_text"``, ...). Each key has a
list of acceptable names; the first the reference has wins. When none is there, one
``docx.missing-style`` warning names it and a basic definition is added to this
document's styles, so the output still looks reasonable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from regiogen.diagnostics import Diagnostic, warning

from .reference import Reference
from .xmlutil import NSDECL, W, insert_in_order


@dataclass(frozen=True)
class StyleSpec:
    """A style the writer may need: its kind, acceptable names and basic definition."""

    kind: str
    names: tuple[str, ...]
    ppr: str = ""
    rpr: str = ""
    based: str | None = "normal"


_SIZE = re.compile(r'<w:sz w:val="(\d+)"/>')
_TAB_POS = re.compile(r'<w:tab [^>]*w:pos="(-?\d+)"')
_H = '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{n}"/>'

SPECS: dict[str, StyleSpec] = {
    "normal": StyleSpec("paragraph", ("Normal",), based=None),
    "body": StyleSpec("paragraph", ("Body Text",)),
    "title": StyleSpec("paragraph", ("Title",), "", '<w:b/><w:sz w:val="48"/>'),
    "subtitle": StyleSpec("paragraph", ("Subtitle",), "", '<w:sz w:val="28"/>'),
    **{
        f"h{n}": StyleSpec(
            "paragraph",
            (f"heading {n}",),
            _H.format(n=n - 1),
            f'<w:b/><w:sz w:val="{34 - 3 * n}"/>',
        )
        for n in range(1, 7)
    },
    "list": StyleSpec(
        "paragraph", ("List Paragraph",), '<w:ind w:left="720"/><w:contextualSpacing/>'
    ),
    "quote": StyleSpec("paragraph", ("Quote", "Block Text"), '<w:ind w:left="567"/>', "<w:i/>"),
    "dt": StyleSpec(
        "paragraph", ("Definition Term",), '<w:keepNext/><w:spacing w:after="0"/>', "<w:b/>"
    ),
    "dd": StyleSpec("paragraph", ("Definition",), '<w:ind w:left="567"/>'),
    "code": StyleSpec(
        "paragraph",
        ("Source Code", "HTML Preformatted"),
        '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>',
        '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="18"/>',
    ),
    "code_char": StyleSpec(
        "character",
        ("Verbatim Char", "Source Code Char", "HTML Code"),
        "",
        '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>',
        based=None,
    ),
    "caption": StyleSpec("paragraph", ("caption", "Image Caption"), "", "<w:i/>"),
    "figure": StyleSpec(
        "paragraph", ("Figure", "Captioned Figure"), '<w:keepNext/><w:jc w:val="center"/>'
    ),
    "hr": StyleSpec(
        "paragraph",
        ("Horizontal Rule",),
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>',
    ),
    "toc_heading": StyleSpec("paragraph", ("TOC Heading",), "", '<w:b/><w:sz w:val="28"/>'),
    # The number stands in the hanging indent (its tab stop at the left indent); the page
    # number at a dot-leader tab on the right margin ({text_width}: of the reference).
    **{
        f"toc{n}": StyleSpec(
            "paragraph",
            (f"toc {n}",),
            f'<w:tabs><w:tab w:val="left" w:pos="{left}"/>'
            '<w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
            f'<w:spacing w:after="60"/><w:ind w:left="{left}" w:hanging="{hanging}"/>',
        )
        for n, left, hanging in ((1, 567, 567), (2, 1247, 680), (3, 2098, 851))
    },
    "fn_text": StyleSpec(
        "paragraph", ("footnote text",), '<w:spacing w:after="0"/>', '<w:sz w:val="16"/>'
    ),
    "fn_ref": StyleSpec(
        "character", ("footnote reference",), "", '<w:vertAlign w:val="superscript"/>', based=None
    ),
    "header": StyleSpec("paragraph", ("header",), '<w:spacing w:after="0"/>', '<w:sz w:val="16"/>'),
    "footer": StyleSpec("paragraph", ("footer",), '<w:spacing w:after="0"/>', '<w:sz w:val="16"/>'),
    "hyperlink": StyleSpec(
        "character",
        ("Hyperlink",),
        "",
        '<w:color w:val="0563C1"/><w:u w:val="single"/>',
        based=None,
    ),
    "table": StyleSpec("table", ("regiogen Tabel", "Table Grid", "Table"), based=None),
    "table_text": StyleSpec(
        "paragraph", ("Table Text", "Compact"), '<w:spacing w:before="0" w:after="0"/>'
    ),
    "table_total": StyleSpec("paragraph", ("Table Total",), "", "<w:b/>", based="table_text"),
    "cover_title": StyleSpec(
        "paragraph", ("Cover Title",), '<w:spacing w:before="2880"/>', "", based="title"
    ),
    "cover_subtitle": StyleSpec("paragraph", ("Cover Subtitle",), "", "", based="subtitle"),
    "cover_org": StyleSpec(
        "paragraph", ("Cover Organisation",), '<w:spacing w:before="1440"/>', "<w:b/>"
    ),
    "cover_details": StyleSpec(
        "paragraph",
        ("Cover Details",),
        '<w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs><w:spacing w:after="40"/>',
    ),
}

_PPR_BEFORE_NUMPR = {
    W + t for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
}
_STYLE_BEFORE_PPR = {
    W + t
    for t in (
        "name",
        "aliases",
        "basedOn",
        "next",
        "link",
        "autoRedefine",
        "hidden",
        "uiPriority",
        "semiHidden",
        "unhideWhenUsed",
        "qFormat",
        "locked",
        "personal",
        "personalCompose",
        "personalReply",
        "rsid",
    )
}


def _make_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name.title()) or "Stijl"


class StyleSheet:
    """Per-document style ids, resolved once per key."""

    def __init__(self, ref: Reference, report: Callable[[Diagnostic], None], path: str) -> None:
        self.ref = ref
        self._report = report
        self._path = path
        self._ids: dict[str, str] = {}
        self._added: list[str] = []
        #: Names of the styles the reference lacks, in the order they were needed.
        self.missing: list[str] = []

    def report_missing(self) -> None:
        """One ``docx.missing-style`` warning naming every style the reference lacked."""
        if not self.missing:
            return
        names = ", ".join(f"'{name}'" for name in self.missing)
        if len(self.missing) == 1:
            message = f"stijl {names} ontbreekt in het referentiedocument; regiogen gebruikt "
            message += "een eenvoudige standaardstijl"
        else:
            message = f"stijlen {names} ontbreken in het referentiedocument; regiogen gebruikt "
            message += "eenvoudige standaardstijlen"
        self._report(warning("docx.missing-style", message, self._path))

    def __call__(self, key: str) -> str:
        """Return the style id for ``key`` (see :data:`SPECS`)."""
        sid = self._ids.get(key)
        if sid is None:
            sid = self._resolve(key)
            self._ids[key] = sid
        return sid

    def _resolve(self, key: str) -> str:
        spec = SPECS[key]
        if key == "table":
            own = self._client_table_style()
            if own is not None:
                return own
        for name in spec.names:
            info = self.ref.styles_by_name.get(name.casefold())
            if info is None:
                info = self.ref.styles_by_id.get(_make_id(name))
            if info is not None and info.kind == spec.kind:
                return info.style_id
        name = spec.names[0]
        self.missing.append(name)
        if spec.based:
            self(spec.based)  # make sure the base exists first
        self._added.append(key)
        return _make_id(name)

    def _client_table_style(self) -> str | None:
        """The client's own table style, when the reference has exactly one (and no style
        named for regiogen): a house style's table look beats Word's "Table Grid"."""
        if self.ref.styles_by_name.get(SPECS["table"].names[0].casefold()) is not None:
            return None
        own = {i.style_id for i in self.ref.styles_by_id.values() if i.kind == "table" and i.custom}
        return own.pop() if len(own) == 1 else None

    def tab_stops(self, key: str) -> list[int]:
        """Tab stop positions (twips) the style of ``key`` defines (in the reference, or in
        regiogen's own definition when the reference lacks the style)."""
        sid = self(key)
        if key in self._added:
            return [int(p) for p in _TAB_POS.findall(self._definition(key))]
        cache_key = ("tabs", sid)
        cached = self.ref.cache.get(cache_key)
        if cached is None:
            root = etree.fromstring(self.ref.styles_xml)
            found: list[str] = []
            for style in root.iterfind(W + "style"):
                if style.get(W + "styleId") == sid:
                    found = [t.get(W + "pos", "") for t in style.iterfind(f"{W}pPr/{W}tabs/{W}tab")]
            cached = ",".join(p for p in found if p.lstrip("-").isdigit()).encode()
            with self.ref.lock:
                self.ref.cache[cache_key] = cached
        return [int(p) for p in cached.decode().split(",") if p]

    def font_size(self, key: str) -> float:
        """Font size in points of the style of ``key``: its own, or through ``basedOn`` and
        the document defaults (10 pt when nothing sets it, as in Word)."""
        spec = SPECS[key]
        sid = self(key)
        if key in self._added:
            own = _SIZE.search(spec.rpr)
            if own:
                return int(own.group(1)) / 2
            return self.font_size(spec.based) if spec.based else 10.0
        cache_key = ("size", sid)
        cached = self.ref.cache.get(cache_key)
        if cached is None:
            cached = str(_style_size(self.ref.styles_xml, sid)).encode()
            with self.ref.lock:
                self.ref.cache[cache_key] = cached
        return int(cached) / 2

    def _definition(self, key: str) -> str:
        spec = SPECS[key]
        based = f'<w:basedOn w:val="{self(spec.based)}"/>' if spec.based else ""
        ppr = f"<w:pPr>{spec.ppr}</w:pPr>" if spec.ppr and spec.kind != "character" else ""
        ppr = ppr.replace("{text_width}", str(self.ref.page.text_width))
        rpr = f"<w:rPr>{spec.rpr}</w:rPr>" if spec.rpr else ""
        if spec.kind == "table":
            rpr = (
                "<w:tblPr><w:tblBorders>"
                + "".join(
                    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                + "</w:tblBorders></w:tblPr>"
            )
        return (
            f'<w:style {NSDECL} w:type="{spec.kind}" w:customStyle="1" w:styleId="{self(key)}">'
            f'<w:name w:val="{spec.names[0]}"/>{based}<w:qFormat/>{ppr}{rpr}</w:style>'
        )

    def styles_xml(self, heading_num_id: int | None, lang: str | None) -> bytes:
        """Return ``word/styles.xml`` for this document."""
        heading_ids = [self(f"h{n}") for n in (1, 2, 3)] if heading_num_id else []
        key = (tuple(self._added), heading_num_id, lang)
        cached = self.ref.cache.get(key)
        if cached is not None:
            return cached
        if not self._added and heading_num_id is None and lang is None:
            return self.ref.styles_xml
        root = etree.fromstring(self.ref.styles_xml)
        for k in self._added:
            root.append(etree.fromstring(self._definition(k)))
        if heading_num_id is not None:
            by_id = {s.get(W + "styleId"): s for s in root.iterfind(W + "style")}
            for level, sid in enumerate(heading_ids):
                style = by_id.get(sid)
                if style is not None:
                    _link_numbering(style, heading_num_id, level)
        if lang:
            for el in root.iterfind(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"):
                el.set(W + "val", lang)
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        with self.ref.lock:
            self.ref.cache[key] = data
        return data


def _link_numbering(style: etree._Element, num_id: int, level: int) -> None:
    ppr = style.find(W + "pPr")
    if ppr is None:
        ppr = etree.Element(W + "pPr")
        insert_in_order(style, ppr, _STYLE_BEFORE_PPR)
    for old in ppr.findall(W + "numPr"):
        ppr.remove(old)
    num_pr = etree.fromstring(
        f'<w:numPr {NSDECL}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    insert_in_order(ppr, num_pr, _PPR_BEFORE_NUMPR)


def _style_size(styles_xml: bytes, style_id: str) -> int:
    """Font size in half-points of a style in ``styles.xml``, following ``basedOn``."""
    root = etree.fromstring(styles_xml)
    by_id = {st.get(W + "styleId"): st for st in root.iterfind(W + "style")}
    seen: set[str] = set()
    current: str | None = style_id
    while current and current not in seen and current in by_id:
        seen.add(current)
        style = by_id[current]
        size = style.find(f"{W}rPr/{W}sz")
        if size is not None and (size.get(W + "val") or "").isdigit():
            return int(size.get(W + "val") or 20)
        based = style.find(W + "basedOn")
        current = based.get(W + "val") if based is not None else None
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    if default is not None and (default.get(W + "val") or "").isdigit():
        return int(default.get(W + "val") or 20)
    return 20
