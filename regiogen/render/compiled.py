"""Compiled template code, shared by every template environment of the process.

Imports only Jinja2.
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

__all__ = ["COMPILED", "CompiledTemplates"]


class CompiledTemplates(BytecodeCache):
    """Compiled template code shared by every environment of this process.

    Each project folder gets an environment of its own (see
    :func:`regiogen.render.markdown.make_environment`), and Jinja's template cache belongs to
    the environment: without this, every new project, every preview round after a template
    change and every test compiled the same built-in templates again (about 0.1 s each).
    Jinja keys a bucket on the template's name and file and checks the source's SHA-1, so a
    changed file is compiled anew. Code objects are kept as they are (no marshal round trip),
    in memory only: compiled code read back from disk could be planted by whoever can write
    there. Only for environments of the one configuration
    :class:`regiogen.render.sandbox._Sandbox` is made with.
    """

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._code: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()  # the preview serves from threads

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` the code compiled earlier from the same name, file and source."""
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled (the oldest entry goes when the cache is full)."""
        with self._lock:
            if len(self._code) >= self.size:
                del self._code[next(iter(self._code))]
            self._code[(bucket.key, bucket.checksum)] = bucket.code

    def clear(self) -> None:
        """Forget every compiled template."""
        with self._lock:
            self._code.clear()


#: The one cache of compiled templates (see :class:`CompiledTemplates`).
COMPILED = CompiledTemplates()
