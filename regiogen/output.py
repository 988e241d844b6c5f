"""Writing outputs safely: atomic replace, hashing, the build manifest, the git stamp."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"

_UMASK = os.umask(0o022)
os.umask(_UMASK)
#: Permissions of written files: what a plain ``open(..., "w")`` would give.
FILE_MODE = 0o666 & ~_UMASK


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex sha256 of a file's bytes, or None when it cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A reader (or an interrupted build) sees either the old file whole or the new one whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_leftover_temp_files(out_dir: Path) -> None:
    """Remove temporary files an interrupted (killed) build may have left behind."""
    if out_dir.is_dir():
        for leftover in out_dir.rglob(".*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


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
