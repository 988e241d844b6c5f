"""Behaviour of the Markdown → Word writer beyond the fixtures."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import PYTHON
from docx_dump import dump_docx
from later_clock import LATER_BY_A_DAY
from markdown_it.token import Token

from regiogen.diagnostics import Severity
from regiogen.render import markdown_parser
from regiogen.render.docx import DocxOptions, markdown_to_docx, render_file
from regiogen.render.docx.frontmatter import dutch_date
from regiogen.render.docx.inline import INLINE_HANDLERS
from regiogen.render.docx.writer import BLOCK_HANDLERS

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
FULL = FIXTURES / "full.md"
ROOT = Path(__file__).resolve().parent.parent

#: Token types each parser rule can produce. A new rule must be added here (and handled).
RULE_TOKENS: dict[str, set[str]] = {
    # core
    "normalize": set(),
    "block": set(),
    "inline": {"inline"},
    "text_join": set(),
    "heading_attributes": set(),
    "block_types": set(),
    "automatic_ids": set(),
    "task_items": set(),
    "footnote_tail": {
        "footnote_block_open",
        "footnote_block_close",
        "footnote_open",
        "footnote_close",
        "footnote_anchor",
    },
    "front_matter": {"front_matter"},
    # block
    "table": {
        "table_open",
        "table_close",
        "thead_open",
        "thead_close",
        "tbody_open",
        "tbody_close",
        "tr_open",
        "tr_close",
        "th_open",
        "th_close",
        "td_open",
        "td_close",
    },
    "code": {"code_block"},
    "fence": {"fence"},
    "blockquote": {"blockquote_open", "blockquote_close"},
    "hr": {"hr"},
    "list": {
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
    },
    "reference": set(),
    "html_block": {"html_block"},
    "heading": {"heading_open", "heading_close"},
    "deflist": {"dl_open", "dl_close", "dt_open", "dt_close", "dd_open", "dd_close", "inline"},
    "lheading": {"heading_open", "heading_close"},
    "paragraph": {"paragraph_open", "paragraph_close"},
    "footnote_def": set(),
    "container_blok": {  # as named by the core rule block_types
        "container_pagebreak_open",
        "container_pagebreak_close",
        "container_landscape_open",
        "container_landscape_close",
        "container_overig_open",
        "container_overig_close",
    },
    # inline
    "text": {"text"},
    "linkify": {"link_open", "link_close", "text"},
    "newline": {"softbreak", "hardbreak"},
    "escape": {"text", "hardbreak"},
    "backticks": {"code_inline"},
    "strikethrough": {"s_open", "s_close", "text"},
    "sub": {"sub_open", "sub_close", "text"},
    "sup": {"sup_open", "sup_close", "text"},
    "emphasis": {"em_open", "em_close", "strong_open", "strong_close", "text"},
    "link": {"link_open", "link_close"},
    "image": {"image"},
    "autolink": {"link_open", "link_close", "text"},
    "html_inline": {"html_inline"},
    "entity": {"text"},
    "footnote_inline": {"footnote_ref"},
    "footnote_ref": {"footnote_ref"},
    "attrs": set(),
    "attr": set(),
    "math_inline": {"math_inline"},
    "math_block": {"math_block"},
    "balance_pairs": set(),
    "fragments_join": set(),
}
BLOCK_LEVEL = {"inline"} | {t for r, ts in RULE_TOKENS.items() for t in ts} - {
    "text", "link_open", "link_close", "softbreak", "hardbreak", "code_inline", "s_open",
    "s_close", "em_open", "em_close", "strong_open", "strong_close", "image", "html_inline",
    "footnote_ref", "sub_open", "sub_close", "sup_open", "sup_close", "math_inline",
}  # fmt: skip


def _rule_names() -> set[str]:
    md = markdown_parser.create_parser()
    names: set[str] = set()
    for ruler in (md.core.ruler, md.block.ruler, md.inline.ruler, md.inline.ruler2):
        names.update(rule.name for rule in ruler.__rules__ if rule.enabled)
    return names


def test_every_parser_rule_is_known() -> None:
    unknown = _rule_names() - RULE_TOKENS.keys()
    assert not unknown, f"new parser rules, add their tokens and handlers: {unknown}"


def test_every_token_type_has_a_handler() -> None:
    produced = {t for name in _rule_names() for t in RULE_TOKENS[name]}
    handled = BLOCK_HANDLERS.keys() | INLINE_HANDLERS.keys()
    assert produced <= handled, produced - handled
    # and the corpus: every token the fixtures produce is handled at its level
    for path in FIXTURES.glob("*.md"):
        for tok in markdown_parser.parse(path.read_text(encoding="utf-8")):
            assert tok.type in BLOCK_HANDLERS, (path.name, tok.type)
            for child in tok.children or []:
                assert child.type in INLINE_HANDLERS, (path.name, child.type)


def test_unknown_token_warns_and_keeps_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_parse(text: str) -> list[Token]:
        tok = Token("mystery_block", "div", 0)
        tok.content = "geheimzinnige tekst"
        tok.map = [4, 5]
        inline = Token("inline", "", 0)
        child = Token("mystery_inline", "", 0)
        child.content = "binnen"
        inline.children = [child]
        inline.map = [6, 7]
        return [tok, Token("paragraph_open", "p", 1), inline, Token("paragraph_close", "p", -1)]

    monkeypatch.setattr("regiogen.render.docx.parse", fake_parse)
    data, diags = markdown_to_docx("x")
    codes = [(d.code, d.line) for d in diags]
    assert ("markdown.unknown-node", 5) in codes
    assert ("markdown.unknown-node", 7) in codes
    dump = dump_docx(data)
    assert "geheimzinnige tekst" in dump and "binnen" in dump


def _sha(markdown: str) -> str:
    data, _ = markdown_to_docx(markdown, DocxOptions(base_dir=FIXTURES))
    return hashlib.sha256(data).hexdigest()


@pytest.mark.slow
def test_same_bytes_across_time_and_time_zones() -> None:
    """A fresh process a day later (its clock moved, :mod:`later_clock`) in UTC+14 makes the
    same bytes as this one."""
    text = FULL.read_text(encoding="utf-8")
    first = _sha(text)
    code = LATER_BY_A_DAY + (
        "import hashlib, sys; from pathlib import Path; "
        "from regiogen.render.docx import markdown_to_docx, DocxOptions; "
        f"p = Path({str(FIXTURES)!r}); "
        "d, _ = markdown_to_docx((p / 'full.md').read_text(encoding='utf-8'), "
        "DocxOptions(base_dir=p)); print(hashlib.sha256(d).hexdigest()); "
        "print(_datetime.datetime.now(_datetime.timezone.utc).timestamp())"
    )
    env = {**os.environ, "TZ": "Pacific/Kiritimati"}
    out = subprocess.run([*PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True)
    digest, then = out.stdout.split()
    assert float(then) - time.time() > 86400  # the child lived a day later
    assert digest == first
    assert _sha(text) == first


def test_zip_entries_have_fixed_times_and_order() -> None:
    data, _ = markdown_to_docx(FULL.read_text(encoding="utf-8"), DocxOptions(base_dir=FIXTURES))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos][:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)


def test_core_properties() -> None:
    data, _ = markdown_to_docx(FULL.read_text(encoding="utf-8"), DocxOptions(base_dir=FIXTURES))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Regioplan IZA Voorbeeld"
    assert props.author == "Programmabureau IZA Voorbeeld"
    assert props.subject == "Regioplan Integraal Zorgakkoord"
    assert props.keywords == "IZA, regioplan"
    assert props.revision == 1
    assert props.created == dt.datetime(2023, 11, 3, tzinfo=dt.UTC)
    assert props.modified == dt.datetime(2023, 11, 3, tzinfo=dt.UTC)
    data, _ = markdown_to_docx("# x", DocxOptions(source_date_epoch=1700000000))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author != "python-docx"
    assert props.created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_default_date_is_fixed() -> None:
    data, _ = markdown_to_docx("tekst")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("day", "text"),
    [(dt.date(2023, 11, 3), "3 november 2023"), (dt.date(2024, 1, 31), "31 januari 2024")],
)
def test_dutch_date(day: dt.date, text: str) -> None:
    assert dutch_date(day) == text


def test_options_override_front_matter() -> None:
    text = "---\ntitel: T\ninhoudsopgave: true\nnummering: true\n---\n# Kop\n"
    data, _ = markdown_to_docx(text, DocxOptions(toc=False, cover=False, heading_numbering=False))
    dump = dump_docx(data)
    assert "SDT" not in dump and "Cover Title" not in dump
    assert b"w:numId" not in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    data, _ = markdown_to_docx("# Kop\n", DocxOptions(toc=True, heading_numbering=True))
    dump = dump_docx(data)
    assert "SDT Table of Contents" in dump and "[1→Kop→" in dump


def test_settings_never_ask_to_update_fields_and_have_footnote_separators() -> None:
    data, _ = markdown_to_docx(FULL.read_text(encoding="utf-8"), DocxOptions(base_dir=FIXTURES))
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "updateFields" not in settings and 'w:dirty="true"' not in document
    assert '<w:footnote w:id="-1"/>' in settings
    assert "rsid" not in settings


def _bad_reference(tmp_path: Path, name: str, content: bytes | dict[str, bytes]) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as zf:
            for part, data in content.items():
                zf.writestr(part, data)
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("corrupt.docx", b"PK\x03\x04 kapot"),
        ("tekst.docx", b"geen zip"),
        ("leeg.docx", {"a.txt": b"x"}),
        ("zonder-stijlen.docx", {
            "[Content_Types].xml": b"<Types>wordprocessingml.document.main+xml</Types>",
            "word/document.xml": b"<w:document xmlns:w='x'/>",
        }),
        ("kapotte-xml.docx", {
            "[Content_Types].xml": b"<Types>wordprocessingml.document.main+xml</Types>",
            "word/document.xml": b"<w:document",
            "word/styles.xml": b"<w:styles/>",
        }),
    ],
)  # fmt: skip
def test_bad_reference_is_one_diagnostic(
    tmp_path: Path, name: str, content: bytes | dict[str, bytes]
) -> None:
    ref = _bad_reference(tmp_path, name, content)
    data, diags = markdown_to_docx("# Kop", DocxOptions(reference_doc=ref))
    assert data == b""
    assert [(d.code, d.severity) for d in diags] == [("docx.reference", Severity.ERROR)]


def test_missing_reference_file(tmp_path: Path) -> None:
    _data, diags = markdown_to_docx("x", DocxOptions(reference_doc=tmp_path / "nope.docx"))
    assert [d.code for d in diags] == ["docx.reference"]


def test_missing_styles_warn_once_and_get_a_definition(tmp_path: Path) -> None:
    src = ROOT / "templates" / "reference.docx"
    ref = tmp_path / "ref.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(ref, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/styles.xml":
                for sid in (b"TableText", b"VerbatimChar"):
                    start = data.index(b'<w:style w:type="', data.index(b'w:styleId="' + sid) - 60)
                    end = data.index(b"</w:style>", start) + len(b"</w:style>")
                    data = data[:start] + data[end:]
            zout.writestr(item, data)
    text = "| a |\n|---|\n| `x` |\n\n| b |\n|---|\n| `y` |\n"
    data, diags = markdown_to_docx(text, DocxOptions(reference_doc=ref))
    found = [d.message for d in diags if d.code == "docx.missing-style"]
    assert len(found) == 1  # one warning per document, naming every missing style
    assert sorted(found[0].split("'")[1::2]) == ["Table Text", "Verbatim Char"]
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    assert b'w:styleId="TableText"' in styles and b'w:styleId="VerbatimChar"' in styles
    docx.Document(io.BytesIO(data))


def test_pandoc_style_reference_works(tmp_path: Path) -> None:
    """A reference made by python-docx's default template (Word's built-in names) works."""
    ref = tmp_path / "word.docx"
    docx.Document().save(str(ref))
    data, diags = markdown_to_docx(FULL.read_text(encoding="utf-8"), DocxOptions(
        reference_doc=ref, base_dir=FIXTURES))  # fmt: skip
    assert not [d for d in diags if d.severity is Severity.ERROR]
    assert "Heading 1" not in {d.message for d in diags}
    docx.Document(io.BytesIO(data))


def test_render_file_atomic(tmp_path: Path) -> None:
    src = tmp_path / "in.md"
    src.write_text("# Kop\n\nTekst\n", encoding="utf-8")
    out = tmp_path / "uit" / "doc.docx"
    diags = render_file(src, out, DocxOptions())
    assert diags == []
    docx.Document(str(out))
    assert sorted(p.name for p in out.parent.iterdir()) == ["doc.docx"]


def test_render_file_writes_nothing_on_error(tmp_path: Path) -> None:
    src = tmp_path / "in.md"
    src.write_text("# Kop\n", encoding="utf-8")
    out = tmp_path / "doc.docx"
    out.write_bytes(b"vorige versie")
    bad = tmp_path / "ref.docx"
    bad.write_bytes(b"kapot")
    diags = render_file(src, out, DocxOptions(reference_doc=bad))
    assert [d.code for d in diags] == ["docx.reference"]
    assert out.read_bytes() == b"vorige versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.docx", "in.md", "ref.docx"]


def test_render_file_bad_input(tmp_path: Path) -> None:
    src = tmp_path / "in.md"
    src.write_bytes(b"\xff\xfe kapot")
    assert [d.code for d in render_file(src, tmp_path / "o.docx", DocxOptions())] == ["io.encoding"]
    assert [d.code for d in render_file(tmp_path / "nope.md", tmp_path / "o.docx",
                                        DocxOptions())] == ["io.unreadable"]  # fmt: skip
    assert not (tmp_path / "o.docx").exists()


def test_hostile_front_matter_is_bounded() -> None:
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "titel: *i\n---\ntekst\n"
    )
    data, diags = markdown_to_docx(bomb)
    assert [d.code for d in diags] == ["markdown.front-matter"]
    docx.Document(io.BytesIO(data))


def test_images_refused_without_base_dir() -> None:
    _data, diags = markdown_to_docx("![x](kaart.png)")
    assert [d.code for d in diags] == ["docx.image"]


def test_lines_offset_in_diagnostics() -> None:
    _data, diags = markdown_to_docx(
        "a\n\n<div>x</div>\n", DocxOptions(line_offset=10, source_path="t.md")
    )
    assert next(d.format() for d in diags).startswith("t.md:13: warning[markdown.raw-html]")


def test_caption_before_a_table_keeps_with_it() -> None:

    data, _ = markdown_to_docx("**Begroting per post**\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    caption = xml[: xml.index("Begroting per post")]
    assert caption.rsplit("<w:p>", 1)[1].count("<w:keepNext/>") == 1


def test_image_sizes_are_checked_and_clamped_to_the_text_width() -> None:
    folder = Path(__file__).parent / "fixtures" / "docx"
    options = DocxOptions(base_dir=folder)
    data, diags = markdown_to_docx(
        "![k](kaart.png){width=500cm}\n\n![k](kaart.png){width=-3cm}\n", options
    )
    messages = [d.message for d in diags if d.code == "docx.image"]
    assert any("breder dan de tekst" in m for m in messages)
    assert any("geen geldige maat" in m for m in messages)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    widths = [int(w) for w in re.findall(r'<wp:extent cx="(\d+)"', xml)]
    text_width_emu = 16 * 360000  # A4 minus 2 x 2.5 cm margins in the default reference
    assert widths and max(widths) <= text_width_emu + 360000


def test_front_matter_problems_are_positioned() -> None:
    text = "---\ntitel: A\ntitel: B\nx: !!python/object:os.system y\n---\n# Kop\n"
    _, diags = markdown_to_docx(text, DocxOptions(source_path="n.md"))
    lines = sorted(d.format() for d in diags if d.code == "markdown.front-matter")
    assert "n.md:4:1: warning[markdown.front-matter]: onbekende sleutel 'x'" in lines.pop(1)
    assert lines[0].startswith("n.md:3:1: warning[markdown.front-matter]: front matter: sleutel")
    assert lines[1].startswith("n.md:4:4: warning[markdown.front-matter]: front matter: tag")
    _, diags = markdown_to_docx("---\ntitel: A\n\n# Kop\n", DocxOptions(source_path="n.md"))
    assert any("niet met een regel '---' afgesloten" in d.message for d in diags)


def test_pandoc_conventions_for_headings_links_images_and_blocks() -> None:
    """Found by comparing with pandoc: automatic heading ids, {-}, a missing parent level,
    image widths with decimals, unknown ::: blocks, duplicate ids and broken links."""
    text = (
        "---\nnummering: true\ninhoudsopgave: true\n---\n"
        "## Sub zonder hoofdstuk\n\n# Hoofdstuk\n\n# Bijlage {-}\n\n#### Vierde niveau\n\n"
        "[vierde](#vierde-niveau) [weg](#bestaatniet)\n\n# Dubbel {#x}\n\n# Ook {#x}\n\n"
        "![a](kaart.png){width=2.5cm}\n\n::: onbekend\nTekst in blok.\n:::\n"
    )
    data, diags = markdown_to_docx(text, DocxOptions(base_dir=FIXTURES, source_path="q.md"))
    dump = dump_docx(data)
    assert "⟨#vierde-niveau⟩Vierde niveau" in dump
    assert "Bijlage {-}" not in dump and "⟨#bijlage⟩Bijlage" in dump
    assert "<image 2.50x" in dump
    assert "Tekst in blok." in dump and ":::" not in dump
    toc = [line for line in dump.splitlines() if "toc 1" in line or "toc 2" in line]
    assert "[1.1→Sub zonder hoofdstuk" in toc[0]
    assert any("[2→Hoofdstuk" in line for line in toc)  # ## before any # counts as 1
    codes = sorted(d.code for d in diags)
    assert codes == ["markdown.broken-link", "markdown.duplicate-id", "markdown.unknown-node"]


def test_numbered_line_read_as_text_is_reported() -> None:
    _, diags = markdown_to_docx("1. een\n2. twee\n   3. genest\n", DocxOptions(source_path="l.md"))
    assert [d.format() for d in diags if d.code == "markdown.list-as-text"] == [
        "l.md:2: warning[markdown.list-as-text]: '3. genest' is tekst, geen genummerd punt: een "
        "genummerde lijst die niet bij 1 begint, moet na een lege regel beginnen"
    ]
    _, diags = markdown_to_docx("1. een\n2. twee\n\n   3. genest\n", DocxOptions())
    assert not [d for d in diags if d.code == "markdown.list-as-text"]


def test_task_lists_show_boxes() -> None:
    data, diags = markdown_to_docx("- [ ] bellen met de GGD\n- [x] begroting ingediend\n")
    dump = dump_docx(data)
    assert "☐ bellen met de GGD" in dump and "☒ begroting ingediend" in dump
    assert not diags


def test_block_quote_inside_a_list_item_keeps_quote_style() -> None:
    data, _ = markdown_to_docx("8. Item acht\n\n   > citaat in het item\n\n9. negen\n")
    assert "P[Quote] ind=425 | citaat in het item" in dump_docx(data)


def test_definition_lists_for_a_glossary() -> None:
    text = "Regiobeeld\n: Gezamenlijke analyse.\n\n  Meer.\n\nIZA\n: Akkoord\n"
    data, diags = markdown_to_docx(text)
    dump = dump_docx(data)
    assert "P[Definition Term] | Regiobeeld" in dump
    assert "P[Definition] | Gezamenlijke analyse." in dump and "P[Definition] | Meer." in dump
    assert "P[Definition Term] | IZA" in dump
    assert not [d for d in diags if d.code == "docx.missing-style"]  # in the default house style


def test_sub_and_superscript() -> None:
    data, diags = markdown_to_docx("H~2~O en 100 m^2^, en ~~weg~~\n")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert '<w:vertAlign w:val="subscript"/></w:rPr><w:t xml:space="preserve">2</w:t>' in xml
    assert '<w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">2</w:t>' in xml
    assert "<w:strike/>" in xml and not diags


def test_image_attribute_quoting_leaves_code_literal() -> None:
    tokens = markdown_parser.parse("```\n![a](b){width=2.5cm}\n```\n\n![a](b){width=2.5cm}\n")
    assert [t.content for t in tokens if t.type == "fence"] == ["![a](b){width=2.5cm}\n"]
    inlines = [t for t in tokens if t.type == "inline"]
    images = [c for t in inlines for c in t.children or [] if c.type == "image"]
    assert images[0].attrs["width"] == "2.5cm"


def test_jpeg_images_are_embedded_with_their_size_and_type() -> None:
    """A real JPEG (JFIF, 100 × 141 px at 12 dpi, made with pdftoppm) becomes a JPEG part."""
    folder = Path(__file__).parent / "fixtures" / "docx"
    data, diags = markdown_to_docx("![Foto van de kaart](foto.jpg)\n", DocxOptions(base_dir=folder))
    assert not [d for d in diags if d.severity is Severity.ERROR]
    files = zipfile.ZipFile(io.BytesIO(data))
    media = [n for n in files.namelist() if n.startswith("word/media/")]
    assert len(media) == 1 and media[0].endswith(".jpeg")
    assert files.read(media[0]) == (folder / "foto.jpg").read_bytes()
    types = files.read("[Content_Types].xml").decode()
    assert 'Extension="jpeg" ContentType="image/jpeg"' in types
    xml = files.read("word/document.xml").decode()
    assert 'descr="Foto van de kaart"' in xml
    cx, cy = (int(v) for v in re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml).groups())
    # 12 dpi: 100 px is 8.33 inch, wider than the text, so it is scaled down keeping its shape
    assert cx <= 16 * 360000 + 360000
    assert abs(cy / cx - 141 / 100) < 0.01
