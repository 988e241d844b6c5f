"""Shared test helpers: a fresh copy of the example project in a temporary folder."""

from __future__ import annotations

import os
import shutil
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
