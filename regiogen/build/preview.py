"""``regiogen preview``: the region's documents as web pages, with the findings beside the text.

What ``mkdocs serve`` and ``quarto preview`` are to their users: a small HTTP server on the
loopback address (127.0.0.1 only) that renders the documents in memory (nothing is written to
``build/``), shows the findings of ``check`` beside the section they concern, each with a link
that opens the YAML file at its line in the editor (``vscode://file/…:line:col``), offers the
Word file for download, and reloads the page when a source changes (Server-Sent Events, fed by
:func:`regiogen.build.watch.watch_project`).

Routes: ``/`` (documents and all findings), ``/doc/<regio>/<stem>`` (a document),
``/docx/<regio>/<stem>.docx`` (its Word file), ``/events`` (SSE: the version after each
rebuild), ``/versie`` (the version as text) and ``/preview.js`` (the reload script).

Placing a finding: its file and line lead to the record it is in (through the source map of
the YAML), the record to the section of the document made from it (``afspraak-a1``,
``knelpunt-k2``, ``regio-afspraken``, …). A finding without such a section is listed beside
the document, not in it.
"""

from __future__ import annotations

import html
import http.server
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from regiogen.build.preview_pages import (
    PAGE_CSP,
    PREVIEW_JS,
    Finding,
    Snapshot,
    document_page,
    index_page,
)
from regiogen.diagnostics import Diagnostic, sort_diagnostics

__all__ = ["PreviewServer", "PreviewState", "make_server"]

HOST = "127.0.0.1"
#: The one word for a record of a list, as the templates use it in section ids.
_RECORD = {
    "afspraken": "afspraak",
    "opgaven": "opgave",
    "knelpunten": "knelpunt",
    "randvoorwaarden": "randvoorwaarde",
    "transformatieplannen": "transformatieplan",
}
#: The sections a top-level key ends up in, in the order to try.
_SECTIONS = {
    "afspraken": ("regio-afspraken", "werkagenda"),
    "opgaven": ("regio-opgaven",),
    "regiobeeld": ("regiobeeld",),
    "randvoorwaarden": ("landelijke-randvoorwaarden",),
    "mandaatstructuur": ("mandaatstructuur",),
    "regio": ("vaststelling", "inleiding"),
    "partijen": ("partijen", "inleiding"),
    "begroting": ("begroting",),
    "aanvraag": ("inleiding", "begroting"),
    "monitoring": ("monitoring",),
}
#: Fields of a transformatieplan and the section of its document they end up in.
_PLAN_SECTIONS = {
    "partijen": "partijen",
    "opgaven": "aansluiting",
    "afspraken": "aansluiting",
    "kosten": "businesscase",
    "financiering": "financiering",
    "structurele_kosten_sociaal_domein": "structurele-kosten-sociaal-domein",
    "eigen_bijdrage_gemeente": "structurele-kosten-sociaal-domein",
    "intentie_na_2027": "continuiteit-na-2027",
    "structureel_gedekt_tot": "continuiteit-na-2027",
}


class PreviewState:
    """The rendered documents and findings, rebuilt on :meth:`refresh`; thread-safe."""

    def __init__(self, root: Path, regions: tuple[str, ...] = ()) -> None:
        self.root = root.resolve()
        self.regions = regions
        self.changed = threading.Condition()
        self.stopping = False
        self.snapshot = Snapshot()

    def refresh(self) -> Snapshot:
        """Render everything again and publish it as the next version."""
        snapshot = _render(self.root, self.regions)
        with self.changed:
            snapshot.version = self.snapshot.version + 1
            self.snapshot = snapshot
            self.changed.notify_all()
        return snapshot

    def wait_for_change(self, version: int, timeout: float) -> int:
        """Block until the version differs from ``version`` (or timeout / stop)."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.snapshot.version != version or self.stopping, timeout
            )
            return self.snapshot.version

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


def _render(root: Path, wanted: tuple[str, ...]) -> Snapshot:
    from dataclasses import replace

    from regiogen.build.region import RenderSettings, check_region, render_region
    from regiogen.model.project import load_project
    from regiogen.source.load import load_region

    snapshot = Snapshot()
    project, diagnostics = load_project(root)
    if project is None:
        snapshot.problem = "het project kan niet worden gelezen"
        snapshot.findings = _findings(list(diagnostics), root, {})
        return snapshot
    found = list(diagnostics)
    data: dict[str, Any] = {}
    settings = RenderSettings(
        root=root,
        content_dir=project.config.content,
        config=project.config,
        kinds=(),
        formats=("html", "docx"),
        reference_doc=_reference(project),
    )
    results = []
    for region in project.regions:
        if wanted and region not in wanted:
            continue
        checked = check_region(root, project.config.content, region, project.config)
        found += checked.diagnostics
        loaded = load_region(project.content_dir / region, root)
        data[region] = (loaded.data, loaded.source_map)
        kinds = tuple(k for k in project.kinds_for(region) if k != "handreiking")
        results.append(render_region(replace(settings, kinds=kinds), region))
    if not wanted and project.wants_handreiking() and project.handreiking_dir.is_dir():
        from regiogen.build.handreiking import render_handreiking  # the build's own way

        results.append(render_handreiking(project, settings))
    for rendered in results:
        seen = set(found)
        found += [d for d in rendered.diagnostics if d not in seen]
        for rel, payload in rendered.outputs.items():
            stem, _, ext = rel.rpartition(".")
            if ext == "html":
                snapshot.pages[stem] = payload
                snapshot.titles[stem] = _title(payload) or stem
            elif ext == "docx":
                snapshot.docx[stem] = payload
    snapshot.findings = _findings(found, root, data)
    return snapshot


def _reference(project: Any) -> Path:
    from regiogen.paths import builtin_reference_docx

    if project.config.referentiedocument:
        return Path(project.root / project.config.referentiedocument)
    return builtin_reference_docx()


def _title(page: bytes) -> str:
    match = re.search(rb"<title>(.*?)</title>", page, re.DOTALL)
    return html.unescape(match.group(1).decode("utf-8", "replace")) if match else ""


def _findings(diagnostics: list[Diagnostic], root: Path, data: dict[str, Any]) -> list[Finding]:
    result = []
    for number, d in enumerate(sort_diagnostics(diagnostics), start=1):
        anchors: tuple[str, ...] = ()
        stem = None
        for region, (values, source_map) in data.items():
            path = _record_path(d, source_map)
            if path is not None:
                anchors, plan = _anchors(path, values)
                stem = f"{region}/transformatieplan-{plan}" if plan else None
                break
        result.append(Finding(number, d, editor_link(root, d), anchors, stem))
    return result


def editor_link(root: Path, d: Diagnostic) -> str | None:
    """``vscode://file/<absolute path>:<line>:<col>`` for a finding in a file, else None."""
    if not d.path:
        return None
    from pathlib import PureWindowsPath

    path = Path(d.path)
    if path.is_absolute() or PureWindowsPath(d.path).drive:
        where = d.path.replace("\\", "/")
    else:
        where = (root / path).as_posix()
    if d.line is not None:
        where += f":{d.line}" + (f":{d.col}" if d.col is not None else "")
    if not where.startswith("/"):
        where = "/" + where  # C:/… on Windows: vscode://file/C:/…
    return "vscode://file" + quote(where, safe="/:")


def _record_path(d: Diagnostic, source_map: Any) -> tuple[str | int, ...] | None:
    """The key path of the value a finding is on: the last one starting at or before it."""
    if d.line is None:
        return None
    best: tuple[int, int, tuple[str | int, ...]] | None = None
    for key_path, pos in source_map.values.items():
        if pos.path != d.path or pos.line > d.line or not key_path:
            continue
        rank = (pos.line, len(key_path), key_path)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


def _anchors(path: tuple[str | int, ...], data: Any) -> tuple[tuple[str, ...], str | None]:
    """Section ids where a value at ``path`` shows up, best first; and a plan's id."""
    anchors: list[str] = []
    plan = None
    node = data
    for i, part in enumerate(path):
        node = node.get(part) if isinstance(node, dict) else (
            node[part] if isinstance(node, list) and isinstance(part, int) and
            part < len(node) else None
        )  # fmt: skip
        if not isinstance(part, int) or i == 0:
            continue
        list_key = str(path[i - 1])
        ident = str(node.get("id", "")) if isinstance(node, dict) else ""
        word = _RECORD.get(list_key)
        if list_key == "transformatieplannen":
            plan = ident or None
            field_name = str(path[i + 1]) if i + 1 < len(path) else ""
            anchors.append(_PLAN_SECTIONS.get(field_name, "inleiding"))
        elif word and ident:
            anchors.insert(0, f"{word}-{ident.lower()}")
            if list_key == "afspraken":
                anchors.insert(1, f"werkagenda-{ident.lower()}")
        elif word:
            anchors.insert(0, f"{word}-{part + 1}")
    anchors += _SECTIONS.get(str(path[0]), ())
    return tuple(dict.fromkeys(anchors)), plan


# --- the server --------------------------------------------------------------------------


#: How often the server loop looks whether it should stop.
POLL_SECONDS = 0.05


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 that serves one :class:`PreviewState`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, state: PreviewState, port: int) -> None:
        self.state = state
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def serve(self) -> None:
        """Serve until :meth:`shutdown`, which then returns within :data:`POLL_SECONDS`
        (``serve_forever``'s default is half a second, felt at every Ctrl-C)."""
        self.serve_forever(poll_interval=POLL_SECONDS)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: only the CLI prints."""

    def do_HEAD(self) -> None:
        self._head_only = True
        self.do_GET()

    def do_GET(self) -> None:
        state = self.server.state
        path = unquote(urlsplit(self.path).path)
        snapshot = state.snapshot
        if path == "/":
            self._send(200, "text/html; charset=utf-8", index_page(snapshot))
        elif path.startswith("/doc/") and path[5:] in snapshot.pages:
            self._send(200, "text/html; charset=utf-8", document_page(snapshot, path[5:]))
        elif path.startswith("/docx/") and path.endswith(".docx") and path[6:-5] in snapshot.docx:
            name = path[6:-5].replace("/", "-") + ".docx"
            self._send(
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                snapshot.docx[path[6:-5]],
                {"Content-Disposition": f'attachment; filename="{name}"'},
            )
        elif path == "/versie":
            self._send(200, "text/plain; charset=utf-8", str(snapshot.version).encode())
        elif path == "/preview.js":
            self._send(200, "text/javascript; charset=utf-8", PREVIEW_JS.encode())
        elif path == "/events":
            self._events()
        else:
            self._send(404, "text/plain; charset=utf-8", b"niet gevonden\n")

    def _send(
        self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", PAGE_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not getattr(self, "_head_only", False):
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the version now and after every rebuild, until stopped."""
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version = state.snapshot.version
        try:
            self.wfile.write(f"event: versie\ndata: {version}\n\n".encode())
            self.wfile.flush()
            while not state.stopping:
                new = state.wait_for_change(version, timeout=15)
                if state.stopping:
                    break
                message = f"event: versie\ndata: {new}\n\n" if new != version else ": nog hier\n\n"
                version = new
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def make_server(root: Path, port: int = 0, regions: tuple[str, ...] = ()) -> PreviewServer:
    """A preview server for the project at ``root`` (first render done); not yet serving."""
    state = PreviewState(root, regions)
    state.refresh()
    return PreviewServer(state, port)
