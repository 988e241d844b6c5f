"""Rendering regions in worker processes (``build --jobs N``).

The workers start as soon as the planning of a build has found a second region to render, and
each region found from then on goes to them at once: they render the first regions while the
main process plans the rest. Where the platform has a safe fork (Linux), the main process
imports what rendering needs first, so every worker starts with it (imported once, not once
per worker); elsewhere (spawn: Windows, macOS) each worker imports it as it starts. A build with
nothing or one region to render starts no worker: that region is rendered in this process.

Results come back in the order the jobs were found, whatever order the workers finish in,
so progress lines and reports do not depend on timing.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
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
        self._waiting: list[Job] = []  # found before the workers started
        self._futures: list[tuple[Future[Rendered], dict[str, str]]] = []

    @property
    def started(self) -> bool:
        """Whether the jobs go to worker processes."""
        return self._pool is not None

    def add(self, job: Job, more: int) -> None:
        """A region to render, found while planning, with at most ``more`` still to come.

        At the second job the workers start (no more of them than there can be jobs) and
        from then on each job is handed out at once. With workers the build has two parts
        or more, so their PDFs are left for one batch (``defer_pdfs``).
        """
        self._waiting.append(job)
        if self._pool is None and self.count > 1 and len(self._waiting) >= 2:
            context = _context()
            if context is not None:  # fork: import and compile once, here, for every worker
                _import_for_rendering(self.formats)
                _compile_templates(self._waiting)
            self._pool = ProcessPoolExecutor(
                max_workers=min(self.count, len(self._waiting) + more),
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.formats,),
            )
        if self._pool is not None:
            defer = "pdf" in self.formats
            for region, settings, inputs in self._waiting:
                settings = replace(settings, defer_pdfs=defer)
                self._futures.append((self._pool.submit(render_region, settings, region), inputs))
            self._waiting = []

    def results(self, defer_pdfs: bool) -> Iterator[tuple[Rendered, dict[str, str]]]:
        """Every job's result, in the order found, as they are needed. Without workers each
        job is rendered in this process when its result is asked for (``defer_pdfs``: leave
        its PDFs for one batch with the other parts')."""
        for region, settings, inputs in self._waiting:
            yield render_region(replace(settings, defer_pdfs=defer_pdfs), region), inputs
        for future, inputs in self._futures:
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
    import what rendering needs (spawn; after a fork it is there already)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _import_for_rendering(formats)


def _compile_templates(jobs: list[Job]) -> None:
    """Compile the templates of these jobs' kinds and the partials they import (``_*``) in
    this process, so that forked workers start with them compiled instead of each compiling
    them. A template that cannot be compiled is left for the worker, which reports it."""
    from regiogen.render.markdown import make_environment

    environment = make_environment(jobs[0][1].root / "templates")
    kinds = {kind for _, settings, _ in jobs for kind in settings.kinds}
    for name in environment.list_templates():
        if name.startswith("_") or name.removesuffix(".md.j2") in kinds:
            with contextlib.suppress(Exception):  # reported where it is rendered
                environment.get_template(name)


def _import_for_rendering(formats: tuple[str, ...]) -> None:
    """Import the modules every region's rendering needs (those for ``formats`` too)."""
    import regiogen.documents.kinds
    import regiogen.render.convert
    import regiogen.render.markdown
    import regiogen.render.markdown_parser
    import regiogen.rules

    if {"docx", "pdf"} & set(formats):
        import regiogen.render.docx
    if "html" in formats:
        import regiogen.render.html  # noqa: F401
