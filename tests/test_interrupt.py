"""An interrupted build (Ctrl-C or kill) leaves every earlier output whole."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import REGIOGEN, cli_build, made_once
from output_lines import ctrl_c_as_in_a_terminal

#: Three regions: enough for a build to be midway (one region written, two still to go, also
#: with two workers) and for kills at many moments (twelve outputs), at less processor time
#: than more regions would take.
REGIONS = ("noord", "oost", "zuid")
#: How long a build may take to reach a state before the test gives up: only a guard against a
#: build that never gets there, not a measure of how long it takes.
GUARD = 600.0
#: The build date of every build here (the shared build and the builds under test alike).
EPOCH = "1700000000"
#: What every build here is asked for (after the project folder).
BUILD_ARGS = ("--no-git-stamp", "--doc", "regioplan")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="signals to process groups: POSIX only"),
]


EXAMPLE = Path(__file__).resolve().parent.parent / "content" / "lindeland"


def _project(tmp_path: Path, example: Path) -> Path:
    root = tmp_path / "p"
    for name in REGIONS:
        shutil.copytree(example, root / "content" / name)
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The regions built once per test run (the regioplan, Markdown and Word); each
    test gets its own copy, which a build finds up to date."""

    def make(folder: Path) -> None:
        _build_here(_project(folder, EXAMPLE), "--to", "md", "--to", "docx")

    return made_once(tmp_path_factory, "interrupt-built", make) / "p"


def _build_here(root: Path, *extra: str) -> str:
    """The build of :func:`_build` in this process (click's runner), where it is not the
    build under test: the shared one before, or the one that finishes after an interrupted
    build. It must succeed; returns what it said."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.delenv("REGIOGEN_TEST_PAUSE_AFTER", raising=False)
        return cli_build(root, *BUILD_ARGS, "-j", "1", *extra)


def _built_copy(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    return root


def _build(
    root: Path, *extra: str, pause_after: int | None = None, new_session: bool = False
) -> subprocess.Popen[str]:
    """Start a build of the regioplan; with ``pause_after`` it stops itself (SIGSTOP) once it
    has written that many regions (the build's test hook ``REGIOGEN_TEST_PAUSE_AFTER``)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env.pop("REGIOGEN_TEST_PAUSE_AFTER", None)
    if pause_after is not None:
        env["REGIOGEN_TEST_PAUSE_AFTER"] = str(pause_after)
    return subprocess.Popen(
        [
            *(*REGIOGEN, "build", str(root)),
            *BUILD_ARGS,
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=new_session,
        **ctrl_c_as_in_a_terminal(),
    )


def _wait_until_paused(process: subprocess.Popen[str]) -> None:
    """Wait until the build has stopped itself at its pause (a state, not a moment): waitpid
    reports a stopped child without reaping it. Fails if the build ends instead."""
    deadline = time.monotonic() + GUARD
    while True:
        pid, status = os.waitpid(process.pid, os.WUNTRACED | os.WNOHANG)
        if pid:
            if os.WIFSTOPPED(status):
                return
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(
                f"de build eindigde ({process.returncode}) vóór de pauze:\n{output}"
            )
        assert time.monotonic() < deadline, f"de build pauzeerde niet binnen {GUARD:.0f} s"
        time.sleep(0.05)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.mark.parametrize("name", ["SIGKILL", "SIGINT"])
def test_interrupted_build_leaves_outputs_whole(built: Path, tmp_path: Path, name: str) -> None:
    sig = getattr(signal, name)
    root = _built_copy(built, tmp_path)
    old = _snapshot(root / "build")
    for name in REGIONS:  # change every region so that everything is rebuilt
        regio = root / "content" / name / "regio.yaml"
        regio.write_text(regio.read_text("utf-8").replace('versie: "0.9"', 'versie: "2.0"'))
    process = _build(root, "-j", "1", pause_after=1)
    _wait_until_paused(process)  # one region written, two still to go
    process.send_signal(sig)
    process.send_signal(signal.SIGCONT)
    process.wait(timeout=GUARD)
    assert process.stdout is not None
    rest = process.stdout.read()
    total = len(REGIONS)
    assert "klaar: " in rest and f"(1/{total})" in rest and f"(2/{total})" not in rest
    assert "Traceback" not in rest
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert "afgebroken" in rest
    new = _snapshot(root / "build")
    assert set(old) <= set(new)
    changed = 0
    for rel, data in new.items():
        if rel.endswith(".docx"):
            with zipfile.ZipFile(root / "build" / rel) as archive:
                assert archive.testzip() is None
        if data != old.get(rel):
            changed += 1
            if rel.endswith(".md"):
                # a new file is a whole new file (the toetsing names the plan's version in
                # its text, not as its own)
                assert b'versie: "2.0"' in data or b"(versie 2.0)" in data
    assert changed > 0  # the build was really midway: some files new, ...
    assert any(new[rel] == old[rel] for rel in old if rel.endswith(".md"))  # ... some old
    # the next build finishes the job and clears leftovers of the killed one
    _build_here(root)
    assert not list((root / "build").rglob(".*.regiogen-tmp"))


def test_ctrl_c_on_the_process_group_with_workers(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the group: workers stay quiet, the main one stops."""
    root = _project(tmp_path, EXAMPLE)
    process = _build(root, "-j", "2", pause_after=1, new_session=True)
    _wait_until_paused(process)  # one region written, two still to go
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    os.killpg(process.pid, signal.SIGCONT)
    process.wait(timeout=GUARD)
    assert process.stdout is not None
    output = process.stdout.read()
    assert "Traceback" not in output
    assert process.returncode == 130, output
    assert "afgebroken" in output
    for docx in (root / "build").rglob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            assert archive.testzip() is None


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every file of a build folder but regiogen's own hidden ones (lock, temporary files)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """A file's identity (inode, size, modification time); None when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _wait_for_changed(process: subprocess.Popen[str], build: Path, count: int) -> None:
    """Wait until ``count`` outputs have been replaced since the old build (a state, not a
    time), or the build has ended. Outputs are replaced by renaming a finished file over the
    old one, so a replaced output has a new identity; comparing identities rather than bytes
    keeps the polling from taking the CPU the build needs."""
    outputs = [p for p in build.rglob("*") if p.is_file() and not p.name.startswith(".")]
    before = {p: _stamp(p) for p in outputs}
    while process.poll() is None:
        if sum(_stamp(p) != stamp for p, stamp in before.items()) >= count:
            return
        time.sleep(0.005)  # polling for the state, not a fixed wait


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_kill_at_random_moments_leaves_old_or_new_files(built: Path, tmp_path: Path) -> None:
    """SIGKILL a real build at several random moments (after a random number of finished
    regions, then a random moment within the next one): every output is byte for byte either
    the complete old file or the complete new one, never something in between."""
    import random

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    print(f"seed {seed}")  # shown with a failure
    root = _built_copy(built, tmp_path)
    build = root / "build"
    old = _outputs(build)
    saved = tmp_path / "old-build"
    shutil.copytree(build, saved)
    for name in REGIONS:
        regio = root / "content" / name / "regio.yaml"
        regio.write_text(regio.read_text("utf-8").replace('versie: "0.9"', 'versie: "2.0"'))
    after_kills: list[dict[str, bytes]] = []
    for _ in range(4):
        shutil.rmtree(build)
        shutil.copytree(saved, build)  # every attempt starts from the complete old build
        process = _build(root, "-j", "1", "--to", "md", "--to", "docx")
        _wait_for_changed(process, build, rng.randrange(len(old)))
        process.kill()
        process.wait(timeout=60)
        assert process.stdout is not None
        assert "Traceback" not in process.stdout.read()
        after_kills.append(_outputs(build))
        strays = [p.name for p in build.rglob(".*") if p.is_file()]
        assert all(n == ".regiogen.lock" or n.endswith(".regiogen-tmp") for n in strays)
    _build_here(root, "--to", "md", "--to", "docx")  # finishes the job
    new = _outputs(build)
    assert set(new) == set(old)
    assert not [p for p in build.rglob("*") if p.name.endswith(".regiogen-tmp")]
    kinds = []
    for snapshot in after_kills:
        assert set(snapshot) == set(old), f"seed {seed}"
        for rel, data in snapshot.items():
            assert data in (old[rel], new[rel]), f"{rel} is neither old nor new (seed {seed})"
        kinds.append(sum(data == new[rel] != old[rel] for rel, data in snapshot.items()))
    for rel in old:
        if rel.endswith(".docx"):
            for data in (old[rel], new[rel]):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    assert archive.testzip() is None
    print(f"seed {seed}: new files after each kill: {kinds} of {len(old)}")


@pytest.mark.slow
def test_two_builds_at_once_end_complete_and_consistent(tmp_path: Path) -> None:
    """Two builds of the same project at the same time: both finish without a crash, and
    build/ ends complete, with a manifest that matches every file."""
    import hashlib
    import json

    root = _project(tmp_path, EXAMPLE)
    first = _build(root, "-j", "1", "--to", "md", "--to", "docx")
    second = _build(root, "-j", "1", "--to", "md", "--to", "docx")
    outputs = []
    for process in (first, second):
        assert process.wait(timeout=600) == 0
        assert process.stdout is not None
        outputs.append(process.stdout.read())
    for text in outputs:
        assert "Traceback" not in text and "interne fout" not in text
    build = root / "build"
    manifest = json.loads((build / "manifest.json").read_text("utf-8"))
    files = _outputs(build)
    for name in REGIONS:  # (_build makes the regioplan of every region)
        assert f"{name}/regioplan.md" in files and f"{name}/regioplan.docx" in files
    for rel, entry in manifest["outputs"].items():
        assert hashlib.sha256(files[rel]).hexdigest() == entry["sha256"], rel
    for rel in files:
        if rel.endswith(".docx"):
            with zipfile.ZipFile(build / rel) as archive:
                assert archive.testzip() is None
    assert not [p for p in build.rglob("*") if p.name.endswith(".regiogen-tmp")]
    # and a third build finds everything up to date
    assert "0 geschreven" in _build_here(root, "--to", "md", "--to", "docx")
