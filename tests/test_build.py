"""Builds a team can trust: same bytes, manifest, incremental skip, verify, stale, atomic."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    FULL_BUILD,
    MARKDOWN_BUILD,
    PYTHON,
    REGIOGEN,
    TWO_REGIONS,
    TWO_REGIONS_ARGS,
    Built,
)
from later_clock import LATER_BY_A_DAY

from regiogen.cli.main import cli
from regiogen.files import write_atomic


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_in_subprocess(
    project: Path, out: Path, *args: str, later: bool = False, **env: str
) -> None:
    """``regiogen build`` in a fresh process with extra environment variables, running the
    same regiogen as this process (:data:`conftest.PYTHON`); with ``later`` its clock says
    the next day (:mod:`later_clock`)."""
    environment = dict(os.environ, **env)
    if "SOURCE_DATE_EPOCH" not in env:
        environment.pop("SOURCE_DATE_EPOCH", None)
    argv = ["build", str(project), "--out", str(out), "-q", *args]
    command = [*REGIOGEN, *argv]
    if later:
        run = f"import runpy, sys; sys.argv = {['regiogen', *argv]!r}; "
        run += "runpy.run_module('regiogen', run_name='__main__', alter_sys=True)"
        command = [*PYTHON, "-c", LATER_BY_A_DAY + run]
    subprocess.run(
        command,
        check=True,
        env=environment,
        capture_output=True,
        cwd=out.parent,
    )


#: Every output format; the regioplan (with figures) and the bijlage (with the workbook).
ALL_FORMATS = ("--doc", "regioplan", "--doc", "spuk-iza-bijlage", "--to", "md", "--to", "docx",
               "--to", "html", "--to", "xlsx", "-j", "1")  # fmt: skip


@pytest.mark.slow
def test_same_bytes_across_time_and_time_zones(example_built: Built, tmp_path: Path) -> None:
    """A build in this process and one a day later in a fresh process, in another time zone
    (UTC+14: a different date from most of the world), give the same bytes."""
    project = example_built(*ALL_FORMATS)
    first, second = project / "build", tmp_path / "b2"
    # a day later (another date, another zip time), in UTC+14
    build_in_subprocess(project, second, *ALL_FORMATS, later=True, TZ="Pacific/Kiritimati")
    one, two = digests(first), digests(second)
    for suffix in (".md", ".docx", ".html", ".xlsx"):
        assert any(name.endswith(suffix) for name in one), suffix
    assert one == two


def test_source_date_epoch_sets_dates_and_stays_reproducible(project: Path, tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH gives the documents its date, and a second build the same bytes.
    (That a fresh process, a day later, in another time zone, gives the same bytes is
    :func:`test_same_bytes_across_time_and_time_zones`.)"""
    for out in ("e1", "e2"):
        args = ["build", str(project), "--out", str(tmp_path / out), "-q", "--doc", "werkagenda"]
        result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.exit_code == 0, result.output
    assert digests(tmp_path / "e1") == digests(tmp_path / "e2")
    import zipfile

    with zipfile.ZipFile(tmp_path / "e1" / "lindeland" / "werkagenda.docx") as docx:
        assert "2023-11-14T22:13:20Z" in docx.read("docProps/core.xml").decode()


def test_manifest_lists_outputs_and_their_inputs(example_built: Built) -> None:
    project = example_built(*MARKDOWN_BUILD)
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    outputs = manifest["outputs"]
    assert "lindeland/regioplan.md" in outputs
    for rel, entry in outputs.items():
        data = (project / "build" / rel).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert "content/lindeland/afspraken.yaml" in entry["inputs"]
        assert any(key.endswith("regioplan.md.j2") for key in entry["inputs"])
    assert manifest["regiogen"]


def test_noop_rebuild_skips_and_change_rebuilds(example_built: Built) -> None:
    project = example_built(*MARKDOWN_BUILD)
    code, out = run("build", str(project), "--to", "md", "-j", "1")
    assert code == 0
    assert "0 geschreven" in out and "1 onderdeel al actueel" in out
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    afspraken.write_text(
        afspraken.read_text("utf-8").replace(
            "Mentale gezondheid in de wijk", "Mentale gezondheid dichtbij"
        )
    )
    code, out = run("build", str(project), "--to", "md", "-j", "1")
    assert code == 0
    assert "0 onderdelen al actueel" in out
    assert "Mentale gezondheid dichtbij" in (
        project / "build" / "lindeland" / "regioplan.md"
    ).read_text("utf-8")
    code, out = run("build", str(project), "--to", "md", "-j", "1", "--force")
    assert "0 onderdelen al actueel" in out


def test_verify_detects_stale_and_foreign_files(example_built: Built) -> None:
    project = example_built(*FULL_BUILD)
    code, out = run("verify", str(project))
    assert code == 0, out
    target = project / "build" / "lindeland" / "werkagenda.md"
    target.write_text(target.read_text("utf-8") + "\nhandwerk\n", "utf-8")
    (project / "build" / "lindeland" / "oud.docx").write_bytes(b"x")
    code, out = run("verify", str(project))
    assert code == 1
    assert "verouderd: lindeland/werkagenda.md" in out
    assert "vreemd: lindeland/oud.docx" in out


def test_verify_checks_the_manifest_checksums_not_its_bookkeeping(example_built: Built) -> None:
    project = example_built(*FULL_BUILD)
    # a filtered build changes how outputs were asked for, not a byte of them
    assert run("build", str(project), "--doc", "regioplan", "--to", "md", "-j", "1")[0] == 0
    code, out = run("verify", str(project))
    assert code == 0, out
    manifest = project / "build" / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["outputs"]["lindeland/regioplan.md"]["sha256"] = "0" * 64
    manifest.write_text(json.dumps(data), "utf-8")
    code, out = run("verify", str(project))
    assert code == 1
    assert "manifest: lindeland/regioplan.md ontbreekt of heeft een andere sha256" in out


def test_stale_outputs_reported_and_removed_only_with_clean(example_built: Built) -> None:
    project = example_built(*TWO_REGIONS_ARGS, regions=TWO_REGIONS)
    assert (project / "build" / "tweede" / "regioplan.md").exists()
    shutil.rmtree(project / "content" / "tweede")
    _, out = run("build", str(project), "--to", "md", "-j", "1")
    assert "warning[build.stale]" in out and "tweede/regioplan.md" in out
    assert (project / "build" / "tweede" / "regioplan.md").exists()
    _code, out = run("build", str(project), "--to", "md", "-j", "1", "--clean")
    assert not (project / "build" / "tweede").exists() or not any(
        (project / "build" / "tweede").iterdir()
    )


def test_failing_document_leaves_its_previous_output_untouched(example_built: Built) -> None:
    project = example_built(*MARKDOWN_BUILD)
    before = digests(project / "build")
    (project / "templates").mkdir()
    (project / "templates" / "werkagenda.md.j2").write_text("# Leeg {#iets-anders}\n\ntekst\n")
    regio = project / "content" / "lindeland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8").replace('versie: "0.9"', 'versie: "1.0"'))
    code, out = run("build", str(project), "--to", "md", "-j", "1")
    assert code == 1
    assert "section.missing" in out
    after = digests(project / "build")
    assert after["lindeland/werkagenda.md"] == before["lindeland/werkagenda.md"]
    assert after["lindeland/regioplan.md"] != before["lindeland/regioplan.md"]


def test_write_atomic_keeps_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"oud")

    def broken_replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"nieuw")
    assert target.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_no_git_stamp_in_client_documents_by_default(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "inhoud")
    commit = _git(project, "log", "-1", "--format=%h", "--abbrev=10")
    assert run("build", str(project), "--doc", "regioplan", "-j", "1")[0] == 0
    markdown = (project / "build" / "lindeland" / "regioplan.md").read_text("utf-8")
    assert 'versie: "0.9"' in markdown and commit not in markdown


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_stamp_on_cover_and_in_properties(project: Path) -> None:
    import zipfile

    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "inhoud")
    commit = _git(project, "log", "-1", "--format=%h", "--abbrev=10")
    args = ("build", str(project), "--doc", "regioplan", "-j", "1", "--git-stamp")
    assert run(*args)[0] == 0
    markdown = (project / "build" / "lindeland" / "regioplan.md").read_text("utf-8")
    assert f'versie: "0.9 ({commit})"' in markdown
    with zipfile.ZipFile(project / "build" / "lindeland" / "regioplan.docx") as docx:
        assert f"<cp:version>0.9 ({commit})</cp:version>" in docx.read("docProps/core.xml").decode()
        assert commit in docx.read("word/document.xml").decode()  # the cover
    regio = project / "content" / "lindeland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8") + "\n", "utf-8")
    assert run(*args)[0] == 0
    markdown = (project / "build" / "lindeland" / "regioplan.md").read_text("utf-8")
    assert f'versie: "0.9 ({commit}-dirty)"' in markdown
    assert run("build", str(project), "--doc", "regioplan", "-j", "1")[0] == 0
    markdown = (project / "build" / "lindeland" / "regioplan.md").read_text("utf-8")
    assert 'versie: "0.9"' in markdown


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_commit_in_one_region_does_not_restamp_another(project: Path) -> None:
    (project / "regiogen.yaml").write_text("git_stempel: ja\n", "utf-8")
    shutil.copytree(project / "content" / "lindeland", project / "content" / "zuidland")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "inhoud")
    first = _git(project, "log", "-1", "--format=%h", "--abbrev=10")
    regio = project / "content" / "zuidland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8") + "\n", "utf-8")
    _git(project, "commit", "-qam", "alleen zuidland")
    second = _git(project, "log", "-1", "--format=%h", "--abbrev=10")
    assert run("build", str(project), "--doc", "regioplan", "--to", "md", "-j", "1")[0] == 0
    lindeland = (project / "build" / "lindeland" / "regioplan.md").read_text("utf-8")
    zuidland = (project / "build" / "zuidland" / "regioplan.md").read_text("utf-8")
    assert f"({first})" in lindeland and f"({second})" in zuidland


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_verify_after_committing_sources_and_build_together(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "inhoud")
    regio = project / "content" / "lindeland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8").replace('versie: "0.9"', 'versie: "1.0"'))
    assert run("build", str(project), "-j", "1", "--git-stamp")[0] == 0
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "inhoud en documenten")
    code, out = run("verify", str(project))
    assert code == 0, out
    assert "warning[build.stamp]" in out and "-dirty" in out
    assert run("build", str(project), "-j", "1", "--no-git-stamp")[0] == 0
    code, out = run("verify", str(project))
    assert code == 0, out


def test_a_repeated_filtered_build_is_skipped_too(example_built: Built) -> None:
    project = example_built(*FULL_BUILD)
    args = ("build", str(project), "--doc", "regioplan", "--to", "md", "-j", "1")
    assert run(*args)[0] == 0  # other options than the full build: made again
    code, out = run(*args)
    assert code == 0
    assert "0 geschreven, 0 ongewijzigd, 1 onderdeel al actueel" in out
    code, out = run("build", str(project), "-j", "1")  # and the full build still completes
    assert code == 0 and "warning[build.stale]" not in out
    assert (project / "build" / "lindeland" / "werkagenda.docx").is_file()
