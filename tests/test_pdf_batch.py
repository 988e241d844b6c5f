"""A batch of PDFs costs one LibreOffice start (per round), with the bytes of one at a time.

These tests count starts and make LibreOffice fail, so they run the fake of
:mod:`fake_soffice`, whose PDF follows from the .docx alone (like LibreOffice's) and which logs
the documents of every start. That the real LibreOffice gives a batch the bytes of single
conversions is tested in :mod:`test_pdf`; a real build to PDF in :mod:`test_example_pages`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fake_soffice import FakeSoffice
from test_pdf import MARKDOWN

from regiogen.build.pipeline import BuildOptions, build_project
from regiogen.model.project import load_project
from regiogen.render import pdf
from regiogen.render.docx import DocxOptions, markdown_to_docx


def docx(title: str) -> bytes:
    data, _ = markdown_to_docx(MARKDOWN.replace("Proef", title), DocxOptions(source_path="p.md"))
    return data


@pytest.mark.parametrize(
    ("names", "files"),
    [
        (("a/een", "a/twee"), ["een.docx", "twee.docx"]),
        (("a/plan", "b/plan"), ["plan.docx", "0002-plan.docx"]),  # one folder: numbered
    ],
)
def test_a_batch_is_one_start_with_the_bytes_of_single_conversions(
    names: tuple[str, str], files: list[str], fake_soffice: FakeSoffice
) -> None:
    docs = (docx("Een"), docx("Twee"))
    together = pdf.docxs_to_pdf([pdf.PdfJob(d, n) for d, n in zip(docs, names, strict=True)])
    assert fake_soffice.starts == [files]
    alone = [pdf.docx_to_pdf(d, name=n) for d, n in zip(docs, names, strict=True)]
    assert len(fake_soffice.starts) == 3
    assert together == alone
    assert together[0] != together[1]
    assert all(data is not None and data.startswith(b"%PDF-") for data, _ in together)


def test_documents_with_other_export_options_are_another_batch(fake_soffice: FakeSoffice) -> None:
    jobs = [pdf.PdfJob(docx("Een"), "a/een"), pdf.PdfJob(docx("Twee"), "a/twee", pdfa=False)]
    jobs.append(pdf.PdfJob(docx("Drie"), "a/drie"))
    made = pdf.docxs_to_pdf(jobs)
    assert fake_soffice.starts == [["een.docx", "drie.docx"], ["twee.docx"]]
    assert all(data is not None for data, _ in made)


def test_a_failing_batch_costs_only_the_document_that_fails(fake_soffice: FakeSoffice) -> None:
    """LibreOffice crashes on a batch (here: made to, whenever it gets more than one document):
    each document is tried alone, and only the one that fails alone has no PDF."""
    fake_soffice.crash(above=1, on="kapot")
    jobs = [pdf.PdfJob(docx("Een"), "a/een"), pdf.PdfJob(docx("Kapot"), "a/kapot")]
    jobs.append(pdf.PdfJob(docx("Twee"), "b/twee"))
    made = pdf.docxs_to_pdf(jobs)
    assert [data is not None for data, _ in made] == [True, False, True]
    assert [d.code for d in made[1][1]] == ["io.write"]
    assert "LibreOffice stopte met code 1: Fatal exception" in made[1][1][0].message
    batch = ["een.docx", "kapot.docx", "twee.docx"]
    assert fake_soffice.starts == [batch, ["een.docx"], ["kapot.docx"], ["twee.docx"]]


def test_a_batch_without_libreoffice_says_so_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Word documents, so only a missing program can stop them (the code says which)."""
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    docx, _ = markdown_to_docx(MARKDOWN, DocxOptions())
    made = pdf.docxs_to_pdf([pdf.PdfJob(docx, "a/een"), pdf.PdfJob(docx, "a/twee")])
    assert [(data, [(d.path, d.code) for d in found]) for data, found in made] == [
        (None, [("a/een.pdf", "build.tool-missing")]),
        (None, [("a/twee.pdf", "build.tool-missing")]),
    ]


def build_region_pdfs(project: Path) -> list[str]:
    """Build the werkagenda, the transformatieplannen and the SPUK bijlage of the example
    region to PDF and Word (the three kinds with a contents); return the PDFs written."""
    loaded, _ = load_project(project)
    assert loaded is not None
    kinds = ("werkagenda", "transformatieplan", "spuk-iza-bijlage")
    options = BuildOptions(out_dir=project / "build", kinds=kinds, formats=("pdf", "docx"))
    report = build_project(loaded, options)
    pdfs = [rel for rel in report.written if rel.endswith(".pdf")]
    assert len(pdfs) >= 4, report.written  # werkagenda, the bijlage, two transformatieplannen
    assert not report.kept
    return pdfs


def test_a_region_s_pdfs_cost_one_start_per_round(project: Path, fake_soffice: FakeSoffice) -> None:
    pdfs = build_region_pdfs(project)
    # a round lays out every document at once; the contents' page numbers take a second
    first, *rest = fake_soffice.starts
    assert len(first) == len(pdfs) and len(rest) == 1, fake_soffice.starts
    assert (project / "build" / "lindeland" / "werkagenda.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pdfs_of_a_whole_build_cost_one_start_per_round(
    project: Path, tmp_path: Path, fake_soffice: FakeSoffice, jobs: int
) -> None:
    """Three regions: every PDF of the build in one batch per round, with the bytes of one."""
    for name in ("tweede", "derde"):
        shutil.copytree(project / "content" / "lindeland", project / "content" / name)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copytree(project / "content" / "lindeland", alone / "content" / "lindeland")
    loaded, _ = load_project(project)
    assert loaded is not None
    kinds = ("werkagenda", "transformatieplan")
    options = BuildOptions(out_dir=project / "build", kinds=kinds, formats=("pdf",), jobs=jobs)
    report = build_project(loaded, options)
    pdfs = sorted(rel for rel in report.written if rel.endswith(".pdf"))
    assert len(pdfs) == 9, report.written  # per region: werkagenda and two transformatieplannen
    assert not report.kept
    first, *rest = fake_soffice.starts
    assert len(first) == 9 and len(rest) == 1, fake_soffice.starts  # not a start per region
    single, _ = load_project(alone)
    assert single is not None
    build_project(single, BuildOptions(out_dir=alone / "build", kinds=kinds, formats=("pdf",)))
    for name in ("werkagenda.pdf", "transformatieplan-T1.pdf"):  # the same bytes as alone
        own = (alone / "build" / "lindeland" / name).read_bytes()
        assert (project / "build" / "derde" / name).read_bytes() == own
