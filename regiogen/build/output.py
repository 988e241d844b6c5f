"""Writing outputs safely: paths kept inside the output folder, one build at a time, atomic
replace, hashing, the build manifest, the git stamp.

Every output path is checked before anything is written: it must be a plain relative path
(no ``..``, no drive, no absolute path) and every folder on the way must be a real folder
inside the output folder, not a symbolic link (or Windows junction) to somewhere else.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from regiogen.files import FILE_MODE, TEMP_SUFFIX, sha256_bytes, sha256_file, write_atomic
from regiogen.paths import builtin_templates_dir

MANIFEST_NAME = "manifest.json"
#: Held (locked) while a build writes into the output folder; never removed.
LOCK_NAME = ".regiogen.lock"

__all__ = [
    "FILE_MODE",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "UnsafeOutput",
    "build_lock",
    "output_target",
    "sha256_bytes",
    "sha256_file",
    "write_atomic",
    "write_output",
]


class UnsafeOutput(Exception):
    """An output path that would leave the output folder (message in Dutch)."""


def _link_text(path: Path) -> str:
    try:
        return f" (naar {os.readlink(path)})"
    except OSError:
        return ""


def _same(a: Path, b: Path) -> bool:
    """The same path, also where the file system ignores case (Windows, macOS)."""
    return os.path.normcase(str(a)) == os.path.normcase(str(b))


def output_target(out_dir: Path, rel: str, checked: dict[str, Path] | None = None) -> Path:
    """The file ``rel`` inside ``out_dir``, its folders made; refuse a path that leaves it.

    Folders are made one at a time; a folder (or the file itself) that is a link is
    refused, and so is anything that, resolved, does not lie where it should.

    ``checked`` remembers the folders found safe, so that the files of one region are
    written after one check of their folders (pass the same dict for those files only:
    the folders are not looked at again).
    """
    pure = PurePosixPath(rel)
    bad = (
        not pure.parts
        or pure.is_absolute()
        or any(part in ("", ".", "..") or ":" in part or "\\" in part for part in pure.parts)
    )
    if bad:
        raise UnsafeOutput(f"'{rel}' is geen pad binnen de uitvoermap; er wordt niets geschreven")
    checked = {} if checked is None else checked
    root = checked.get("")
    if root is None:
        root = checked[""] = out_dir.resolve()
        root.mkdir(parents=True, exist_ok=True)
    current = root
    for depth, part in enumerate(pure.parts, start=1):
        current = current / part
        shown = "/".join(pure.parts[:depth])
        folder = depth < len(pure.parts)
        if folder and shown in checked:
            continue
        if not folder and _plain_file(current):
            break  # in a folder found safe, a regular file or none at all: nothing to resolve
        if current.is_symlink():
            raise UnsafeOutput(
                f"'{shown}' in de uitvoermap is een snelkoppeling{_link_text(current)}; regiogen "
                "schrijft niet via een snelkoppeling. Verwijder de koppeling, dan maakt de "
                "volgende build een gewone map of een gewoon bestand"
            )
        if folder and not current.exists():
            with contextlib.suppress(FileExistsError):
                current.mkdir()
        if current.exists() and not _same(current.resolve(), current):
            raise UnsafeOutput(
                f"'{shown}' ligt (via een koppeling) buiten de uitvoermap; regiogen schrijft daar "
                "niet"
            )
        if folder:
            checked[shown] = current
    return current


def _plain_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (no link, no folder, no junction) or not there."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # the full checks say what is wrong


def write_output(
    out_dir: Path, rel: str, data: bytes, checked: dict[str, Path] | None = None
) -> bool:
    """Write ``data`` to ``rel`` inside ``out_dir`` atomically, unless it is already there.

    Returns True when the file was (re)written. Raises :class:`UnsafeOutput` for a path that
    would leave the output folder and :class:`OSError` when writing fails. ``checked``: as
    for :func:`output_target`.
    """
    target = output_target(out_dir, rel, checked)
    if sha256_file(target) == sha256_bytes(data):
        return False
    write_atomic(target, data)
    return True


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over regiogen's own code and built-in templates: part of every incremental key,
    so an upgraded (or patched) regiogen never keeps output the old code made."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    folders = [package, builtin_templates_dir()]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".pyc", ".pyo") or "__pycache__" in path.parts:
                continue
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update((sha256_file(path) or "onleesbaar").encode())
    return digest.hexdigest()


def remove_leftover_temp_files(out_dir: Path) -> None:
    """Remove the temporary files an interrupted (killed) build of regiogen left behind.

    Only files ending in regiogen's own temporary suffix are removed, and links to folders
    are not followed; every other file stays, whoever made it. Call it under
    :func:`build_lock`: another build's temporary files are then not in progress.
    """
    if not out_dir.is_dir():
        return
    for folder, _dirs, files in os.walk(out_dir, followlinks=False):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))


def _lock(handle: IO[bytes]) -> bool:
    """Try to lock the open lock file; True when this process now holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def build_lock(out_dir: Path, waiting: Any = None) -> Iterator[None]:
    """Hold the output folder's lock: a second build of the same folder waits for the first.

    The operating system releases the lock when a process ends, also when it is killed, so a
    killed build never blocks the next one. ``waiting`` is called once when the lock is taken.
    """
    target = output_target(out_dir, LOCK_NAME)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.fdopen(os.open(target, flags, FILE_MODE), "r+b")
    try:
        told = False
        while not _lock(handle):
            if waiting is not None and not told:
                waiting()
                told = True
            time.sleep(0.1)
        yield
    finally:
        handle.close()  # closing releases the lock (fcntl and msvcrt alike)


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest of an earlier build, or an empty one."""
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """Stable JSON for the manifest (sorted keys, no times)."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def git_stamp(root: Path, inputs: list[str]) -> str | None:
    """Commit id of the last change to the project's inputs, ``-dirty`` if they have changes.

    Only the inputs count (content, templates, settings), not the outputs: a team that
    commits its built documents gets the same stamp, and so the same bytes, again.
    """
    spec = ["--", *inputs]
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%h", "--abbrev=10", *spec],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if head.returncode != 0 or not head.stdout.strip():
            return None
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", *spec],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = head.stdout.strip()
    return f"{commit}-dirty" if status.stdout.strip() else commit
