"""Writing files safely: atomic replace and hashing, shared by every stage that writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

#: Every temporary file regiogen writes ends in this suffix (``.regioplan.docx.x1y2.regiogen-tmp``);
#: the clean-up after a killed build removes only files that end in it.
TEMP_SUFFIX = ".regiogen-tmp"

_UMASK = os.umask(0o022)
os.umask(_UMASK)
#: Permissions of written files: what a plain ``open(..., "w")`` would give.
FILE_MODE = 0o666 & ~_UMASK


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex sha256 of a regular file's bytes, or None when it is no regular file (a pipe or a
    device is never read: it could block or never end) or cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            digest = hashlib.sha256()
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
            return digest.hexdigest()
    except OSError:
        return None


class NotRegularFile(OSError):
    """A path that is a pipe, a device or a folder where a regular file was expected."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes.

    A pipe or device is refused without reading from it (it could block, or never end):
    the file is opened without waiting and checked on the open handle. Raises
    :class:`NotRegularFile`, :class:`ValueError` (larger than ``limit``) or :class:`OSError`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path.name} is geen gewoon bestand")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path.name} is groter dan {limit} bytes")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A reader (or an interrupted build) sees either the old file whole or the new one whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
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
