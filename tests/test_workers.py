"""``build --jobs N``: workers start early, on demand, and give the bytes of a build in one
process, also where the platform cannot fork (spawn, as on Windows and macOS)."""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import example_project

from regiogen.build import workers
from regiogen.build.pipeline import BuildOptions, BuildReport, build_project
from regiogen.model.project import load_project

REGIONS = ("lindeland", "oost", "west")


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".regiogen.lock"
    }


def _build(
    root: Path, out: Path, jobs: int, formats: tuple[str, ...] = ("md", "docx")
) -> BuildReport:
    project, found = load_project(root)
    assert project is not None, found
    options = BuildOptions(out_dir=out, jobs=jobs, formats=formats, source_date_epoch=1700000000)
    return build_project(project, options, progress=lambda *_: None)


class _Recording(ProcessPoolExecutor):
    """The pool, recording how many workers each build started."""

    made: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, **kwargs: Any) -> None:
        _Recording.made.append(max_workers)
        super().__init__(max_workers, **kwargs)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(_Recording, "made", [])
    monkeypatch.setattr(workers, "ProcessPoolExecutor", _Recording)
    return _Recording.made


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildReport]:
    """Three regions and the handreiking (rendered by the main process while workers run),
    built once in one process (``-j 1``, no worker): the project, the build folder and the
    report. Read only."""
    root = example_project(tmp_path_factory.mktemp("workers") / "p", REGIONS, handreiking=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Recording, "made", [])
        patch.setattr(workers, "ProcessPoolExecutor", _Recording)
        report = _build(root, root.parent / "one", 1)
        assert _Recording.made == []  # -j 1: no worker
    return root, root.parent / "one", report


@pytest.mark.slow
def test_two_workers_give_the_bytes_of_one_process(
    one_process: tuple[Path, Path, BuildReport], tmp_path: Path, recording: list[int]
) -> None:
    project, one_out, one = one_process
    two = _build(project, tmp_path / "two", 2)
    assert recording == [2]
    assert _digests(one_out) == _digests(tmp_path / "two")
    assert one.written == two.written and "handreiking/handreiking.docx" in two.written


@pytest.mark.slow
def test_spawned_workers_where_the_platform_cannot_fork(
    one_process: tuple[Path, Path, BuildReport],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    recording: list[int],
) -> None:
    """The Windows/macOS way: each worker is a fresh interpreter that imports for itself."""
    project, one_out, one = one_process
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    report = _build(project, tmp_path / "spawn", 2)
    assert recording == [2] and not [d for d in report.diagnostics if d.code == "io.write"]
    assert _digests(tmp_path / "spawn") == _digests(one_out)
    assert report.written == one.written


def test_workers_only_for_two_regions_or_more_and_no_more_than_regions(
    tmp_path: Path, recording: list[int]
) -> None:
    single = example_project(tmp_path / "een", ("lindeland",))
    assert _build(single, tmp_path / "b1", 4, ("md",)).written  # rendered in this process
    assert recording == []
    three = example_project(tmp_path / "drie", REGIONS)
    report = _build(three, tmp_path / "b3", 4, ("md",))
    assert recording == [3]  # three regions: three workers, not four
    assert len([p for p in report.written if p.endswith("/regioplan.md")]) == 3


def test_a_template_the_main_process_cannot_compile_is_reported_by_the_workers(
    tmp_path: Path, recording: list[int]
) -> None:
    """Under fork the main process compiles the templates first; one that fails there is
    still reported, as a build in one process reports it."""
    root = example_project(tmp_path / "p", REGIONS[:2])
    (root / "templates").mkdir()
    (root / "templates" / "werkagenda.md.j2").write_text("# Werkagenda\n\n{% if %}\n", "utf-8")
    found = {}
    for jobs in (1, 2):
        report = _build(root, tmp_path / f"b{jobs}", jobs, ("md",))
        found[jobs] = sorted(f"{d.path}:{d.line}: {d.code}" for d in report.diagnostics)
    assert recording == [2]
    assert found[1] == found[2]
    assert found[2].count("templates/werkagenda.md.j2:3: template.syntax") == 2
