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

The pieces live apart: :mod:`.soffice` finds and runs LibreOffice, :mod:`.office` keeps one
LibreOffice running for several rounds of conversions (:func:`office_session`),
:mod:`.pdf_bytes` fixes (and reads) the PDF's bytes. This module is the conversion API and
re-exports their public names, so ``regiogen.render.pdf`` stays the one place to import
from. May import
:mod:`.soffice`, :mod:`.office`, :mod:`.pdf_bytes`, :mod:`regiogen.diagnostics` and the
standard library.
"""

from __future__ import annotations

import calendar
import contextlib
import io
import json
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from regiogen.diagnostics import Diagnostic, error, warning
from regiogen.render.office import OfficeSession
from regiogen.render.pdf_bytes import (
    destination_name,
    fix_icc_dates,
    normalise_pdf,
    pdf_destinations,
)
from regiogen.render.soffice import (
    INSTALL_HINT,
    PROGRAM_VARIABLES,
    install_locations,
    run_soffice,
    soffice_environment,
    soffice_path,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "INSTALL_HINT",
    "PROGRAM_VARIABLES",
    "PdfJob",
    "destination_name",
    "docx_to_pdf",
    "docxs_to_pdf",
    "export_filter",
    "filter_options",
    "fix_icc_dates",
    "install_locations",
    "normalise_pdf",
    "office_session",
    "pdf_destinations",
    "soffice_path",
]

#: Seconds one conversion may take before it is stopped.
DEFAULT_TIMEOUT = 180.0
#: The date used when neither an epoch nor the .docx gives one (2000-01-01T00:00:00Z).
DEFAULT_EPOCH = 946684800

_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]+)</dcterms:created>")


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


@contextlib.contextmanager
def office_session() -> Iterator[OfficeSession | None]:
    """A LibreOffice session for several rounds of :func:`docxs_to_pdf` (see
    :mod:`.office`); ``None`` when LibreOffice is not installed. It starts on first use."""
    program = soffice_path()
    if program is None:
        yield None
        return
    env = soffice_environment(DEFAULT_EPOCH, Path(tempfile.gettempdir()))
    with OfficeSession(program, env) as session:
        yield session


def docxs_to_pdf(
    jobs: Sequence[PdfJob],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    session: OfficeSession | None = None,
) -> list[tuple[bytes | None, list[Diagnostic]]]:
    """Convert Word documents to PDF, as :func:`docx_to_pdf` does each, with one LibreOffice
    start for all of them: in the running ``session`` when one is given (for several rounds,
    see :mod:`.layout`), else on the command line, where the documents with the same export
    options are converted by one process (documents of the same name, such as every region's
    ``regioplan``, get a number in front of their file name there; the name does not change
    the PDF). A single round costs less on the command line (1,4 s against 1,8 s for a
    session, which also starts the helper and connects). ``timeout`` is per document. A
    document that fails (LibreOffice crashes on it, or hangs) is tried once more on its own
    on the command line, so one broken document costs only its own PDF.
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
        if session is not None and session.start():
            converted = _convert_in_session(session, batch, pdfa, destinations, timeout)
            retry = True
        else:
            converted = _convert(program or "", batch, export, timeout * len(group))
            retry = len(batch) > 1
        if retry:  # a crash or hang: each document that failed, alone on the command line
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
        problem = run_soffice(command, soffice_environment(first, folder), timeout)
        made: list[bytes | None] = []
        for source in sources:
            target = out_dir / f"{source.stem}.pdf"
            made.append(target.read_bytes() if problem is None and target.is_file() else None)
    return [
        _finish(data, problem, epoch, f"{_stem(job.name)}.pdf")
        for (job, epoch, _), data in zip(jobs, made, strict=True)
    ]


def _convert_in_session(
    session: OfficeSession,
    jobs: list[tuple[PdfJob, int, str]],
    pdfa: bool,
    destinations: bool,
    timeout: float,
) -> list[tuple[bytes | None, list[Diagnostic]]]:
    """Convert ``jobs`` one after the other in the running LibreOffice of ``session``."""
    options = filter_options(pdfa=pdfa, destinations=destinations)
    results = []
    with tempfile.TemporaryDirectory(prefix="regiogen-pdf-") as tmp:
        for n, (job, epoch, name) in enumerate(jobs):
            folder = Path(tmp) / str(n)  # its own folder: the name may repeat in a batch
            folder.mkdir()
            source, target = folder / name, folder / f"{Path(name).stem}.pdf"
            source.write_bytes(job.docx)
            problem = session.convert(source, target, options, timeout)
            data = target.read_bytes() if problem is None and target.is_file() else None
            results.append(_finish(data, problem, epoch, f"{_stem(job.name)}.pdf"))
    return results


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


def filter_options(*, pdfa: bool = True, destinations: bool = False) -> dict[str, bool | int]:
    """The options of LibreOffice's PDF export: tagged, PDF/A-2b unless ``pdfa`` is off.

    Tagged PDF gives the structure a screen reader needs (Dutch public bodies must publish
    accessible documents); PDF/A-2b is the archive format. ``destinations`` exports Word
    bookmarks as named destinations, so the page of every heading can be read back.
    """
    options: dict[str, bool | int] = {
        "UseTaggedPDF": True,
        "SelectPdfVersion": 2 if pdfa else 0,
        "ExportBookmarks": True,
    }
    if destinations:
        options["ExportBookmarksToPDFDestination"] = True
    return options


def export_filter(*, pdfa: bool = True, destinations: bool = False) -> str:
    """The ``--convert-to`` argument with the :func:`filter_options`: LibreOffice (7.4 and
    later) reads the filter's options as JSON after the filter name."""
    options = {
        name: (
            {"type": "boolean", "value": "true" if value else "false"}
            if isinstance(value, bool)
            else {"type": "long", "value": str(value)}
        )
        for name, value in filter_options(pdfa=pdfa, destinations=destinations).items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))
