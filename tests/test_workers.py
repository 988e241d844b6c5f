"""``build --jobs N``: workers start early, on demand, and give the bytes of a build in one
process, also where the platform cannot fork (spawn, as on Windows and macOS)."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path
from typing import Any

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


def _build(root: Path, out: Path, jobs: int) -> BuildReport:
    project, found = load_project(root)
    assert project is not None, found
    options = BuildOptions(
        out_dir=out, jobs=jobs, formats=("md", "docx"), source_date_epoch=1700000000
    )
    return build_project(project, options, progress=lambda *_: None)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three regions and the handreiking (rendered by the main process while workers run)."""
    return example_project(tmp_path / "p", REGIONS, handreiking=True)


@pytest.mark.slow
def test_two_workers_give_the_bytes_of_one_process(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int] = []
    original = workers.Workers.found

    def found(self: workers.Workers, jobs: int, more: int) -> None:
        original(self, jobs, more)
        if self.started and not started:
            started.append(jobs)

    monkeypatch.setattr(workers.Workers, "found", found)
    one = _build(project, tmp_path / "one", 1)
    assert started == []  # -j 1: no worker
    two = _build(project, tmp_path / "two", 2)
    assert started == [2]  # started at the second region, before the third was planned
    assert _digests(tmp_path / "one") == _digests(tmp_path / "two")
    assert sorted(one.written) == sorted(two.written) and "handreiking/handreiking.docx" in (
        two.written
    )


@pytest.mark.slow
def test_spawned_workers_where_the_platform_cannot_fork(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows/macOS way: each worker is a fresh interpreter that imports for itself."""
    spawned: list[Any] = []

    def context() -> Any:
        spawned.append(multiprocessing.get_context("spawn"))
        return spawned[-1]

    monkeypatch.setattr(workers, "_context", context)
    report = _build(project, tmp_path / "spawn", 2)
    assert len(spawned) == 1 and not [d for d in report.diagnostics if d.code == "io.write"]
    one = _build(project, tmp_path / "one", 1)
    assert len(spawned) == 1
    assert _digests(tmp_path / "spawn") == _digests(tmp_path / "one")
    assert report.written == one.written


def test_no_worker_for_a_single_job_and_never_more_than_the_jobs() -> None:
    pool = workers.Workers(4, ("md",))
    pool.found(1, 0)
    assert not pool.started  # one region to render: this process renders it
    pool.found(2, 1)
    try:
        assert pool.started
        assert pool._pool is not None and pool._pool._max_workers == 3  # 2 found + 1 to come
    finally:
        pool.close()
    assert not pool.started
    single = workers.Workers(1, ("md",))
    single.found(5, 5)
    assert not single.started  # -j 1
