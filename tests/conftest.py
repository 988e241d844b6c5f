"""Shared test helpers: a fresh copy of the example project in a temporary folder."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_REGION = REPO / "content" / "lindeland"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the example region Lindeland and no settings file."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE_REGION, root / "content" / "lindeland")
    return root


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once per test run, shared by every xdist worker.

    The first worker to claim ``name`` makes it; the others wait until it is done (a state,
    not a time). Tests must not change the folder: copy it (``shutil.copytree``) first.
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    folder, done = base / name, base / f"{name}.done"
    try:
        os.close(os.open(base / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        while not done.exists():
            time.sleep(0.05)  # another worker is making it
        assert done.read_text("utf-8") == "ok", f"{name} could not be made by another worker"
        return folder
    try:
        make(folder)
    except BaseException:
        done.write_text("failed", "utf-8")
        raise
    done.write_text("ok", "utf-8")
    return folder


#: Words in a skip reason that name the platform: the only skips CI accepts.
PLATFORM_WORDS = ("Windows", "POSIX", "platform")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """In CI a skipped test is a failed test, unless it skips for another platform.

    A test that skips when LibreOffice, chromium or git is missing, or when the thing it waits
    for does not happen, would hide a broken feature; CI installs every tool the suite uses.
    """
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if any(word in reason for word in PLATFORM_WORDS):
        return
    report.outcome = "failed"
    report.longrepr = f"overgeslagen in CI, en dat mag niet: {reason}"
