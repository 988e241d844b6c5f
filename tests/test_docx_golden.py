"""Golden test: the XML parts of one full document, pretty-printed, against committed copies.

Regenerate with ``REGIOGEN_UPDATE_FIXTURES=1 pytest tests/test_docx_golden.py`` and
review the diff before committing.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from regiogen.render.docx import DocxOptions, markdown_to_docx

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
GOLDEN = FIXTURES / "golden"
PARTS = ("document.xml", "footnotes.xml", "numbering.xml", "styles.xml")


@pytest.fixture(scope="module")
def package() -> dict[str, bytes]:
    text = (FIXTURES / "full.md").read_text(encoding="utf-8")
    data, _ = markdown_to_docx(text, DocxOptions(base_dir=FIXTURES))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def pretty(xml: bytes) -> str:
    """Canonical, indented XML text."""
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(xml, parser)
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("part", PARTS)
def test_golden_part(package: dict[str, bytes], part: str) -> None:
    actual = pretty(package[f"word/{part}"])
    expected = GOLDEN / part
    if os.environ.get("REGIOGEN_UPDATE_FIXTURES") == "1" or not expected.exists():
        GOLDEN.mkdir(exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
