"""Word → PDF with LibreOffice in headless mode, with reproducible bytes.

:func:`docx_to_pdf` runs ``soffice --headless --convert-to pdf`` on the .docx that regiogen
wrote. Each call gets its own temporary folder and its own LibreOffice profile
(``-env:UserInstallation=file:///…/profile``), so parallel conversions (``build -j``) never
share a profile: two LibreOffice processes on one profile block or fail.

Reproducibility. LibreOffice (checked with 7.4) does not honour ``SOURCE_DATE_EPOCH``: it
stamps the PDF with the wall-clock time and derives the trailer ``/ID`` and its own
``/DocChecksum`` from that. We still set ``SOURCE_DATE_EPOCH`` (later versions may use it) and
``TZ=UTC`` (so the date always ends in ``Z``), and then fix the output in place:

* every ``/CreationDate`` and ``/ModDate`` (``D:YYYYMMDDHHmmSS``) gets the document's date;
* XMP dates (``xmp:CreateDate`` and friends, only written for PDF/A) get the same date;
* the trailer ``/ID`` and ``/DocChecksum`` become an MD5 of the normalised file.

Every replacement has exactly the length of what it replaces, so the cross-reference table
(byte offsets) stays valid without rewriting the PDF. The date is, in this order: the
``source_date_epoch`` argument, the ``dcterms:created`` date of the .docx (which regiogen sets
from the content or ``SOURCE_DATE_EPOCH``), or 2000-01-01.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from regiogen.diagnostics import Diagnostic, error, os_reason, warning

__all__ = [
    "DEFAULT_TIMEOUT",
    "PdfJob",
    "docx_to_pdf",
    "docxs_to_pdf",
    "export_filter",
    "normalise_pdf",
    "pdf_destinations",
    "soffice_path",
]

#: Seconds one conversion may take before it is stopped.
DEFAULT_TIMEOUT = 180.0
#: The date used when neither an epoch nor the .docx gives one (2000-01-01T00:00:00Z).
DEFAULT_EPOCH = 946684800
INSTALL_HINT = (
    "installeer LibreOffice Writer, bijvoorbeeld: apt-get install libreoffice-writer-nogui "
    "(Debian/Ubuntu), brew install --cask libreoffice (macOS) of winget install "
    "TheDocumentFoundation.LibreOffice (Windows); of zet LIBREOFFICE op het pad van soffice"
)
#: Environment variables that may name the LibreOffice program (``soffice`` or ``soffice.exe``).
PROGRAM_VARIABLES = ("LIBREOFFICE", "SOFFICE")

_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)"
    rb"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})"
)
_TRAILER_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_DOC_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]+)</dcterms:created>")


def soffice_path() -> str | None:
    """The LibreOffice program to run, or ``None`` when it is not installed.

    In this order: the program ``LIBREOFFICE`` or ``SOFFICE`` names (a file, or a folder
    holding ``soffice``/``soffice.exe``), ``soffice`` or ``libreoffice`` on ``PATH``, then the
    folders the installers use (``C:\\Program Files\\LibreOffice\\program`` on Windows,
    which the Windows installer does not put on ``PATH``; the app bundle on macOS).
    """
    for variable in PROGRAM_VARIABLES:
        named = _named_program(os.environ.get(variable, ""))
        if named:
            return named
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in install_locations():
        if Path(candidate).is_file():
            return candidate
    return None


def _named_program(value: str) -> str | None:
    """The program an environment variable names: a file, or a folder with soffice in it."""
    value = value.strip().strip('"')
    if not value:
        return None
    path = Path(value)
    if path.is_dir():
        for name in ("soffice.exe", "soffice", "program/soffice.exe", "program/soffice"):
            if (path / name).is_file():
                return str(path / name)
        return None
    if path.is_file():
        return str(path)
    return shutil.which(value)


def install_locations(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str]:
    """Where the LibreOffice installers put ``soffice``, for this platform."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith("win"):
        folders = [
            env.get("PROGRAMFILES", r"C:\Program Files"),
            env.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"),
            env.get("LOCALAPPDATA", ""),
        ]
        seen: list[str] = []
        for folder in folders:
            if folder:
                candidate = str(PureWindowsPath(folder, "LibreOffice", "program", "soffice.exe"))
                if candidate not in seen:
                    seen.append(candidate)
        return seen
    if system == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return []  # Linux packages put soffice on PATH


@dataclass(frozen=True)
class PdfJob:
    """One Word document to convert (see :func:`docx_to_pdf` for the fields)."""

    docx: bytes
    name: str
    source_date_epoch: int | None = None
    pdfa: bool = True
    destinations: bool = False


def docx_to_pdf(
    docx_bytes: bytes,
    *,
    name: str,
    timeout: float = DEFAULT_TIMEOUT,
    source_date_epoch: int | None = None,
    pdfa: bool = True,
    destinations: bool = False,
) -> tuple[bytes | None, list[Diagnostic]]:
    """Convert a Word document to PDF with LibreOffice; return the PDF bytes or ``None``.

    The PDF is tagged and, with ``pdfa``, PDF/A-2b (see :func:`export_filter`);
    ``destinations`` also exports the Word bookmarks as named destinations.

    ``name`` is the output's path without extension as the user sees it (``lindeland/regioplan``);
    diagnostics are reported on ``<name>.pdf``. Never raises for a missing program, a crash or
    a timeout: those come back as ``build.tool-missing`` / ``io.write`` errors.
    """
    job = PdfJob(docx_bytes, name, source_date_epoch, pdfa, destinations)
    return docxs_to_pdf([job], timeout=timeout)[0]


def docxs_to_pdf(
    jobs: Sequence[PdfJob], *, timeout: float = DEFAULT_TIMEOUT
) -> list[tuple[bytes | None, list[Diagnostic]]]:
    """Convert Word documents to PDF, as :func:`docx_to_pdf` does each, with one LibreOffice
    start per batch: the documents with the same export options are converted by one
    process (documents of the same name, such as every region's ``regioplan``, get a number
    in front of their file name there; the name does not change the PDF). ``timeout`` is per
    document. When the batch fails (LibreOffice crashes on one document, or hangs), every
    document without a PDF is tried once more on its own, so one broken document costs only
    its own PDF.
    """
    results: list[tuple[bytes | None, list[Diagnostic]]] = [(None, [])] * len(jobs)
    program = soffice_path()
    epochs: dict[int, int] = {}
    batches: dict[tuple[bool, bool], list[int]] = {}
    for i, job in enumerate(jobs):
        display = f"{_stem(job.name)}.pdf"
        if program is None:
            message = f"PDF maken kan niet: LibreOffice (soffice) is niet gevonden; {INSTALL_HINT}"
            results[i] = (None, [error("build.tool-missing", message, display)])
            continue
        if not _is_docx(job.docx):
            message = "PDF maken mislukt: de invoer is geen Word-document"
            results[i] = (None, [error("io.write", message, display)])
            continue
        epoch = job.source_date_epoch
        epochs[i] = epoch if epoch is not None else _docx_epoch(job.docx)
        batches.setdefault((job.pdfa, job.destinations), []).append(i)
    for (pdfa, destinations), group in batches.items():
        export = export_filter(pdfa=pdfa, destinations=destinations)
        names = _file_names([jobs[i] for i in group])
        batch = [(jobs[i], epochs[i], name) for i, name in zip(group, names, strict=True)]
        converted = _convert(program or "", batch, export, timeout * len(group))
        if len(batch) > 1:  # a crash or hang of the batch: each document that failed, alone
            converted = [
                _convert(program or "", [item], export, timeout)[0] if made[0] is None else made
                for item, made in zip(batch, converted, strict=True)
            ]
        for i, result in zip(group, converted, strict=True):
            results[i] = result
    return results


def _file_names(jobs: Sequence[PdfJob]) -> list[str]:
    """The names the documents get in LibreOffice's input folder: their own, numbered where
    two share one (they share the output folder)."""
    seen: set[str] = set()
    names = []
    for n, job in enumerate(jobs, start=1):
        name = _file_name(job)
        if name.lower() in seen:
            name = f"{n:04d}-{name}"
        seen.add(name.lower())
        names.append(name)
    return names


def _file_name(job: PdfJob) -> str:
    """The name the document's .docx gets in LibreOffice's input folder."""
    return f"{PurePosixPath(_stem(job.name)).name or 'document'}.docx"


def _convert(
    program: str, jobs: list[tuple[PdfJob, int, str]], export: str, timeout: float
) -> list[tuple[bytes | None, list[Diagnostic]]]:
    """One LibreOffice run converting ``jobs`` (one export filter), each with the date its PDF
    gets and its distinct file name.

    The documents may have different dates: LibreOffice's own dates (it takes the clock, not
    ``SOURCE_DATE_EPOCH``) are replaced by each document's date afterwards anyway.
    """
    with tempfile.TemporaryDirectory(prefix="regiogen-pdf-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        sources = [folder / "in" / name for _, _, name in jobs]
        for (job, _, _), source in zip(jobs, sources, strict=True):
            source.write_bytes(job.docx)
        out_dir = folder / "out"
        out_dir.mkdir()
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            export,
            "--outdir",
            str(out_dir),
            *(str(source) for source in sources),
        ]
        first = min(epoch for _, epoch, _ in jobs)
        problem = _run(command, _environment(first, folder), timeout)
        made: list[bytes | None] = []
        for source in sources:
            target = out_dir / f"{source.stem}.pdf"
            made.append(target.read_bytes() if problem is None and target.is_file() else None)
    return [
        _finish(data, problem, epoch, f"{_stem(job.name)}.pdf")
        for (job, epoch, _), data in zip(jobs, made, strict=True)
    ]


def _finish(
    data: bytes | None, problem: str | None, epoch: int, display: str
) -> tuple[bytes | None, list[Diagnostic]]:
    """A converted PDF with its dates fixed, or why there is none."""
    if data is None:
        detail = problem or "LibreOffice maakte geen PDF (is het .docx-bestand beschadigd?)"
        return None, [error("io.write", f"PDF maken mislukt: {detail}", display)]
    if not data.startswith(b"%PDF-"):
        return None, [error("io.write", "PDF maken mislukt: uitvoer is geen PDF", display)]
    fixed, complete = normalise_pdf(fix_icc_dates(data, epoch), epoch)
    diagnostics: list[Diagnostic] = []
    if not complete:
        diagnostics.append(
            warning(
                "build.not-reproducible",
                "de PDF bevat een datum of kenmerk dat regiogen niet kon vastzetten; "
                "twee builds geven mogelijk niet dezelfde bytes",
                display,
            )
        )
    return fixed, diagnostics


def _stem(name: str) -> str:
    for suffix in (".pdf", ".docx"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _environment(epoch: int, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["TZ"] = "UTC"
    env["HOME"] = str(folder)  # LibreOffice may look for ~/.config; keep it private too
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def _run(command: list[str], env: dict[str, str], timeout: float) -> str | None:
    """Run LibreOffice in its own process group; return a Dutch problem text or ``None``."""
    try:
        process = subprocess.Popen(  # fixed program, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            **_group_options(),
        )
    except OSError as exc:
        return f"LibreOffice kan niet starten ({os_reason(exc)})"
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return f"LibreOffice was na {timeout:g} seconden niet klaar en is gestopt"
    finally:
        _kill_group(process)  # soffice.bin may linger after the launcher exits
    if process.returncode != 0:
        text = stderr.decode("utf-8", "replace").strip().splitlines()
        last = text[-1] if text else ""
        return f"LibreOffice stopte met code {process.returncode}" + (f": {last}" if last else "")
    return None


def _group_options() -> dict[str, Any]:
    """Popen options that give LibreOffice its own process group, on every platform.

    POSIX: a new session (so :func:`os.killpg` reaches soffice.bin too). Windows has no
    sessions or ``killpg``: a new process group, and no console window for the child.
    """
    if hasattr(os, "killpg"):
        return {"start_new_session": True}
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    flags |= getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return {"creationflags": flags}


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and whatever it started; never raises."""
    killpg = getattr(os, "killpg", None)
    sigkill = getattr(signal, "SIGKILL", None)
    if killpg is not None and sigkill is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            killpg(process.pid, sigkill)
    else:
        _kill_tree(process)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Where there is no ``killpg`` (Windows): end the process and its children.

    ``taskkill /T`` ends the whole tree (soffice.exe starts soffice.bin); when that is not
    there or fails, :meth:`Popen.kill` (TerminateProcess) ends at least the launcher.
    """
    if process.poll() is not None:
        return
    taskkill = shutil.which("taskkill")
    if taskkill:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                [taskkill, "/F", "/T", "/PID", str(process.pid)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            )
    with contextlib.suppress(OSError):
        process.kill()


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _docx_epoch(docx_bytes: bytes) -> int:
    """The ``dcterms:created`` date of a .docx as seconds since 1970, else the default."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
            core = package.read("docProps/core.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return DEFAULT_EPOCH
    match = _CREATED.search(core)
    if not match:
        return DEFAULT_EPOCH
    text = match.group(1).decode("ascii", "replace").strip()
    try:
        return _utc_epoch(time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S"))
    except ValueError:
        return DEFAULT_EPOCH


def _utc_epoch(value: time.struct_time) -> int:
    return calendar.timegm(value)


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


def export_filter(*, pdfa: bool = True, destinations: bool = False) -> str:
    """The ``--convert-to`` argument: PDF export, tagged, PDF/A-2b unless ``pdfa`` is off.

    LibreOffice (7.4 and later) reads the filter's options as JSON after the filter name.
    Tagged PDF gives the structure a screen reader needs (Dutch public bodies must publish
    accessible documents); PDF/A-2b is the archive format. ``destinations`` exports Word
    bookmarks as named destinations, so the page of every heading can be read back.
    """
    options: dict[str, dict[str, str]] = {
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
        "SelectPdfVersion": {"type": "long", "value": "2" if pdfa else "0"},
        "ExportBookmarks": {"type": "boolean", "value": "true"},
    }
    if destinations:
        options["ExportBookmarksToPDFDestination"] = {"type": "boolean", "value": "true"}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


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
