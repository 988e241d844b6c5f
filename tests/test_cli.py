"""The command line through click's CliRunner: exit codes, messages, files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from regiogen.cli.main import cli
from regiogen.paths import builtin_templates_dir


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_init_creates_a_project_that_checks_and_builds(tmp_path: Path) -> None:
    code, out = run("init", str(tmp_path))
    assert code == 0, out
    assert (tmp_path / "regiogen.yaml").is_file()
    assert (tmp_path / ".gitignore").read_text() == "build/\n"
    assert (tmp_path / "content" / "lindeland" / "regio.yaml").is_file()
    code, out = run("check", str(tmp_path))
    assert code == 0, out
    code, out = run("build", str(tmp_path), "--doc", "regioplan", "--to", "md", "--jobs", "1")
    assert code == 0, out
    assert (tmp_path / "build" / "lindeland" / "regioplan.md").is_file()


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "regiogen.yaml").write_text("organisatie: Eigen\n", "utf-8")
    code, out = run("init", str(tmp_path))
    assert code == 0
    assert "bestaat al, niet aangeraakt: regiogen.yaml" in out
    assert (tmp_path / "regiogen.yaml").read_text("utf-8") == "organisatie: Eigen\n"


def test_a_second_init_leaves_every_file_as_the_user_left_it(tmp_path: Path) -> None:
    """Every file init writes, the editor schemas included, is never overwritten."""
    assert run("init", str(tmp_path))[0] == 0
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert any(p.name.endswith(".schema.json") for p in written)
    for path in written:
        path.write_text(f"eigen versie van {path.name}\n", "utf-8")
    code, out = run("init", str(tmp_path))
    assert code == 0, out
    for path in written:
        assert path.read_text("utf-8") == f"eigen versie van {path.name}\n", path


def test_broken_yaml_gives_positioned_dutch_messages(project: Path) -> None:
    regio = project / "content" / "lindeland" / "regio.yaml"
    text = regio.read_text("utf-8")
    regio.write_text(text.replace("  status: vastgesteld", "  statsu: vastgesteld"), "utf-8")
    opgaven = project / "content" / "lindeland" / "opgaven.yaml"
    opgaven.write_text(opgaven.read_text("utf-8").replace("prioriteit: 2", "prioriteit: twee"))
    code, out = run("check", str(project))
    assert code == 1
    assert (
        "content/lindeland/regio.yaml:10:3: error[schema.unknown-key]: onbekende sleutel "
        "'statsu'; bedoelde u 'status'?" in out
    )
    assert "content/lindeland/opgaven.yaml:18:17: error[schema.type]: 'prioriteit'" in out
    assert "2 fout(en)" in out


def test_yaml_syntax_error_exit_1(project: Path) -> None:
    (project / "content" / "lindeland" / "extra.yaml").write_text("monitoring: [a, b\n")
    code, out = run("check", str(project))
    assert code == 1
    assert "content/lindeland/extra.yaml:" in out and "error[yaml.syntax]" in out


def test_json_format(project: Path) -> None:
    import json

    code, out = run("check", str(project), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["summary"]["error"] == 0


def test_bad_command_line_is_exit_2(project: Path) -> None:
    assert run("build", str(project), "--to", "odt")[0] == 2
    assert run("check", str(project), "--doc", "brief")[0] == 2
    assert run("bestaat-niet")[0] == 2
    code, out = run("check", str(project / "nergens"))
    assert code == 2
    assert "bestaat niet" in out


def test_override_without_required_section_fails_with_section_missing(project: Path) -> None:
    source = (builtin_templates_dir() / "regioplan.md.j2").read_text("utf-8")
    lines = [line for line in source.splitlines() if "{#monitoring}" not in line]
    assert len(lines) < len(source.splitlines())
    (project / "templates").mkdir()
    (project / "templates" / "regioplan.md.j2").write_text("\n".join(lines) + "\n", "utf-8")
    code, out = run("build", str(project), "--doc", "regioplan", "--to", "md", "-j", "1")
    assert code == 1
    assert "error[section.missing]: verplichte sectie 'monitoring' ontbreekt" in out
    assert not (project / "build" / "lindeland" / "regioplan.md").exists()


def test_build_refuses_output_inside_content(project: Path) -> None:
    code, out = run("build", str(project), "--out", str(project / "content" / "uit"))
    assert code == 2
    assert "ligt in content/" in out


def test_list_shows_regions_and_kinds(project: Path) -> None:
    code, out = run("list", str(project))
    assert code == 0
    assert "lindeland: regioplan (md, docx)" in out


def test_help_and_command_line_errors_are_dutch() -> None:
    code, out = run("--help")
    assert code == 0
    assert "[OPTIES] OPDRACHT [ARGUMENTEN]..." in out and "Gebruik:" in out
    assert "Opdrachten:" in out and "Toon deze hulp en stop." in out
    code, out = run("build", "--to", "odt")
    assert code == 2
    assert "Fout: Ongeldige waarde voor '--to': 'odt' is niet een van" in out
    code, out = run("buidl")
    assert code == 2
    assert "Onbekende opdracht 'buidl'" in out


def test_init_sets_up_the_editor_schemas(tmp_path: Path) -> None:
    import json

    assert run("init", str(tmp_path))[0] == 0
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["schemas/regiogen-config.schema.json"] == "regiogen.yaml"
    assert (tmp_path / "schemas" / "regiogen.schema.json").is_file()
    assert "schemas" not in (tmp_path / ".gitignore").read_text("utf-8")
    modeline = (tmp_path / "content" / "lindeland" / "regio.yaml").read_text("utf-8")
    assert modeline.startswith("# yaml-language-server: $schema=../../schemas/regiogen.schema.json")


def test_render_follows_the_output_extension(tmp_path: Path) -> None:
    source = tmp_path / "notitie.md"
    source.write_text("---\ntitel: Notitie\n---\n# Kop {#kop}\n\nTekst[^1].\n\n[^1]: Bron.\n")
    assert run("render", str(source), "-o", str(tmp_path / "n.docx"))[0] == 0
    assert (tmp_path / "n.docx").read_bytes()[:2] == b"PK"
    assert run("render", str(source), "-o", str(tmp_path / "n.html"))[0] == 0
    page = (tmp_path / "n.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="kop"' in page
    code, out = run("render", str(source), "-o", str(tmp_path / "n.odt"))
    assert code == 2
    assert "onbekend uitvoerformaat '.odt'" in out
    assert not (tmp_path / "n.odt").exists()


def test_a_heading_without_its_id_does_not_count_as_the_required_section(project: Path) -> None:
    source = (builtin_templates_dir() / "regioplan.md.j2").read_text("utf-8")
    edited = source.replace("# Monitoring {#monitoring}", "# Monitoring")
    assert edited != source
    (project / "templates").mkdir()
    (project / "templates" / "regioplan.md.j2").write_text(edited, "utf-8")
    code, out = run("build", str(project), "--doc", "regioplan", "--to", "md", "-j", "1")
    assert code == 1
    assert "error[section.missing]: verplichte sectie 'monitoring' ontbreekt" in out


def test_render_reports_a_bad_byte_at_its_position(tmp_path: Path) -> None:
    src = tmp_path / "oud.md"
    src.write_bytes(b"# Kop\n\nTekst\n\ncaf\xe9 hier\n")
    code, out = run("render", str(src), "-o", str(tmp_path / "oud.docx"))
    assert code == 1
    assert f"{src}:5:4: error[io.encoding]: ongeldige UTF-8 (byte 0xe9)" in out
    assert not (tmp_path / "oud.docx").exists()


def test_render_reports_an_output_it_cannot_write(tmp_path: Path) -> None:
    src = tmp_path / "a.md"
    src.write_text("# Kop\n", encoding="utf-8")
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    code, out = run("render", str(src), "-o", str(tmp_path / "bestand" / "a.docx"))
    assert code == 2  # a write that fails: the command could not run, the content is fine
    assert "error[io.write]:" in out and "kan niet worden geschreven" in out
    assert "interne fout" not in out


def test_render_with_an_unusable_reference_is_a_command_line_error(tmp_path: Path) -> None:
    src = tmp_path / "a.md"
    src.write_text("# Kop\n", encoding="utf-8")
    bad = tmp_path / "huisstijl.docx"
    bad.write_text("geen zip", encoding="utf-8")
    code, out = run("render", str(src), "-o", str(tmp_path / "a.docx"), "--reference-doc", str(bad))
    assert code == 2  # as for build
    assert "error[docx.reference]" in out
    assert not (tmp_path / "a.docx").exists()
