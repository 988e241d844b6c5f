"""Shared test helpers: a fresh copy of the example project in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_REGION = REPO / "content" / "lindeland"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the example region Lindeland and no settings file."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE_REGION, root / "content" / "lindeland")
    return root
