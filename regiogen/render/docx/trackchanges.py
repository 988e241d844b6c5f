"""A Word document of the new version with the changes against the old one tracked.

Both versions are written by the ordinary writer; this module compares the bodies block by
block (paragraphs and tables, by their text, with :mod:`difflib`) and writes the new body with
revision marks: a paragraph or table row only in the old version comes back as deleted
(``w:del`` around its runs, ``w:delText`` for its text, the paragraph mark or row deleted), one
only in the new version is marked inserted (``w:ins``), and a paragraph that changed is diffed
word by word. Every mark carries ``w:author`` and, when known, ``w:date`` (from the commits).

A changed paragraph is rewritten as plain runs with the formatting of its first run, so bold
words or links inside a *changed* paragraph lose their own formatting; a paragraph with a
picture, footnote reference or field is not diffed word by word but marked deleted and
inserted as a whole. Deleted content loses its links and pictures (their parts belong to the
old package).
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from datetime import datetime

from lxml import etree

from regiogen.render.docx.package import write_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_WORD = re.compile(r"\s+|[^\s]+")
#: Revision ids start high, clear of the writer's bookmark ids.
_FIRST_ID = 90000
_COMPLEX = (
    f"{_W}drawing",
    f"{_W}footnoteReference",
    f"{_W}fldChar",
    f"{_W}fldSimple",
    f"{_W}object",
)


class _Marks:
    def __init__(self, author: str, when: datetime | None) -> None:
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None
        self.next_id = _FIRST_ID

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(f"{_W}{tag}")
        el.set(f"{_W}id", str(self.next_id))
        self.next_id += 1
        el.set(f"{_W}author", self.author)
        if self.date:
            el.set(f"{_W}date", self.date)
        return el


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{_W}t"))


def _block_key(el: etree._Element) -> str:
    if el.tag == f"{_W}tbl":
        return "TABLE:" + "|".join(_text(tr) for tr in el.iter(f"{_W}tr"))
    return f"{el.tag}:{_style(el)}:{_text(el)}"


def _style(p: etree._Element) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return str(style.get(f"{_W}val", "")) if style is not None else ""


def _strip_for_deletion(el: etree._Element) -> None:
    """Drop what refers to parts of the old package: links (kept as text), pictures, notes."""
    for link in list(el.iter(f"{_W}hyperlink")):
        parent = link.getparent()
        assert parent is not None
        index = parent.index(link)
        for child in list(link):
            parent.insert(index, child)
            index += 1
        parent.remove(link)
    for tag in ("drawing", "footnoteReference", "object", "commentReference"):
        for node in list(el.iter(f"{_W}{tag}")):
            parent = node.getparent()
            assert parent is not None
            parent.remove(node)
    for t in list(el.iter(f"{_W}t")):
        t.tag = f"{_W}delText"


def _mark_paragraph(p: etree._Element, kind: str, marks: _Marks) -> None:
    """Mark a whole paragraph inserted or deleted: its runs and its paragraph mark."""
    if kind == "del":
        _strip_for_deletion(p)
    for run in [c for c in p if c.tag == f"{_W}r"]:
        wrap = marks.mark(kind)
        p.replace(run, wrap)
        wrap.append(run)
    _mark_paragraph_mark(p, kind, marks)


def _mark_paragraph_mark(p: etree._Element, kind: str, marks: _Marks) -> None:
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        ppr = etree.Element(f"{_W}pPr")
        p.insert(0, ppr)
    rpr = ppr.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.Element(f"{_W}rPr")
        sect = ppr.find(f"{_W}sectPr")
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, marks.mark(kind))


def _run(rpr: etree._Element | None, text: str, deleted: bool) -> etree._Element:
    run = etree.Element(f"{_W}r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, f"{_W}{'delText' if deleted else 't'}")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _diff_paragraph(old: etree._Element, new: etree._Element, marks: _Marks) -> etree._Element:
    """The new paragraph with its words diffed against the old one."""
    if any(new.iter(*_COMPLEX)) or any(old.iter(*_COMPLEX)):
        return new  # handled as a whole by the caller
    first = new.find(f".//{_W}r/{_W}rPr")
    result = etree.Element(f"{_W}p")
    for key, value in new.attrib.items():
        result.set(key, value)
    ppr = new.find(f"{_W}pPr")
    if ppr is not None:
        result.append(copy.deepcopy(ppr))
    a, b = _WORD.findall(_text(old)), _WORD.findall(_text(new))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.append(_run(first, "".join(b[j1:j2]), False))
            continue
        if i2 > i1:
            wrap = marks.mark("del")
            wrap.append(_run(first, "".join(a[i1:i2]), True))
            result.append(wrap)
        if j2 > j1:
            wrap = marks.mark("ins")
            wrap.append(_run(first, "".join(b[j1:j2]), False))
            result.append(wrap)
    return result


def _same_paragraph(old: etree._Element, new: etree._Element) -> bool:
    """Two versions of one paragraph: same style, simple runs, at least half the words kept."""
    if not (_simple(old) and _simple(new)) or _style(old) != _style(new):
        return False
    a, b = _text(old).split(), _text(new).split()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5


def _simple(p: etree._Element) -> bool:
    return p.tag == f"{_W}p" and not any(p.iter(*_COMPLEX))


def _mark_row(tr: etree._Element, kind: str, marks: _Marks) -> None:
    trpr = tr.find(f"{_W}trPr")
    if trpr is None:
        trpr = etree.Element(f"{_W}trPr")
        tblpr = tr.find(f"{_W}tblPrEx")
        tr.insert(1 if tblpr is not None else 0, trpr)
    if not any(etree.QName(c).localname not in ("ins", "del", "trPrChange") for c in trpr):
        # The schema wants a row property before the revision mark: keep the row on one page.
        trpr.insert(0, etree.Element(f"{_W}cantSplit"))
    trpr.append(marks.mark(kind))
    for p in tr.iter(f"{_W}p"):
        _mark_paragraph(p, kind, marks)


def _diff_table(old: etree._Element, new: etree._Element, marks: _Marks) -> etree._Element:
    """The new table with rows inserted, deleted or diffed cell by cell."""
    result = copy.deepcopy(new)
    rows_old = old.findall(f"{_W}tr")
    rows_new = result.findall(f"{_W}tr")
    matcher = difflib.SequenceMatcher(
        None, [_text(r) for r in rows_old], [_text(r) for r in rows_new], autojunk=False
    )
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        paired = 0
        if op == "replace":
            for k in range(min(i2 - i1, j2 - j1)):
                if _diff_row(rows_old[i1 + k], rows_new[j1 + k], marks):
                    paired += 1
                else:
                    break
        for k in range(j1 + paired, j2):
            _mark_row(rows_new[k], "ins", marks)
        anchor = rows_new[j2 - 1] if j2 > j1 else (rows_new[j1 - 1] if j1 > 0 else None)
        for k in range(i2 - 1, i1 + paired - 1, -1):
            row = copy.deepcopy(rows_old[k])
            _mark_row(row, "del", marks)
            if anchor is not None:
                anchor.addnext(row)
            else:
                first = result.find(f"{_W}tr")
                if first is not None:
                    first.addprevious(row)
                else:
                    result.append(row)
    return result


def _diff_row(old: etree._Element, new: etree._Element, marks: _Marks) -> bool:
    """Diff two rows cell by cell in place (False when their shapes differ)."""
    cells_old, cells_new = old.findall(f"{_W}tc"), new.findall(f"{_W}tc")
    if len(cells_old) != len(cells_new):
        return False
    pairs: list[tuple[etree._Element, etree._Element]] = []
    for co, cn in zip(cells_old, cells_new, strict=True):
        po, pn = co.findall(f"{_W}p"), cn.findall(f"{_W}p")
        if len(po) != len(pn) or not all(_simple(p) for p in (*po, *pn)):
            return False
        pairs.extend(zip(po, pn, strict=True))
    for po, pn in pairs:
        if _text(po) != _text(pn):
            parent = pn.getparent()
            assert parent is not None
            parent.replace(pn, _diff_paragraph(po, pn, marks))
    return True


def _body_blocks(root: etree._Element) -> tuple[etree._Element, list[etree._Element]]:
    body = root.find(f"{_W}body")
    assert body is not None
    return body, [c for c in body if c.tag in (f"{_W}p", f"{_W}tbl")]


def track_changes_xml(old_xml: bytes, new_xml: bytes, author: str, when: datetime | None) -> bytes:
    """``word/document.xml`` of the new version with the changes from the old one marked."""
    marks = _Marks(author, when)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    old_root = etree.fromstring(old_xml, parser)
    new_root = etree.fromstring(new_xml, parser)
    _, old_blocks = _body_blocks(old_root)
    body, new_blocks = _body_blocks(new_root)
    matcher = difflib.SequenceMatcher(
        None, [_block_key(b) for b in old_blocks], [_block_key(b) for b in new_blocks],
        autojunk=False,
    )  # fmt: skip
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        paired = 0
        placed: list[etree._Element] = []
        if op == "replace":
            for o, n in zip(olds, news, strict=False):
                if o.tag == n.tag == f"{_W}p" and _same_paragraph(o, n):
                    changed = _diff_paragraph(o, n, marks)
                elif o.tag == n.tag == f"{_W}tbl":
                    changed = _diff_table(o, n, marks)
                else:
                    break
                body.replace(n, changed)
                placed.append(changed)
                paired += 1
        for n in news[paired:]:
            if n.tag == f"{_W}p":
                _mark_paragraph(n, "ins", marks)
            else:
                for tr in n.findall(f"{_W}tr"):
                    _mark_row(tr, "ins", marks)
        anchor = new_blocks[j1 - 1] if j1 > 0 else None
        inserted = []
        for o in olds[paired:]:
            gone = copy.deepcopy(o)
            if gone.tag == f"{_W}p":
                _mark_paragraph(gone, "del", marks)
            else:
                for tr in gone.findall(f"{_W}tr"):
                    _mark_row(tr, "del", marks)
            inserted.append(gone)
        target = placed[-1] if placed else None
        for gone in reversed(inserted):
            if target is not None:
                target.addnext(gone)
            elif anchor is not None:
                anchor.addnext(gone)
            else:
                body.insert(0, gone)
    return bytes(etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True))


def track_changes_docx(
    old_docx: bytes, new_docx: bytes, author: str, when: datetime | None, epoch: int
) -> bytes:
    """The new .docx with its ``document.xml`` replaced by the tracked version."""
    with zipfile.ZipFile(io.BytesIO(old_docx)) as old:
        old_xml = old.read("word/document.xml")
    parts: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(new_docx)) as new:
        for info in new.infolist():
            data = new.read(info.filename)
            if info.filename == "word/document.xml":
                data = track_changes_xml(old_xml, data, author, when)
            parts.append((info.filename, data))
    return write_zip(parts, epoch)
