"""Ctrl-C as an exception of regiogen's own: :class:`CtrlC`, a :class:`KeyboardInterrupt`.

CPython remembers a :class:`KeyboardInterrupt` that leaves code it runs from C with
``PyRun_String``, and a Cython module does that while it is imported (``lxml.etree``): a
Ctrl-C during that import marks the interrupt as unhandled for good. However regiogen then
handles it (``preview`` and ``watch`` print "gestopt" and end with 0), the interpreter kills
itself with SIGINT at the very end, so the shell sees exit -2 / 130. CPython compares the type
exactly, so a subclass raised by our own handler is never marked, and every
``except KeyboardInterrupt`` (ours, click's, the standard library's) still catches it.
"""

from __future__ import annotations

import signal
from types import FrameType


class CtrlC(KeyboardInterrupt):
    """The user pressed Ctrl-C (SIGINT)."""


def _raise_ctrl_c(signum: int, frame: FrameType | None) -> None:
    raise CtrlC


def install_ctrl_c() -> None:
    """Raise :class:`CtrlC` on SIGINT, where Python would raise :class:`KeyboardInterrupt`.

    An ignored SIGINT (a job a shell starts in the background, a worker process) stays
    ignored, and a handler someone else installed stays theirs.
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _raise_ctrl_c)
