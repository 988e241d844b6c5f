"""``regiogen preview``: serve the documents with their findings on 127.0.0.1, reload on save.

Ctrl-C raises :class:`KeyboardInterrupt` in the main thread only, so everything that takes
time (the first render, watching, each rebuild) runs in the main thread, where Ctrl-C stops
it at once in every state; only the HTTP server runs in (daemon) threads. No other thread is
left rendering or importing when the interpreter exits.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from regiogen.cli.support import CouldNotRun, load_or_exit, project_argument, regio_option

if TYPE_CHECKING:
    from regiogen.build.preview import PreviewServer
    from regiogen.model.project import Project


@click.command()
@project_argument
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    metavar="N",
    help="Poort op 127.0.0.1 (0: een vrije poort).",
)
@regio_option
def preview(project: str, port: int, regions: tuple[str, ...]) -> None:
    """Toon de documenten van PROJECT in de browser, met de bevindingen bij de tekst.

    Alleen op deze computer (127.0.0.1). De pagina ververst zelf zodra u een bestand in
    content/, templates/ of regiogen.yaml opslaat; elke bevinding opent met één klik het
    YAML-bestand op de juiste regel in VS Code. Stoppen met Ctrl-C.
    """
    from regiogen.build.preview import make_server

    proj, _ = load_or_exit(project)
    unknown = [r for r in regions if r not in proj.regions]
    if unknown:
        known = ", ".join(proj.regions) or "geen"
        raise CouldNotRun(f"regio '{unknown[0]}' bestaat niet; regio's zijn: {known}")
    server: PreviewServer | None = None
    serving: threading.Thread | None = None
    try:
        click.echo("documenten maken…")
        try:
            server = make_server(proj.root, port, regions)
        except OSError as exc:
            raise CouldNotRun(
                f"kan poort {port} op 127.0.0.1 niet gebruiken ({exc.strerror})"
            ) from None
        serving = threading.Thread(target=server.serve, daemon=True)
        serving.start()
        _watch(server, proj)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(server, serving)
    click.echo("gestopt")


def _watch(server: PreviewServer, proj: Project) -> None:
    """Watch the sources and rebuild in this thread while the server serves, until Ctrl-C."""
    from regiogen.build.watch import watch_project

    state = server.state

    def rebuild(changed: set[Path]) -> None:
        names = ", ".join(sorted(p.name for p in changed))
        click.echo(f"gewijzigd: {names}; opnieuw maken…")
        snapshot = state.refresh()
        click.echo(f"versie {snapshot.version}, {len(snapshot.findings)} bevinding(en)")

    snapshot = state.snapshot
    click.echo(
        f"preview op {server.url} ({len(snapshot.pages)} documenten, "
        f"{len(snapshot.findings)} bevinding(en)); Ctrl-C stopt"
    )
    watch_project(
        proj.root,
        rebuild,
        content_dir=proj.config.content,
        out_dir=proj.root / proj.config.uitvoer,
        extra_dirs=[proj.handreiking_dir],
    )


def _stop(server: PreviewServer | None, serving: threading.Thread | None) -> None:
    """End the event streams and the server loop (within its poll interval,
    :data:`~regiogen.build.preview.POLL_SECONDS`) and close the socket; a second Ctrl-C
    meanwhile is ignored, so stopping always finishes."""
    if server is None:
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        server.state.stop()
        if serving is not None and serving.is_alive():
            server.shutdown()  # (waits for serve_forever: only when it runs)
        server.server_close()
    finally:
        signal.signal(signal.SIGINT, previous)
