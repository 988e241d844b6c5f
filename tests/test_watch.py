"""Watching a project: a change to a source calls rebuild; output changes do not."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import REGIOGEN
from output_lines import OutputLines, ctrl_c_as_in_a_terminal

from regiogen.build.watch import source_filter, watch_project

#: A guard, not a measure: a loaded machine spreads the builds' processor time over minutes,
#: and a watch that never rebuilds fails after this.
TIMEOUT = 600.0


def test_source_filter(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    is_source = source_filter(root)
    assert is_source(root / "content" / "lindeland" / "regio.yaml")
    assert is_source(root / "templates" / "regioplan.md.j2")
    assert is_source(root / "regiogen.yaml")
    assert not is_source(root / "build" / "lindeland" / "regioplan.docx")
    assert not is_source(root / "README.md")
    assert not is_source(root / ".git" / "index")
    custom = source_filter(root, content_dir="regio", out_dir=root / "uit")
    assert custom(root / "regio" / "x.yaml") and not custom(root / "content" / "x.yaml")
    assert not custom(root / "uit" / "x.md")


def _run_watch(root: Path, touch: list[Path]) -> set[Path]:
    """Watch ``root`` in a thread, write ``touch`` until a rebuild comes; return its paths."""
    stop = threading.Event()
    seen: list[set[Path]] = []
    done = threading.Event()

    def rebuild(changed: set[Path]) -> None:
        seen.append(changed)
        done.set()

    thread = threading.Thread(
        target=watch_project,
        args=(root, rebuild),
        kwargs={"stop_event": stop, "debounce_ms": 100},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    n = 0
    try:
        while not done.is_set() and time.monotonic() < deadline:
            n += 1
            for path in touch:
                path.write_text(f"versie {n}\n", encoding="utf-8")
            done.wait(0.1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert done.is_set(), f"geen herbouw binnen {TIMEOUT:.0f} s na {n} wijzigingen"
    assert not thread.is_alive()
    return set().union(*seen)


def test_change_in_content_calls_rebuild(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    (root / "content" / "lindeland").mkdir(parents=True)
    (root / "build").mkdir()
    source = root / "content" / "lindeland" / "regio.yaml"
    output = root / "build" / "regioplan.md"
    changed = _run_watch(root, [output, source])
    assert source in changed
    assert output not in changed


def test_config_file_counts(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    (root / "content").mkdir()
    config = root / "regiogen.yaml"
    assert config in _run_watch(root, [config])


def test_stop_event_ends_the_watch(tmp_path: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_project, args=(tmp_path, lambda changed: None),
        kwargs={"stop_event": stop}, daemon=True,
    )  # fmt: skip
    thread.start()
    time.sleep(0.2)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


#: What the real command builds: the one document the test reads, as Markdown.
WATCHED = ("--to", "md", "--doc", "werkagenda")


@pytest.mark.slow
def test_watch_command_rebuilds_after_a_change(project: Path) -> None:
    """The real command: first build, then a rebuild with the changed content, then Ctrl-C.
    Each step waits for the state the command reports (a line of its output)."""
    plan = project / "build" / "lindeland" / "werkagenda.md"
    regio = project / "content" / "lindeland" / "regio.yaml"
    process = subprocess.Popen(
        [*REGIOGEN, "watch", str(project), *WATCHED],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        **ctrl_c_as_in_a_terminal(),
    )
    try:
        output = OutputLines(process, TIMEOUT)
        output.wait_for("wacht op wijzigingen")  # the first build is done
        assert "Regio Lindeland" in plan.read_text("utf-8")
        changed = regio.read_text("utf-8").replace("Regio Lindeland", "Regio Nieuwland")

        def save() -> None:  # the watch starts listening just after that line: save until seen
            regio.write_text(changed, "utf-8")

        output.wait_for("gewijzigd: content/lindeland/regio.yaml", poke=save)
        output.wait_for("wacht op wijzigingen", nth=2)  # the rebuild after it is done
        assert "Regio Nieuwland" in plan.read_text("utf-8")
        process.send_signal(signal.SIGINT)
        process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    rest = output.end()
    assert "Traceback" not in rest
    assert "gestopt" in rest and process.returncode == 0, rest


@pytest.mark.parametrize("moment", ["first-build", "waiting"])
def test_ctrl_c_stops_the_watch_command_in_every_state(
    project: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    """Ctrl-C (KeyboardInterrupt in the main thread) during the first build, or while the
    watch waits for a change: ``gestopt``, exit 0, no traceback (it was click's 'Aborted!'
    and exit 1 during the first build)."""
    from click.testing import CliRunner

    import regiogen.build.pipeline as pipeline
    import regiogen.build.watch as watch
    from regiogen.cli.main import cli

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    target = pipeline if moment == "first-build" else watch
    name = "build_project" if moment == "first-build" else "watch_project"
    monkeypatch.setattr(target, name, interrupted)
    result = CliRunner().invoke(cli, ["watch", str(project), "--to", "md"])
    assert result.exit_code == 0 and result.exception is None, result.output
    assert result.output.rstrip().endswith("gestopt")
