"""A stand-in for :mod:`regiogen.render.uno_worker`: LibreOffice's UNO session, faked.

It speaks the helper's protocol (a ready line, then one JSON answer per request) and writes
the PDF :mod:`fake_soffice` would write for the document and its export options, in a few
milliseconds. Every start appends ``start`` to the log (``FAKE_UNO_LOG``), every document its
file name. ``FAKE_UNO_HANG_ON`` / ``FAKE_UNO_CRASH_ON``: a document whose file name contains
the text makes it wait for ever / end without an answer, as LibreOffice can.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_soffice import _BOOKMARK, fake_pdf


def _log(text: str) -> None:
    with open(os.environ["FAKE_UNO_LOG"], "a", encoding="utf-8") as log:
        log.write(text + "\n")


def main() -> int:
    """Serve requests until the end of the input."""
    _log("start")
    print(json.dumps({"ok": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        source = Path(request["docx"])
        _log(source.name)
        if os.environ.get("FAKE_UNO_HANG_ON", "\0") in source.name:
            time.sleep(3600)
        if os.environ.get("FAKE_UNO_CRASH_ON", "\0") in source.name:
            return 1
        data = source.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body = package.read("word/document.xml")
        options = request["options"]
        export = "pdf:writer_pdf_Export:" + json.dumps(
            {
                name: (
                    {"type": "boolean", "value": "true" if value else "false"}
                    if isinstance(value, bool)
                    else {"type": "long", "value": str(value)}
                )
                for name, value in options.items()
            },
            separators=(",", ":"),
        )
        marks = [m.decode("utf-8") for m in _BOOKMARK.findall(body)]
        named = bool(options.get("ExportBookmarksToPDFDestination"))
        pdf = fake_pdf(hashlib.sha256(data + export.encode()).hexdigest(), marks if named else [])
        Path(request["pdf"]).write_bytes(pdf)
        print(json.dumps({"ok": True}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
