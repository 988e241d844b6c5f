"""regiogen preview: pages, findings beside the text, the Word download, live reload.

The browser tests drive Debian's headless chromium over its DevTools pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on fds 3 and 4), so no extra
package is needed. Every wait is for a state, bounded by a generous timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REGIOGEN
from output_lines import OutputLines, ctrl_c_as_in_a_terminal

from regiogen.build.preview import PreviewServer, editor_link, make_server
from regiogen.diagnostics import error

#: How long stopping may take after Ctrl-C: it needs well under a second of processor time.
TIMEOUT = 90.0
#: A guard on reaching a state that needs rendering (several seconds of processor time, which
#: a loaded machine spreads over minutes); it only counts when the state never comes.
GUARD = 600.0
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _without_trekker(project: Path) -> Path:
    """The example with afspraak A1's trekker left out: a finding in the regioplan."""
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    text = afspraken.read_text("utf-8")
    afspraken.write_text(text.replace("    trekker: ggz-rivierduin\n", "", 1), "utf-8")
    return afspraken


@contextlib.contextmanager
def serving(project: Path) -> Iterator[PreviewServer]:
    server = make_server(project, 0)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.state.stop()
        server.shutdown()
        server.server_close()
        thread.join(10)
        assert not thread.is_alive()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def test_document_shows_its_findings_beside_the_section(project: Path) -> None:
    _without_trekker(project)
    with serving(project) as server:
        assert server.server_address[0] == "127.0.0.1"
        status, headers, body = _get(server.url + "doc/lindeland/regioplan")
        page = body.decode("utf-8")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        heading_end = page.index("</h3>", page.index('id="afspraak-a1"'))  # title h1, chapters h2
        note = page.index('class="regiogen-bevinding', heading_end)
        assert page.index("<h", heading_end) > note  # right under the heading of A1
        assert "trekker" in page[note : page.index("</aside>", note)]
        link = f"vscode://file{project.resolve().as_posix()}/content/lindeland/afspraken.yaml:"
        assert link in page
        assert '<script src="/preview.js"></script>' in page
        status, _, index = _get(server.url)
        assert b"/doc/lindeland/werkagenda" in index and b"trekker" in index


def test_word_download(project: Path) -> None:
    with serving(project) as server:
        status, headers, body = _get(server.url + "docx/lindeland/regioplan.docx")
        assert status == 200 and body[:2] == b"PK"
        assert headers["Content-Disposition"] == 'attachment; filename="lindeland-regioplan.docx"'
        with pytest.raises(urllib.error.HTTPError):
            _get(server.url + "docx/../../etc/passwd.docx")
        assert not (project / "build").exists()  # the preview writes nothing


def test_refresh_publishes_a_new_version(project: Path) -> None:
    with serving(project) as server:
        state = server.state
        before = state.snapshot.version
        afspraken = _without_trekker(project)
        assert afspraken.is_file()
        state.refresh()
        assert state.wait_for_change(before, timeout=1) == before + 1
        _, _, body = _get(server.url + "versie")
        assert body == str(before + 1).encode()
        assert any("trekker" in f.diagnostic.message for f in state.snapshot.findings)


def test_editor_link_for_windows_and_posix_paths(tmp_path: Path) -> None:
    found = error("x", "m", "content/a b.yaml", 3, 5)
    link = editor_link(tmp_path, found)
    assert link == f"vscode://file{tmp_path.as_posix()}/content/a%20b.yaml:3:5"
    windows = error("x", "m", "C:/project/content/a.yaml", 2, None)
    assert editor_link(Path("C:/project"), windows) == "vscode://file/C:/project/content/a.yaml:2"
    assert editor_link(tmp_path, error("x", "m", "", None, None)) is None


@pytest.mark.slow
@pytest.mark.parametrize("state", ["serving", "first-render", "rebuild"])
def test_preview_command_stops_cleanly_on_ctrl_c(project: Path, state: str) -> None:
    """Ctrl-C stops preview at once, whatever it is doing: while it renders the documents
    the first time, while it serves them, and while it rebuilds them after a change (all that
    work runs in the main thread, where Ctrl-C arrives)."""
    regio = project / "content" / "lindeland" / "regio.yaml"
    text = regio.read_text("utf-8")
    process = subprocess.Popen(
        [*REGIOGEN, "preview", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        **ctrl_c_as_in_a_terminal(),
    )
    try:
        output = OutputLines(process, GUARD)
        if state == "first-render":
            output.wait_for("documenten maken")
        else:
            line = output.wait_for("preview op http://127.0.0.1:")
            url = line.split("preview op ", 1)[1].split()[0]
            assert _get(url)[0] == 200
        if state == "rebuild":
            edits = iter(range(1, 1_000_000))

            def save() -> None:  # until the watch, started after the line above, sees it
                regio.write_text(text.replace("Lindeland", f"Lindeland {next(edits)}"), "utf-8")

            output.wait_for("opnieuw maken", poke=save)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    out = output.end()
    assert process.returncode == 0, out
    assert "gestopt" in out and "Traceback" not in out


class Browser:
    """Headless chromium driven over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={profile}",
            "about:blank",
        ]  # fmt: skip
        # chromium reads the pipe on fd 3 and writes on fd 4: a small Python puts them there
        script = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
            "os.execvp(sys.argv[3], sys.argv[3:])"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, str(to_chrome_r), str(from_chrome_w), *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_chrome_r, from_chrome_w),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._id = 0
        self.session: str | None = None

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_chrome, 65536)
                if not chunk:
                    raise RuntimeError("chromium stopte")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return dict(reply.get("result", {}))

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, what: str) -> None:
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline:
            if self.evaluate(expression) is True:
                return
            time.sleep(0.05)
        body = self.evaluate("document.body ? document.body.innerText.slice(0, 2000) : ''")
        raise AssertionError(f"{what}: niet gezien binnen {GUARD:g} s\n{body}")

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.call("Browser.close")
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium ontbreekt")
def test_browser_shows_findings_and_updates_after_a_save(project: Path, tmp_path: Path) -> None:
    """In a real browser: the page loads, shows a finding, and follows a saved change."""
    from regiogen.build.watch import watch_project

    afspraken = _without_trekker(project)
    stop = threading.Event()
    with serving(project) as server:
        watcher = threading.Thread(
            target=watch_project,
            args=(project, lambda changed: server.state.refresh()),
            kwargs={"stop_event": stop, "debounce_ms": 100},
            daemon=True,
        )
        watcher.start()
        browser = Browser(tmp_path / "profiel")
        try:
            browser.open(server.url + "doc/lindeland/regioplan")
            browser.wait_for(
                "document.readyState === 'complete' && !!document.querySelector("
                "'#afspraak-a1 ~ aside.regiogen-bevinding')",
                "bevinding bij afspraak A1",
            )
            assert browser.evaluate(
                "document.querySelector('aside.regiogen-bevinding a').href"
            ).startswith("vscode://file/")
            text = afspraken.read_text("utf-8")
            afspraken.write_text(
                text.replace(
                    "titel: Mentale gezondheid in de wijk", "titel: Mentale steun dichtbij"
                ),
                "utf-8",
            )
            browser.wait_for(
                "document.body.innerText.includes('Mentale steun dichtbij')",
                "de gewijzigde titel, zonder dat de test de pagina herlaadt",
            )
            assert browser.evaluate("document.documentElement.dataset.regiogenVersie") != "1"
        finally:
            browser.close()
            stop.set()
            watcher.join(10)


def test_handreiking_and_head_requests(project: Path) -> None:
    from conftest import REPO

    shutil.copytree(REPO / "content" / "handreiking", project / "content" / "handreiking")
    with serving(project) as server:
        _, _, index = _get(server.url)
        assert b'href="/doc/handreiking/handreiking"' in index
        status, _, page = _get(server.url + "doc/handreiking/handreiking")
        assert status == 200 and b"Handreiking gemeenten en het IZA" in page
        request = urllib.request.Request(
            server.url + "docx/lindeland/regioplan.docx", method="HEAD"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200 and response.read() == b""
            assert int(response.headers["Content-Length"]) > 1000
