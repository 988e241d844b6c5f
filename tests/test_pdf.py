"""Word → PDF through LibreOffice: missing program, reproducible bytes, timeout."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

import pytest
from conftest import RealPdfs, needs_uno_bridge
from fake_soffice import FakeSoffice

from regiogen.render import pdf
from regiogen.render.docx import DocxOptions, markdown_to_docx

MARKDOWN = """---
titel: Proef
organisatie: Programmabureau IZA
datum: 2023-11-03
---

# Inleiding {#inleiding}

Een alinea met een voetnoot.[^1]

| Post | Bedrag |
|:-----|-------:|
| A    | € 1.234,00 |

[^1]: De voetnoot.
"""

_has_soffice = pytest.mark.skipif(pdf.soffice_path() is None, reason="LibreOffice ontbreekt")


def needs_soffice(test: Callable[..., None]) -> Callable[..., None]:
    """A test that starts LibreOffice: slow (skippable locally), always run in CI."""
    return pytest.mark.slow(_has_soffice(test))  # type: ignore[no-any-return]


def _docx(title: str = "Proef") -> bytes:
    text = MARKDOWN.replace("Proef", title)
    data, diagnostics = markdown_to_docx(text, DocxOptions(source_path="proef.md"))
    assert not [d for d in diagnostics if d.severity == "error"]
    return data


def test_missing_soffice_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    data, diagnostics = pdf.docx_to_pdf(b"PK", name="lindeland/regioplan")
    assert data is None
    assert len(diagnostics) == 1
    (diag,) = diagnostics
    assert diag.code == "build.tool-missing"
    assert diag.severity == "error"
    assert diag.path == "lindeland/regioplan.pdf"
    assert "apt-get install libreoffice-writer-nogui" in diag.message


def test_normalise_keeps_offsets_and_fixes_dates() -> None:
    raw = (
        b"%PDF-1.6\n1 0 obj<</CreationDate(D:20261122130736Z')/ModDate(D:20261122130737Z')>>"
        b"\n<xmp:CreateDate>2026-11-22T13:07:36Z</xmp:CreateDate>\ntrailer\n<</Size 2"
        b"/ID [ <62A7E98FA598AC8E963A72D19BAFBBD2>\n<62A7E98FA598AC8E963A72D19BAFBBD2> ]\n"
        b"/DocChecksum /DCDDEC5F37CBFD8FAFC6E900D16B7D5D\n>>\n%%EOF\n"
    )
    other = raw.replace(b"130736", b"235959").replace(b"62A7E98F", b"11111111")
    fixed, complete = pdf.normalise_pdf(raw, 1699000000)
    fixed_other, _ = pdf.normalise_pdf(other, 1699000000)
    assert complete
    assert len(fixed) == len(raw)
    assert fixed == fixed_other
    assert b"/CreationDate(D:20231103082640Z')" in fixed
    assert b"<xmp:CreateDate>2023-11-03T08:26:40Z" in fixed


def test_normalise_reports_local_time_zone() -> None:
    raw = b"%PDF-1.4\n<</CreationDate(D:20261122130736+01'00')>>\n%%EOF\n"
    _, complete = pdf.normalise_pdf(raw, 0)
    assert not complete


@needs_soffice
def test_two_conversions_give_the_same_bytes(real_pdfs: RealPdfs) -> None:
    """Two LibreOffice runs on the same .docx, at different times and under different file
    names (``0002-plan.docx`` in the batch), give the same bytes."""
    assert real_pdfs["alone"].startswith(b"%PDF-")
    assert real_pdfs["alone"] == real_pdfs["second"]
    # the date comes from the .docx (front matter datum 2023-11-03)
    assert re.search(rb"/CreationDate\(D:20231103000000", real_pdfs["alone"])


@needs_soffice
@needs_uno_bridge
def test_a_session_gives_every_document_its_own_stable_bytes(real_pdfs: RealPdfs) -> None:
    """In one running LibreOffice (:mod:`regiogen.render.office`), a document converted
    after another, and again under another name, gives the same bytes each time, with its
    own date; and the four documents (two export options) cost that one start."""
    assert real_pdfs["session-starts"] == b"session"
    assert real_pdfs["session-second"] == real_pdfs["session-again"]
    assert real_pdfs["session-first"] != real_pdfs["session-second"]
    assert re.search(rb"/CreationDate\(D:20231103000000", real_pdfs["session-second"])


@needs_soffice
def test_pdfa_can_be_turned_off(real_pdfs: RealPdfs) -> None:
    """Converted with the others of :func:`real_pdfs` (in the session, where there
    is one): tagged, but not PDF/A."""
    data = real_pdfs["plain"]
    assert b"pdfaid:part" not in data and b"/StructTreeRoot" in data


@needs_soffice
def test_a_batch_gives_the_bytes_of_single_conversions(real_pdfs: RealPdfs) -> None:
    """The numbered document of the batch has the bytes it has alone, the other its own PDF.
    (That every document of a batch gets the bytes of its own conversion is checked with the
    fake LibreOffice in :mod:`test_pdf_batch`.)"""
    assert real_pdfs["second"] == real_pdfs["alone"]
    assert real_pdfs["first"].startswith(b"%PDF-") and real_pdfs["first"] != real_pdfs["second"]


def test_timeout_is_a_diagnostic(fake_soffice: FakeSoffice) -> None:
    fake_soffice.hang()
    data, diagnostics = pdf.docx_to_pdf(_docx(), name="proef", timeout=0.2)
    assert data is None
    assert [d.code for d in diagnostics] == ["io.write"]
    assert "niet klaar" in diagnostics[0].message


def test_not_a_docx_is_a_diagnostic(fake_soffice: FakeSoffice) -> None:
    data, diagnostics = pdf.docx_to_pdf(b"dit is geen docx", name="kapot")
    assert data is None
    assert diagnostics and diagnostics[0].code == "io.write"
    assert diagnostics[0].path == "kapot.pdf"
    assert fake_soffice.starts == []  # not given to LibreOffice at all
