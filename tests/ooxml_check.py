"""OOXML validity of a .docx: the schema check of ``openxml-audit`` plus checks it lacks.

``openxml-audit`` (PyPI; schema data from the Open XML SDK) validates every part against the
ECMA-376 schemas and a set of semantic constraints. Our own checks add what it does not
cover or what Word is stricter about:

- every ``r:id`` / ``r:embed`` in a part resolves in *that part's own* ``.rels``;
- bookmark names are at most 40 characters (Word's limit) and unique;
- no ``w:updateFields`` in the settings (Word would ask on every opening);
- the children of every ``w:rPr`` in the styles and the document are in schema order.
"""

from __future__ import annotations

import io
import posixpath
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

#: CT_RPr child order (ECMA-376 Part 1, 17.3.2.28, EG_RPrBase).
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
]  # fmt: skip
_RPR_RANK = {name: i for i, name in enumerate(RPR_ORDER)}


def _rels_of(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read(name))
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root.iter(PKG_REL)}


def own_problems(data: bytes) -> list[str]:
    """Problems our own checks find in the package ``data``."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for part in names:
            if not (part.startswith("word/") and part.endswith(".xml")) or "/_rels/" in part:
                continue
            root = etree.fromstring(archive.read(part))
            rels = _rels_of(archive, part)
            for el in root.iter():
                for attr, value in el.attrib.items():
                    if attr.startswith("{" + R + "}") and value not in rels:
                        found.append(f"{part}: {etree.QName(el).localname} {value} has no "
                                     "relationship in its own part")  # fmt: skip
            seen: set[str] = set()
            for mark in root.iter(W + "bookmarkStart"):
                bname = mark.get(W + "name", "")
                if len(bname) > 40:
                    found.append(f"{part}: bookmark name longer than 40: {bname!r}")
                if bname in seen:
                    found.append(f"{part}: bookmark name twice: {bname!r}")
                seen.add(bname)
            for rpr in root.iter(W + "rPr"):
                ranks = [_RPR_RANK.get(etree.QName(c).localname, -1) for c in rpr]
                if ranks != sorted(ranks):
                    found.append(f"{part}: w:rPr children out of order: "
                                 f"{[etree.QName(c).localname for c in rpr]}")  # fmt: skip
            if part == "word/settings.xml" and root.find(W + "updateFields") is not None:
                found.append("word/settings.xml: w:updateFields is set")
    return found


def schema_problems(data: bytes) -> list[str]:
    """Errors ``openxml-audit`` reports for the package ``data``."""
    from openxml_audit import OpenXmlValidator

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.docx"
        path.write_bytes(data)
        result = OpenXmlValidator(max_errors=50).validate(str(path))
    return [str(e) for e in result.errors]


def problems(data: bytes) -> list[str]:
    """All problems: the schema validator's and our own."""
    return schema_problems(data) + own_problems(data)
