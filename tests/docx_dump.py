"""A readable text dump of a .docx, for fixture tests and for looking at output by eye.

One line per paragraph: ``P[style]`` with list, alignment and page-break marks, then the
text with ``**bold**``, ``*italic*``, ``~~strike~~``, `` `code` ``, ``[link](target)``,
``[^n]`` footnote references, ``{FIELD|result}`` fields, ``↵`` line breaks, ``→`` tabs.
Tables are one line per row; sections, footnotes, header/footer and core properties follow.
Run ``python tests/docx_dump.py file.docx`` to print one.
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


class Dumper:
    """Holds the package parts a dump needs."""

    def __init__(self, data: bytes | Path | str) -> None:
        source = data if isinstance(data, (str, Path)) else __import__("io").BytesIO(data)
        with zipfile.ZipFile(source) as zf:
            self.parts = {name: zf.read(name) for name in zf.namelist()}
        self.styles: dict[str, str] = {}
        if "word/styles.xml" in self.parts:
            for st in etree.fromstring(self.parts["word/styles.xml"]).iter(W + "style"):
                name = st.find(W + "name")
                self.styles[st.get(W + "styleId", "")] = (
                    name.get(W + "val", "") if name is not None else st.get(W + "styleId", "")
                )
        self.rels = self._rels("word/_rels/document.xml.rels")
        self.nums: dict[str, tuple[str, dict[str, str]]] = {}
        self.formats: dict[str, dict[str, str]] = {}
        if "word/numbering.xml" in self.parts:
            root = etree.fromstring(self.parts["word/numbering.xml"])
            for ab in root.iter(W + "abstractNum"):
                fmts = {}
                for lvl in ab.iter(W + "lvl"):
                    fmt = lvl.find(W + "numFmt")
                    fmts[lvl.get(W + "ilvl", "")] = (
                        fmt.get(W + "val", "") if fmt is not None else ""
                    )
                self.formats[ab.get(W + "abstractNumId", "")] = fmts
            for num in root.iter(W + "num"):
                ab_id = num.find(W + "abstractNumId")
                starts = {
                    o.get(W + "ilvl", ""): o.find(W + "startOverride").get(W + "val", "")  # type: ignore[union-attr]
                    for o in num.iter(W + "lvlOverride")
                    if o.find(W + "startOverride") is not None
                }
                self.nums[num.get(W + "numId", "")] = (
                    ab_id.get(W + "val", "") if ab_id is not None else "",
                    starts,
                )

    def _rels(self, name: str) -> dict[str, str]:
        found: dict[str, str] = {}
        rels = self.parts.get(name)
        if rels:
            for rel in etree.fromstring(rels):
                found[rel.get("Id", "")] = rel.get("Target", "")
        return found

    def style(self, el: etree._Element | None, tag: str) -> str:
        if el is None:
            return ""
        st = el.find(W + tag)
        if st is None:
            return ""
        sid = st.get(W + "val", "")
        return self.styles.get(sid, f"?{sid}")

    # -- runs ----------------------------------------------------------------------------

    def runs(self, parent: etree._Element) -> str:
        out: list[str] = []
        self._runs(parent, out, marks="")
        return "".join(out)

    def _runs(self, parent: etree._Element, out: list[str], marks: str) -> None:
        for el in parent:
            tag = el.tag
            if tag == W + "r":
                out.append(self.run(el))
            elif tag == W + "hyperlink":
                inner: list[str] = []
                self._runs(el, inner, marks)
                target = (
                    "#" + el.get(W + "anchor", "")
                    if el.get(W + "anchor")
                    else self.rels.get(el.get(R + "id", ""), "?")
                )
                out.append(f"[{''.join(inner)}]({target})")
            elif tag == W + "bookmarkStart":
                name = el.get(W + "name", "")
                if not name.startswith("_Ref"):
                    out.append(f"⟨#{name}⟩")
            elif tag in (W + "fldSimple", W + "smartTag", W + "ins"):
                self._runs(el, out, marks)

    def run(self, r: etree._Element) -> str:
        rpr = r.find(W + "rPr")
        style = self.style(rpr, "rStyle")
        bold = rpr is not None and rpr.find(W + "b") is not None
        italic = rpr is not None and rpr.find(W + "i") is not None
        strike = rpr is not None and rpr.find(W + "strike") is not None
        text: list[str] = []
        for el in r:
            tag = el.tag
            if tag == W + "t":
                text.append(el.text or "")
            elif tag == W + "tab":
                text.append("→")
            elif tag == W + "br":
                text.append("<pagebreak>" if el.get(W + "type") == "page" else "↵")
            elif tag == W + "footnoteReference":
                return f"[^{el.get(W + 'id')}]"
            elif tag == W + "footnoteRef":
                return "[^]"
            elif tag == W + "fldChar":
                kind = el.get(W + "fldCharType")
                text.append({"begin": "{", "separate": "|", "end": "}"}.get(kind or "", ""))
            elif tag == W + "instrText":
                text.append((el.text or "").strip())
            elif tag == W + "drawing":
                ext = el.find(f".//{WP}extent")
                doc = el.find(f".//{WP}docPr")
                cx = int(ext.get("cx", "0")) / 360000 if ext is not None else 0
                cy = int(ext.get("cy", "0")) / 360000 if ext is not None else 0
                descr = doc.get("descr", "") if doc is not None else ""
                text.append(f"<image {cx:.2f}x{cy:.2f}cm {descr!r}>")
        s = "".join(text).replace("\u00a0", "⍽")
        if not s:
            return ""
        if style == "Verbatim Char":
            s = f"`{s}`"
        elif style == "footnote reference":
            s = f"^{s}"
        if strike:
            s = f"~~{s}~~"
        if italic:
            s = f"*{s}*"
        if bold:
            s = f"**{s}**"
        return s

    # -- blocks --------------------------------------------------------------------------

    def para(self, p: etree._Element) -> str:
        ppr = p.find(W + "pPr")
        bits = [f"P[{self.style(ppr, 'pStyle') or '-'}]"]
        if ppr is not None:
            num = ppr.find(W + "numPr")
            if num is not None:
                ilvl = num.find(W + "ilvl")
                nid = num.find(W + "numId")
                lvl = ilvl.get(W + "val", "0") if ilvl is not None else "0"
                num_id = nid.get(W + "val", "") if nid is not None else ""
                ab, starts = self.nums.get(num_id, ("", {}))
                fmt = self.formats.get(ab, {}).get(lvl, "?")
                start = f" start={starts[lvl]}" if lvl in starts else ""
                bits.append(f"list={fmt}#{num_id}/{lvl}{start}")
            ind = ppr.find(W + "ind")
            if ind is not None:
                bits.append(f"ind={ind.get(W + 'left', '')}")
            jc = ppr.find(W + "jc")
            if jc is not None:
                bits.append(f"jc={jc.get(W + 'val')}")
            if ppr.find(W + "pageBreakBefore") is not None:
                bits.append("pagebreak-before")
            sect = ppr.find(W + "sectPr")
            if sect is not None:
                return " ".join(bits) + "\n" + self.section(sect)
        return " ".join(bits) + " | " + self.runs(p)

    def section(self, sect: etree._Element) -> str:
        size = sect.find(W + "pgSz")
        w = size.get(W + "w", "") if size is not None else ""
        h = size.get(W + "h", "") if size is not None else ""
        orient = (
            "landscape"
            if size is not None and size.get(W + "orient") == "landscape"
            else "portrait"
        )
        refs = [
            f"{etree.QName(el).localname[:6]}:{el.get(W + 'type')}="
            f"{self.rels.get(el.get(R + 'id', ''), '?')}"
            for el in sect
            if el.tag in (W + "headerReference", W + "footerReference")
        ]
        title = " titlePg" if sect.find(W + "titlePg") is not None else ""
        return f"SECTION {orient} {w}x{h}{title} {' '.join(refs)}".rstrip()

    def table(self, tbl: etree._Element, indent: str) -> list[str]:
        tblpr = tbl.find(W + "tblPr")
        widths = [g.get(W + "w", "") for g in tbl.iter(W + "gridCol")]
        lines = [f"{indent}TABLE[{self.style(tblpr, 'tblStyle')}] widths={','.join(widths)}"]
        for tr in tbl.iterfind(W + "tr"):
            trpr = tr.find(W + "trPr")
            header = trpr is not None and trpr.find(W + "tblHeader") is not None
            cells = []
            shaded = False
            styles = set()
            for tc in tr.iterfind(W + "tc"):
                if tc.find(f"{W}tcPr/{W}shd") is not None:
                    shaded = True
                texts = []
                for p in tc.iterfind(W + "p"):
                    ppr = p.find(W + "pPr")
                    styles.add(self.style(ppr, "pStyle"))
                    jc = ppr.find(W + "jc") if ppr is not None else None
                    mark = {"right": ">", "center": "^"}.get(
                        jc.get(W + "val", "") if jc is not None else "", ""
                    )
                    texts.append(mark + self.runs(p))
                cells.append(" / ".join(texts))
            kind = "HEAD" if header else "ROW"
            extra = f" ({','.join(sorted(styles))}{', shaded' if shaded else ''})"
            lines.append(f"{indent}  {kind}{extra}: " + " | ".join(cells))
        return lines

    def blocks(self, parent: etree._Element, indent: str = "") -> list[str]:
        lines: list[str] = []
        for el in parent:
            if el.tag == W + "p":
                lines.append(indent + self.para(el))
            elif el.tag == W + "tbl":
                lines.extend(self.table(el, indent))
            elif el.tag == W + "sdt":
                content = el.find(W + "sdtContent")
                gallery = el.find(f".//{W}docPartGallery")
                name = gallery.get(W + "val", "") if gallery is not None else ""
                lines.append(f"{indent}SDT {name}")
                if content is not None:
                    lines.extend(self.blocks(content, indent + "  "))
            elif el.tag == W + "sectPr":
                lines.append(indent + self.section(el))
        return lines

    def part_rels(self, name: str) -> list[str]:
        """``REL`` lines for a part's own relationships (a header's pictures), if any.

        Internal targets show the part they resolve to and its size, or ``MISSING``.
        """
        folder, base = name.rsplit("/", 1)
        rels = self.parts.get(f"{folder}/_rels/{base}.rels")
        if rels is None:
            return []
        lines = []
        for rel in etree.fromstring(rels):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                lines.append(f"REL {rel.get('Id')} {kind} {target} (external)")
                continue
            part = posixpath.normpath(posixpath.join(folder, target))
            size = f"{len(self.parts[part])} bytes" if part in self.parts else "MISSING"
            lines.append(f"REL {rel.get('Id')} {kind} {part} ({size})")
        return lines

    def dump(self) -> str:
        out: list[str] = ["== document =="]
        doc = etree.fromstring(self.parts["word/document.xml"])
        body = doc.find(W + "body")
        assert body is not None
        out.extend(self.blocks(body))
        if "word/footnotes.xml" in self.parts:
            out.append("== footnotes ==")
            self.rels = self._rels("word/_rels/footnotes.xml.rels")  # a part's own relationships
            for fn in etree.fromstring(self.parts["word/footnotes.xml"]).iterfind(W + "footnote"):
                kind = fn.get(W + "type")
                if kind:
                    out.append(f"FN {fn.get(W + 'id')} {kind}")
                    continue
                out.append(f"FN {fn.get(W + 'id')}")
                out.extend(self.blocks(fn, "  "))
        for name in sorted(self.parts):
            if name.startswith(("word/header", "word/footer")):
                out.append(f"== {name[5:]} ==")
                out.extend(self.blocks(etree.fromstring(self.parts[name])))
                out.extend(self.part_rels(name))
        out.append("== core ==")
        core = etree.fromstring(self.parts["docProps/core.xml"])
        for el in core:
            out.append(f"{etree.QName(el).localname}={el.text or ''}")
        media = sorted(n for n in self.parts if n.startswith("word/media/"))
        if media:
            out.append("== media ==")
            out.extend(f"{n} {len(self.parts[n])} bytes" for n in media)
        return "\n".join(out) + "\n"


def dump_docx(data: bytes | Path | str) -> str:
    """Return the readable dump of a .docx (bytes or a path)."""
    return Dumper(data).dump()


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        sys.stdout.write(dump_docx(Path(arg)))
