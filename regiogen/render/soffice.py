"""Finding and running LibreOffice: the program, its environment and its process group.

:func:`soffice_path` looks for ``soffice`` where users and installers put it;
:func:`run_soffice` starts it in a process group of its own and stops the whole group when it is
done, times out or crashes (soffice.bin may outlive the launcher). :mod:`.pdf` builds the
command line and calls these. May import the standard library and
:mod:`regiogen.diagnostics`; nothing else of regiogen.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from typing import Any

from regiogen.diagnostics import os_reason

__all__ = [
    "INSTALL_HINT",
    "PROGRAM_VARIABLES",
    "group_options",
    "install_locations",
    "kill_group",
    "run_soffice",
    "soffice_environment",
    "soffice_path",
]

INSTALL_HINT = (
    "installeer LibreOffice Writer, bijvoorbeeld: apt-get install libreoffice-writer-nogui "
    "(Debian/Ubuntu), brew install --cask libreoffice (macOS) of winget install "
    "TheDocumentFoundation.LibreOffice (Windows); of zet LIBREOFFICE op het pad van soffice"
)
#: Environment variables that may name the LibreOffice program (``soffice`` or ``soffice.exe``).
PROGRAM_VARIABLES = ("LIBREOFFICE", "SOFFICE")


def soffice_path() -> str | None:
    """The LibreOffice program to run, or ``None`` when it is not installed.

    In this order: the program ``LIBREOFFICE`` or ``SOFFICE`` names (a file, or a folder
    holding ``soffice``/``soffice.exe``), ``soffice`` or ``libreoffice`` on ``PATH``, then the
    folders the installers use (``C:\\Program Files\\LibreOffice\\program`` on Windows,
    which the Windows installer does not put on ``PATH``; the app bundle on macOS).
    """
    for variable in PROGRAM_VARIABLES:
        named = _named_program(os.environ.get(variable, ""))
        if named:
            return named
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in install_locations():
        if Path(candidate).is_file():
            return candidate
    return None


def _named_program(value: str) -> str | None:
    """The program an environment variable names: a file, or a folder with soffice in it."""
    value = value.strip().strip('"')
    if not value:
        return None
    path = Path(value)
    if path.is_dir():
        for name in ("soffice.exe", "soffice", "program/soffice.exe", "program/soffice"):
            if (path / name).is_file():
                return str(path / name)
        return None
    if path.is_file():
        return str(path)
    return shutil.which(value)


def install_locations(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str]:
    """Where the LibreOffice installers put ``soffice``, for this platform."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith("win"):
        folders = [
            env.get("PROGRAMFILES", r"C:\Program Files"),
            env.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"),
            env.get("LOCALAPPDATA", ""),
        ]
        seen: list[str] = []
        for folder in folders:
            if folder:
                candidate = str(PureWindowsPath(folder, "LibreOffice", "program", "soffice.exe"))
                if candidate not in seen:
                    seen.append(candidate)
        return seen
    if system == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return []  # Linux packages put soffice on PATH


def soffice_environment(epoch: int, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["TZ"] = "UTC"
    env["HOME"] = str(folder)  # LibreOffice may look for ~/.config; keep it private too
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def run_soffice(command: list[str], env: dict[str, str], timeout: float) -> str | None:
    """Run LibreOffice in its own process group; return a Dutch problem text or ``None``."""
    try:
        process = subprocess.Popen(  # fixed program, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            **group_options(),
        )
    except OSError as exc:
        return f"LibreOffice kan niet starten ({os_reason(exc)})"
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        return f"LibreOffice was na {timeout:g} seconden niet klaar en is gestopt"
    finally:
        kill_group(process)  # soffice.bin may linger after the launcher exits
    if process.returncode != 0:
        text = stderr.decode("utf-8", "replace").strip().splitlines()
        last = text[-1] if text else ""
        return f"LibreOffice stopte met code {process.returncode}" + (f": {last}" if last else "")
    return None


def group_options() -> dict[str, Any]:
    """Popen options that give LibreOffice its own process group, on every platform.

    POSIX: a new session (so :func:`os.killpg` reaches soffice.bin too). Windows has no
    sessions or ``killpg``: a new process group, and no console window for the child.
    """
    if hasattr(os, "killpg"):
        return {"start_new_session": True}
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    flags |= getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return {"creationflags": flags}


def kill_group(process: subprocess.Popen[Any], *, collect: bool = True) -> None:
    """Stop LibreOffice and whatever it started; never raises. With ``collect`` it also
    reads what is left of the process's output and waits for it (off when another thread
    reads the output: the process is then only waited for)."""
    killpg = getattr(os, "killpg", None)
    sigkill = getattr(signal, "SIGKILL", None)
    if killpg is not None and sigkill is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            killpg(process.pid, sigkill)
    else:
        _kill_tree(process)
    with contextlib.suppress(subprocess.TimeoutExpired):
        if collect:
            process.communicate(timeout=10)
        else:
            process.wait(timeout=10)


def _kill_tree(process: subprocess.Popen[Any]) -> None:
    """Where there is no ``killpg`` (Windows): end the process and its children.

    ``taskkill /T`` ends the whole tree (soffice.exe starts soffice.bin); when that is not
    there or fails, :meth:`Popen.kill` (TerminateProcess) ends at least the launcher.
    """
    if process.poll() is not None:
        return
    taskkill = shutil.which("taskkill")
    if taskkill:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                [taskkill, "/F", "/T", "/PID", str(process.pid)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            )
    with contextlib.suppress(OSError):
        process.kill()
