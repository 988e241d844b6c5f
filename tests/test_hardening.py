"""Regression tests for issue #12 (hardening), one group per item of the issue.

Each test failed on the code before the fix. Nothing here measures wall-clock time: work is
bounded by counts, processor time (``time.process_time``) or resource limits.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MARKDOWN_BUILD, Built

from regiogen.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
HANDREIKING = REPO / "content" / "handreiking"
FAST = MARKDOWN_BUILD
#: Making symbolic links needs extra rights on Windows.
needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    assert "interne fout" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree(folder: Path, *, skip: Path | None = None) -> dict[str, str]:
    """sha256 of every file under ``folder`` (links by target), keyed by relative path."""
    from test_hostile import sha256_tree

    return sha256_tree(folder, skip=skip)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def region_file(project: Path, name: str, region: str = "lindeland") -> Path:
    return project / "content" / region / name


# --- 1. an id is a name, never a path ------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["x/../../somewhere/pwn", "x/../../../content/lindeland/regio", "..", "T1\u202e"]
)
def test_id_with_a_path_is_refused_and_nothing_is_written_outside(
    project: Path, tmp_path: Path, bad_id: str
) -> None:
    plans = region_file(project, "transformatieplannen.yaml")
    edit(plans, "  - id: T1\n", f"  - id: {json.dumps(bad_id)}\n")
    before = tree(tmp_path, skip=project / "build")
    code, out = run("check", str(project))
    assert code == 1
    assert "content/lindeland/transformatieplannen.yaml:" in out
    assert "error[schema.value]" in out and "geen geldig id" in out
    code, out = run("build", str(project), *FAST)
    assert code == 1
    assert tree(tmp_path, skip=project / "build") == before  # nothing outside build/


def test_output_paths_outside_the_output_folder_are_refused(tmp_path: Path) -> None:
    from regiogen.build.output import UnsafeOutput, output_target

    out = tmp_path / "build"
    for rel in ("../x.md", "/etc/x.md", "a/../../x.md", "", "..", "c:/x.md", "a\\..\\b"):
        with pytest.raises(UnsafeOutput):
            output_target(out, rel)
    assert output_target(out, "lindeland/regioplan.md") == out.resolve() / "lindeland/regioplan.md"
    assert not (tmp_path / "x.md").exists()


@needs_symlinks
def test_folders_checked_once_still_refuse_links_to_files_and_new_folders(tmp_path: Path) -> None:
    """A region's files share one check of their folders; each file is still looked at."""
    from regiogen.build.output import UnsafeOutput, output_target

    out, outside = tmp_path / "build", tmp_path / "elders"
    outside.mkdir()
    (outside / "x.md").write_text("van iemand anders", "utf-8")
    checked: dict[str, Path] = {}
    assert output_target(out, "r/a.md", checked) == out.resolve() / "r" / "a.md"
    assert "r" in checked
    (out / "r" / "b.md").symlink_to(outside / "x.md")
    with pytest.raises(UnsafeOutput, match="snelkoppeling"):
        output_target(out, "r/b.md", checked)
    (out / "r" / "c-grafieken").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeOutput, match="snelkoppeling"):
        output_target(out, "r/c-grafieken/1.png", checked)
    assert (outside / "x.md").read_text("utf-8") == "van iemand anders"


# --- 2. links in build/ are not followed ---------------------------------------------------------


@pytest.mark.parametrize("to", ["content", "outside"])
@needs_symlinks
def test_link_in_build_is_not_followed(example_built: Built, tmp_path: Path, to: str) -> None:
    project = example_built(*FAST)
    outside = tmp_path / "elders"
    outside.mkdir()
    target = project / "content" / "lindeland" if to == "content" else outside
    shutil.rmtree(project / "build" / "lindeland")
    (project / "build" / "lindeland").symlink_to(target, target_is_directory=True)
    sources = tree(project / "content")
    code, out = run("build", str(project), *FAST, "--force")
    assert code == 2, out  # the outputs could not be written: not a content error
    assert "build/lindeland/regioplan.md: error[io.output-link]:" in out
    assert "snelkoppeling" in out
    assert tree(project / "content") == sources
    assert list(outside.iterdir()) == []


# --- 3. --out never deletes files regiogen did not write -----------------------------------------


def test_out_keeps_hidden_tmp_files_it_did_not_write(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    (out / "sub").mkdir(parents=True)
    mine = [out / ".notities.tmp", out / "sub" / ".concept.docx.tmp", out / "sub" / "a.tmp"]
    for path in mine:
        path.write_text("van de gebruiker", "utf-8")
    leftover = out / ".regioplan.md.abc123.regiogen-tmp"  # one of regiogen's own, from a kill
    leftover.write_text("half", "utf-8")
    code, out_text = run("build", str(project), "--out", str(out), *FAST)
    assert code == 0, out_text
    for path in mine:
        assert path.read_text("utf-8") == "van de gebruiker"
    assert not leftover.exists()


# --- 4. templates are bounded --------------------------------------------------------------------

HOSTILE_TEMPLATES = {
    "nested-loop": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}"
    "{% endfor %}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "join": "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(64) %}"
    "{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}",
    "many-1mb": "{% set ns = namespace(l=[]) %}{% for i in range(5000) %}"
    "{% set ns.l = ns.l + ['x' * 1000000 ~ i] %}{% endfor %}",
    "macro-tree": "{% macro m(n) %}{{ 'y' * 1000 }}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}"
    "{% endif %}{% endmacro %}{{ m(40) }}",
    "nested-lists": "{% set x = [['y' * 1000000] * 1000] * 1000 %}{{ x }}",
}


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (0 where the system cannot tell)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", sorted(HOSTILE_TEMPLATES))
def test_template_without_limits_stops_with_template_limit(name: str, tmp_path: Path) -> None:
    """Each runaway template stops with template.limit at its file and line, within a bounded
    amount of processor time and memory (counted, not timed on the wall clock)."""
    from regiogen.render.markdown import render_template

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text("# Kop\n\n" + HOSTILE_TEMPLATES[name] + "\n", "utf-8")
    rss_before = _peak_rss_mb()
    cpu = time.process_time()
    result = render_template("t.md.j2", {}, project_templates=templates, display_root=tmp_path)
    cpu = time.process_time() - cpu
    grown_mb = _peak_rss_mb() - rss_before
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["template.limit"]
    assert result.diagnostics[0].path == "templates/t.md.j2"
    assert result.diagnostics[0].line == 3
    assert cpu < 20, f"{cpu:.1f} s processor time"
    assert grown_mb < 600, f"peak memory grew by {grown_mb:.0f} MB"


def test_template_limits_are_set_in_regiogen_yaml(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    body = (REPO / "templates" / "werkagenda.md.j2").read_text("utf-8")
    # far more steps than the template itself takes, far fewer than the default limit
    loop = "{% for i in range(100000) %}{% endfor %}\n"
    (templates / "werkagenda.md.j2").write_text(body + loop, "utf-8")
    code, out = run("build", str(project), "--doc", "werkagenda", *FAST)
    assert code == 0, out
    (project / "regiogen.yaml").write_text("sjabloongrenzen: {stappen: 50000}\n", "utf-8")
    code, out = run("build", str(project), "--doc", "werkagenda", *FAST)
    assert code == 1, out
    assert "templates/werkagenda.md.j2:" in out and "error[template.limit]" in out
    assert "sjabloongrenzen.stappen" in out


def test_handreiking_chapter_is_bounded(project: Path) -> None:
    shutil.copytree(HANDREIKING, project / "content" / "handreiking")
    chapter = project / "content" / "handreiking" / "02-achtergrond.md"
    chapter.write_text(
        chapter.read_text("utf-8")
        + "\n{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}\n",
        "utf-8",
    )
    code, out = run("build", str(project), "--doc", "handreiking", *FAST)
    assert code == 1
    assert "content/handreiking/02-achtergrond.md:" in out and "template.limit" in out


# --- 5. the reference document -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_reference_doc_that_is_a_fifo_is_refused(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "huisstijl.docx"
    os.mkfifo(fifo)
    code, out = run("build", str(project), "--reference-doc", str(fifo), "--to", "docx")
    assert code == 2
    assert "error[docx.reference]" in out and "geen gewoon bestand" in out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_reference_doc_dev_zero_is_refused(project: Path) -> None:
    code, out = run("render", str(REPO / "README.md"), "-o", str(project / "a.docx"),
                    "--reference-doc", "/dev/zero")  # fmt: skip
    assert code == 2
    assert "geen gewoon bestand" in out
    code, out = run("build", str(project), "--reference-doc", "/dev/zero", "--to", "docx")
    assert code == 2


def test_reference_doc_is_read_with_a_size_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regiogen.render.docx.reference as reference

    big = tmp_path / "groot.docx"
    big.write_bytes(b"PK" + b"\0" * 4096)
    monkeypatch.setattr(reference, "MAX_REFERENCE_BYTES", 1024)
    with pytest.raises(reference.ReferenceDocError, match="groter dan"):
        reference.load_reference(big)


# --- 6. amounts of 31 digits and more ------------------------------------------------------------


@pytest.mark.parametrize("digits", [16, 31, 60])
def test_huge_amount_is_a_positioned_error(project: Path, digits: int) -> None:
    amount = "1" * digits
    edit(region_file(project, "begroting.yaml"), '"118000"', f'"{amount}"')
    for command in ("check", "build"):
        args = (command, str(project)) if command == "check" else ("build", str(project), *FAST)
        code, out = run(*args)
        assert code == 1, out
        assert "content/lindeland/begroting.yaml:" in out and "error[schema.money]" in out
        assert "cijfers voor de komma" in out


# --- 7. OS errors: Dutch, relative, per document -------------------------------------------------


def test_locked_output_is_a_finding_and_the_rest_is_built(
    example_built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word on Windows keeps an open document locked: replacing it fails with a
    PermissionError. That document keeps its old version; every other one is written."""
    import regiogen.files as files

    project = example_built(*FAST, "--to", "docx")
    build = project / "build"
    old = tree(build)
    edit(region_file(project, "regio.yaml"), 'versie: "0.9"', 'versie: "1.0"')
    real_replace = os.replace

    def locked(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("regioplan.docx"):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", locked)
    code, out = run("build", str(project), *FAST, "--to", "docx")
    assert code == 2, out  # could not do all its work; not a content error
    assert "build/lindeland/regioplan.docx: error[io.write]:" in out
    assert "geopend in een ander programma" in out
    assert str(project) not in out.split("→")[0]  # no absolute path in the findings
    new = tree(build)
    assert new["lindeland/regioplan.docx"] == old["lindeland/regioplan.docx"]
    assert new["lindeland/regioplan.md"] != old["lindeland/regioplan.md"]
    assert new["lindeland/werkagenda.docx"] != old["lindeland/werkagenda.docx"]
    assert not [p for p in build.rglob("*") if p.name.endswith(".regiogen-tmp")]
    monkeypatch.setattr(files.os, "replace", real_replace)
    code, out = run("build", str(project), *FAST, "--to", "docx")
    assert code == 0, out  # not "already up to date": the locked document is made now
    assert tree(build)["lindeland/regioplan.docx"] != old["lindeland/regioplan.docx"]


def test_os_reasons_are_dutch() -> None:
    from regiogen.diagnostics import os_reason, write_error

    assert os_reason(OSError(errno.ENAMETOOLONG, "File name too long")) == (
        "bestandsnaam of pad te lang"
    )
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "schijf vol"
    full = write_error(OSError(errno.ENOSPC, "No space", "/abs/build/x.md"), "build/x.md")
    assert full.format().startswith("build/x.md: error[io.write]: ")
    assert "/abs" not in full.format() and "schijf vol" in full.message


def test_disk_full_is_a_finding_per_document(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regiogen.files as files

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    code, out = run("build", str(project), *FAST)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert code == 2
    assert (
        "build/lindeland/regioplan.md: error[io.write]: kan niet worden geschreven (schijf vol)"
        in out
    )


# --- 8. a failing region leaves what depends on it as it was -------------------------------------


def test_failing_region_keeps_its_documents_and_the_handreiking(example_built: Built) -> None:
    project = example_built(*FAST, regions=("lindeland", "oost"), handreiking=True)
    before = tree(project / "build")
    edit(region_file(project, "regio.yaml", "oost"), "  status: vastgesteld", "  status: klaar")
    edit(region_file(project, "regio.yaml", "lindeland"), 'versie: "0.9"', 'versie: "1.1"')
    code, out = run("build", str(project), *FAST)
    assert code == 1, out
    after = tree(project / "build")
    for rel in ("handreiking/handreiking.md", "oost/regioplan.md", "oost/werkagenda.md"):
        assert after[rel] == before[rel], f"{rel} changed"
    assert after["lindeland/regioplan.md"] != before["lindeland/regioplan.md"]
    assert "build/handreiking/handreiking.md: warning[build.kept]:" in out
    assert "regio 'oost' heeft fouten" in out
    assert "build/oost/regioplan.md: warning[build.kept]:" in out
    # still kept (and said so) when nothing changed since
    code, out = run("build", str(project), *FAST)
    assert code == 1
    assert (
        tree(project / "build")["handreiking/handreiking.md"]
        == before["handreiking/handreiking.md"]
    )


# --- 9. findings are remembered ------------------------------------------------------------------


def test_up_to_date_build_reports_its_findings_again(project: Path) -> None:
    edit(
        region_file(project, "afspraken.yaml"), "trekker: ggz-rivierduin", "trekker: ggd-lindeland"
    )
    code, first = run("build", str(project), *FAST)
    assert code == 1
    assert "error[iza." in first
    code, second = run("build", str(project), *FAST)
    assert code == 1, second
    assert "1 onderdeel al actueel" in second
    errors = [line for line in first.splitlines() if ": error[" in line]
    assert errors and all(line in second for line in errors)


def test_build_strict_fails_on_warnings_like_check_strict(project: Path) -> None:
    (project / "regiogen.yaml").write_text(
        "regels:\n  iza.bestaat-niet: {uit: ja, reden: test}\n", "utf-8"
    )
    assert run("check", str(project), "--strict")[0] == 1
    for _ in range(2):  # also when the build is up to date
        code, out = run("build", str(project), *FAST, "--strict")
        assert code == 1, out
        assert "iza.bestaat-niet" in out


def test_strict_build_fails_on_stored_warnings(project: Path) -> None:
    regio = region_file(project, "regio.yaml")
    edit(regio, "    jaar: 2035\n", "")  # an ambitie without a year: a warning
    code, out = run("build", str(project), *FAST, "--strict")
    assert code == 1 and "warning[iza.ambitie.meetbaar]" in out
    code, out = run("build", str(project), *FAST, "--strict")
    assert code == 1 and "warning[iza.ambitie.meetbaar]" in out


# --- 10. nothing in the handreiking folder is ignored without a word -----------------------------


def test_extra_yaml_in_handreiking_is_reported(project: Path) -> None:
    shutil.copytree(HANDREIKING, project / "content" / "handreiking")
    (project / "content" / "handreiking" / "extra.yaml").write_text(
        "x: !!python/object/apply:os.system ['echo pwned']\n", "utf-8"
    )
    for args in (("check",), ("build", *FAST)):
        _, out = run(args[0], str(project), *args[1:])
        assert "content/handreiking/extra.yaml: warning[io.ignored]:" in out, out
        assert "pwned" not in out and "yaml.tag" not in out


def test_check_reads_the_handreiking_index(project: Path) -> None:
    shutil.copytree(HANDREIKING, project / "content" / "handreiking")
    index = project / "content" / "handreiking" / "_index.yaml"
    index.write_text("titl: Handreiking\n" + index.read_text("utf-8"), "utf-8")
    code, out = run("check", str(project))
    assert code == 1
    assert "content/handreiking/_index.yaml:1:1: error[schema.unknown-key]" in out


# --- 11. all findings of a region in one round ---------------------------------------------------


def test_schema_references_and_rules_in_one_round(project: Path) -> None:
    edit(region_file(project, "afspraken.yaml"), "datum: 2025-12-31", "datum: 2025-13-31")
    edit(region_file(project, "opgaven.yaml"), "knelpunten: [K1", "knelpunten: [K99")
    regiobeeld = region_file(project, "regiobeeld.yaml")
    edit(regiobeeld, "  knelpunten:\n", "  knelpunten:\n    - {id: K9, titel: Los knelpunt}\n")
    code, out = run("check", str(project))
    assert code == 1
    assert "error[schema.date]" in out  # schema, afspraken.yaml
    assert "error[ref.unknown]: onbekend knelpunt 'K99'" in out  # references, opgaven.yaml
    assert "error[iza.knelpunt.opgepakt]" in out and "K9" in out  # rules


def test_bad_utf8_in_one_file_does_not_hide_the_others(project: Path) -> None:
    region_file(project, "extra.yaml").write_bytes(b"monitoring:\n  toelichting: \xff\n")
    edit(region_file(project, "afspraken.yaml"), "datum: 2025-12-31", "datum: 2025-13-31")
    code, out = run("check", str(project))
    assert code == 1
    assert "content/lindeland/extra.yaml:2:16: error[io.encoding]" in out
    assert "content/lindeland/afspraken.yaml:" in out and "error[schema.date]" in out
    assert "schema.missing" not in out  # what the unreadable file held is not "missing"


# --- 12. init, templates/ outside, direction-changing characters ---------------------------------


@needs_symlinks
def test_init_with_a_dangling_gitignore_link(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").symlink_to(tmp_path / "nergens")
    code, out = run("init", str(tmp_path))
    assert code == 0, out
    assert "bestaat al, niet aangeraakt: .gitignore" in out
    assert (tmp_path / ".gitignore").is_symlink()


@needs_symlinks
def test_templates_link_out_of_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "vreemd"
    elsewhere.mkdir()
    (elsewhere / "regioplan.md.j2").write_text("# Vreemd\n", "utf-8")
    (project / "templates").symlink_to(elsewhere, target_is_directory=True)
    code, out = run("build", str(project), *FAST)
    assert code == 2
    assert "templates: error[io.outside-project]" in out
    assert not (project / "build").exists()


def test_direction_override_characters_are_reported(project: Path) -> None:
    edit(region_file(project, "regio.yaml"), "naam: Regio Lindeland", "naam: Regio \u202eLindeland")
    code, out = run("check", str(project), "--strict")
    assert code == 1
    assert "content/lindeland/regio.yaml:" in out and "warning[text.bidi]" in out
    assert "U+202E" in out


def test_direction_override_in_a_region_name_is_reported(project: Path) -> None:
    (project / "content" / "lindeland").rename(project / "content" / "lindeland\u202egpj")
    _, out = run("check", str(project))
    line = next(line for line in out.splitlines() if "warning[text.bidi]" in line)
    assert line.startswith("content/lindeland\\u202egpj: ") and "\u202e" not in line


# --- 13. exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "build", "trace"])
def test_unknown_regio_exits_2(project: Path, command: str) -> None:
    code, out = run(command, str(project), "--regio", "nope")
    assert code == 2, out
    assert "'nope'" in out and "lindeland" in out


def test_folder_that_is_no_project_exits_2(tmp_path: Path) -> None:
    for command in ("check", "build", "list"):
        code, out = run(command, str(tmp_path))
        assert code == 2
        assert "geen regiogen-project" in out
        assert "regiogen.yaml:" not in out  # no position in a file that does not exist


# --- 14. the incremental key knows regiogen's own code -------------------------------------------


def test_other_regiogen_code_rebuilds(
    example_built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regiogen.build.output as output
    import regiogen.build.pipeline as pipeline

    project = example_built(*FAST)
    code, out = run("build", str(project), *FAST)
    assert "1 onderdeel al actueel" in out
    output.code_fingerprint.cache_clear()
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "een andere versie van regiogen")
    code, out = run("build", str(project), *FAST)
    assert code == 0
    assert "0 onderdelen al actueel" in out
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    assert manifest["code"] == "een andere versie van regiogen"


def test_code_fingerprint_covers_the_package_and_templates() -> None:
    from regiogen.build.output import code_fingerprint

    assert len(code_fingerprint()) == 64
    assert sys.modules["regiogen.build.output"].code_fingerprint() == code_fingerprint()
