"""A landscape copy of a client's header or footer part.

The client's parts are laid out for the portrait text width: a right-aligned tab stop at
the right margin, a centred one halfway, a table as wide as the text. On a landscape page
those end at about two thirds of the width. :func:`widen` returns a copy in which

* right (``right``/``end``) tab stops at about the portrait text width move to the
  landscape text width, and centred ones at about half of it to half the landscape width;
  tab stops a paragraph inherits from its style (or the default paragraph style) are
  cleared in the paragraph and set again at their new place as direct tab stops;
* tables about as wide as the portrait text are scaled to the landscape text width
  (grid columns, table, cell and row-edge widths in twips, proportionally).

"About" means within 5 %. Paragraphs inside tables and text boxes are left alone: their
tab stops belong to the cell or box, not to the page. Everything is integer arithmetic on
the XML, so the same part gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .xmlutil import W, insert_in_order

_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
#: Elements that come before ``w:tabs`` inside ``w:pPr`` (schema order).
_BEFORE_TABS = {
    W + name
    for name in (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd",
    )
}  # fmt: skip
_RIGHT = ("right", "end")
_CONTAINERS = (W + "tbl", W + "txbxContent")


@dataclass(frozen=True)
class Widths:
    """Text widths in twips: the reference's portrait page and the landscape page."""

    portrait: int
    landscape: int

    def moved(self, kind: str, pos: int) -> int | None:
        """The new position of a tab stop, or ``None`` when it stays where it is."""
        if kind in _RIGHT and _near(pos, self.portrait):
            new = self.landscape
        elif kind == "center" and _near(pos, self.portrait // 2):
            new = self.landscape // 2
        else:
            return None
        return new if new != pos else None

    def scaled(self, value: int, width: int) -> int:
        """``value`` scaled by ``landscape / width``, rounded half up."""
        return (2 * value * self.landscape + width) // (2 * width)


def _near(value: int, target: int) -> bool:
    """Within 5 % of ``target``."""
    return target > 0 and abs(value - target) * 20 <= target


def _int(el: etree._Element, attr: str) -> int | None:
    raw = el.get(W + attr)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


#: Tab stops by position: (kind, leader or "").
_Tabs = dict[int, tuple[str, str]]


def _apply_tabs(tabs: _Tabs, parent: etree._Element | None) -> None:
    """Add or clear the tab stops of one ``w:pPr`` (a later layer over an earlier one)."""
    if parent is None:
        return
    for tab in parent.iterfind(f"{W}tabs/{W}tab"):
        pos = _int(tab, "pos")
        if pos is None:
            continue
        kind = tab.get(W + "val", "")
        if kind == "clear":
            tabs.pop(pos, None)
        else:
            tabs[pos] = (kind, tab.get(W + "leader", ""))


class StyleTabs:
    """The tab stops each paragraph style of a reference's ``styles.xml`` gives."""

    def __init__(self, styles_xml: bytes) -> None:
        root = _parse(styles_xml)
        self._base: _Tabs = {}
        _apply_tabs(self._base, root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        self._styles: dict[str, etree._Element] = {}
        self.default = ""
        for style in root.iterfind(W + "style"):
            sid = style.get(W + "styleId")
            if not sid or style.get(W + "type", "paragraph") != "paragraph":
                continue
            self._styles.setdefault(sid, style)
            if not self.default and style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
        self._cache: dict[str, _Tabs] = {}

    def tabs(self, style_id: str) -> _Tabs:
        """Tab stops of ``style_id`` (or the default style) with those it is based on."""
        sid = style_id if style_id in self._styles else self.default
        cached = self._cache.get(sid)
        if cached is not None:
            return cached
        chain: list[etree._Element] = []
        seen: set[str] = set()
        step = sid
        while step in self._styles and step not in seen:
            seen.add(step)
            chain.append(self._styles[step])
            based = self._styles[step].find(W + "basedOn")
            step = based.get(W + "val", "") if based is not None else ""
        tabs = dict(self._base)
        for style in reversed(chain):
            _apply_tabs(tabs, style.find(W + "pPr"))
        self._cache[sid] = tabs
        return tabs


def _in_container(el: etree._Element) -> bool:
    return any(True for _ in el.iterancestors(*_CONTAINERS))


def _tab(kind: str, pos: int, leader: str = "") -> etree._Element:
    el = etree.Element(W + "tab")
    el.set(W + "val", kind)
    if leader:
        el.set(W + "leader", leader)
    el.set(W + "pos", str(pos))
    return el


def _tabs_element(ppr: etree._Element) -> etree._Element:
    """The paragraph's ``w:tabs``, made in its schema place when it has none."""
    tabs = ppr.find(W + "tabs")
    if tabs is None:
        tabs = etree.Element(W + "tabs")
        insert_in_order(ppr, tabs, _BEFORE_TABS)
    return tabs


def _widen_paragraph(p: etree._Element, styles: StyleTabs, widths: Widths) -> bool:
    """Move the paragraph's page-wide tab stops; True when something changed."""
    ppr = p.find(W + "pPr")
    pstyle = ppr.find(W + "pStyle") if ppr is not None else None
    inherited = styles.tabs(pstyle.get(W + "val", "") if pstyle is not None else "")
    direct = [] if ppr is None else list(ppr.iterfind(f"{W}tabs/{W}tab"))
    own: set[int] = set()
    moved: set[int] = set()
    for tab in direct:
        pos = _int(tab, "pos")
        if pos is None:
            continue
        own.add(pos)
        new = widths.moved(tab.get(W + "val", ""), pos)
        if new is not None:
            tab.set(W + "pos", str(new))
            moved.add(pos)
    added: list[etree._Element] = []
    for pos, (kind, leader) in sorted(inherited.items()):
        if pos in moved:
            # The paragraph's own stop here hid the style's; now that it moved, clear it.
            added.append(_tab("clear", pos))
            continue
        new = widths.moved(kind, pos)
        if new is not None and pos not in own:
            added += [_tab("clear", pos), _tab(kind, new, leader)]
    if not added and not moved:
        return False
    if ppr is None:
        ppr = etree.Element(W + "pPr")
        p.insert(0, ppr)
    tabs = _tabs_element(ppr)
    tabs.extend(added)
    tabs[:] = sorted(tabs, key=lambda t: _int(t, "pos") or 0)
    return True


def _own(el: etree._Element, tbl: etree._Element) -> bool:
    """``el`` belongs to ``tbl`` itself, not to a table nested in one of its cells."""
    return next(el.iterancestors(W + "tbl"), None) is tbl


def _table_width(tbl: etree._Element) -> int:
    tblw = tbl.find(f"{W}tblPr/{W}tblW")
    if tblw is not None and tblw.get(W + "type", "dxa") == "dxa":
        width = _int(tblw, "w")
        if width is not None and width > 0:
            return width
    return sum(_int(col, "w") or 0 for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol"))


def _widen_table(tbl: etree._Element, widths: Widths) -> bool:
    """Scale a table as wide as the portrait text; True when it was."""
    width = _table_width(tbl)
    if not _near(width, widths.portrait) or width == widths.landscape:
        return False
    # Column edges are rounded, not column widths, so the columns add up exactly.
    edge = new_edge = 0
    for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol"):
        edge += max(_int(col, "w") or 0, 0)
        end = widths.scaled(edge, width)
        col.set(W + "w", str(end - new_edge))
        new_edge = end
    for el in tbl.iter(W + "tblW", W + "tcW", W + "wBefore", W + "wAfter"):
        value = _int(el, "w")
        if value is not None and el.get(W + "type", "dxa") == "dxa" and _own(el, tbl):
            el.set(W + "w", str(widths.scaled(value, width)))
    return True


def widen(xml: bytes, styles: StyleTabs, widths: Widths) -> bytes | None:
    """The landscape copy of a header or footer part, or ``None`` when nothing moves."""
    root = _parse(xml)
    changed = False
    for tbl in list(root.iter(W + "tbl")):
        if not _in_container(tbl):
            changed |= _widen_table(tbl, widths)
    for p in list(root.iter(W + "p")):
        if not _in_container(p):
            changed |= _widen_paragraph(p, styles, widths)
    if not changed:
        return None
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def drawing_count(xml: bytes) -> int:
    """How many drawings (``wp:docPr``) a part holds."""
    return sum(1 for _ in _parse(xml).iter(_WP_DOCPR)) if b"docPr" in xml else 0


def shift_drawings(xml: bytes, offset: int) -> bytes:
    """The part with its drawing ids (``wp:docPr``) raised by ``offset``, to stay unique."""
    if offset == 0 or b"docPr" not in xml:
        return xml
    root = _parse(xml)
    for el in root.iter(_WP_DOCPR):
        value = el.get("id", "")
        if value.isdigit():
            el.set("id", str(int(value) + offset))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
