"""The sandboxed Jinja2 environment: filters, escaping, template lookup, diagnostics."""

from __future__ import annotations

import dataclasses
import functools
import types
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

import regiogen.render.markdown as markdown
from regiogen.render.markdown import (
    MarkdownText,
    RenderResult,
    escape_markdown,
    make_environment,
    render_template,
)
from regiogen.render.markdown_parser import parse
from regiogen.source.dates import parse_moment


@dataclasses.dataclass
class Folders:
    root: Path
    project: Path
    builtin: Path

    def render(self, source: str, name: str = "doc.md.j2", **context: object) -> RenderResult:
        """Write ``source`` as built-in template ``name`` and render it."""
        (self.builtin / name).write_text(source, encoding="utf-8")
        return render_template(
            name,
            context,
            project_templates=self.project,
            display_root=self.root,
            builtin_dir=self.builtin,
        )


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    project = tmp_path / "project" / "templates"
    builtin = tmp_path / "builtin"
    project.mkdir(parents=True)
    builtin.mkdir()
    return Folders(tmp_path, project, builtin)


def text_of(source: str, **context: object) -> str:
    """Render a template string with the environment's filters."""
    return _template(source).render(context)


@functools.lru_cache(maxsize=64)
def _template(source: str) -> Template:
    """A template string compiled once (the property tests render one a few hundred times)."""
    return make_environment(None, builtin_dir=Path(".")).from_string(source)


# --- environment -------------------------------------------------------------------------


def test_environment_settings(tmp_path: Path) -> None:
    env = make_environment(tmp_path, builtin_dir=tmp_path)
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.undefined is StrictUndefined
    assert env.autoescape is False
    assert env.keep_trailing_newline and env.trim_blocks and env.lstrip_blocks
    assert make_environment(tmp_path, builtin_dir=tmp_path) is env
    assert "lipsum" not in env.globals


def test_blocks_are_trimmed_and_trailing_newline_kept(folders: Folders) -> None:
    result = folders.render("# Titel\n  {% if ja %}\nja\n  {% endif %}\nslot\n", ja=True)
    assert result == RenderResult("# Titel\nja\nslot\n", [])


def test_render_result_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RenderResult("x", []).text = "y"  # type: ignore[misc]


# --- value filters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ("{{ v | euro }}", Decimal("1234567.89"), "€ 1.234.567,89"),
        ("{{ v | euro }}", Decimal("-1234"), "-€ 1.234,00"),
        ("{{ v | euro(0) }}", Decimal("1234567.5"), "€ 1.234.568"),
        ("{{ v | euro }}", 412000, "€ 412.000,00"),
        ("{{ v | euro }}", "€ 1.000", "€ 1.000,00"),
        ("{{ v | euro }}", "120000.50", "€ 120.000,50"),
        ("{{ v | procent }}", Decimal("12.5"), "12,5%"),
        ("{{ v | procent(0) }}", 40, "40%"),
        ("{{ v | procent }}", "12,5", "12,5%"),
        ("{{ v | datum }}", date(2023, 11, 3), "3 november 2023"),
        ("{{ v | datum }}", datetime(2023, 11, 3, 12, 30), "3 november 2023"),
        ("{{ v | datum }}", "2023-11-03", "3 november 2023"),
        ("{{ v | moment }}", parse_moment("2024-Q4"), "4e kwartaal 2024"),
        ("{{ v | moment }}", "2024-11", "november 2024"),
        ("{{ v | moment }}", "2024", "2024"),
        ("{{ v | moment }}", date(2024, 11, 3), "3 november 2024"),
        ("{{ v | opsomming }}", [], ""),
        ("{{ v | opsomming }}", ["a"], "a"),
        ("{{ v | opsomming }}", ["a", "b"], "a en b"),
        ("{{ v | opsomming }}", ["a", "b", "c"], "a, b en c"),
        ("{{ v | opsomming('of') }}", ["a", "b", "c"], "a, b of c"),
        ("{{ v | opsomming }}", (n for n in [1, 2]), "1 en 2"),
        ("{{ v | map('md') | opsomming | md }}", ["*a*", "b_c", "d"], "\\*a\\*, b\\_c en d"),
        ("{{ v | cel }}", "regel één\nregel | twee", "regel één regel \\| twee"),
        ("{{ v | cel }}", Decimal("1.5"), "1.5"),
        ("{{ v | md }}", "{{ 7*7 }}", "\\{\\{ 7\\*7 \\}\\}"),
        ("{{ v }}", "{{ 7*7 }}", "{{ 7*7 }}"),
        ("{{ v | md | md }}", "*a*", "\\*a\\*"),
        ("{{ v | md | cel }}", "a\n|b", "a \\|b"),
    ],
)
def test_filters(source: str, value: object, expected: str) -> None:
    assert text_of(source, v=value) == expected


@pytest.mark.parametrize(
    ("source", "value", "message"),
    [
        (
            "{{ v | euro }}",
            1.5,
            "fout bij het vullen van het sjabloon: euro verwacht een bedrag (Decimal, int of "
            "tekst), geen float",
        ),
        (
            "{{ v | euro }}",
            "1.000",
            'fout bij het vullen van het sjabloon: bedrag "1.000" is dubbelzinnig: schrijf '
            '1000 (duizendtallen) of 1.00 / "1,00" (punt als decimaalteken); gebruik een punt '
            'alleen als decimaalteken of schrijf het bedrag met euroteken als "€ 1.000"',
        ),
        (
            "{{ v | datum }}",
            "03-11-2023",
            'fout bij het vullen van het sjabloon: ongeldige datum "03-11-2023": schrijf '
            "2023-11-03 (jaar-maand-dag)",
        ),
        (
            "{{ v | opsomming }}",
            "abc",
            "fout bij het vullen van het sjabloon: opsomming verwacht een lijst, geen str",
        ),
    ],
)
def test_filter_errors_become_template_error(
    folders: Folders, source: str, value: object, message: str
) -> None:
    result = folders.render(source, v=value)
    assert result.text is None
    assert [d.format() for d in result.diagnostics] == [
        f"builtin/doc.md.j2:1: error[template.error]: {message}"
    ]


def test_undefined_value_in_filter_is_undefined_error(folders: Folders) -> None:
    result = folders.render("{{ nergens | euro }}")
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("template.undefined", "onbekende naam 'nergens' in sjabloon")
    ]


# --- Markdown escaping -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gewone tekst, met punt.", "gewone tekst, met punt."),
        ("# kop", "\\# kop"),
        ("a | b", "a \\| b"),
        ("*vet* en _schuin_", "\\*vet\\* en \\_schuin\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>", "\\<script\\>"),
        ("`code` ~~weg~~", "\\`code\\` \\~\\~weg\\~\\~"),
        ("pad\\naar", "pad\\\\naar"),
        ("Titel {#id}", "Titel \\{\\#id\\}"),
        ("AT&T &amp; &#169;", "AT&T \\&amp; &\\#169;"),
        ("- punt", "\\- punt"),
        ("-5% krimp", "-5% krimp"),
        ("-€ 1.234,00", "-€ 1.234,00"),
        ("--", "\\--"),
        ("-", "\\-"),
        ("1.5 fte", "1.5 fte"),
        ("1.", "1\\."),
        ("=x", "=x"),
        ("::x", "\\::x"),
        ("+ punt", "\\+ punt"),
        ("2024. Het jaar", "2024\\. Het jaar"),
        ("3) derde", "3\\) derde"),
        ("::: pagebreak", "\\::: pagebreak"),
        ("tekst\n===", "tekst\n\\==="),
        ("tekst\n---", "tekst\n\\---"),
        ("    ingesprongen", "ingesprongen"),
        ("regel  \nvolgende", "regel\nvolgende"),
        ("alinea\n\nalinea", "alinea\n\nalinea"),
        ("r\r\nn", "r\nn"),
        ("\ttab\tin", "tab in"),
        ("3 - 2 = 1", "3 - 2 = 1"),
        ("€ 1.000,-", "€ 1.000,-"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def _inline_text(markdown_text: str) -> str | None:
    """The plain text of a document that is one paragraph of only text, else ``None``."""
    tokens = parse(markdown_text)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    parts = []
    for child in tokens[1].children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        else:
            return None
    return "".join(parts)


line_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("\té€ë"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@settings(max_examples=400, deadline=None)
@given(st.lists(line_text, min_size=1, max_size=3))
def test_escaped_text_reads_back_as_the_same_plain_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    expected = "\n".join(line.replace("\t", " ").strip() for line in lines)
    assert _inline_text(escape_markdown(text)) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(line_text, min_size=1, max_size=3))
def test_cell_text_stays_in_one_cell(lines: list[str]) -> None:
    cell = text_of("{{ v | cel }}", v="\n".join(lines))
    tokens = parse(f"| kop | twee |\n| --- | --- |\n| {cell} | x |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4
    assert cells[3].content == "x"
    assert "".join(c.content for c in cells[2].children or []) == " ".join("\n".join(lines).split())


def test_heading_attributes_in_data_are_not_applied() -> None:
    heading = text_of("# {{ v | md }} {{ attr }}", v="Titel {#gekaapt}", attr="{#eigen-id}")
    tokens = parse(heading)
    assert tokens[0].attrGet("id") == "eigen-id"
    assert tokens[1].content.endswith("Titel \\{\\#gekaapt\\}")


def test_markdown_text_is_not_escaped_twice() -> None:
    once = text_of("{{ v | md }}", v="a*b")
    assert isinstance(markdown._md("a*b"), MarkdownText)
    assert once == "a\\*b"
    assert text_of("{{ v | md | md | cel }}", v="a*b") == once


# --- template lookup ---------------------------------------------------------------------


def test_project_template_overrides_builtin(folders: Folders) -> None:
    (folders.builtin / "regioplan.md.j2").write_text("ingebouwd\n")
    (folders.builtin / "werkagenda.md.j2").write_text("ingebouwde werkagenda\n")
    (folders.project / "regioplan.md.j2").write_text("eigen {{ naam }}\n")
    kwargs = {"project_templates": folders.project, "builtin_dir": folders.builtin}
    assert render_template("regioplan.md.j2", {"naam": "plan"}, **kwargs).text == "eigen plan\n"
    assert render_template("werkagenda.md.j2", {}, **kwargs).text == "ingebouwde werkagenda\n"


def test_project_template_can_extend_the_builtin_one(folders: Folders) -> None:
    (folders.builtin / "plan.md.j2").write_text(
        "# Plan\n{% block inhoud %}standaard{% endblock %}\n"
    )
    (folders.project / "plan.md.j2").write_text(
        '{% extends "builtin:plan.md.j2" %}{% block inhoud %}eigen{% endblock %}'
    )
    result = render_template(
        "plan.md.j2", {}, project_templates=folders.project, builtin_dir=folders.builtin
    )
    assert result == RenderResult("# Plan\neigen", [])


def test_missing_project_folder_uses_builtin(folders: Folders) -> None:
    (folders.builtin / "a.md.j2").write_text("a\n")
    for project in (None, folders.root / "bestaat-niet"):
        result = render_template(
            "a.md.j2", {}, project_templates=project, builtin_dir=folders.builtin
        )
        assert result.text == "a\n"


def test_project_folder_equal_to_builtin_is_searched_once(tmp_path: Path) -> None:
    result = render_template("x.md.j2", {}, project_templates=tmp_path, builtin_dir=tmp_path)
    assert [d.message for d in result.diagnostics] == [
        f"sjabloon 'x.md.j2' niet gevonden in {tmp_path.resolve()}"
    ]


def test_default_builtin_folder_comes_from_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "standaard.md.j2").write_text("standaard\n")
    monkeypatch.setattr(markdown, "builtin_templates_dir", lambda: tmp_path)
    assert render_template("standaard.md.j2", {}, project_templates=None).text == "standaard\n"


@pytest.mark.parametrize(
    "name",
    ["../geheim.txt", "../../geheim.txt", "/etc/passwd", "builtin:../geheim.txt", "nergens.md.j2"],
)
def test_names_outside_the_template_folders_are_not_found(folders: Folders, name: str) -> None:
    (folders.root / "geheim.txt").write_text("GEHEIM")
    result = render_template(
        name, {}, project_templates=folders.project, builtin_dir=folders.builtin
    )
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "io.not-found"
    assert diagnostic.message.startswith(f"sjabloon '{name}' niet gevonden in ")
    assert diagnostic.path == name


# --- diagnostics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "line", "message"),
    [
        ("regel\n{{ foo }}\n", "template.undefined", 2, "onbekende naam 'foo' in sjabloon"),
        (
            "\n\n{{ regio.foo }}",
            "template.undefined",
            3,
            "onbekend attribuut 'foo' van 'dict object' in sjabloon",
        ),
        (
            "{% macro m() %}\n\n{{ nope }}\n{% endmacro %}\n{{ m() }}",
            "template.undefined",
            3,
            "onbekende naam 'nope' in sjabloon",
        ),
        (
            "a\n{% if %}",
            "template.syntax",
            2,
            "syntaxfout in sjabloon: Expected an expression, got 'end of statement block'",
        ),
        ("{{ x | geenfilter }}", "template.syntax", 1, "onbekend filter 'geenfilter'"),
        (
            "a\nb\n{{ 1 / 0 }}",
            "template.error",
            3,
            "fout bij het vullen van het sjabloon: deling door nul",
        ),
        (
            "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
            "template.error",
            1,
            "fout bij het vullen van het sjabloon: te diepe herhaling (recursie)",
        ),
    ],
)
def test_template_problems_become_diagnostics(
    folders: Folders, source: str, code: str, line: int, message: str
) -> None:
    result = folders.render(source, regio={"naam": "Voorbeeld"})
    assert result.text is None
    assert [(d.path, d.line, d.code, d.message) for d in result.diagnostics] == [
        ("builtin/doc.md.j2", line, code, message)
    ]


def test_project_template_path_is_relative_to_display_root(folders: Folders) -> None:
    (folders.project / "doc.md.j2").write_text("\n{{ onbekend }}\n")
    result = render_template(
        "doc.md.j2",
        {},
        project_templates=folders.project,
        display_root=folders.root,
        builtin_dir=folders.builtin,
    )
    assert [d.format() for d in result.diagnostics] == [
        "project/templates/doc.md.j2:2: error[template.undefined]: "
        "onbekende naam 'onbekend' in sjabloon"
    ]


def test_errors_in_included_templates_point_at_that_file(folders: Folders) -> None:
    (folders.builtin / "deel.md.j2").write_text("ok\n\n{{ ontbreekt }}\n")
    (folders.builtin / "kapot.md.j2").write_text("ok\n{% for %}\n")
    first = folders.render("kop\n{% include 'deel.md.j2' %}\n", name="a.md.j2")
    second = folders.render("kop\n{% include 'kapot.md.j2' %}\n", name="b.md.j2")
    assert [(d.path, d.line, d.code) for d in first.diagnostics] == [
        ("builtin/deel.md.j2", 3, "template.undefined")
    ]
    assert [(d.path, d.line, d.code) for d in second.diagnostics] == [
        ("builtin/kapot.md.j2", 2, "template.syntax")
    ]


UNSAFE_ATTRIBUTE = "sjabloon probeert een niet-toegestaan attribuut te gebruiken: '{}'"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", UNSAFE_ATTRIBUTE.format("__class__")),
        ("{{ cycler.__init__.__globals__ }}", UNSAFE_ATTRIBUTE.format("__init__")),
        (
            "{{ self._TemplateReference__context }}",
            UNSAFE_ATTRIBUTE.format("_TemplateReference__context"),
        ),
        ("{{ regio.__class__.__subclasses__() }}", UNSAFE_ATTRIBUTE.format("__class__")),
        ("{{ range.__globals__ }}", UNSAFE_ATTRIBUTE.format("__globals__")),
        ("{{ lijst.append(1) }}", UNSAFE_ATTRIBUTE.format("append")),
        ("{{ regio.update({'a': 1}) }}", UNSAFE_ATTRIBUTE.format("update")),
        (
            "{% for i in range(10**9) %}{% endfor %}",
            "sjabloon maakt een reeks (range) van 1000000000 getallen (hoogstens 100000): "
            "dat is niet toegestaan",
        ),
        (
            "{{ 'a' * 10**9 }}",
            "sjabloon maakt een tekst of lijst van 1000000000 tekens of elementen "
            "(hoogstens 1000000): dat is niet toegestaan",
        ),
        (
            "{{ 9 ** 1000000 }}",
            "sjabloon maakt een getal van meer dan 4096 bits: dat is niet toegestaan",
        ),
        (
            "{{ '%999999999s' % 1 }}",
            "sjabloon maakt een breedte van 999999999 (hoogstens 10000): dat is niet toegestaan",
        ),
        (
            "{{ '{:>999999999}'.format(1) }}",
            "sjabloon maakt een breedte van 999999999 (hoogstens 10000): dat is niet toegestaan",
        ),
        (
            "{{ '{:{w}}'.format(1, w=9) }}",
            "sjabloon maakt een geneste opmaak ('{:{...}}'): dat is niet toegestaan",
        ),
        (
            "{{ '%*d' % (5, 1) }}",
            "sjabloon maakt een opmaak met breedte uit een argument ('%*'): dat is niet toegestaan",
        ),
    ],
)
def test_escape_attempts_are_refused(folders: Folders, source: str, message: str) -> None:
    result = folders.render(source, regio={"naam": "x"}, lijst=[1])
    assert result.text is None
    assert [(d.code, d.message) for d in result.diagnostics] == [("template.security", message)]


@pytest.mark.parametrize(
    "source",
    [
        "{{ [0] * 10**9 }}",
        "{{ 10**9 * [0] }}",
        "{{ ('a' * 600000) + ('a' * 600000) }}",
        "{{ (2 ** 4000) * (2 ** 4000) }}",
        "{{ 'a'.ljust(10**9) }}",
        "{{ 'a'.zfill(10**9) }}",
        "{{ 'a'.center(width=10**9) }}",
        "{{ 'a\tb'.expandtabs(10**9) }}",
        "{{ ('a' * 1000).replace('a', 'a' * 1000) }}",
        "{{ 'a' | center(10**9) }}",
        "{{ 'a' | indent(10**9) }}",
        "{{ ('a' * 1000) | replace('a', 'a' * 1000) }}",
        "{{ '%999999999d' | format(1) }}",
        "{{ [1] | batch(10**9, 0) | list }}",
        "{{ [1] | slice(10**9, 0) | list }}",
    ],
)
def test_memory_bombs_are_refused(folders: Folders, source: str) -> None:
    result = folders.render(source)
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["template.security"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 'ab' * 3 }}", "ababab"),
        ("{{ [1, 2] * 2 }}", "[1, 2, 1, 2]"),
        ("{{ 2 ** 10 }}", "1024"),
        ("{{ '%5s|' % 'a' }}", "    a|"),
        ("{{ '{:>4}'.format(7) }}", "   7"),
        ("{{ 'a' | center(5) }}", "  a  "),
        ("{{ 'x-y' | replace('-', '+') }}", "x+y"),
        ("{{ 'a\nb' | indent(2, true) }}", "  a\n  b"),
        ("{{ range(3) | list }}", "[0, 1, 2]"),
        ("{{ [1, 2, 3] | batch(2, 0) | list }}", "[[1, 2], [3, 0]]"),
        ("{{ 'a' ~ 'b' + 'c' }}", "abc"),
    ],
)
def test_ordinary_operations_still_work(folders: Folders, source: str, expected: str) -> None:
    assert folders.render(source) == RenderResult(expected, [])


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("x\n{% include '../../etc/passwd' %}", 2),
        ("{% import '/etc/passwd' as p %}", 1),
        ("{% extends '../geheim.txt' %}", 1),
        ("{% include 'builtin:../geheim.txt' %}", 1),
    ],
)
def test_include_outside_template_folders_is_not_found(
    folders: Folders, source: str, line: int
) -> None:
    (folders.root / "geheim.txt").write_text("GEHEIM")
    result = folders.render(source)
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == (
        "builtin/doc.md.j2",
        line,
        "io.not-found",
    )
    assert "GEHEIM" not in diagnostic.message


def test_data_is_never_evaluated_as_template(folders: Folders) -> None:
    evil = "{{ 7*7 }} {% include '/etc/passwd' %} {{ ''.__class__ }}"
    result = folders.render("{{ tekst }}\n{{ tekst | md }}\n", tekst=evil)
    assert result.diagnostics == []
    assert result.text == (
        f"{evil}\n\\{{\\{{ 7\\*7 \\}}\\}} \\{{% include '/etc/passwd' %\\}} "
        "\\{\\{ ''.\\_\\_class\\_\\_ \\}\\}\n"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{{ lijst.append(4) }}",  # changes a list
        "{{ tabel.clear() }}",  # changes a dict
        "{{ lijst.__class__ }}",  # internal
        "{{ tekst.upper.__self__ }}",  # a method's owner
    ],
)
def test_the_remembered_attribute_check_refuses_every_time(folders: Folders, source: str) -> None:
    """The sandbox remembers its verdict per type and name: unsafe stays unsafe, on every
    render and for every value of that type, and safe reading still works in between."""
    ding = types.SimpleNamespace(clear="schoon", append="erbij")  # same names, safe here
    context = {"lijst": [1, 2, 3], "tabel": {"a": 1}, "tekst": "abc", "ding": ding}
    for _ in range(3):
        refused = folders.render(source, **context)
        assert refused.text is None
        assert refused.diagnostics[0].code in ("template.security", "template.undefined")
        fine = folders.render(
            "{{ lijst.index(2) }} {{ tabel.items() | list }} {{ tekst.upper() }} "
            "{{ ding.clear }} {{ ding.append }}",
            **context,
        )
        assert fine.text is not None, fine
        assert fine.text.startswith("1 [('a', 1)] ABC schoon erbij"), fine
    assert (context["lijst"], context["tabel"]) == ([1, 2, 3], {"a": 1})
