"""Word → PDF through LibreOffice: missing program, reproducible bytes, timeout."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

import pytest

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


def _docx() -> bytes:
    data, diagnostics = markdown_to_docx(MARKDOWN, DocxOptions(source_path="proef.md"))
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
def test_two_conversions_give_the_same_bytes() -> None:
    docx = _docx()
    first, diag1 = pdf.docx_to_pdf(docx, name="a/proef")
    second, diag2 = pdf.docx_to_pdf(docx, name="b/proef")
    assert diag1 == [] and diag2 == []
    assert first is not None and first.startswith(b"%PDF-")
    assert first == second
    # the date comes from the .docx (front matter datum 2023-11-03)
    assert re.search(rb"/CreationDate\(D:20231103000000", first)


@needs_soffice
def test_timeout_is_a_diagnostic() -> None:
    data, diagnostics = pdf.docx_to_pdf(_docx(), name="proef", timeout=0.01)
    assert data is None
    assert [d.code for d in diagnostics] == ["io.write"]
    assert "niet klaar" in diagnostics[0].message


@needs_soffice
def test_not_a_docx_is_a_diagnostic() -> None:
    data, diagnostics = pdf.docx_to_pdf(b"dit is geen docx", name="kapot")
    assert data is None
    assert diagnostics and diagnostics[0].code == "io.write"
    assert diagnostics[0].path == "kapot.pdf"
