"""Property tests (hypothesis): the loader and the Word writer never raise, whatever they get.

(a) YAML-like documents (nested mappings, lists and text, shaped like region content or not,
    dumped with ``yaml.safe_dump`` and then mutilated: deletions, stray ``:``, ``-``, tabs,
    quotes, brackets) go through :func:`regiogen.source.load.load_yaml_text` and
    :func:`regiogen.model.validate.validate_content` and end in a model or in diagnostics.
(b) Arbitrary Markdown through :func:`regiogen.render.docx.markdown_to_docx` gives a document
    that python-docx opens again and whose XML parts lxml parses.

Bounded by ``REGIOGEN_HYPOTHESIS_EXAMPLES`` (default 50) examples per test; no network.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.model.content import Content
from regiogen.model.validate import validate_content
from regiogen.source.load import load_yaml_text

EXAMPLES = int(os.environ.get("REGIOGEN_HYPOTHESIS_EXAMPLES", "50"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DIAGNOSTIC = re.compile(r"^\S[^:]*(?::\d+(?::\d+)?)?: (error|warning|info)\[[a-z0-9.-]+\]: \S")

# --- (a) the loader and the model ---------------------------------------------------------

#: Keys of the content model, so that generated documents reach deep into validation.
KEYS = sorted(
    {
        "regio", "naam", "zorgkantoorregio", "gemeenten", "code", "mandaatgemeente", "status",
        "vastgesteld", "datum", "tafel", "marktleider", "partijen", "id", "soort", "gemeente",
        "regiobeeld", "knelpunten", "titel", "indicatoren", "opgaven", "prioriteit",
        "afspraken", "opgave", "trekker", "schaal", "resultaten", "mijlpalen", "wat",
        "wanneer", "afhankelijk_van", "begroting", "jaren", "toegekend", "posten", "bedragen",
        "transformatieplannen", "kosten", "aard", "domein", "monitoring", "2024", "<<",
    }
)  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(
        ["ja", "nee", "no", "0363", "GM0363", "2024-Q4", "2023-12-20", "1.000", "€ 1.250,50",
         "120000", "~", "", "null", "concept", "vastgesteld", "regio", "K1", "O1", "A1", "zvx",
         "x" * 300, "\u00a0", "\x07", "&a", "*a", "!!python/object:os.system", "{{ 7*7 }}"]
    ),
    st.text(max_size=30),
    st.integers(-10**6, 10**6),
    st.booleans(),
    st.none(),
)  # fmt: skip
KEY = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))


def _documents() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(KEY, children, max_size=6),
        ),
        max_leaves=40,
    )


def _region_like() -> st.SearchStrategy[dict[str, Any]]:
    """Documents with the top-level keys of a region, so validation goes below the root."""
    top = st.sampled_from(
        ["regio", "partijen", "regiobeeld", "opgaven", "afspraken", "begroting",
         "transformatieplannen", "monitoring", "mandaatstructuur", "aanvraag"]
    )  # fmt: skip
    return st.dictionaries(top, _documents(), min_size=1, max_size=6)


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "replace"]),
        st.floats(0, 1),
        st.sampled_from([":", ": ", "- ", "-", "\t", '"', "'", "[", "]", "{", "}", "&a ", "*a",
                         "\n", "\n  ", "#", "!!", "%", "@", "`", "|", ">", "? ", "\ufeff",
                         "\\x07", "\u2028", "---\n"]),
        st.integers(1, 8),
    ),
    max_size=6,
)  # fmt: skip


def _mutate(text: str, edits: list[tuple[str, float, str, int]]) -> str:
    for kind, where, piece, length in edits:
        at = int(where * len(text))
        if kind == "delete":
            text = text[:at] + text[at + length :]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + length :]
    return text


def _assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert DIAGNOSTIC.match(d.format()), d.format()
        assert "Traceback" not in d.message


def _load_and_validate(text: str) -> None:
    data, source_map, diagnostics = load_yaml_text(text, "content/x/regio.yaml")
    _assert_well_formed(diagnostics)
    if data is None:
        return
    if not isinstance(data, dict):
        return  # load_region reports yaml.not-mapping for this
    content, found = validate_content(data, source_map, "content/x")
    _assert_well_formed(found)
    if content is None:
        assert any(d.severity is Severity.ERROR for d in found)
    else:
        assert isinstance(content, Content)


@BOUNDED
@given(document=st.one_of(_region_like(), _documents()), edits=MUTATIONS)
def test_any_yaml_ends_in_a_model_or_diagnostics(document: Any, edits: Any) -> None:
    """Dumped and mutilated documents never make the loader or the validator raise."""
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    _load_and_validate(text)
    _load_and_validate(_mutate(text, edits))


@BOUNDED
@given(text=st.text(max_size=400))
def test_any_text_ends_in_data_or_diagnostics(text: str) -> None:
    """Even text that was never YAML (any Unicode, control characters) never raises."""
    _load_and_validate(text)


# --- (b) the Word writer ------------------------------------------------------------------

MARKDOWN_PIECES = st.sampled_from(
    ["# ", "## ", "###### ", "\n", "\n\n", "- ", "1. ", "   ", "    ", "> ", "*", "**", "_",
     "`", "```\n", "~~~", "[", "]", "(", ")", "![a](kaart.png)", "![b](/etc/passwd)",
     "[^1]", "[^1]: voetnoot\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "|", "---\n", "***",
     "{#id}", "{.class}", ":::", "::: liggend\n", "<b>", "</b>", "<!-- -->", "&amp;", "&#0;",
     "\\", "\t", "\x07", "\x0b", "\x1f", "\x00", "\ud800", "\ufffe", "\u00a0", "\u00ad",
     "\u201c", "\u2028", "€ 1.234,00", "tekst ", "woord", "http://x.nl", "<https://x.nl>",
     "---\ntitel: T\ninhoudsopgave: ja\nnummering: ja\n---\n"]
)  # fmt: skip
MARKDOWN = st.one_of(
    st.lists(MARKDOWN_PIECES, max_size=40).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=10)), max_size=30).map("".join),
)


@BOUNDED
@given(markdown=MARKDOWN)
def test_any_markdown_gives_a_docx_python_docx_opens(markdown: str) -> None:
    """Whatever the Markdown, the writer returns a .docx that python-docx and lxml read."""
    import docx
    from lxml import etree

    from regiogen.render.docx import markdown_to_docx

    data, diagnostics = markdown_to_docx(markdown)
    _assert_well_formed(diagnostics)
    assert not any(d.code == "docx.reference" for d in diagnostics)
    docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
