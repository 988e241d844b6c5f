"""The client's own header and footer from the reference document ("house style").

A reference document whose last section has header or footer parts with visible content
gives those parts (with their pictures) to every output; otherwise, or when they are
broken, regiogen writes its own (title and classification, ``Pagina X van Y``).
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from conftest import pdf_pages
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Cm
from docx_dump import dump_docx
from test_pdf import needs_soffice

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.render.docx import DocxOptions, markdown_to_docx

HEADER_TEXT = "Gemeente Voorbeeld — huisstijl"
FOOTER_TEXT = "Postbus 1, 1234 AB Voorbeeld"
TEXT = "---\ntitel: Regioplan\nclassificatie: Openbaar\nvoorblad: false\n---\n# Kop\n\nTekst.\n"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def tiny_png(width: int = 12, height: int = 6) -> bytes:
    """A small red RGB PNG, made here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + b"\xc8\x1e\x28" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def client_reference(
    path: Path,
    *,
    picture: bool = True,
    footer: bool = True,
    first: bool = False,
    even: bool = False,
) -> Path:
    """A reference document with the client's header (text, picture) and footer (PAGE)."""
    document = docx.Document()
    section = document.sections[0]
    para = section.header.paragraphs[0]
    para.text = HEADER_TEXT
    if picture:
        para.add_run().add_picture(io.BytesIO(tiny_png()), width=Cm(2))
    if footer:
        para = section.footer.paragraphs[0]
        para.text = FOOTER_TEXT + " — pagina "
        para._p.append(
            parse_xml(
                f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                "</w:fldSimple>"
            )
        )
    if first:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "Briefpapier eerste pagina"
    if even:
        document.settings.odd_and_even_pages_header_footer = True
        section.even_page_header.paragraphs[0].text = "Even pagina"
    document.save(str(path))
    return path


def convert(text: str, ref: Path | None) -> tuple[bytes, list[Diagnostic]]:
    return markdown_to_docx(text, DocxOptions(reference_doc=ref))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def section(dump: str, index: int = -1) -> str:
    return [line for line in dump.splitlines() if line.startswith("SECTION")][index]


def block(dump: str, name: str) -> str:
    """The dump lines of one header or footer part."""
    return dump.split(f"== {name} ==\n", 1)[1].split("\n==", 1)[0]


@pytest.fixture
def ref(tmp_path: Path) -> Path:
    return client_reference(tmp_path / "huisstijl.docx")


def test_client_header_and_footer_are_used(ref: Path) -> None:
    data, diags = convert(TEXT, ref)
    assert not [d for d in diags if d.code == "docx.reference"]
    dump = dump_docx(data)
    assert section(dump).endswith("header:default=header1.xml footer:default=footer1.xml")
    header = block(dump, "header1.xml")
    assert HEADER_TEXT in header and "<image 2.00x1.00cm" in header
    assert "REL rId1 image word/media/huisstijl1.png (" in header and "MISSING" not in header
    footer = block(dump, "footer1.xml")
    assert FOOTER_TEXT in footer and "Pagina" not in footer
    assert "Regioplan→Openbaar" not in dump  # no generated header
    files = parts(data)
    assert files["word/media/huisstijl1.png"] == tiny_png()
    types = files["[Content_Types].xml"].decode()
    assert '<Override PartName="/word/media/huisstijl1.png" ContentType="image/png"/>' in types
    assert b'fldSimple w:instr=" PAGE "' in files["word/footer1.xml"]
    assert b'wp:docPr id="10001"' in files["word/header1.xml"]  # clear of the body's ids
    opened = docx.Document(io.BytesIO(data))
    assert opened.sections[0].header.paragraphs[0].text == HEADER_TEXT
    assert opened.sections[0].footer.paragraphs[0].text.startswith(FOOTER_TEXT)


def test_default_reference_keeps_the_generated_header(ref: Path) -> None:
    data, diags = convert(TEXT, None)
    assert diags == []
    dump = dump_docx(data)
    assert "P[header] | Regioplan→Openbaar" in block(dump, "header1.xml")
    assert "Pagina {PAGE|1} van {NUMPAGES|1}" in block(dump, "footer1.xml")
    assert HEADER_TEXT not in dump and "huisstijl" not in dump


def test_same_bytes_twice_and_from_a_copy(ref: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie" / "huisstijl.docx"
    copy.parent.mkdir()
    shutil.copyfile(ref, copy)
    first, _ = convert(TEXT, ref)
    assert convert(TEXT, ref)[0] == first
    assert convert(TEXT, copy)[0] == first  # loaded afresh: same names, ids and bytes


def test_cover_page_stays_empty_and_landscape_reuses_the_client_parts(ref: Path) -> None:
    """Nothing in these parts follows the portrait width, so landscape needs no copy.

    (Parts with right tab stops or full-width tables get one: see test_docx_house_wide.)
    """
    text = "---\ntitel: Regioplan\n---\n# Kop\n\n::: landscape\nBreed\n:::\n\nEinde\n"
    data, _ = convert(text, ref)
    dump = dump_docx(data)
    sections = [line for line in dump.splitlines() if line.startswith("SECTION")]
    assert sections[0].endswith(
        "titlePg header:default=header1.xml header:first=header2.xml "
        "footer:default=footer1.xml footer:first=footer2.xml"
    )
    assert sections[1].startswith("SECTION landscape")
    assert sections[1].endswith("header:default=header1.xml footer:default=footer1.xml")
    assert block(dump, "header2.xml") == "P[-] | " and block(dump, "footer2.xml") == "P[-] | "
    names = parts(data)
    assert "word/header3.xml" not in names and "word/footer3.xml" not in names
    docx.Document(io.BytesIO(data))


def test_header_only_keeps_the_generated_footer(tmp_path: Path) -> None:
    ref = client_reference(tmp_path / "kop.docx", picture=False, footer=False)
    data, diags = convert(TEXT, ref)
    assert diags == []
    dump = dump_docx(data)
    assert HEADER_TEXT in block(dump, "header1.xml")
    assert "Pagina {PAGE|1} van {NUMPAGES|1}" in block(dump, "footer1.xml")
    assert not [n for n in parts(data) if n.startswith("word/media/")]


def test_empty_client_parts_are_not_used(tmp_path: Path) -> None:
    """python-docx adds empty parts when a header is merely looked at: those do not count."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "   "
    document.sections[0].footer.is_linked_to_previous = False
    path = tmp_path / "leeg.docx"
    document.save(str(path))
    data, diags = convert(TEXT, path)
    assert diags == []
    assert "Regioplan→Openbaar" in block(dump_docx(data), "header1.xml")


def test_client_first_page_without_a_cover(tmp_path: Path) -> None:
    ref = client_reference(tmp_path / "eerste.docx", first=True)
    data, _ = convert(TEXT, ref)
    dump = dump_docx(data)
    assert section(dump).endswith(
        "titlePg header:default=header1.xml header:first=header5.xml footer:default=footer1.xml"
    )
    assert "Briefpapier eerste pagina" in block(dump, "header5.xml")


def test_client_even_pages(tmp_path: Path) -> None:
    ref = client_reference(tmp_path / "even.docx", even=True)
    data, _ = convert(TEXT, ref)
    dump = dump_docx(data)
    assert section(dump).endswith(
        "header:default=header1.xml header:even=header4.xml footer:default=footer1.xml"
    )
    assert "Even pagina" in block(dump, "header4.xml")
    assert b"evenAndOddHeaders" in parts(data)["word/settings.xml"]


def _header_rels(kind: str, target: str) -> bytes:
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}"/></Relationships>'
    ).encode()


def test_external_link_in_the_client_header_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header
    rid = header.part.relate_to("https://voorbeeld.nl/", RT.HYPERLINK, is_external=True)
    header.paragraphs[0]._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="{rid}">'
            "<w:r><w:t>voorbeeld.nl</w:t></w:r></w:hyperlink>"
        )
    )
    path = tmp_path / "link.docx"
    document.save(str(path))
    data, diags = convert(TEXT, path)
    assert diags == []
    header_dump = block(dump_docx(data), "header1.xml")
    assert f"REL {rid} hyperlink https://voorbeeld.nl/ (external)" in header_dump
    docx.Document(io.BytesIO(data))


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = change.get(item.filename, zin.read(item))
            if data is not None:
                zout.writestr(item, data)
    return dst


@pytest.mark.parametrize(
    ("change", "header_ok"),
    [
        ({"word/header1.xml": None}, False),
        ({"word/header1.xml": b"<w:hdr"}, False),
        ({"word/media/image1.png": None}, False),
        ({"word/_rels/header1.xml.rels": None}, False),
        ({"word/footer1.xml": b"<w:document xmlns:w='" + W_NS.encode() + b"'/>"}, True),
        ({"word/_rels/header1.xml.rels": _header_rels("image", "../../geheim.png")}, False),
        ({"word/_rels/header1.xml.rels": _header_rels("chart", "charts/chart1.xml")}, False),
    ],
    ids=[
        "header-missing",
        "header-not-xml",
        "picture-missing",
        "rels-missing",
        "footer-wrong",
        "picture-outside",
        "chart",
    ],
)
def test_broken_client_parts_warn_once_and_fall_back(
    ref: Path, tmp_path: Path, change: dict[str, bytes | None], header_ok: bool
) -> None:
    broken = _rewrite(ref, tmp_path / "kapot.docx", change)
    data, diags = convert(TEXT, broken)
    assert [(d.code, d.severity) for d in diags] == [("docx.reference", Severity.WARNING)]
    assert "kop- of voettekst niet overgenomen" in diags[0].message
    dump = dump_docx(data)
    header = block(dump, "header1.xml")
    footer = block(dump, "footer1.xml")
    if header_ok:
        assert HEADER_TEXT in header and "Pagina {PAGE|1} van {NUMPAGES|1}" in footer
    else:
        assert "Regioplan→Openbaar" in header and FOOTER_TEXT in footer
    assert "MISSING" not in dump
    docx.Document(io.BytesIO(data))


#: The document :func:`conftest.real_pdf_folder` converts for
#: :func:`test_libreoffice_shows_the_client_header_and_footer`: a cover, then a page of text.
HEADER_SAMPLE = "---\ntitel: Regioplan\n---\n# Kop\n\nTekst.\n"


def client_header_sample(folder: Path) -> bytes:
    """:data:`HEADER_SAMPLE` in the client's house style (made in ``folder``)."""
    data, _ = convert(HEADER_SAMPLE, client_reference(folder / "huisstijl.docx"))
    return data


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed")
def test_libreoffice_shows_the_client_header_and_footer(real_pdf_folder: Path) -> None:
    """As LibreOffice lays it out (converted with the other PDFs of
    :func:`conftest.real_pdf_folder`, in the same start)."""
    pages = pdf_pages(real_pdf_folder / "client-header.pdf")
    assert HEADER_TEXT not in pages[0] and FOOTER_TEXT not in pages[0]  # the cover
    assert HEADER_TEXT in pages[1]
    assert f"{FOOTER_TEXT} — pagina 2" in pages[1]  # the PAGE field still works


def test_the_cover_shows_the_client_first_page_header(tmp_path: Path) -> None:
    ref = client_reference(tmp_path / "eerste.docx", first=True)
    data, _ = convert(TEXT.replace("voorblad: false", "voorblad: true"), ref)
    dump = dump_docx(data)
    first = section(dump, 0)
    assert "header:first=header5.xml" in first  # the client's first-page header, not empty
    assert "footer:first=footer2.xml" in first  # no client first-page footer: empty
    assert "Briefpapier eerste pagina" in block(dump, "header5.xml")


def test_generated_header_ignores_a_centre_tab_of_the_reference_style(tmp_path: Path) -> None:
    document = docx.Document()
    section_ = document.sections[0]
    section_.left_margin = section_.right_margin = Cm(2.5)
    header = document.styles["Header"]
    tabs = header.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(8))
    tabs.add_tab_stop(Cm(16))
    path = tmp_path / "kaal.docx"
    document.save(str(path))  # no header content: regiogen writes its own
    data, _ = convert(TEXT, path)
    head = parts(data)["word/header1.xml"].decode()
    width = section_.page_width.twips - section_.left_margin.twips - section_.right_margin.twips
    assert '<w:tab w:val="clear" w:pos="4535"/>' in head
    assert f'<w:tab w:val="right" w:pos="{width}"/>' in head
