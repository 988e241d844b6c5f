"""``regiogen preview``: serve the documents with their findings on 127.0.0.1, reload on save."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from regiogen.cli.support import CouldNotRun, load_or_exit, project_argument, regio_option


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
    from regiogen.build.watch import watch_project

    proj, _ = load_or_exit(project)
    unknown = [r for r in regions if r not in proj.regions]
    if unknown:
        known = ", ".join(proj.regions) or "geen"
        raise CouldNotRun(f"regio '{unknown[0]}' bestaat niet; regio's zijn: {known}")
    click.echo("documenten maken…")
    try:
        server = make_server(proj.root, port, regions)
    except OSError as exc:
        raise CouldNotRun(
            f"kan poort {port} op 127.0.0.1 niet gebruiken ({exc.strerror})"
        ) from None
    state = server.state
    stop = threading.Event()

    def rebuild(changed: set[Path]) -> None:
        names = sorted(p.name for p in changed)
        snapshot = state.refresh()
        click.echo(
            f"gewijzigd: {', '.join(names)} → versie {snapshot.version}, "
            f"{len(snapshot.findings)} bevinding(en)"
        )

    watcher = threading.Thread(
        target=watch_project,
        args=(proj.root, rebuild),
        kwargs={
            "stop_event": stop,
            "content_dir": proj.config.content,
            "out_dir": proj.root / proj.config.uitvoer,
            "extra_dirs": [proj.handreiking_dir],
        },
        daemon=True,
    )
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    watcher.start()
    serving.start()
    snapshot = state.snapshot
    click.echo(
        f"preview op {server.url} ({len(snapshot.pages)} documenten, "
        f"{len(snapshot.findings)} bevinding(en)); Ctrl-C stopt"
    )
    try:
        while serving.is_alive():
            serving.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        state.stop()
        server.shutdown()
        server.server_close()
        watcher.join(5)
    click.echo("gestopt")
