"""Math: simple TeX becomes Word equations (OMML); what cannot be converted is text, warned."""

from __future__ import annotations

import io
import zipfile

import pytest
from ooxml_check import own_problems

from regiogen.render.docx import markdown_to_docx
from regiogen.render.docx.math import Unsupported, tex_to_omml


def _document(markdown: str) -> tuple[str, list[str]]:
    data, diags = markdown_to_docx(markdown)
    assert own_problems(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode(), [d.code for d in diags]


def test_inline_and_display_math_become_equations() -> None:
    xml, codes = _document(
        "De oppervlakte is $x^2$ of $\\frac{a}{b}$.\n\n$$\ny_i = \\sqrt{x}\n$$\n"
    )
    assert xml.count("<m:oMath ") == 3 and "<m:oMathPara" in xml
    assert "<m:sSup>" in xml and "<m:f>" in xml and "<m:sSub>" in xml and "<m:rad>" in xml
    assert "$" not in xml and "markdown.math" not in codes


def test_dollar_amounts_stay_text() -> None:
    xml, _ = _document("Het kost $5 of $ 6 per stuk.\n")
    assert "<m:oMath" not in xml and "$5 of $ 6" in xml


def test_what_cannot_be_converted_is_warned_about() -> None:
    xml, codes = _document("Een matrix $\\begin{pmatrix}a\\end{pmatrix}$.\n")
    assert "markdown.math" in codes and "\\begin{pmatrix}" in xml
    with pytest.raises(Unsupported):
        tex_to_omml("x^")
