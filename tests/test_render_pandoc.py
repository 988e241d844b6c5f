"""render accepts pandoc's metadata names and flags; unknown front-matter keys are reported."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from regiogen.cli.main import cli
from regiogen.render.docx.frontmatter import override_front_matter, parse_front_matter


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_pandoc_names_are_read() -> None:
    fm, problems = parse_front_matter(
        "title: Notitie\nsubtitle: Over iets\nauthor: [Jan, Piet]\ndate: 2023-11-03\n"
        "lang: en-GB\nkeywords: [zorg, regio]\ntoc: true\nnumber-sections: true\n"
        "subject: IZA\n"
    )
    assert problems == []
    assert (fm.titel, fm.ondertitel, fm.auteur) == ("Notitie", "Over iets", "Jan, Piet")
    assert (fm.datum, fm.taal, fm.onderwerp) == ("3 november 2023", "en-GB", "IZA")
    assert fm.trefwoorden == ["zorg", "regio"]
    assert fm.inhoudsopgave is True and fm.nummering is True


def test_the_dutch_name_wins_over_the_pandoc_name() -> None:
    fm, problems = parse_front_matter("titel: Eigen\ntitle: Pandoc\n")
    assert fm.titel == "Eigen" and problems == []


def test_every_key_regiogen_reads_is_known() -> None:
    import dataclasses

    from regiogen.render.docx.frontmatter import KNOWN_KEYS, FrontMatter

    read = {f.name for f in dataclasses.fields(FrontMatter)} - {"datum_iso"}
    assert read == set(KNOWN_KEYS)
    fm, problems = parse_front_matter("titel: Plan\nstatus: concept\n")
    assert problems == [] and fm.concept


def test_an_unknown_key_is_a_warning_with_a_suggestion() -> None:
    _, problems = parse_front_matter("titel: A\norganisate: B\nzomaar: C\n")
    messages = [p.message for p in problems]
    assert "bedoelde u 'organisatie'?" in messages[0]
    assert (problems[0].line, problems[0].col) == (2, 1)
    assert "onbekende sleutel 'zomaar'" in messages[1] and "bedoelde" not in messages[1]


def test_a_bad_pandoc_value_is_named_as_written() -> None:
    _, problems = parse_front_matter("toc: misschien\ndate: gisteren\n")
    assert "'toc' moet ja/nee" in problems[0].message
    assert "'date' is geen datum" in problems[1].message


def test_override_keeps_the_lines_below() -> None:
    text = "---\ntitle: A\nauthor:\n  - X\n---\n# Kop\n"
    new, at, count = override_front_matter(text, {"title": "B", "toc": "true"})
    assert new.split("\n").index("# Kop") == 5 + count
    assert (at, count) == (5, 2)
    fm, _ = parse_front_matter(new.split("---")[1])
    assert fm.titel == "B" and fm.inhoudsopgave is True and fm.auteur == "X"
    bare, at, count = override_front_matter("# Kop\n", {"number-sections": "true"})
    assert bare.startswith("---\nnummering: ") and (at, count) == (1, 3)


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_render_flags_like_pandoc(tmp_path: Path) -> None:
    src = tmp_path / "notitie.md"
    src.write_text("---\ntitle: Notitie\n---\n# Kop\n\n## Sub\n\nTekst[^9].\n", "utf-8")
    plain = tmp_path / "plain.docx"
    assert run("render", str(src), "-o", str(plain))[0] == 0
    assert "TOC \\o" not in _document_xml(plain)
    out = tmp_path / "n.docx"
    code, text = run(
        "render", str(src), "-o", str(out), "--toc", "-N", "-M", "subtitle=Onder", "-M", "lang"
    )
    assert code == 0, text
    xml = _document_xml(out)
    assert "TOC \\o" in xml and "Onder" in xml
    assert f"{src}:8: warning[markdown.footnote]" in text  # the line as the user wrote it
    code, text = run("render", str(src), "-o", str(out), "-M", "=x")
    assert code == 2 and "SLEUTEL=WAARDE" in text


def test_render_reports_an_unknown_front_matter_key(tmp_path: Path) -> None:
    src = tmp_path / "n.md"
    src.write_text("---\ntitel: A\nondertitle: B\n---\n# Kop\n", "utf-8")
    code, out = run("render", str(src), "-o", str(tmp_path / "n.html"))
    assert code == 0
    assert f"{src}:3:1: warning[markdown.front-matter]: onbekende sleutel 'ondertitle'" in out
    assert "bedoelde u 'ondertitel'?" in out


def test_render_help_names_every_format() -> None:
    code, out = run("render", "--help")
    assert code == 0
    assert "Word-bestand" not in out and ".docx, .pdf of .html" in out
    assert "--toc" in out and "--number-sections" in out and "--metadata" in out
