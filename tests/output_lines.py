"""Processes under test: waiting for a line of their output (a state, bounded by a generous
timeout), and starting them with Ctrl-C handled as in a terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from typing import Any


class OutputLines:
    """The output lines of a process, read in a thread, so a test can wait for one."""

    def __init__(self, process: subprocess.Popen[str], timeout: float) -> None:
        self.process = process
        self.timeout = timeout
        self.lines: list[str] = []
        self._new = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._new:
                self.lines.append(line)
                self._new.notify_all()
        with self._new:
            self.lines.append("")  # the end
            self._new.notify_all()

    def wait_for(self, text: str, poke: Callable[[], None] | None = None, nth: int = 1) -> str:
        """The ``nth`` line containing ``text``; until it comes ``poke`` is called at least
        every 0,2 s. Fails when the process ends first or the timeout passes."""
        deadline = time.monotonic() + self.timeout
        with self._new:
            while True:
                found = [line for line in self.lines if text in line]
                if len(found) >= nth:
                    return found[nth - 1]
                assert "" not in self.lines, f"gestopt zonder '{text}':\n{self.text()}"
                assert time.monotonic() < deadline, f"geen '{text}':\n{self.text()}"
                if poke is not None:
                    poke()
                self._new.wait(0.2)

    def text(self) -> str:
        """The output so far."""
        return "".join(self.lines)

    def end(self) -> str:
        """Everything, once the process has closed its output."""
        self._reader.join(self.timeout)
        return self.text()


def _default_sigint() -> None:  # runs in the child before exec
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ctrl_c_as_in_a_terminal() -> dict[str, Any]:
    """Popen arguments that give the child the default Ctrl-C handling, as a terminal does.

    A child inherits an *ignored* SIGINT: a shell ignores it in the jobs it starts in the
    background (``pytest &``, a CI step, a script), and Python then installs no
    KeyboardInterrupt handler. A SIGINT from the test would do nothing, so the process under
    test would not stop (preview, watch) or would finish with exit 0 (build).
    """
    return {"preexec_fn": _default_sigint} if os.name == "posix" else {}
