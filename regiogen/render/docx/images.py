"""Images: PNG and JPEG from inside the project, sized from attributes or the page; charts.

A chart (the SVG the build drew, in memory or next to the Markdown) becomes a native Word
chart (:mod:`.chart_part`), not a picture.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import unquote

from regiogen.files import read_regular_file
from regiogen.paths import inside
from regiogen.render.chart_svg import spec_from_svg

from .chart_part import chart_media, chart_run, is_chart
from .state import DocState, Media
from .xmlutil import esc

EMU_PER_TWIP = 635
_MAX_IMAGE = 30 * 1024 * 1024
_SIZE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(cm|mm|in|px|pt|%)?\s*$")


def image_size(data: bytes) -> tuple[str, int, int, float] | None:
    """Return (extension, width px, height px, dpi) for PNG or JPEG data, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        dpi = 96.0
        pos = data.find(b"pHYs", 33, 4096)
        if pos > 0 and len(data) >= pos + 13:
            ppx, _ppy, unit = struct.unpack(">IIB", data[pos + 4 : pos + 13])
            if unit == 1 and ppx > 0:
                dpi = ppx * 0.0254
        return ("png", width, height, dpi) if width and height else None
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[str, int, int, float] | None:
    pos = 2
    dpi = 96.0
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            pos += 1
            continue
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 2 if marker != 0xFF else 1
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if marker == 0xE0 and data[pos + 4 : pos + 9] == b"JFIF\x00" and pos + 16 <= len(data):
            unit = data[pos + 11]
            xd = struct.unpack(">H", data[pos + 12 : pos + 14])[0]
            if unit == 1 and xd:
                dpi = float(xd)
            elif unit == 2 and xd:
                dpi = xd * 2.54
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE,
                      0xCF):  # fmt: skip
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return ("jpeg", width, height, dpi) if width and height else None
        if length < 2:
            return None
        pos += 2 + length
    return None


def _length_emu(value: str, text_width_emu: int, dpi: float) -> int | None:
    match = _SIZE.match(value)
    if not match:
        return None
    number = float(match.group(1))
    unit = match.group(2) or "px"
    factor = {
        "cm": 360000.0,
        "mm": 36000.0,
        "in": 914400.0,
        "pt": 12700.0,
        "px": 914400.0 / 96.0,
    }.get(unit)
    if unit == "%":
        return int(text_width_emu * number / 100.0)
    assert factor is not None
    return int(number * factor)


def image_run(st: DocState, src: str, alt: str, attrs: dict[str, str]) -> str | None:
    """Return the run XML of an inline picture, or None (with a diagnostic) when refused."""
    media = _made_media(st, src)
    if media is None:
        path = _project_path(st, src)
        if path is None:
            return None
        media = _file_media(st, src, path)
        if media is None:
            return None
    if is_chart(media):
        wanted = attrs.get("width")
        width = _length_emu(wanted, st.text_width() * EMU_PER_TWIP, 96.0) if wanted else None
        return chart_run(st, media, alt, width)
    return _inline_xml(st, media, alt, attrs, src)


def _made_media(st: DocState, src: str) -> Media | None:
    """A chart the build drew: in memory, never read from disk; None when ``src`` is not one."""
    made = st.images.get(src)
    if made is None:
        return None
    key = f"made:{src}"
    if key in st.media:
        return st.media[key]
    spec = spec_from_svg(made)
    if spec is not None:  # a chart: a Word chart
        return chart_media(st, key, spec)
    if image_size(made) is None:
        return None
    media = st.media[key] = Media(f"media/image{len(st.media) + 1}.png", made)
    return media


def _project_path(st: DocState, src: str) -> Path | None:
    """The file ``src`` names inside the project folder, or None (with a warning)."""
    if st.base_dir is None:
        st.warn("docx.image", f"afbeelding '{src}' niet opgenomen: geen projectmap opgegeven")
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) and not re.match(r"^[a-zA-Z]:[\\/]", src):
        st.warn(
            "docx.image", f"afbeelding '{src}' niet opgenomen: alleen bestanden uit het project"
        )
        return None
    rel = unquote(src.split("#", 1)[0].split("?", 1)[0])
    try:
        path = (st.base_dir / rel) if not Path(rel).is_absolute() else Path(rel)
    except (ValueError, OSError):
        st.warn("docx.image", f"afbeelding '{src}' heeft een ongeldig pad")
        return None
    if not inside(path, st.base_dir):
        st.warn("io.outside-project", f"afbeelding '{src}' ligt buiten de projectmap")
        return None
    return path


def _file_media(st: DocState, src: str, path: Path) -> Media | None:
    """The picture in ``path``, read once per document, or None (with a warning)."""
    key = str(path.resolve())
    media = st.media.get(key)
    if media is not None:
        return media
    try:
        if path.stat().st_size > _MAX_IMAGE:
            st.warn("docx.image", f"afbeelding '{src}' is te groot")
            return None
        data = read_regular_file(path, _MAX_IMAGE)  # never a pipe or device
    except (OSError, ValueError):
        st.warn("docx.image", f"afbeelding '{src}' bestaat niet of is onleesbaar")
        return None
    spec = spec_from_svg(data)
    if spec is not None:  # a chart of regiogen: a Word chart again
        return chart_media(st, key, spec)
    info = image_size(data)
    if info is None:
        st.warn("docx.image", f"'{src}' is geen PNG- of JPEG-afbeelding of grafiek van regiogen")
        return None
    part = f"media/image{len(st.media) + 1}.{info[0]}"
    media = Media(part, data)
    st.media[key] = media
    return media


def _inline_xml(st: DocState, media: Media, alt: str, attrs: dict[str, str], src: str) -> str:
    """The run XML of a picture of ``media``, sized from ``attrs`` or its own size."""
    rid = st.part_rels().add("image", media.part)
    info = image_size(media.data)
    assert info is not None
    _ext, px_w, px_h, dpi = info
    max_w = st.text_width() * EMU_PER_TWIP
    natural_w = int(px_w * 914400 / (dpi or 96.0))
    width = _length_emu(attrs["width"], max_w, dpi) if "width" in attrs else None
    height = _length_emu(attrs["height"], max_w, dpi) if "height" in attrs else None
    for name, value in (("width", width), ("height", height)):
        if name in attrs and (value is None or value <= 0):
            st.warn(
                "docx.image",
                f"afbeelding '{src}': {name}={attrs[name]} is geen geldige "
                "maat (gebruik bijvoorbeeld 8cm, 60mm, 3in, 400px of 50%); genegeerd",
            )
    width = width if width and width > 0 else None
    height = height if height and height > 0 else None
    if width is not None and width > max_w:
        st.warn(
            "docx.image",
            f"afbeelding '{src}' is breder dan de tekst; verkleind tot de tekstbreedte",
        )
        if height is not None:
            height = int(height * max_w / width)
        width = max_w
    if width is None and height is None:
        width = min(natural_w, max_w)
    if width is None:
        assert height is not None
        width = int(height * px_w / px_h)
    if height is None:
        height = int(width * px_h / px_w)
    width, height = max(width, 1), max(height, 1)
    drawing_id = st.next_drawing
    st.next_drawing += 1
    name = media.part.rsplit("/", 1)[-1]
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Afbeelding {drawing_id}" descr="{esc(alt)}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}" descr="{esc(alt)}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
        "</w:r>"
    )
