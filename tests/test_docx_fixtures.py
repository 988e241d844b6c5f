"""Fixture-driven tests of the Markdown → Word writer.

Each ``tests/fixtures/docx/NAME.md`` is converted and compared with ``NAME.dump.txt``,
a readable dump (see ``tests/docx_dump.py``) followed by the diagnostics.
Regenerate the expected dumps with
``REGIOGEN_UPDATE_FIXTURES=1 pytest tests/test_docx_fixtures.py``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx_dump import dump_docx

from regiogen.render.docx import DocxOptions, markdown_to_docx

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
CASES = sorted(FIXTURES.glob("*.md"))
UPDATE = os.environ.get("REGIOGEN_UPDATE_FIXTURES") == "1"


def convert(path: Path) -> tuple[bytes, str]:
    """Convert one fixture; return the bytes and the dump with diagnostics."""
    text = path.read_bytes().decode("utf-8")
    data, diags = markdown_to_docx(text, DocxOptions(base_dir=FIXTURES, source_path=path.name))
    lines = [d.format() for d in diags]
    return data, dump_docx(data) + "== diagnostics ==\n" + "".join(f"{x}\n" for x in lines)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    data, dump = convert(path)
    docx.Document(io.BytesIO(data))  # python-docx opens every result
    expected = path.with_suffix(".dump.txt")
    if UPDATE or not expected.exists():
        expected.write_text(dump, encoding="utf-8")
    assert dump == expected.read_text(encoding="utf-8")


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 10
