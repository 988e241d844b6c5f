"""The parser's own rules: the inline shortcut, container names and dropped table cells."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_core import inline, normalize, text_join
from markdown_it.token import Token

from regiogen.cli.main import cli
from regiogen.render import markdown_parser
from regiogen.render.markdown_parser import parse
from regiogen.render.survey import survey

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "docx"


def _stock_parser() -> MarkdownIt:
    """Our configuration with markdown-it's own core rules where regiogen has shortcuts."""
    md = markdown_parser._build()
    md.core.ruler.at("normalize", normalize)
    md.core.ruler.at("inline", inline)
    md.core.ruler.at("text_join", text_join)
    return md


STOCK = _stock_parser()


def _tree(tokens: list[Token]) -> list[dict[str, Any]]:
    return [t.as_dict() for t in tokens]


def _stock(text: str) -> list[Token]:
    """The stock parse, ended by a newline where the container plugin needs one (as
    :func:`parse` does)."""
    prepared = markdown_parser._quote_image_attributes(text)
    try:
        return STOCK.parse(prepared)
    except IndexError:
        return STOCK.parse(prepared + "\n")


def _same_as_stock(text: str) -> None:
    ours = _tree(parse(text))
    theirs = _tree(_stock(text))
    assert ours == theirs


@pytest.mark.parametrize("text", ["> ::: landscape\n> ", "> ::: landscape\n>", "> > :::\n> > "])
def test_a_container_in_a_quote_at_the_very_end_parses(text: str, tmp_path: Path) -> None:
    """mdit-py-plugins' container rule (0.4/0.5) reads past the end of such a text: an
    IndexError that ``regiogen render`` showed as an internal error (exit 2). Found by the
    property test below."""
    types = [t.type for t in parse(text)]
    assert types[0] == "blockquote_open" and types[-1] == "blockquote_close"
    source = tmp_path / "citaat.md"
    source.write_bytes(text.encode("utf-8"))  # no newline at the end
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(tmp_path / "c.docx")])
    assert result.exit_code == 0, result.output
    assert "interne fout" not in result.output


def test_shortcuts_differ_from_the_stock_rules() -> None:
    rules = {r.name: r.fn for r in markdown_parser.create_parser().core.ruler.__rules__}
    assert rules["normalize"] is not normalize
    assert rules["inline"] is not inline
    assert rules["text_join"] is not text_join


def test_shortcut_is_used_and_gives_one_text_token() -> None:
    tokens = parse("Gewone tekst zonder opmaak, met € 1.250,00 en 3,5%.\n")
    inline = tokens[1]
    assert inline.type == "inline"
    assert [(c.type, c.content) for c in inline.children or []] == [
        ("text", "Gewone tekst zonder opmaak, met € 1.250,00 en 3,5%.")
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_fixtures_parse_as_with_the_stock_inline_rule(path: Path) -> None:
    _same_as_stock(path.read_text(encoding="utf-8"))


def test_bench_corpus_parses_as_with_the_stock_inline_rule(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen_markdown  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "bench"))
    text = gen_markdown.document(3, 12, "Toetsland", landscape=True)
    assert len(text) > 50_000
    _same_as_stock(text)


PIECES = st.sampled_from(
    [
        "# ", "## ", "- ", "1. ", "> ", "**", "*", "_", "`", "```\n", "~~", "~", "^", "\n",
        "\n\n", "| a | b |\n|---|--:|\n| 1 | € 2,00 |\n", "[^1]", "[^1]: noot\n", "^[in]",
        "[x](#y)", "<https://a.nl>", "![b](c.png){width=2cm}", "<b>", "&amp;", "\\", "  \n",
        "::: landscape\n", ":::\n", "{#id}", "{.k}", "Term\n: def\n", "- [ ] taak\n", "\t",
        "\r\n", "\r", "\x00", "\\*", "&copy;",
    ]
)  # fmt: skip
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, WORDS), max_size=30).map("".join))
def test_any_text_parses_as_with_the_stock_inline_rule(text: str) -> None:
    _same_as_stock(text)


def _containers(text: str) -> list[tuple[str, str]]:
    return [(t.type, t.info.strip()) for t in parse(text) if t.type.startswith("container_")]


def test_containers_are_named_after_their_word() -> None:
    text = (
        "::: pagebreak\n:::\n\n"
        ":::: landscape\ntekst\n\n::: kader\nbinnen\n:::\n::::\n\n"
        "::: Landscape\nx\n:::\n\n"
        "::: pagebreak\textra\n:::\n"
    )
    assert _containers(text) == [
        ("container_pagebreak_open", "pagebreak"),
        ("container_pagebreak_close", ""),
        ("container_landscape_open", "landscape"),
        ("container_overig_open", "kader"),
        ("container_overig_close", ""),
        ("container_landscape_close", ""),
        ("container_overig_open", "Landscape"),  # names are case-sensitive
        ("container_overig_close", ""),
        ("container_overig_open", "pagebreak\textra"),  # as mdit-py-plugins validates
        ("container_overig_close", ""),
    ]


def test_unclosed_container_is_closed_with_its_own_name() -> None:
    assert _containers("::: landscape\ntekst\n") == [
        ("container_landscape_open", "landscape"),
        ("container_landscape_close", ""),
    ]


@pytest.mark.parametrize(
    ("row", "dropped"),
    [
        ("| 1 | 2 |", 0),
        ("| 1 |", 0),
        ("| 1 | 2 | 3 |", 1),
        ("1 | 2 | 3 | 4", 2),
        ("| 1 \\| 2 | 3 |", 0),  # an escaped pipe is text, not a cell border
        ("| 1 \\| 2 | 3 | 4 |", 1),
    ],
)
def test_excess_cells_are_counted(row: str, dropped: int) -> None:
    tokens = parse(f"| a | b |\n|---|---|\n{row}\n")
    expected = [(3, dropped)] if dropped else []
    assert survey(tokens).excess == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\r\n\t"), max_size=40))
def test_escaping_drops_what_xml_cannot_hold(text: str) -> None:
    from lxml import etree

    from regiogen.render.docx.xmlutil import esc, has_forbidden, strip_forbidden

    escaped = esc(text)
    assert not has_forbidden(escaped)
    element = etree.fromstring(f'<t a="{escaped}">{escaped}</t>'.encode("utf-8", "surrogatepass"))
    assert (element.text or "") == strip_forbidden(text)
    assert element.get("a") == strip_forbidden(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="|\\ab `-:", max_size=40))
def test_the_cell_split_shortcut_gives_markdown_it_s_cells(text: str) -> None:
    table = importlib.import_module("markdown_it.rules_block.table")
    assert markdown_parser.escaped_split(text) == markdown_parser.escapedSplit(text)
    markdown_parser.create_parser()
    assert table.escapedSplit is markdown_parser.escaped_split  # the table rule uses it
    assert markdown_parser.escapedSplit is not markdown_parser.escaped_split
