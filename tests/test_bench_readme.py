"""The benchmarks' README writer replaces only its own block; the scale generator checks clean.

Nothing here times anything or needs pandoc: it covers the code in ``bench/`` that writes the
README and generates content, so that a benchmark run cannot clobber the README or stop on
its own input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from regiogen.cli.main import cli

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import benchlib  # noqa: E402
import gen_project  # noqa: E402

TEXT = """# Titel

## Snelheid

<!-- bench:build -->
oud blok
| a | b |
<!-- /bench:build -->

tussentekst blijft

<!-- bench:docx -->
ander blok
<!-- /bench:docx -->

## Ontwikkeling
"""


def test_replace_block_touches_only_its_block() -> None:
    new = benchlib.replace_block(TEXT, "build", "| nieuw | 1,0× |\n")
    assert new == TEXT.replace("oud blok\n| a | b |\n", "| nieuw | 1,0× |\n")
    assert "ander blok" in new  # the docx block is untouched
    # Writing again with the same content changes nothing (idempotent).
    assert benchlib.replace_block(new, "build", "| nieuw | 1,0× |") == new


def test_replace_block_refuses_missing_or_double_markers() -> None:
    with pytest.raises(ValueError):
        benchlib.replace_block(TEXT, "scale", "x")
    with pytest.raises(ValueError):
        benchlib.replace_block(TEXT + "<!-- bench:build -->\n", "build", "x")
    with pytest.raises(ValueError):
        benchlib.replace_block(TEXT.replace("<!-- /bench:build -->", ""), "build", "x")


def test_write_block_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(TEXT.encode("utf-8"))
    benchlib.write_block("docx", "| document | 7,2× |", readme)
    after = readme.read_text("utf-8")
    before_docx, after_docx = TEXT.split("ander blok\n")
    assert after.startswith(before_docx)
    assert after.endswith(after_docx)
    assert "| document | 7,2× |\n<!-- /bench:docx -->" in after


def test_project_readme_has_every_benchmark_block_once() -> None:
    text = (BENCH.parent / "README.md").read_text("utf-8")
    for name in ("build", "docx", "jobs", "pdf", "scale"):
        start, end = benchlib.markers(name)
        assert text.count(start) == 1 and text.count(end) == 1, name
        assert text.index(start) < text.index(end)


def test_dutch_notation() -> None:
    assert benchlib.secs(0.784) == "0,78 s"
    assert benchlib.secs(19.3) == "19,3 s"
    assert benchlib.ratio(7.24) == "7,2×"
    assert benchlib.num(1615.4, 0) == "1.615"
    assert benchlib.mib(None) == "–"
    pairs = [(benchlib.Run(1.0), benchlib.Run(r)) for r in (5.0, 6.0, 8.0)]
    assert str(benchlib.pair_ratio(pairs)) == "6,0× (5,0–8,0×, 3 paren)"


def test_generated_gemeenten_pass_check(tmp_path: Path) -> None:
    names = gen_project.generate(tmp_path / "p", count=1, gemeenten=7)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert "0 fout(en)" in result.output
    gala = [(tmp_path / "p" / "content" / n / "gala.yaml").read_text("utf-8") for n in names]
    assert sum(text.count("- gemeente: GM") for text in gala) == 7
