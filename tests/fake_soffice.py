"""A stand-in for LibreOffice, for tests that count its starts or make it fail.

Run as a program (``python fake_soffice.py <soffice arguments>``) it does what
``soffice --headless --convert-to <filter> --outdir <folder> <a.docx> …`` does, in a few
milliseconds: for each Word document it writes ``<folder>/<name>.pdf``, a small valid PDF.
Each start appends one line to the log (``FAKE_SOFFICE_LOG``): the input file names.

The PDF is what regiogen reads from a real one:

* its bytes follow from the .docx and the export filter (not from the file name), so a
  document converted in a batch and alone gives the same PDF, and two documents differ;
* like LibreOffice it stamps the wall-clock time and a random ``/ID``, which regiogen must
  normalise for the bytes to repeat;
* when the filter asks for named destinations (``ExportBookmarksToPDFDestination``) it names
  every Word bookmark, the n-th on page n + 1 (the cover is page 1), under the name
  LibreOffice gives it; so the contents pass converges in two rounds.

``FAKE_SOFFICE_MAX_FILES`` (crash when given more documents) and ``FAKE_SOFFICE_CRASH_ON``
(crash when a document's file name contains the text) make it exit 1 without PDFs, as
LibreOffice does when it crashes; ``FAKE_SOFFICE_HANG`` makes it wait for ever.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

LOG = "FAKE_SOFFICE_LOG"
_BOOKMARK = re.compile(rb'<w:bookmarkStart [^>]*w:name="([^"]+)"')


def main(argv: list[str]) -> int:
    """Convert like ``soffice --convert-to``; return the exit code."""
    export, out_dir, sources = _arguments(argv)
    with open(os.environ[LOG], "a", encoding="utf-8") as log:
        log.write(" ".join(Path(s).name for s in sources) + "\n")
    if os.environ.get("FAKE_SOFFICE_HANG"):
        time.sleep(3600)
    crash_on = os.environ.get("FAKE_SOFFICE_CRASH_ON")
    most = int(os.environ.get("FAKE_SOFFICE_MAX_FILES", "0")) or len(sources)
    if len(sources) > most or (crash_on and any(crash_on in Path(s).name for s in sources)):
        sys.stderr.write("Fatal exception: Signal 6\n")
        return 1
    for source in sources:
        data = Path(source).read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                body = package.read("word/document.xml")
        except (zipfile.BadZipFile, KeyError):
            continue  # LibreOffice, too, writes nothing for a file it cannot read
        marks = [m.decode("utf-8") for m in _BOOKMARK.findall(body)]
        named = "ExportBookmarksToPDFDestination" in export
        pdf = fake_pdf(hashlib.sha256(data + export.encode()).hexdigest(), marks if named else [])
        (Path(out_dir) / f"{Path(source).stem}.pdf").write_bytes(pdf)
    return 0


def _arguments(argv: list[str]) -> tuple[str, str, list[str]]:
    """The export filter, the output folder and the documents of a soffice command line."""
    export, out_dir, sources = "", ".", []
    args = iter(argv)
    for arg in args:
        if arg == "--convert-to":
            export = next(args)
        elif arg == "--outdir":
            out_dir = next(args)
        elif not arg.startswith("-"):
            sources.append(arg)
    return export, out_dir, sources


def fake_pdf(content: str, bookmarks: list[str]) -> bytes:
    """A valid PDF with a cover and a page per bookmark, each a named destination."""
    from regiogen.render.pdf_bytes import destination_name

    pages = len(bookmarks) + 1
    first = 4  # object number of the first page
    dests = "".join(
        f"/{destination_name(mark)} [{first + n + 1} 0 R /XYZ 0 800 0]"
        for n, mark in enumerate(bookmarks)
    )
    kids = " ".join(f"{first + n} 0 R" for n in range(pages))
    clock = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    objects = [
        "<</Type/Catalog/Pages 2 0 R/Dests 3 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {pages}>>",
        f"<<{dests}>>",
        *("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>" for _ in range(pages)),
        f"<</Producer(fake soffice)/Subject({content})/CreationDate(D:{clock}Z')>>",
    ]
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    random_id = os.urandom(16).hex().upper()
    out += (
        f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R/Info {len(objects)} 0 R"
        f"/ID [ <{random_id}>\n<{random_id}> ]\n>>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


class FakeSoffice:
    """The fake put in LibreOffice's place; :attr:`starts` lists the documents per start."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.log = folder / "fake-soffice.log"
        script = Path(__file__).resolve()
        if sys.platform == "win32":
            program = folder / "soffice.cmd"
            program.write_text(f'@"{sys.executable}" "{script}" %*\r\n', "utf-8")
        else:
            program = folder / "soffice"
            program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n', "utf-8")
            program.chmod(program.stat().st_mode | stat.S_IXUSR)
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("LIBREOFFICE", str(program))
        monkeypatch.setenv("REGIOGEN_UNO_PYTHON", "")  # the command line, no UNO session
        monkeypatch.setenv(LOG, str(self.log))

    @property
    def starts(self) -> list[list[str]]:
        """The file names of the documents each start was given, in order."""
        if not self.log.is_file():
            return []
        return [line.split() for line in self.log.read_text("utf-8").splitlines()]

    def crash(self, *, above: int = 0, on: str = "") -> None:
        """Crash from now on when given more than ``above`` documents, or a name with ``on``."""
        if above:
            self.monkeypatch.setenv("FAKE_SOFFICE_MAX_FILES", str(above))
        if on:
            self.monkeypatch.setenv("FAKE_SOFFICE_CRASH_ON", on)

    def hang(self) -> None:
        """Never finish from now on (until stopped)."""
        self.monkeypatch.setenv("FAKE_SOFFICE_HANG", "1")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
