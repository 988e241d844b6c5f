"""Property fields in the client's header and footer show the document's own values."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from test_docx_house_wide import DIRECT, letter_reference

from regiogen.render.docx import DocxOptions, markdown_to_docx
from regiogen.render.docx.frontmatter import FrontMatter
from regiogen.render.docx.house_fields import field_result, field_values, fill_fields

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TEXT = (
    "---\ntitel: Zorg & Welzijn <regio>\norganisatie: Gemeente Lindeland\n"
    "classificatie: Intern\ndatum: 2023-11-03\ntrefwoorden: [zorg, welzijn]\n"
    "voorblad: false\n---\n# Kop\n\nTekst.\n\n::: landscape\nBreed\n:::\n"
)


def simple(instr: str, result: str, rpr: str = "") -> str:
    quoted = instr.replace('"', "&quot;")
    return (
        f'<w:p xmlns:w="{W_NS}"><w:fldSimple w:instr="{quoted}"><w:r>{rpr}<w:t>{result}</w:t>'
        "</w:r></w:fldSimple></w:p>"
    )


def complex_field(instr: tuple[str, ...], result: tuple[str, ...], rpr: str = "") -> str:
    """A complex field with its instruction and result spread over several runs."""
    runs = [f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>']
    runs += [f'<w:r><w:instrText xml:space="preserve">{i}</w:instrText></w:r>' for i in instr]
    runs.append('<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    runs += [f"<w:r>{rpr if n == 0 else ''}<w:t>{t}</w:t></w:r>" for n, t in enumerate(result)]
    runs.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    before = '<w:r><w:t xml:space="preserve">Voor: </w:t></w:r>'
    return f'<w:p xmlns:w="{W_NS}">{before}{"".join(runs)}</w:p>'


BOLD = "<w:rPr><w:b/></w:rPr>"
HEADER = (
    simple(" TITLE  \\* MERGEFORMAT ", "[Titel]", BOLD),
    complex_field(
        (' DOCPROPERTY  "Classi', 'ficatie" \\* MERGEFORMAT '), ("[Classi", "ficatie]"), BOLD
    ),
    complex_field((" docproperty Onbekend ",), ("Bewaard",)),
    simple(" DOCPROPERTY Versie ", "[Versie]"),
    simple(" AUTHOR \\* Upper ", "[Auteur]"),
    simple(" DOCPROPERTY Company ", "[Bedrijf]"),
    simple(" KEYWORDS ", "[Trefwoorden]"),
    simple(' DOCPROPERTY "Datum" ', "[Datum]"),
    simple(' TITLE "Vaste titel" ', "Vaste titel"),
    simple(" PAGE ", "7"),
)


@pytest.fixture
def data(tmp_path: Path) -> bytes:
    ref = letter_reference(tmp_path / "velden.docx", header=HEADER)
    out, diags = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    assert not [d for d in diags if d.code == "docx.reference"]
    return out


def read(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def test_field_results_show_the_front_matter(data: bytes) -> None:
    assert texts(read(data, "word/header1.xml")) == [
        "Zorg & Welzijn <regio>",
        "Voor: Intern",
        "Voor: Bewaard",  # unknown property: saved result kept
        "[Versie]",  # no versie in the front matter: kept
        "GEMEENTE LINDELAND",  # AUTHOR falls back to organisatie, \* Upper applied
        "Gemeente Lindeland",
        "zorg, welzijn",
        "3 november 2023",  # as the cover prints it
        "Vaste titel",  # TITLE "..." sets the title, it is not replaced
        "7",  # PAGE untouched
    ]


def test_fields_stay_and_run_properties_are_kept(data: bytes) -> None:
    xml = read(data, "word/header1.xml")
    assert b"Zorg &amp; Welzijn &lt;regio&gt;" in xml
    root = etree.fromstring(xml)
    paras = root.findall(W + "p")
    title = paras[0].find(W + "fldSimple")
    assert title.get(W + "instr") == " TITLE  \\* MERGEFORMAT "
    assert [etree.QName(el).localname for el in title.find(W + "r")] == ["rPr", "t"]
    assert title.find(f"{W}r/{W}rPr/{W}b") is not None
    runs = paras[1].findall(W + "r")
    kinds = [
        (r.find(W + "fldChar").get(W + "fldCharType") if r.find(W + "fldChar") is not None else "")
        + (r.findtext(W + "instrText") or "")
        + (r.findtext(W + "t") or "")
        for r in runs
    ]
    assert kinds == [
        "Voor: ", "begin", ' DOCPROPERTY  "Classi', 'ficatie" \\* MERGEFORMAT ', "separate",
        "Intern", "end",
    ]  # fmt: skip
    assert runs[5].find(f"{W}rPr/{W}b") is not None  # the first result run's properties


def test_the_landscape_copy_is_filled_too(data: bytes, tmp_path: Path) -> None:
    # No tab stops to move: landscape sections share header1.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/header3.xml" not in zf.namelist()
    ref = letter_reference(tmp_path / "breed.docx", header=(*HEADER[:2], DIRECT))
    wide, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    found = texts(read(wide, "word/header3.xml"))
    assert found[:2] == ["Zorg & Welzijn <regio>", "Voor: Intern"]
    assert texts(read(wide, "word/header1.xml"))[:2] == found[:2]
    docx.Document(io.BytesIO(wide))


def test_same_bytes_twice(tmp_path: Path) -> None:
    ref = letter_reference(tmp_path / "velden.docx", header=HEADER)
    first, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    assert markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))[0] == first


def test_values_differ_per_document(tmp_path: Path) -> None:
    ref = letter_reference(tmp_path / "velden.docx", header=HEADER)
    other, _ = markdown_to_docx(
        "---\ntitel: Ander plan\n---\nTekst.\n", DocxOptions(reference_doc=ref)
    )
    found = texts(read(other, "word/header1.xml"))
    assert found[0] == "Ander plan" and found[1] == "Voor: [Classificatie]"


@pytest.mark.parametrize(
    ("instr", "expected"),
    [
        (" TITLE ", "Plan"),
        ("title \\* MERGEFORMAT", "Plan"),
        (' DOCPROPERTY "classification" ', "Openbaar"),
        (" DOCPROPERTY KENMERK \\* Lower ", "rp-1"),
        (" DOCPROPERTY Title ", "Plan"),
        (" SUBJECT ", "Ondertitel"),
        (" DOCPROPERTY Version ", ""),
        (" DOCPROPERTY Manager ", None),
        (" NUMPAGES ", None),
        (' TITLE "Iets" ', None),
        ("", None),
        (" DOCPROPERTY Versie ", None),
        (" DOCPROPERTY Bedrijf \\*Caps ", "Gemeente Lindeland"),
    ],
)
def test_field_result(instr: str, expected: str | None) -> None:
    fm = FrontMatter(
        titel="Plan", ondertitel="Ondertitel", classificatie="Openbaar",
        documentnummer="RP-1", organisatie="gemeente lindeland",
    )  # fmt: skip
    values = field_values(fm)
    assert field_result(instr, values) == (expected or None)


def test_fill_fields_adds_a_result_when_the_field_has_none() -> None:
    xml = (
        f'<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> TITLE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/>'
        "</w:r></w:p></w:hdr>"
    ).encode()
    filled = fill_fields(xml, {"title": "A & B"})
    assert texts(filled) == ["A & B"]
    assert filled.count(b"fldCharType") == 3
    nested = xml.replace(b"<w:r><w:instrText>", b"<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
                         b"<w:r><w:instrText>", 1)  # fmt: skip
    assert fill_fields(nested, {"title": "X"}) == nested  # unbalanced: left alone
    plain = f'<w:hdr xmlns:w="{W_NS}"><w:p/></w:hdr>'.encode()
    assert fill_fields(plain, {"title": "X"}) is plain


def test_custom_properties_and_company_are_in_the_package(data: bytes) -> None:
    """A field update in Word finds the properties the client's fields show."""
    custom = etree.fromstring(read(data, "docProps/custom.xml"))
    shown = {p.get("name"): "".join(p.itertext()) for p in custom}
    # as the fields write the names; Versie has no value, Onbekend is unknown
    assert shown == {"Classificatie": "Intern", "Datum": "3 november 2023"}
    assert [p.get("pid") for p in custom] == ["2", "3"]
    assert b"<Company>Gemeente Lindeland</Company>" in read(data, "docProps/app.xml")
    assert b"docProps/custom.xml" in read(data, "_rels/.rels")
    assert b'PartName="/docProps/custom.xml"' in read(data, "[Content_Types].xml")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Zorg & Welzijn <regio>"


def test_no_custom_part_without_client_fields(tmp_path: Path) -> None:
    ref = letter_reference(tmp_path / "kaal.docx", header=(DIRECT,))
    out, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        assert "docProps/custom.xml" not in zf.namelist()
        assert b"Company" not in zf.read("docProps/app.xml")


def _with_custom_properties(src: Path, dst: Path, props: dict[str, str]) -> Path:
    """A copy of ``src`` with a ``docProps/custom.xml`` holding ``props``."""
    rows = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{k}">'
        f"<vt:lpwstr>{v}</vt:lpwstr></property>"
        for i, (k, v) in enumerate(props.items(), 2)
    )
    custom = (
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats'
        '.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org'
        f'/officeDocument/2006/docPropsVTypes">{rows}</Properties>'
    )
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("docProps/custom.xml", custom)
    return dst


def test_the_reference_custom_properties_are_kept(tmp_path: Path) -> None:
    plain = letter_reference(tmp_path / "velden.docx", header=HEADER)
    ref = _with_custom_properties(
        plain, tmp_path / "eigen.docx", {"Kenmerk": "PNM/0000", "classificatie": "Oud"}
    )
    out, _ = markdown_to_docx(TEXT, DocxOptions(reference_doc=ref))
    custom = etree.fromstring(read(out, "docProps/custom.xml"))
    shown = {p.get("name"): "".join(p.itertext()) for p in custom}
    # the reference's own Kenmerk stays (a field update in Word finds it); Classificatie
    # comes from the front matter, whatever case the reference wrote it in
    assert shown == {"Kenmerk": "PNM/0000", "Classificatie": "Intern", "Datum": "3 november 2023"}
