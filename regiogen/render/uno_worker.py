"""Converts Word documents to PDF in one running LibreOffice, for regiogen (a helper program).

Run by :mod:`regiogen.render.office` with a Python that has LibreOffice's UNO bridge
(``import uno``: LibreOffice's own Python on Windows and macOS, ``python3-uno`` on Debian),
which is usually not the Python regiogen runs on. So this file imports nothing of regiogen,
only the standard library and ``uno``, in a syntax the Python of LibreOffice 7 reads (3.7+).

Arguments: the ``soffice`` program, the profile folder as a file URL, a pipe name, and the
seconds LibreOffice may take to accept a connection. It starts LibreOffice listening on that
pipe, connects, and writes one JSON line ``{"ok": true}`` when it is ready (or ``{"ok": false,
"error": ...}`` and exits). Then, for every JSON line on standard input
``{"docx": path, "pdf": path, "options": {name: value}}`` it opens the document hidden and
read-only, exports it with LibreOffice's ``writer_pdf_Export`` filter and those filter options,
closes it and answers one JSON line. At the end of its input (regiogen is done, or was
stopped) it ends LibreOffice and exits.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _prop(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _connect(program: str, profile: str, pipe: str, wait: float) -> tuple[Any, Any]:
    office = subprocess.Popen(
        [
            program,
            "-env:UserInstallation=" + profile,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + wait
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                return office, None
            time.sleep(0.05)
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return office, desktop


def _convert(desktop: Any, request: dict[str, Any]) -> None:
    source = uno.systemPathToFileUrl(request["docx"])
    target = uno.systemPathToFileUrl(request["pdf"])
    # the arguments ``soffice --convert-to`` loads with (desktop/source/app/dispatchwatcher.cxx);
    # the PDF has the same content, but LibreOffice 7.4 writes the link annotations of a page
    # in the opposite order, so its bytes differ from the command line's (and are as stable)
    arguments = (
        _prop("Referer", "private:OpenEvent"),
        _prop("ReadOnly", True),
        _prop("OpenNewView", True),
        _prop("Hidden", True),
        _prop("Silent", True),
    )
    document = desktop.loadComponentFromURL(source, "_blank", 0, arguments)
    if document is None:
        raise RuntimeError("LibreOffice kon het document niet openen")
    try:
        options = tuple(_prop(name, value) for name, value in request["options"].items())
        document.storeToURL(
            target,
            (
                _prop("Overwrite", True),
                _prop("FilterName", "writer_pdf_Export"),
                _prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", options)),
            ),
        )
    finally:
        document.close(True)


def main(argv: list[str]) -> int:
    program, profile, pipe, wait = argv[1], argv[2], argv[3], float(argv[4])
    office, desktop = _connect(program, profile, pipe, wait)
    try:
        if desktop is None:
            _reply({"ok": False, "error": "LibreOffice nam geen verbinding aan"})
            return 1
        _reply({"ok": True})
        for line in sys.stdin:
            try:
                _convert(desktop, json.loads(line))
            except Exception as exc:  # one document failing is an answer, not the end
                _reply({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
            else:
                _reply({"ok": True})
        with contextlib.suppress(Exception):
            desktop.terminate()
        return 0
    finally:
        try:
            office.wait(timeout=20 if desktop is not None else 0)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
