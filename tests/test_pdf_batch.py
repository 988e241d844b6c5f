"""A batch of PDFs costs one LibreOffice start (per round), with the bytes of one at a time."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from test_pdf import MARKDOWN, needs_soffice

from regiogen.build.pipeline import BuildOptions, build_project
from regiogen.model.project import load_project
from regiogen.render import pdf
from regiogen.render.docx import DocxOptions, markdown_to_docx


def counting_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a LibreOffice that logs each start (one line) in front of the real one."""
    real = pdf.soffice_path()
    assert real is not None
    log = tmp_path / "starts.log"
    if sys.platform == "win32":
        wrapper = tmp_path / "soffice.cmd"
        wrapper.write_text(f'@echo start>>"{log}"\r\n@"{real}" %*\r\n', "utf-8")
    else:
        wrapper = tmp_path / "soffice"
        wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("LIBREOFFICE", str(wrapper))
    return log


def starts(log: Path) -> int:
    return len(log.read_text("utf-8").splitlines()) if log.is_file() else 0


def docx(title: str) -> bytes:
    data, _ = markdown_to_docx(MARKDOWN.replace("Proef", title), DocxOptions(source_path="p.md"))
    return data


@needs_soffice
@pytest.mark.parametrize(
    ("names", "batch_starts"),
    [(("a/een", "a/twee"), 1), (("a/plan", "b/plan"), 1)],  # the same name too: numbered
)
def test_a_batch_gives_the_bytes_of_single_conversions(
    names: tuple[str, str], batch_starts: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = counting_soffice(tmp_path, monkeypatch)
    docs = (docx("Een"), docx("Twee"))
    together = pdf.docxs_to_pdf([pdf.PdfJob(d, n) for d, n in zip(docs, names, strict=True)])
    assert starts(log) == batch_starts
    alone = [pdf.docx_to_pdf(d, name=n) for d, n in zip(docs, names, strict=True)]
    assert starts(log) == batch_starts + 2
    assert together == alone
    assert together[0] != together[1]
    assert all(data is not None and data.startswith(b"%PDF-") for data, _ in together)


@needs_soffice
def test_a_failing_batch_costs_only_the_document_that_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice dies on a batch (here: made to, whenever it gets more than one document):
    each document is tried alone, and only the one that fails alone has no PDF."""
    log = counting_soffice(tmp_path, monkeypatch)
    real_run = pdf._run

    def run(command: list[str], env: dict[str, str], timeout: float) -> str | None:
        sources = [c for c in command if c.endswith(".docx")]
        if len(sources) > 1 or any("kapot" in c for c in sources):
            return "LibreOffice is gestopt"
        return real_run(command, env, timeout)

    monkeypatch.setattr(pdf, "_run", run)
    jobs = [pdf.PdfJob(docx("Een"), "a/een"), pdf.PdfJob(docx("Kapot"), "a/kapot")]
    jobs.append(pdf.PdfJob(docx("Twee"), "b/twee"))
    made = pdf.docxs_to_pdf(jobs)
    assert [data is not None for data, _ in made] == [True, False, True]
    assert [d.code for d in made[1][1]] == ["io.write"] and "gestopt" in made[1][1][0].message
    assert starts(log) == 2  # the two documents that convert alone (the fakes start nothing)


def test_a_batch_without_libreoffice_says_so_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    made = pdf.docxs_to_pdf([pdf.PdfJob(b"PK", "a/een"), pdf.PdfJob(b"PK", "a/twee")])
    assert [(data, [d.path for d in found]) for data, found in made] == [
        (None, ["a/een.pdf"]),
        (None, ["a/twee.pdf"]),
    ]


@needs_soffice
def test_a_region_s_pdfs_cost_one_start_per_round(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = counting_soffice(tmp_path, monkeypatch)
    loaded, _ = load_project(project)
    assert loaded is not None
    kinds = ("werkagenda", "transformatieplan", "spuk-iza-bijlage")
    options = BuildOptions(out_dir=project / "build", kinds=kinds, formats=("pdf", "docx"))
    report = build_project(loaded, options)
    pdfs = [rel for rel in report.written if rel.endswith(".pdf")]
    assert len(pdfs) >= 4, report.written  # werkagenda, the bijlage, two transformatieplannen
    assert not report.kept
    # a round lays out every document at once; the contents' page numbers take one or two
    assert 1 <= starts(log) <= 2 < len(pdfs)
    assert os.path.getsize(project / "build" / "lindeland" / "werkagenda.pdf") > 0


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pdfs_of_a_whole_build_cost_one_start_per_round(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Three regions: every PDF of the build in one batch per round, with the bytes of one."""
    for name in ("tweede", "derde"):
        shutil.copytree(project / "content" / "lindeland", project / "content" / name)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copytree(project / "content" / "lindeland", alone / "content" / "lindeland")
    log = counting_soffice(tmp_path, monkeypatch)
    loaded, _ = load_project(project)
    assert loaded is not None
    kinds = ("werkagenda", "transformatieplan")
    options = BuildOptions(out_dir=project / "build", kinds=kinds, formats=("pdf",), jobs=jobs)
    report = build_project(loaded, options)
    pdfs = sorted(rel for rel in report.written if rel.endswith(".pdf"))
    assert len(pdfs) == 9, report.written  # per region: werkagenda and two transformatieplannen
    assert not report.kept
    assert 1 <= starts(log) <= 2  # not two per region
    single, _ = load_project(alone)
    assert single is not None
    build_project(single, BuildOptions(out_dir=alone / "build", kinds=kinds, formats=("pdf",)))
    for name in ("werkagenda.pdf", "transformatieplan-T1.pdf"):  # the same bytes as alone
        own = (alone / "build" / "lindeland" / name).read_bytes()
        assert (project / "build" / "derde" / name).read_bytes() == own
