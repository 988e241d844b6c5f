"""Rendering regions in worker processes (``build --jobs N``).

The workers start as soon as the planning of a build has found a second region to render,
while it plans the rest: their start-up (a fork where the platform has a safe one, else a
spawn) and their imports of what rendering needs then overlap the main process's own work,
and each worker imports in parallel instead of the main process importing for all of them
before it forks. A build with nothing or one region to render starts no worker.

Results come back in the order the jobs were given, whatever order the workers finish in,
so progress lines and reports do not depend on timing.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from regiogen.build.region import Rendered, RenderSettings, render_region

#: One region to render: its name, its settings and the inputs its outputs are keyed on.
Job = tuple[str, RenderSettings, dict[str, str]]


class Workers:
    """The worker processes of one build, started on demand; :meth:`close` always."""

    def __init__(self, count: int, formats: tuple[str, ...]) -> None:
        self.count = count
        self.formats = formats
        self._pool: ProcessPoolExecutor | None = None

    def found(self, jobs: int, more: int) -> None:
        """Told while planning: ``jobs`` regions to render so far, at most ``more`` to come.

        At the second job the workers start (no more than there can be jobs).
        """
        if self._pool is not None or self.count <= 1 or jobs < 2:
            return
        count = min(self.count, jobs + more)
        self._pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(self.formats,),
        )
        for _ in range(count):  # start them now (spawn starts one per waiting task)
            self._pool.submit(_ready)

    @property
    def started(self) -> bool:
        """Whether the jobs go to worker processes."""
        return self._pool is not None

    def submit(self, jobs: list[Job]) -> Iterator[tuple[Rendered, dict[str, str]]]:
        """Hand out ``jobs`` now; their results, in the order given, as they are needed.

        Without workers each job is rendered in this process when its result is asked for.
        """
        pool = self._pool
        if pool is None:
            return ((render_region(s, r), i) for r, s, i in jobs)
        futures = [(pool.submit(render_region, s, r), i) for r, s, i in jobs]
        return self._results(futures)

    def _results(
        self, futures: list[tuple[Future[Rendered], dict[str, str]]]
    ) -> Iterator[tuple[Rendered, dict[str, str]]]:
        for future, inputs in futures:
            yield future.result(), inputs
        self.close(wait=True)

    def close(self, *, wait: bool = False) -> None:
        """Stop the workers; without ``wait`` at once, dropping what they have not begun
        (Ctrl-C or an error: the build writes no more)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=not wait)


def _context() -> Any:
    """How workers start: a fork where the platform has a safe one (Linux), so each starts
    with what this process has imported; elsewhere (Windows, macOS, where forking is not
    safe) the platform's own way (spawn), which imports anew."""
    import multiprocessing

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _start_worker(formats: tuple[str, ...]) -> None:
    """In a new worker: leave Ctrl-C to the main process (which stops the build cleanly), and
    import what rendering needs now, while the main process is still planning."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import regiogen.documents.kinds
    import regiogen.render.convert
    import regiogen.render.markdown
    import regiogen.render.markdown_parser
    import regiogen.rules

    if {"docx", "pdf"} & set(formats):
        import regiogen.render.docx
    if "html" in formats:
        import regiogen.render.html  # noqa: F401


def _ready() -> None:
    """A task that does nothing: submitting it starts a worker."""
