"""Ctrl-C that regiogen handles ends the process with the exit code regiogen chose.

CPython marks a KeyboardInterrupt that leaves code run through ``PyRun_String`` (as a Cython
module's import does: ``lxml.etree``) as unhandled for good, and then kills itself with SIGINT
at exit even when the program caught it. ``preview`` hit this about once in 40 runs when Ctrl-C
came during its first render (exit -2 after "gestopt"). The child process below makes that
moment happen every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap

import pytest
from conftest import PYTHON
from output_lines import ctrl_c_as_in_a_terminal

from regiogen.cli.ctrl_c import CtrlC, install_ctrl_c

#: Ctrl-C arrives while C code runs Python through PyRun_String; the program catches it.
CHILD = textwrap.dedent(
    """
    import ctypes, sys
    from regiogen.cli.ctrl_c import install_ctrl_c
    if sys.argv[1] == "installed":
        install_ctrl_c()
    run = ctypes.pythonapi.PyRun_String
    run.restype = ctypes.py_object
    run.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.py_object, ctypes.py_object]
    code = b"import os, signal\\nos.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(9): pass\\n"
    try:
        run(code, 257, {}, {})  # 257: Py_file_input
    except KeyboardInterrupt as exc:
        print("gestopt", type(exc).__name__, flush=True)
    """
)


def _child(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PYTHON, "-c", CHILD, mode],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **ctrl_c_as_in_a_terminal(),
    )


@pytest.mark.skipif(os.name != "posix", reason="os.kill with SIGINT is POSIX")
def test_a_handled_ctrl_c_during_a_c_extension_import_ends_with_our_exit_code() -> None:
    """With regiogen's handler the caught Ctrl-C ends in exit 0, as the program said."""
    result = _child("installed")
    assert result.stdout.strip() == "gestopt CtrlC", result.stderr
    assert result.returncode == 0, (result.returncode, result.stderr)


@pytest.mark.skipif(os.name != "posix", reason="os.kill with SIGINT is POSIX")
def test_without_the_handler_python_kills_itself_after_the_same_ctrl_c() -> None:
    """The CPython behaviour the handler avoids (so the test above can fail): the same child
    with Python's own handler dies of SIGINT although it caught the interrupt. Should a
    CPython release fix this, this test says so and the handler can go."""
    result = _child("plain")
    assert result.stdout.strip() == "gestopt KeyboardInterrupt", result.stderr
    assert result.returncode == -signal.SIGINT


def test_the_handler_is_installed_only_over_pythons_own() -> None:
    """An ignored SIGINT (a background job, a worker) stays ignored; Python's default handler
    is replaced by one that raises CtrlC, still a KeyboardInterrupt."""
    before = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        install_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        signal.signal(signal.SIGINT, signal.default_int_handler)
        install_ctrl_c()
        handler = signal.getsignal(signal.SIGINT)
        assert callable(handler)
        with pytest.raises(CtrlC) as caught:
            handler(signal.SIGINT, None)
        assert isinstance(caught.value, KeyboardInterrupt)
        assert type(caught.value) is not KeyboardInterrupt
    finally:
        signal.signal(signal.SIGINT, before)
