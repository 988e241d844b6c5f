"""The page numbers of a written document's pre-filled contents: read them, set them.

The writer estimates the page of every heading; a layout (LibreOffice, see
:mod:`regiogen.render.layout`) tells the real page. These helpers change only the digits in
the ``PAGEREF`` results of ``word/document.xml``; every other part keeps its bytes, and the
zip entries keep their names, order and times, so the result is as reproducible as the input.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Mapping

__all__ = ["set_toc_pages", "toc_pages"]

_PAGEREF = re.compile(
    r'(<w:instrText xml:space="preserve"> PAGEREF (?P<name>[^ <]+) \\h </w:instrText></w:r>'
    r'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>)(?P<page>\d+)(</w:t>)'
)


def _document(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def toc_pages(data: bytes) -> dict[str, int]:
    """Bookmark name → the page number the contents shows for it (empty: no contents)."""
    return {
        html.unescape(m.group("name")): int(m.group("page"))
        for m in _PAGEREF.finditer(_document(data))
    }


def set_toc_pages(data: bytes, pages: Mapping[str, int]) -> bytes:
    """The package with the contents' page numbers taken from ``pages`` (bookmark → page);
    entries whose bookmark ``pages`` lacks keep their number."""
    document = _document(data)

    def page(m: re.Match[str]) -> str:
        number = pages.get(html.unescape(m.group("name")))
        return m.group(1) + str(number if number is not None else m.group("page")) + m.group(4)

    new = _PAGEREF.sub(page, document)
    if new == document:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = new.encode("utf-8") if info.filename == "word/document.xml" else None
            target.writestr(info, body if body is not None else source.read(info), compresslevel=1)
    return out.getvalue()
