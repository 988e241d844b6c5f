"""An interrupted build (Ctrl-C or kill) leaves every earlier output whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

#: Enough regions that, once the first is written, the build is surely still midway when it is
#: frozen (SIGSTOP) right after: the test waits for that state, not for a moment.
REGIONS = ("noord", "oost", "zuid", "west", "midden", "kust", "heuvel", "dal")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="signals to process groups: POSIX only"),
]


def _project(tmp_path: Path, example: Path) -> Path:
    root = tmp_path / "p"
    for name in REGIONS:
        shutil.copytree(example, root / "content" / name)
    return root


def _build(root: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "regiogen", "build", str(root)),
            *("--no-git-stamp", "--doc", "regioplan", *extra),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"),
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.mark.parametrize("name", ["SIGKILL", "SIGINT"])
def test_interrupted_build_leaves_outputs_whole(tmp_path: Path, name: str) -> None:
    sig = getattr(signal, name)
    example = Path(__file__).resolve().parent.parent / "content" / "lindeland"
    root = _project(tmp_path, example)
    assert _build(root, "-j", "2").wait(timeout=300) == 0
    old = _snapshot(root / "build")
    for name in REGIONS:  # change every region so that everything is rebuilt
        regio = root / "content" / name / "regio.yaml"
        regio.write_text(regio.read_text("utf-8").replace('versie: "0.9"', 'versie: "2.0"'))
    process = _build(root, "-j", "1")
    assert process.stdout is not None
    first = process.stdout.readline()  # "klaar: noord (1/5)": one region written, more to go
    assert "klaar" in first
    process.send_signal(signal.SIGSTOP)  # frozen midway: seven regions still to go
    process.send_signal(sig)
    process.send_signal(signal.SIGCONT)
    process.wait(timeout=120)
    rest = process.stdout.read()
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
                assert b'versie: "2.0"' in data  # a new file is a whole new file
    assert changed > 0  # the build was really midway: some files new, ...
    assert any(new[rel] == old[rel] for rel in old if rel.endswith(".md"))  # ... some old
    # the next build finishes the job and clears leftovers of the killed one
    assert _build(root, "-j", "1").wait(timeout=300) == 0
    assert not list((root / "build").rglob(".*.tmp"))


def test_ctrl_c_on_the_process_group_with_workers(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the group: workers stay quiet, the main one stops."""
    example = Path(__file__).resolve().parent.parent / "content" / "lindeland"
    root = _project(tmp_path, example)
    process = subprocess.Popen(
        [sys.executable, "-m", "regiogen", "build", str(root), "--no-git-stamp", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert "klaar" in process.stdout.readline()
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=60)
    output = process.stdout.read()
    assert "Traceback" not in output
    assert process.returncode in (0, 130)  # 0 when the build was already done
    for docx in (root / "build").rglob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            assert archive.testzip() is None
