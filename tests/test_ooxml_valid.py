"""OOXML validity: every kind of .docx regiogen writes passes a schema check, zero errors.

Checked with ``openxml-audit`` (a maintained validator on PyPI whose schema data comes from
the Open XML SDK) and our own checks (:mod:`ooxml_check`): the example project's documents
(every document kind), the render corpus (``tests/fixtures/docx/*.md``), with the built-in
reference, with Word's own default document as reference and with a client's letterhead.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from ooxml_check import own_problems, problems, schema_problems

from regiogen.render.docx import DocxOptions, markdown_to_docx

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "docx"
CORPUS = sorted(FIXTURES.glob("*.md"))


@pytest.fixture(scope="module")
def word_default(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Word's own default document (python-docx's template) as a reference."""
    path = tmp_path_factory.mktemp("ref") / "word-default.docx"
    docx.Document().save(str(path))
    return path


@pytest.fixture
def example(example_word: Path) -> dict[str, bytes]:
    """Every .docx of the example (made once per run, shared with :mod:`test_valid_word`)."""
    return {
        p.relative_to(example_word).as_posix(): p.read_bytes() for p in example_word.rglob("*.docx")
    }


def test_every_document_kind_is_valid(example: dict[str, bytes]) -> None:
    kinds = {"lindeland/regioplan.docx", "lindeland/spuk-iza-bijlage.docx",
             "lindeland/werkagenda.docx", "handreiking/handreiking.docx"}  # fmt: skip
    assert kinds <= set(example)
    found = {name: problems(data) for name, data in sorted(example.items())}
    assert {name: p for name, p in found.items() if p} == {}


def _with_document(
    data: bytes, change: Callable[[bytes], bytes], part_name: str = "word/document.xml"
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            part = old.read(info)
            new.writestr(info, change(part) if info.filename == part_name else part)
    return out.getvalue()


def test_a_wrong_child_order_is_found_after_the_right_one_passed(
    example: dict[str, bytes],
) -> None:
    """The check remembers content models and parts that passed (for speed); a paragraph
    whose properties come after its first run must still fail, before and after the valid
    document."""
    data = example["lindeland/regioplan.docx"]

    def properties_last(xml: bytes) -> bytes:
        found = re.search(rb"<w:p>(<w:pPr>.*?</w:pPr>)(<w:r>.*?</w:r>)", xml)
        assert found is not None
        swapped = b"<w:p>" + found.group(2) + found.group(1)
        return xml[: found.start()] + swapped + xml[found.end() :]

    broken = _with_document(data, properties_last)
    first = schema_problems(broken)
    assert schema_problems(data) == []
    again = schema_problems(broken)
    assert first == again
    assert len(first) == 1 and "Unexpected element 'pPr'" in first[0]


@pytest.mark.parametrize("reference", ["builtin", "word-default"])
@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_the_render_corpus_is_valid(path: Path, reference: str, word_default: Path) -> None:
    ref = word_default if reference == "word-default" else None
    text = path.read_bytes().decode("utf-8")
    data, _ = markdown_to_docx(text, DocxOptions(base_dir=FIXTURES, reference_doc=ref))
    assert problems(data) == []


def test_a_client_letterhead_reference_is_valid(tmp_path: Path) -> None:
    from test_docx_house_wide import DIRECT, STYLED, letter_reference

    ref = letter_reference(tmp_path / "brief.docx", header=(DIRECT, STYLED), footer=(STYLED,))
    text = (FIXTURES / "full.md").read_text(encoding="utf-8")
    data, _ = markdown_to_docx(text, DocxOptions(base_dir=FIXTURES, reference_doc=ref))
    assert problems(data) == []


def test_a_link_in_a_footnote_has_its_relationship_in_the_footnotes_part() -> None:
    text = "Tekst[^a] met [een link](https://example.org/hoofd).\n\n[^a]: Zie [bron](https://example.org/noot).\n"
    data, _ = markdown_to_docx(text)
    assert own_problems(data) == []
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/footnotes.xml.rels").decode()
        assert "https://example.org/noot" in rels
        assert "https://example.org/noot" not in zf.read("word/_rels/document.xml.rels").decode()


def test_long_heading_ids_give_short_unique_bookmarks_and_links_follow() -> None:
    long = "Een heel lange kop die veel langer is dan veertig tekens samen"
    anchor = "een-heel-lange-kop-die-veel-langer-is-dan-veertig-tekens-samen"
    text = f"# {long}\n\nZie [hier](#{anchor}).\n\n# {long} twee\n\nTekst.\n"
    data, diags = markdown_to_docx(text, DocxOptions(toc=True))
    assert own_problems(data) == []
    assert not [d for d in diags if d.code == "markdown.broken-link"]
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    names = {b.get(w + "name") for b in root.iter(w + "bookmarkStart")}
    anchors = {h.get(w + "anchor") for h in root.iter(w + "hyperlink") if h.get(w + "anchor")}
    assert anchors and anchors <= names
    assert all(len(n or "") <= 40 for n in names)


def test_the_shared_validator_never_sees_a_package_id_twice() -> None:
    """One validator checks every document of a process; the packages it opened stay alive,
    so its caches keyed by ``id(package)`` cannot answer for another document."""
    import ooxml_check

    one, _ = markdown_to_docx("# Een\n\nTekst.[^1]\n\n[^1]: Noot.\n", DocxOptions())
    text = "# Twee\n\nTekst.[^1] En.[^2]\n\n[^1]: A.\n\n[^2]: B.\n"
    two, _ = markdown_to_docx(text, DocxOptions())
    before = len(ooxml_check.CHECKED_PACKAGES)
    assert schema_problems(one) == [] and schema_problems(two) == []
    opened = ooxml_check.CHECKED_PACKAGES[before:]
    assert len(opened) == 2 and opened[0] is not opened[1]
    assert len({id(p) for p in ooxml_check.CHECKED_PACKAGES}) == len(ooxml_check.CHECKED_PACKAGES)


def test_a_broken_style_is_found_after_its_valid_version_passed() -> None:
    """The check remembers children of a part's root that passed (a style, for speed); a
    style whose name comes last must still fail, before and after the valid document."""
    data, _ = markdown_to_docx("# Kop\n\nTekst.\n", DocxOptions())

    def name_last(xml: bytes) -> bytes:
        style = rb'(<w:style w:type="paragraph"[^>]*>)(<w:name [^>]*/>)(.*?)(</w:style>)'
        found = re.search(style, xml)
        assert found is not None
        moved = found.group(1) + found.group(3) + found.group(2) + found.group(4)
        return xml[: found.start()] + moved + xml[found.end() :]

    broken = _with_document(data, name_last, "word/styles.xml")
    first = schema_problems(broken)
    assert schema_problems(data) == []
    assert schema_problems(broken) == first
    assert len(first) == 1 and "Unexpected element 'name'" in first[0], first
