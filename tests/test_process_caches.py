"""What a process remembers between builds: compiled templates and schema files.

Each cache must give what the work itself would give, and must never serve an answer for
other input: a changed template is compiled again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
import pytest

from regiogen.build import schema
from regiogen.render.compiled import COMPILED
from regiogen.render.markdown import render_template


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    names: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: Any, name: Any = None, *args: Any) -> Any:
        names.append(name)
        return compile_(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def test_projects_share_the_compiled_built_in_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two projects (two environments) compile a built-in template once between them."""
    COMPILED.clear()
    names = _counting_compiles(monkeypatch)
    texts = []
    for project in ("een", "twee"):
        templates = tmp_path / project / "templates"
        templates.mkdir(parents=True)
        (templates / "stuk.md.j2").write_text('{% include "builtin:_macros.md.j2" %}x\n', "utf-8")
        result = render_template("stuk.md.j2", {}, project_templates=templates)
        assert result.diagnostics == []
        texts.append(result.text)
    assert texts[0] == texts[1] == "\nx\n"  # the macros file prints one empty line
    # each project's own file is its own template; the built-in macros are compiled once
    assert names.count("stuk.md.j2") == 2
    assert names.count("_macros.md.j2") == 1


def test_a_changed_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    source = templates / "stuk.md.j2"
    source.write_text("eerste {{ 1 + 1 }}\n", "utf-8")
    first = render_template("stuk.md.j2", {}, project_templates=templates)
    source.write_text("tweede {{ 2 + 2 }}\n", "utf-8")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    names = _counting_compiles(monkeypatch)
    second = render_template("stuk.md.j2", {}, project_templates=templates)
    assert (first.text, second.text) == ("eerste 2\n", "tweede 4\n")
    assert names == ["stuk.md.j2"]


def test_the_cache_of_compiled_templates_is_bounded() -> None:
    cache = type(COMPILED)(size=2)
    buckets = []
    for key in ("a", "b", "c"):
        bucket = jinja2.bccache.Bucket(None, key, "som")  # type: ignore[arg-type]
        bucket.code = compile(key, key, "eval")
        cache.dump_bytecode(bucket)
        buckets.append(bucket)
    fresh = [jinja2.bccache.Bucket(None, key, "som") for key in "abc"]  # type: ignore[arg-type]
    for bucket in fresh:
        cache.load_bytecode(bucket)
    assert [b.code is not None for b in fresh] == [False, True, True]
    other_source = jinja2.bccache.Bucket(None, "c", "andere som")  # type: ignore[arg-type]
    cache.load_bytecode(other_source)
    assert other_source.code is None


def test_schema_files_are_the_schemas_as_made_now(tmp_path: Path) -> None:
    written = schema.write_schemas(tmp_path, tmp_path / "a")
    again = schema.write_schemas(tmp_path, tmp_path / "b")
    made_now = {
        schema.CONTENT_SCHEMA_NAME: schema.schema_bytes(schema.content_schema()),
        schema.CONFIG_SCHEMA_NAME: schema.schema_bytes(schema.config_schema()),
        schema.HANDREIKING_SCHEMA_NAME: schema.schema_bytes(schema.handreiking_schema()),
    }
    assert {p.name: p.read_bytes() for p in written} == made_now
    assert {p.name: p.read_bytes() for p in again} == made_now
