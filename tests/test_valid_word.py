"""Valid Word: every .docx the example build produces opens again and is well-formed XML.

The example project (``content/``: region Lindeland and the handreiking) is built once, to
Markdown and Word. Each .docx must open with python-docx, pass the zip CRC check, and every
XML part must parse with lxml. LibreOffice lays the regioplan out on more than one page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def built(example_word: Path) -> Path:
    """The build/ folder of the whole example project, Markdown and Word (made once per run,
    shared with :mod:`test_ooxml_valid`)."""
    return example_word


def _docx_files(build: Path) -> list[Path]:
    return sorted(build.rglob("*.docx"))


def test_the_example_builds_word_documents(built: Path) -> None:
    """At least the regioplan of the example region is built as Word."""
    names = {p.relative_to(built).as_posix() for p in _docx_files(built)}
    assert "lindeland/regioplan.docx" in names, sorted(names)


def test_the_example_builds_without_warnings(built: Path) -> None:
    """The shipped templates give Word no front matter it does not know (such as ``status``)."""
    output = (built.parent / "build.log").read_text("utf-8")
    assert "warning[" not in output and "0 waarschuwing(en)" in output, output


def test_every_docx_opens_and_every_part_parses(built: Path) -> None:
    """python-docx opens each document; each XML part is well-formed with lxml."""
    import docx
    from lxml import etree

    files = _docx_files(built)
    assert files
    for path in files:
        document = docx.Document(str(path))
        assert document.paragraphs, f"{path.name}: no paragraphs"
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, f"{path.name}: corrupt zip entry"
            names = archive.namelist()
            assert "[Content_Types].xml" in names and "word/document.xml" in names
            for name in names:
                if name.endswith((".xml", ".rels")):
                    try:
                        etree.fromstring(archive.read(name))
                    except etree.XMLSyntaxError as exc:  # pragma: no cover - the failure
                        pytest.fail(f"{path.name}!{name}: {exc}")


def _pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=False
        )
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_the_regioplan_out_on_more_than_one_page(example_pdfs: Path) -> None:
    """LibreOffice reads the regioplan and lays it out on more than one page (the example's
    PDFs are made once per run; :mod:`test_example_pages` reads them page by page)."""
    pdf = example_pdfs / "regioplan.pdf"
    assert (example_pdfs / "regioplan.docx").is_file() and pdf.is_file()
    assert _pdf_pages(pdf) > 1
