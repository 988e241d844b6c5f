"""Waiting for a line of a process's output: a state, bounded by a generous timeout."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable


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
        every half second. Fails when the process ends first or the timeout passes."""
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
                self._new.wait(0.5)

    def text(self) -> str:
        """The output so far."""
        return "".join(self.lines)

    def end(self) -> str:
        """Everything, once the process has closed its output."""
        self._reader.join(self.timeout)
        return self.text()
