"""The client's own header and footer parts ("house style"), read from the reference document.

When the reference's last section references header or footer parts with visible content
(text, fields, pictures), :func:`load_house_style` reads them once, with the relationships
they use and the pictures behind those, so every output document can copy them (see
:mod:`.headers`). Nothing here raises: a part that cannot be used is described in
:attr:`HouseStyle.problems` and that kind (header or footer) falls back to regiogen's own.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from .house_fields import property_names
from .xmlutil import R_NS, XML_HEADER, W, esc

KINDS = ("header", "footer")
VARIANTS = ("default", "first", "even")
_ROOT = {"header": W + "hdr", "footer": W + "ftr"}
_LABEL = {"header": "koptekst", "footer": "voettekst"}
_VISIBLE = {W + n for n in ("drawing", "pict", "object", "sym", "fldSimple", "instrText")}
_IMAGE_REL = f"{R_NS}/image"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_O_RELID = "{urn:schemas-microsoft-com:office:office}relid"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
#: Drawing ids of copied parts start here, far above the body's (which count from 1).
DOCPR_BASE = 10_000
_MAX_PART = 20 * 1024 * 1024
_MEDIA_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
}
_SAFE_EXT = re.compile(r"^[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class ClientPart:
    """One header or footer part of the reference, ready to copy."""

    kind: str  # "header" or "footer"
    variant: str  # "default", "first" or "even"
    xml: bytes
    rels: bytes | None  # the part's ``.rels``, targets renamed to our media names
    media: tuple[str, ...]  # names of the media parts it uses ("word/media/huisstijl1.png")
    properties: tuple[str, ...] = ()  # DOCPROPERTY names its fields show


@dataclass(frozen=True)
class HouseStyle:
    """The client's header and footer parts; empty when the reference has none."""

    parts: tuple[ClientPart, ...] = ()
    media: tuple[tuple[str, bytes, str], ...] = ()  # (part name, data, content type)
    title_page: bool = False  # the reference's last section has a different first page
    even_odd: bool = False  # the reference's settings have different even-page headers
    problems: tuple[str, ...] = ()

    def has(self, kind: str) -> bool:
        """True when the client's parts of ``kind`` are used."""
        return any(p.kind == kind for p in self.parts)

    def part(self, kind: str, variant: str) -> ClientPart | None:
        """The client's part of ``kind`` and ``variant``, if it has one."""
        return next((p for p in self.parts if p.kind == kind and p.variant == variant), None)


class _Broken(Exception):
    """A header or footer part that cannot be used (message in Dutch)."""


#: Everything reading a part of the reference can raise; each becomes a problem.
_ERRORS = (_Broken, etree.LxmlError, zipfile.BadZipFile, OSError, RuntimeError, EOFError,
           ValueError, zlib.error)  # fmt: skip


@dataclass
class _Raw:
    kind: str
    variant: str
    root: etree._Element
    rels: list[tuple[str, str, str, bool]]  # (id, type, target, external); media by source
    media: list[str]  # source names of the media it uses


def _on(el: etree._Element | None) -> bool:
    """An ``w:ST_OnOff`` flag element: present and not switched off."""
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(part: str, target: str) -> str:
    """The zip name a relationship target of ``part`` points to."""
    target = unquote(target)
    if target.startswith("/"):
        name = posixpath.normpath(target.lstrip("/"))
    else:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    if name.startswith("../") or name in ("..", "."):
        raise _Broken(f"{part} verwijst buiten het document ({target})")
    return name


@dataclass
class _Loader:
    """Reads parts of the reference's zip for one :func:`load_house_style` call."""

    zf: zipfile.ZipFile
    overrides: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def read(self, name: str) -> bytes | None:
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > _MAX_PART:
            raise _Broken(f"onderdeel {name} is te groot")
        return self.zf.read(info)

    def content_type(self, name: str) -> str | None:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return (
            self.overrides.get("/" + name.lower())
            or self.defaults.get(ext)
            or _MEDIA_TYPES.get(ext)
        )

    def relationships(self, name: str) -> dict[str, tuple[str, str, bool]]:
        data = self.read(name)
        if data is None:
            return {}
        rels: dict[str, tuple[str, str, bool]] = {}
        for rel in _parse(data).iter(f"{{{_RELS_NS}}}Relationship"):
            rid = rel.get("Id")
            if rid:
                external = rel.get("TargetMode") == "External"
                rels[rid] = (rel.get("Type", ""), rel.get("Target", ""), external)
        return rels

    def part(self, kind: str, variant: str, name: str) -> _Raw:
        data = self.read(name)
        if data is None:
            raise _Broken(f"onderdeel {name} ontbreekt")
        try:
            root = _parse(data)
        except etree.XMLSyntaxError as exc:
            raise _Broken(f"{name} is geen geldige XML (regel {exc.lineno})") from exc
        if root.tag != _ROOT[kind]:
            raise _Broken(f"{name} is geen {_LABEL[kind]}")
        used = sorted(
            {v for el in root.iter() for k, v in el.attrib.items() if _is_rel_attr(str(k))}
        )
        rels = self.relationships(_rels_name(name)) if used else {}
        kept: list[tuple[str, str, str, bool]] = []
        media: list[str] = []
        for rid in used:
            if rid not in rels:
                raise _Broken(f"{name} verwijst naar onbekende relatie {rid}")
            rel_type, target, external = rels[rid]
            if external:
                kept.append((rid, rel_type, target, True))
                continue
            if rel_type != _IMAGE_REL:
                raise _Broken(f"{name}: relatie {rid} ({rel_type}) wordt niet ondersteund")
            source = _resolve(name, target)
            if source not in self.media:
                blob = self.read(source)
                if blob is None:
                    raise _Broken(f"afbeelding {source} ontbreekt")
                ctype = self.content_type(source)
                if ctype is None:
                    raise _Broken(f"afbeelding {source} heeft een onbekend type")
                self.media[source] = (blob, ctype)
            kept.append((rid, rel_type, source, False))
            media.append(source)
        return _Raw(kind, variant, root, kept, media)


def _is_rel_attr(name: str) -> bool:
    return name.startswith(f"{{{R_NS}}}") or name == _O_RELID


def visible(root: etree._Element) -> bool:
    """True when a header or footer shows something: text, a field or a picture."""
    for el in root.iter():
        if el.tag in _VISIBLE or (el.tag == W + "t" and (el.text or "").strip()):
            return True
    return False


def _content_types(types: bytes) -> tuple[dict[str, str], dict[str, str]]:
    overrides: dict[str, str] = {}
    defaults: dict[str, str] = {}
    try:
        root = _parse(types)
    except etree.XMLSyntaxError:
        return overrides, defaults
    for el in root.iter(_CT_NS + "Override"):
        overrides[el.get("PartName", "").lower()] = el.get("ContentType", "")
    for el in root.iter(_CT_NS + "Default"):
        defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
    return overrides, defaults


def _references(sect: etree._Element) -> dict[str, list[tuple[str, str]]]:
    """(variant, relationship id) of the header and footer references, per kind."""
    refs: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        seen: set[str] = set()
        for el in sect.iterfind(f"{W}{kind}Reference"):
            variant = el.get(W + "type", "default")
            rid = el.get(f"{{{R_NS}}}id", "")
            if variant in VARIANTS and variant not in seen:
                seen.add(variant)
                refs[kind].append((variant, rid))
        refs[kind].sort(key=lambda item: VARIANTS.index(item[0]))
    return refs


def _rels_xml(rows: list[tuple[str, str, str, bool]]) -> bytes:
    """A ``.rels`` part keeping the reference's relationship ids (the part refers to them)."""
    items = "".join(
        f'<Relationship Id="{esc(rid)}" Type="{esc(kind)}" Target="{esc(target)}"'
        + (' TargetMode="External"/>' if external else "/>")
        for rid, kind, target, external in rows
    )
    return (XML_HEADER + f'<Relationships xmlns="{_RELS_NS}">{items}</Relationships>').encode(
        "utf-8"
    )


def _finish(
    raws: list[_Raw], loader: _Loader
) -> tuple[list[ClientPart], list[tuple[str, bytes, str]]]:
    """Give media stable names (in order of first use), renumber drawings, serialise."""
    names: dict[str, str] = {}
    media: list[tuple[str, bytes, str]] = []
    drawing = DOCPR_BASE
    parts: list[ClientPart] = []
    for raw in raws:
        for source in raw.media:
            if source not in names:
                blob, ctype = loader.media[source]
                ext = source.rsplit(".", 1)[-1].lower()
                ext = ext if _SAFE_EXT.match(ext) else "bin"
                names[source] = f"word/media/huisstijl{len(names) + 1}.{ext}"
                media.append((names[source], blob, ctype))
        for el in raw.root.iter(_WP_DOCPR):
            drawing += 1
            el.set("id", str(drawing))
        rows = [
            (rid, rel_type, target if external else names[target][len("word/") :], external)
            for rid, rel_type, target, external in raw.rels
        ]
        rels = _rels_xml(rows) if rows else None
        xml = etree.tostring(raw.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts.append(
            ClientPart(
                raw.kind,
                raw.variant,
                xml,
                rels,
                tuple(names[m] for m in raw.media),
                property_names(raw.root),
            )
        )
    return parts, media


def load_house_style(
    zf: zipfile.ZipFile,
    types: bytes,
    document: etree._Element,
    settings: etree._Element | None,
) -> HouseStyle:
    """The client's header and footer parts of the reference's last section; never raises."""
    even = settings is not None and _on(settings.find(W + "evenAndOddHeaders"))
    body = document.find(W + "body")
    sects = document.findall(f".//{W}sectPr")
    sect = body.find(W + "sectPr") if body is not None else None
    sect = sect if sect is not None else (sects[-1] if sects else None)
    if sect is None:
        return HouseStyle(even_odd=even)
    refs = _references(sect)
    if not any(refs.values()):
        return HouseStyle(even_odd=even)
    overrides, defaults = _content_types(types)
    loader = _Loader(zf, overrides, defaults)
    problems: list[str] = []
    raws: list[_Raw] = []
    try:
        doc_rels = loader.relationships("word/_rels/document.xml.rels")
    except _ERRORS as exc:
        return HouseStyle(even_odd=even, problems=(f"word/_rels/document.xml.rels: {exc}",))
    for kind in KINDS:
        try:
            loaded = []
            for variant, rid in refs[kind]:
                if rid not in doc_rels or doc_rels[rid][2]:
                    raise _Broken(f"relatie {rid or '(leeg)'} van de {_LABEL[kind]} ontbreekt")
                loaded.append(
                    loader.part(kind, variant, _resolve("word/document.xml", doc_rels[rid][1]))
                )
        except _ERRORS as exc:
            problems.append(f"{_LABEL[kind]}: {exc}")
            continue
        if any(visible(raw.root) for raw in loaded):
            raws.extend(loaded)
    parts, media = _finish(raws, loader)
    return HouseStyle(
        parts=tuple(parts),
        media=tuple(media),
        title_page=_on(sect.find(W + "titlePg")),
        even_odd=even,
        problems=tuple(problems),
    )
