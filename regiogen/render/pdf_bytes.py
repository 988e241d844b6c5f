"""Work on the bytes of a PDF that LibreOffice wrote: reproducible dates and IDs, named
destinations.

:func:`normalise_pdf` and :func:`fix_icc_dates` make two conversions of one document give the
same bytes (see :mod:`.pdf` for why and how); :func:`pdf_destinations` and
:func:`destination_name` read back on which page each Word bookmark landed. Only bytes in,
bytes (or a mapping) out: no files, no processes. May import the standard library only.
"""

from __future__ import annotations

import hashlib
import re
import time
import zlib

__all__ = ["destination_name", "fix_icc_dates", "normalise_pdf", "pdf_destinations"]

_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)"
    rb"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})"
)
_TRAILER_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_DOC_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes, epoch: int) -> tuple[bytes, bool]:
    """Replace dates, ``/ID`` and ``/DocChecksum`` in a PDF, keeping every byte offset.

    Returns the fixed PDF and whether every varying field was found in a form it could fix
    (``False`` when, for instance, a date uses a time-zone offset of another length).
    """
    stamp = time.gmtime(max(epoch, 0))
    pdf_date = time.strftime("%Y%m%d%H%M%S", stamp).encode("ascii")
    xmp_date = time.strftime("%Y-%m-%dT%H:%M:%S", stamp).encode("ascii")
    result = _PDF_DATE.sub(lambda m: m.group(1) + pdf_date, data)
    result = _XMP_DATE.sub(lambda m: m.group(1) + xmp_date, result)
    complete = _dates_are_utc(result)
    blank = _TRAILER_ID.sub(
        lambda m: (
            m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4)) + m.group(5)
        ),
        result,
    )
    blank = _DOC_CHECKSUM.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode("ascii")

    def _fill(hex_text: bytes) -> bytes:
        return (digest * (len(hex_text) // len(digest) + 1))[: len(hex_text)]

    result = _TRAILER_ID.sub(
        lambda m: m.group(1) + _fill(m.group(2)) + m.group(3) + _fill(m.group(4)) + m.group(5),
        result,
    )
    result = _DOC_CHECKSUM.sub(lambda m: m.group(1) + _fill(m.group(2)), result)
    assert len(result) == len(data)  # offsets in the xref table stay valid
    return result, complete


_ZONE = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:\d{14}([^)]*)\)")


def _dates_are_utc(data: bytes) -> bool:
    """True when every PDF date is in UTC (``Z``), so that its text never varies."""
    utc = (b"", b"Z", b"Z'", b"Z00'00'", b"+00'00'")
    return all(m.group(1) in utc for m in _ZONE.finditer(data))


_OBJ = re.compile(rb"(?<![0-9])(\d+)\s+0\s+obj\b(.*?)endobj", re.DOTALL)
_REF = re.compile(rb"(\d+)\s+0\s+R")
_DEST = re.compile(rb"/([^\s/\[<>()]+)\s*\[\s*(\d+)\s+0\s+R")


def pdf_destinations(data: bytes) -> dict[str, int]:
    """The named destinations of a PDF that LibreOffice wrote: name → page number (1-based).

    Reads the catalog's ``/Dests`` dictionary and the page tree (LibreOffice writes neither
    in compressed object streams). Names are as LibreOffice writes them (see
    :func:`destination_name`). Empty when the PDF has none or is written otherwise.
    """
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}
    pages: list[int] = []

    def walk(number: int, depth: int) -> None:
        body = objects.get(number, b"")
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if kids is None or depth > 50:
            if re.search(rb"/Type\s*/Page\b", body):
                pages.append(number)
            return
        for ref in _REF.finditer(kids.group(1)):
            walk(int(ref.group(1)), depth + 1)

    catalog = next((b for b in objects.values() if re.search(rb"/Type\s*/Catalog\b", b)), b"")
    root = re.search(rb"/Pages\s+(\d+)\s+0\s+R", catalog)
    dests = re.search(rb"/Dests\s+(\d+)\s+0\s+R", catalog)
    if root is None or dests is None:
        return {}
    walk(int(root.group(1)), 0)
    index = {number: i + 1 for i, number in enumerate(pages)}
    found: dict[str, int] = {}
    for match in _DEST.finditer(objects.get(int(dests.group(1)), b"")):
        page = index.get(int(match.group(2)))
        if page is not None:
            found[match.group(1).decode("latin-1")] = page
    return found


def destination_name(bookmark: str) -> str:
    """The name LibreOffice gives the PDF destination of a Word bookmark.

    It URL-encodes the name twice (non-ASCII first, then everything but letters, digits and
    ``-``) and drops the ``%`` signs: ``_Toc1`` → ``5FToc1``, ``ë`` → ``25C325AB``.
    """
    once = "".join(
        c if ord(c) < 128 else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in bookmark
    )
    twice = "".join(
        c if (c.isascii() and c.isalnum()) or c == "-" else f"%{ord(c):02X}" for c in once
    )
    return twice.replace("%", "")


_ICC_STREAM = re.compile(rb"<</N 3/Length (\d+) 0 R/Filter/FlateDecode>>\r?\nstream\r?\n")


def fix_icc_dates(data: bytes, epoch: int) -> bytes:
    """Give the colour profile of a PDF/A (its output intent) the document's date.

    LibreOffice makes the sRGB profile at export time and stamps it with the wall clock
    (bytes 24–35 of the ICC header); the compressed stream then differs per run. The profile
    is rewritten with ``epoch``, its ``/Length`` object updated and the cross-reference table
    rebuilt, since the compressed length may change. A PDF without such a profile is returned
    unchanged.
    """
    match = _ICC_STREAM.search(data)
    if match is None:
        return data
    length_obj = re.search(rb"\n" + match.group(1) + rb" 0 obj\r?\n(\d+)", data)
    if length_obj is None:
        return data
    start, length = match.end(), int(length_obj.group(1))
    try:
        profile = bytearray(zlib.decompress(data[start : start + length]))
    except zlib.error:
        return data
    if profile[36:40] != b"acsp":
        return data
    t = time.gmtime(max(epoch, 0))
    stamp = (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    profile[24:36] = b"".join(v.to_bytes(2, "big") for v in stamp)
    packed = zlib.compress(bytes(profile), 9)
    result = data[:start] + packed + data[start + length :]
    shift = len(packed) - length
    number_at = length_obj.start(1) + (shift if length_obj.start(1) > start else 0)
    old = str(length).encode()
    result = result[:number_at] + str(len(packed)).encode() + result[number_at + len(old) :]
    return _rebuild_xref(result)


_XREF = re.compile(rb"\nxref\r?\n0 (\d+)\r?\n")


def _rebuild_xref(data: bytes) -> bytes:
    """Rewrite the classic cross-reference table and ``startxref`` from where objects are."""
    tables = list(_XREF.finditer(data))
    if not tables:
        return data
    table = tables[-1]
    count = int(table.group(1))
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", data)}
    rows = [b"0000000000 65535 f \n"] + [
        (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
        for n in range(1, count)
    ]
    begin = table.start() + 1
    trailer = data.find(b"trailer", table.end())
    head = data[:begin] + b"xref\n0 %d\n" % count + b"".join(rows)
    tail = re.sub(rb"startxref\r?\n\d+", b"startxref\n%d" % begin, data[trailer:], count=1)
    return head + tail
