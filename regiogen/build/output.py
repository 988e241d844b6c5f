"""Writing outputs safely: atomic replace, hashing, the build manifest, the git stamp."""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path
from typing import Any

from regiogen.files import FILE_MODE, sha256_bytes, sha256_file, write_atomic

MANIFEST_NAME = "manifest.json"

__all__ = ["FILE_MODE", "MANIFEST_NAME", "sha256_bytes", "sha256_file", "write_atomic"]


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
