"""Stage 7, cli: the ``regiogen`` command. The only place that prints and sets exit codes.

Commands that read content (:mod:`.main`), commands that make documents (:mod:`.make`),
Dutch for click's own words (:mod:`.dutch`), SARIF output, ``init`` (:mod:`.scaffold`) and what
the commands share (:mod:`.support`).

May import every stage.
"""

from __future__ import annotations

from regiogen.cli.main import main

__all__ = ["main"]
