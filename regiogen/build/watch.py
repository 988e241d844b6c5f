"""Rebuild while editing: watch a project's sources and call back with what changed.

:func:`watch_project` watches the project folder with ``watchfiles`` (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows) and calls ``rebuild(changed)`` once per
burst of changes, after ``debounce_ms`` of quiet. Only sources count: the content folder,
``templates/``, the handreiking folder and ``regiogen.yaml``. The output folder
(``build/``), ``.git`` and editor swap/backup files are ignored, so a rebuild never triggers
itself.

The whole project folder is watched (recursively) rather than the source folders one by
one: editors save by writing a new file and renaming it over the old one, which breaks a
watch on a single file, and ``templates/`` may be created after watching starts.

It returns when ``stop_event`` is set; Ctrl-C raises :class:`KeyboardInterrupt` as usual.
The first build is the caller's job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["is_editor_temp", "source_filter", "watch_project"]

CONFIG_NAME = "regiogen.yaml"


def is_editor_temp(name: str) -> bool:
    """Is this a file an editor writes while saving, not a source?

    Backups (``x~``), Vim swap files (``.x.swp``, ``.swo``, ``.swx``) and its write test
    ``4913``, Emacs locks and autosaves (``.#x``, ``#x#``), Word and Excel lock files
    (``~$x.docx``), and ``.tmp`` files of editors that save via a temporary file.
    """
    lower = name.lower()
    return (
        lower.endswith(("~", ".tmp", ".temp", ".bak", ".swp", ".swo", ".swx", ".swn"))
        or lower == "4913"
        or lower.startswith((".#", "~$", ".goutputstream-"))
        or (lower.startswith("#") and lower.endswith("#"))
    )


def source_filter(
    project_root: Path,
    *,
    content_dir: str = "content",
    out_dir: Path | None = None,
    extra_dirs: Iterable[Path] = (),
) -> Callable[[Path], bool]:
    """A predicate: is this path a source of the project (and not output)?"""
    root = project_root.resolve()
    output = (out_dir if out_dir is not None else root / "build").resolve()
    sources = [root / content_dir, root / "templates", *(Path(d) for d in extra_dirs)]
    sources = [s.resolve() for s in sources]
    config = root / CONFIG_NAME

    def is_source(path: Path) -> bool:
        if is_editor_temp(path.name):
            return False
        if path == output or output in path.parents:
            return False
        if path == config:
            return True
        return any(path == s or s in path.parents for s in sources)

    return is_source


def watch_project(
    project_root: Path,
    rebuild: Callable[[set[Path]], None],
    *,
    stop_event: threading.Event | None = None,
    debounce_ms: int = 300,
    content_dir: str = "content",
    out_dir: Path | None = None,
    extra_dirs: Iterable[Path] = (),
) -> None:
    """Call ``rebuild(changed_paths)`` after each burst of changes to the project's sources.

    ``changed_paths`` are absolute (resolved) paths of created, changed and deleted files.
    ``out_dir`` is the output folder to ignore (default ``<project>/build``); ``extra_dirs``
    are more source folders (such as a handreiking folder outside ``content/``).
    """
    from watchfiles import DefaultFilter, watch

    root = project_root.resolve()
    is_source = source_filter(root, content_dir=content_dir, out_dir=out_dir, extra_dirs=extra_dirs)
    ignore = DefaultFilter()

    def accept(change: object, path: str) -> bool:
        return bool(ignore(change, path)) and is_source(Path(path))  # type: ignore[arg-type]

    for changes in watch(
        root,
        watch_filter=accept,
        debounce=debounce_ms,
        step=min(50, max(debounce_ms, 1)),
        stop_event=stop_event,
        recursive=True,
    ):
        changed = {Path(path) for _, path in changes}
        if changed:
            rebuild(changed)
