"""One running LibreOffice for every PDF of a build: a session over LibreOffice's UNO bridge.

``soffice --convert-to`` starts LibreOffice (about 2 s of processor time) for each call, and a
PDF with a true table of contents takes two rounds of conversion (see :mod:`.layout`). An
:class:`OfficeSession` starts LibreOffice once, listening on a pipe, and converts document
after document in it, round after round. It talks to LibreOffice through the helper program
:mod:`.uno_worker`, run by a Python that has the UNO bridge (:func:`uno_python`): LibreOffice's
own Python on Windows and macOS, Debian's ``python3-uno``. Without one, or when the helper
cannot start LibreOffice, the session says so (:meth:`OfficeSession.start` is false) and
:mod:`.pdf` converts on the command line as before. ``REGIOGEN_UNO_PYTHON`` names the Python
to use; set empty, it turns the session off.

Processes: the helper runs in a process group of its own with LibreOffice as its child (see
:mod:`.soffice`); a conversion that takes longer than its timeout stops the whole group. When
regiogen ends or is stopped, the helper sees the end of its input and ends LibreOffice. May
import :mod:`.soffice`, :mod:`regiogen.diagnostics` and the standard library.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from regiogen.render.soffice import group_options, kill_group

__all__ = ["CONNECT_SECONDS", "UNO_PYTHON_VARIABLE", "OfficeSession", "uno_python"]

#: The environment variable naming a Python with the UNO bridge ("" turns sessions off).
UNO_PYTHON_VARIABLE = "REGIOGEN_UNO_PYTHON"
#: Seconds LibreOffice may take to start and accept the helper's connection.
CONNECT_SECONDS = 120.0
_WORKER = Path(__file__).with_name("uno_worker.py")
_FOUND: dict[tuple[str, str | None], str | None] = {}


def uno_python(program: str) -> str | None:
    """A Python that can ``import uno`` for the LibreOffice ``program``, or ``None``.

    ``REGIOGEN_UNO_PYTHON`` when set (empty: none); else the Python next to the program
    (``python.exe`` on Windows, ``Resources/python`` in the macOS app), else ``python3`` on
    ``PATH``, else the system's ``/usr/bin/python3`` (Debian's ``python3-uno``; a virtual
    environment's ``python3`` comes first on ``PATH`` but has no UNO). The answer is kept
    for the process.
    """
    named = os.environ.get(UNO_PYTHON_VARIABLE)
    key = (program, named)
    if key not in _FOUND:
        _FOUND[key] = _find_uno_python(program, named)
    return _FOUND[key]


def _find_uno_python(program: str, named: str | None) -> str | None:
    if named is not None:
        named = named.strip().strip('"')
        return named if named and _has_uno(named) else None
    folder = Path(program).resolve().parent
    candidates = [folder / "python.exe", folder / "python", folder.parent / "Resources" / "python"]
    for candidate in candidates:
        if candidate.is_file() and _has_uno(str(candidate)):
            return str(candidate)
    on_path = shutil.which("python3")
    for python in dict.fromkeys(p for p in (on_path, "/usr/bin/python3") if p):
        if Path(python).is_file() and _has_uno(python):
            return python
    return None


def _has_uno(python: str) -> bool:
    try:
        done = subprocess.run(
            [python, "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            env=_helper_environment(dict(os.environ)),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _helper_environment(env: dict[str, str]) -> dict[str, str]:
    """The helper runs on another Python: regiogen's own Python settings would mislead it."""
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"):
        env.pop(name, None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


class _Late:
    """No answer within the time given."""


_LATE = _Late()


class OfficeSession:
    """LibreOffice running for a series of conversions (a context manager).

    :meth:`start` starts it on first use; :meth:`convert` converts one document;
    leaving the ``with`` block (or :meth:`close`) ends it.
    """

    def __init__(self, program: str, env: dict[str, str]) -> None:
        self.program = program
        self.env = env
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._failed = False

    def __enter__(self) -> OfficeSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(wait=kind is None)  # stopped (Ctrl-C): LibreOffice ends now

    @property
    def alive(self) -> bool:
        """True while LibreOffice runs and answers."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> bool:
        """Start LibreOffice unless it runs; false when there is no session to be had."""
        if self.alive:
            return True
        if self._failed:
            return False
        python = uno_python(self.program)
        if python is None:
            self._failed = True
            return False
        self._folder = tempfile.TemporaryDirectory(prefix="regiogen-office-")
        folder = Path(self._folder.name)
        pipe = f"regiogen-{os.getpid()}-{secrets.token_hex(8)}"
        env = _helper_environment(dict(self.env, HOME=str(folder)))
        profile = (folder / "profile").as_uri()
        command = [python, str(_WORKER), self.program, profile, pipe, str(CONNECT_SECONDS)]
        try:
            self._process = subprocess.Popen(  # fixed programs, no shell
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                text=True,
                encoding="utf-8",
                **group_options(),
            )
        except OSError:
            self._fail()
            return False
        stdout = self._process.stdout
        assert stdout is not None
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()
        ready = self._answer(CONNECT_SECONDS + 30)
        if not isinstance(ready, dict) or not ready.get("ok"):
            self._fail()
            return False
        return True

    def convert(
        self, docx: Path, pdf: Path, options: dict[str, bool | int], timeout: float
    ) -> str | None:
        """Convert ``docx`` to ``pdf`` with the PDF export ``options``; a Dutch problem text
        or ``None``. A conversion that passes ``timeout`` or ends LibreOffice ends the
        session (the next :meth:`start` is refused; the caller uses the command line)."""
        process = self._process
        if process is None or process.stdin is None or not self.alive:
            return "LibreOffice draait niet"
        request = {"docx": str(docx), "pdf": str(pdf), "options": options}
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            self._fail()
            return "LibreOffice stopte onverwacht"
        answer = self._answer(timeout)
        if not isinstance(answer, dict):
            self._fail()
            if answer is _LATE:
                return f"LibreOffice was na {timeout:g} seconden niet klaar en is gestopt"
            return "LibreOffice stopte onverwacht"
        if not answer.get("ok"):
            return f"LibreOffice kon het document niet omzetten ({answer.get('error', '')})"
        return None

    def close(self, *, wait: bool = True) -> None:
        """End LibreOffice: the helper ends it at the end of its input (``wait``: given 30 s
        for that), then the process group is stopped. Never raises."""
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()
            if wait:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=30)
            kill_group(process, collect=False)  # LibreOffice itself may linger
        if self._folder is not None:
            with contextlib.suppress(OSError):
                self._folder.cleanup()
            self._folder = None

    def _fail(self) -> None:
        self._failed = True
        self.close(wait=False)

    def _read(self, stdout: IO[str]) -> None:
        with contextlib.suppress(OSError, ValueError):
            for line in stdout:
                self._lines.put(line)
        self._lines.put(None)

    def _answer(self, timeout: float) -> dict[str, object] | _Late | None:
        """The helper's next answer; :data:`_LATE` when none came in time, ``None`` when it
        ended (or said something that is not an answer)."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return _LATE
        if line is None:
            return None
        try:
            answer = json.loads(line)
        except ValueError:
            return None
        return answer if isinstance(answer, dict) else None
