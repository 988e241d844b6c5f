"""The reference document (house style): read once per process, cached by path, mtime and size."""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from lxml import etree

from regiogen.files import NotRegularFile, read_regular_file

from .house import HouseStyle, load_house_style
from .xmlutil import W_NS, W

_MAX_PART = 20 * 1024 * 1024
#: Largest reference document read (bytes); a house style with logos is well under 5 MB.
MAX_REFERENCE_BYTES = 50 * 1024 * 1024


#: Main-part content types of a Word document, a template (.dotx) and their macro variants
#: (macros are never copied).
_MAIN_TYPES = (
    b"wordprocessingml.document.main+xml",
    b"wordprocessingml.template.main+xml",
    b"ms-word.document.macroEnabled.main+xml",
    b"ms-word.template.macroEnabledTemplate.main+xml",
)


class ReferenceDocError(Exception):
    """The reference document cannot be used (message in Dutch)."""


@dataclass(frozen=True)
class StyleInfo:
    """One style of the reference document."""

    style_id: str
    kind: str  # paragraph, character, table, numbering
    name: str
    custom: bool = False  # made by the client (w:customStyle), not one of Word's own


@dataclass
class PageSetup:
    """Page size and margins in twips, from the reference's last section."""

    width: int = 11906
    height: int = 16838
    top: int = 1418
    right: int = 1418
    bottom: int = 1418
    left: int = 1418
    header: int = 709
    footer: int = 709
    gutter: int = 0

    @property
    def text_width(self) -> int:
        """Width between the margins."""
        return max(self.width - self.left - self.right - self.gutter, 1440)


@dataclass
class Reference:
    """The parts of a reference document the writer reuses."""

    styles_xml: bytes
    styles_by_name: dict[str, StyleInfo]
    styles_by_id: dict[str, StyleInfo]
    settings: etree._Element | None
    numbering: etree._Element | None
    font_table: bytes | None
    theme: bytes | None
    web_settings: bytes | None
    page: PageSetup
    house: HouseStyle = field(default_factory=HouseStyle)
    #: The reference's own custom document properties (name, text), for fields that show them.
    custom: tuple[tuple[str, str], ...] = ()
    cache: dict[object, bytes] = field(default_factory=dict)
    lock: Lock = field(default_factory=Lock)


_CACHE: dict[tuple[str, int, int], Reference] = {}
_CACHE_LOCK = Lock()


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReferenceDocError(f"{name} is geen geldige XML (regel {exc.lineno})") from exc


def _read(zf: zipfile.ZipFile, name: str, required: bool = False) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise ReferenceDocError(f"onderdeel {name} ontbreekt") from None
        return None
    if info.file_size > _MAX_PART:
        raise ReferenceDocError(f"onderdeel {name} is te groot")
    return zf.read(info)


def _twips(el: etree._Element | None, attr: str, default: int) -> int:
    if el is None:
        return default
    value = el.get(W + attr)
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def _page_setup(document: etree._Element) -> PageSetup:
    sects = document.findall(f".//{W}sectPr")
    page = PageSetup()
    if not sects:
        return page
    sect = sects[-1]
    size = sect.find(W + "pgSz")
    mar = sect.find(W + "pgMar")
    page.width = _twips(size, "w", page.width)
    page.height = _twips(size, "h", page.height)
    if size is not None and size.get(W + "orient") == "landscape" and page.width > page.height:
        page.width, page.height = page.height, page.width
    for attr in ("top", "right", "bottom", "left", "header", "footer", "gutter"):
        setattr(page, attr, abs(_twips(mar, attr, getattr(page, attr))))
    return page


def _index_styles(root: etree._Element) -> tuple[dict[str, StyleInfo], dict[str, StyleInfo]]:
    by_name: dict[str, StyleInfo] = {}
    by_id: dict[str, StyleInfo] = {}
    for style in root.iterfind(W + "style"):
        sid = style.get(W + "styleId")
        if not sid:
            continue
        name_el = style.find(W + "name")
        name = name_el.get(W + "val", sid) if name_el is not None else sid
        custom = style.get(W + "customStyle") in ("1", "true", "on")
        info = StyleInfo(sid, style.get(W + "type", "paragraph"), name or sid, custom)
        by_id.setdefault(sid, info)
        by_name.setdefault(info.name.casefold(), info)
    return by_name, by_id


def _read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_REFERENCE_BYTES`;
    a FIFO, a device (``/dev/zero``) or a folder is refused without reading from it."""
    try:
        return read_regular_file(path, MAX_REFERENCE_BYTES)
    except NotRegularFile as exc:
        raise ReferenceDocError(_not_regular(path)) from exc
    except ValueError as exc:
        raise ReferenceDocError(_too_large(path)) from exc
    except OSError as exc:
        reason = "bestaat niet" if isinstance(exc, FileNotFoundError) else "is onleesbaar"
        raise ReferenceDocError(f"{path.name} {reason}") from exc


def _not_regular(path: Path) -> str:
    return f"{path.name} is geen gewoon bestand (maar een map, pijp of apparaat)"


def _too_large(path: Path) -> str:
    return f"{path.name} is groter dan {MAX_REFERENCE_BYTES // (1024 * 1024)} MB"


def _load(path: Path) -> Reference:
    data = _read_regular_file(path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReferenceDocError(f"{path.name} is geen geldig .docx-bestand (geen zip)") from exc
    except (OSError, ValueError) as exc:
        raise ReferenceDocError(f"{path.name} kan niet worden geopend") from exc
    with zf:
        try:
            types = _read(zf, "[Content_Types].xml", required=True)
            document = _read(zf, "word/document.xml", required=True)
            styles = _read(zf, "word/styles.xml", required=True)
            settings = _read(zf, "word/settings.xml")
            numbering = _read(zf, "word/numbering.xml")
            font_table = _read(zf, "word/fontTable.xml")
            theme = _read(zf, "word/theme/theme1.xml")
            web = _read(zf, "word/webSettings.xml")
            custom = _read(zf, "docProps/custom.xml")
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError) as exc:
            raise ReferenceDocError(
                f"{path.name} is beschadigd (een onderdeel is onleesbaar)"
            ) from exc
        assert types is not None and document is not None and styles is not None
        if not any(kind in types for kind in _MAIN_TYPES):
            raise ReferenceDocError(f"{path.name} is geen Word-document")
        doc_root = _parse(document, "word/document.xml")
        styles_root = _parse(styles, "word/styles.xml")
        if styles_root.tag != W + "styles":
            raise ReferenceDocError("word/styles.xml bevat geen stijlen")
        if font_table is not None:
            _parse(font_table, "word/fontTable.xml")
        settings_root = _parse(settings, "word/settings.xml") if settings else None
        house = load_house_style(zf, types, doc_root, settings_root)
    by_name, by_id = _index_styles(styles_root)
    return Reference(
        styles_xml=etree.tostring(
            styles_root, xml_declaration=True, encoding="UTF-8", standalone=True
        ),
        styles_by_name=by_name,
        styles_by_id=by_id,
        settings=settings_root,
        numbering=_parse(numbering, "word/numbering.xml") if numbering else None,
        font_table=font_table,
        theme=theme,
        web_settings=web,
        page=_page_setup(doc_root),
        house=house,
        custom=_custom_properties(custom),
    )


def _custom_properties(data: bytes | None) -> tuple[tuple[str, str], ...]:
    """Name and text of each custom property; an unreadable part gives none."""
    if data is None:
        return ()
    try:
        root = _parse(data, "docProps/custom.xml")
    except ReferenceDocError:
        return ()
    found: list[tuple[str, str]] = []
    for prop in root:
        name = prop.get("name")
        if name and len(found) < 200:
            found.append((name, "".join(prop.itertext()).strip()))
    return tuple(found)


def load_reference(path: Path) -> Reference:
    """Return the parsed reference document, cached by (path, mtime, size).

    Raises :class:`ReferenceDocError` with a Dutch message when it cannot be used.
    """
    try:
        info = path.stat()
    except OSError as exc:
        reason = "bestaat niet" if isinstance(exc, FileNotFoundError) else "is onleesbaar"
        raise ReferenceDocError(f"{path.name} {reason}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ReferenceDocError(_not_regular(path))
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    with _CACHE_LOCK:
        ref = _CACHE.get(key)
    if ref is None:
        ref = _load(path)
        with _CACHE_LOCK:
            _CACHE[key] = ref
    return ref


__all__ = ["W_NS", "PageSetup", "Reference", "ReferenceDocError", "StyleInfo", "load_reference"]
