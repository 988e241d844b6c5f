"""Windows as far as Linux can simulate it: a cp1252 console, no os.killpg, install folders.

The real CLI runs in a child process with ``PYTHONIOENCODING=cp1252`` and its output
redirected to a file, as under PowerShell's ``>`` or in CI; what it writes must be UTF-8.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REGIOGEN

from regiogen.render import pdf, soffice


def _cli(args: list[str], out: Path, **env: str) -> int:
    environment = dict(os.environ) | {"PYTHONIOENCODING": "cp1252"} | env
    with out.open("wb") as handle:
        return subprocess.run(
            [*REGIOGEN, *args],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=environment,
            check=False,
            timeout=300,
        ).returncode


def test_build_through_a_cp1252_redirect_writes_utf8(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit.txt"  # the werkagenda: a document without figures, quick to make
    code = _cli(["build", str(project), "--to", "md", "-j", "1", "--doc", "werkagenda"], out)
    text = out.read_bytes().decode("utf-8")  # fails on cp1252 bytes such as b"\x80"
    assert code == 0, text
    assert "→" in text and "Traceback" not in text


def test_sarif_and_json_through_a_cp1252_redirect_are_utf8(project: Path, tmp_path: Path) -> None:
    regio = project / "content" / "lindeland" / "regio.yaml"
    regio.write_text(regio.read_text("utf-8").replace("status:", "statsu:"), "utf-8")
    for fmt in ("sarif", "json"):
        out = tmp_path / f"uit.{fmt}"
        code = _cli(["check", str(project), "--format", fmt], out)
        data = json.loads(out.read_bytes().decode("utf-8"))
        assert code == 1
        assert data  # parsed as UTF-8 JSON
        assert "onbekende sleutel" in out.read_text("utf-8")


def test_trace_through_a_cp1252_redirect(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "trace.txt"
    assert _cli(["trace", str(project)], out) == 0
    text = out.read_bytes().decode("utf-8")
    assert "└─" in text and "→" in text


def test_windows_install_folders_are_searched() -> None:
    env = {"PROGRAMFILES": r"C:\Program Files", "PROGRAMFILES(X86)": r"C:\Program Files (x86)"}
    places = soffice.install_locations(env, "win32")
    assert places[:2] == [
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    defaults = soffice.install_locations({}, "win32")
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in defaults


def test_an_install_folder_is_found_without_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = tmp_path / "soffice.exe"
    program.write_text("")
    monkeypatch.setattr(soffice.shutil, "which", lambda name: None)
    monkeypatch.delenv("LIBREOFFICE", raising=False)
    monkeypatch.delenv("SOFFICE", raising=False)
    monkeypatch.setattr(soffice, "install_locations", lambda: [str(tmp_path / "x"), str(program)])
    assert soffice.soffice_path() == str(program)


@pytest.mark.parametrize("variable", ["LIBREOFFICE", "SOFFICE"])
def test_environment_names_the_program_or_its_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str
) -> None:
    folder = tmp_path / "LibreOffice" / "program"
    folder.mkdir(parents=True)
    program = folder / "soffice.exe"
    program.write_text("")
    monkeypatch.setattr(soffice.shutil, "which", lambda name: None)
    monkeypatch.setenv(variable, str(program))
    assert soffice.soffice_path() == str(program)
    monkeypatch.setenv(variable, str(tmp_path / "LibreOffice"))
    assert soffice.soffice_path() == str(program)


def test_missing_program_message_names_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    _, diagnostics = pdf.docx_to_pdf(b"PK", name="a/b")
    assert "winget install TheDocumentFoundation.LibreOffice" in diagnostics[0].message
    assert "LIBREOFFICE" in diagnostics[0].message


def test_without_killpg_the_process_is_still_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "killpg")
    monkeypatch.setattr(soffice.shutil, "which", lambda name: None)  # no taskkill here either
    assert "start_new_session" not in soffice.group_options()
    command = [sys.executable, "-c", "import time; time.sleep(120)"]
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        process = real_popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(process)
        return process  # type: ignore[no-any-return]

    monkeypatch.setattr(soffice.subprocess, "Popen", popen)
    problem = soffice.run_soffice(command, dict(os.environ), timeout=0.2)
    assert problem is not None and "niet klaar" in problem
    assert started and started[0].poll() is not None  # ended, not left running


def test_kill_tree_uses_taskkill_when_there(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(soffice.shutil, "which", lambda name: "taskkill.exe")
    monkeypatch.setattr(soffice.subprocess, "run", lambda args, **kw: calls.append(args))

    class Running:
        pid = 4242
        killed = False

        def poll(self) -> None:
            return None

        def kill(self) -> None:
            self.killed = True

    process = Running()
    soffice._kill_tree(process)  # type: ignore[arg-type]
    assert calls == [["taskkill.exe", "/F", "/T", "/PID", "4242"]]
    assert process.killed


def test_backslash_paths_become_forward_slashes_in_reports() -> None:
    from regiogen.cli.codequality import to_codequality
    from regiogen.cli.sarif import to_sarif
    from regiogen.diagnostics import error

    found = [error("schema.missing", "ontbreekt", "content\\lindeland\\regio.yaml", 3, 1)]
    sarif = json.loads(to_sarif(found, [], "0"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "content/lindeland/regio.yaml"
    quality = json.loads(to_codequality(found))
    assert quality[0]["location"]["path"] == "content/lindeland/regio.yaml"


def test_build_without_soffice_writes_word_and_exits_2(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No LibreOffice: .md and .docx written, one finding, exit 2 (a tool could not run)."""
    from click.testing import CliRunner

    from regiogen.cli.main import cli

    bare = tmp_path / "bin"
    bare.mkdir()
    for name, value in (("PATH", str(bare)), ("LIBREOFFICE", ""), ("SOFFICE", "")):
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(
        cli,
        ["build", str(project), "--to", "md", "--to", "docx", "--to", "pdf", "-j", "1",
         "--doc", "toetsing", "--doc", "werkagenda"],  # two documents without figures
    )  # fmt: skip
    text = result.output
    assert result.exit_code == 2, text
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert (project / "build" / "lindeland" / "toetsing.docx").is_file()
    assert (project / "build" / "lindeland" / "werkagenda.md").is_file()
    assert not (project / "build" / "lindeland" / "toetsing.pdf").exists()
    assert text.count("build.tool-missing]") == 1
    assert "2 documenten zonder PDF" in text
