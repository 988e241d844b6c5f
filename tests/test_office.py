"""One LibreOffice session for every PDF of a build (:mod:`regiogen.render.office`).

The session is faked here (:mod:`fake_uno_worker`, LibreOffice's UNO bridge stood in for),
with the fake command line of :mod:`fake_soffice` behind it, so the tests can count starts and
make LibreOffice hang or crash. The real session is held by :mod:`test_example_pages` (the
example's PDFs cost one LibreOffice start) and :mod:`test_pdf` (two conversions, same bytes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FakeOffice
from fake_soffice import FakeSoffice
from test_pdf import MARKDOWN
from test_pdf_batch import build_region_pdfs
from test_pdf_contents import MARKDOWN as WITH_CONTENTS

from regiogen.render import office, pdf
from regiogen.render.docx import DocxOptions, markdown_to_docx
from regiogen.render.layout import pdfs_with_true_contents


def docx(title: str, text: str = MARKDOWN) -> bytes:
    data, _ = markdown_to_docx(text.replace("Proef", title), DocxOptions(source_path="p.md"))
    return data


def test_every_round_of_a_build_s_pdfs_costs_one_start(
    project: Path, fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    pdfs = build_region_pdfs(project)
    assert fake_office.starts == 1
    # the first round lays out every document, the second sets the contents' page numbers
    assert len(pdfs) < len(fake_office.documents) <= 2 * len(pdfs)
    assert fake_soffice.starts == []  # the command line was not needed


def test_the_session_gives_what_the_command_line_gives(
    fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    """Documents with a contents (two rounds): the same corrected .docx and PDF either way
    (the fake's PDF follows from the .docx and the options, like LibreOffice's)."""
    jobs = [
        pdf.PdfJob(docx("Een", WITH_CONTENTS), "a/een"),
        pdf.PdfJob(docx("Twee", WITH_CONTENTS), "a/twee", pdfa=False),
    ]
    in_session = pdfs_with_true_contents(jobs)
    assert fake_office.starts == 1 and fake_office.documents == ["een.docx", "twee.docx"] * 2
    fake_office.monkeypatch.setattr(office, "uno_python", lambda program: None)
    on_the_command_line = pdfs_with_true_contents(jobs)
    assert len(fake_soffice.starts) == 4  # two export options, two rounds
    assert in_session == on_the_command_line
    assert all(made is not None for _, made, _ in in_session)


def test_one_round_without_a_contents_is_cheaper_on_the_command_line(
    fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    made = pdfs_with_true_contents([pdf.PdfJob(docx("Een"), "a/een")])
    assert made[0][1] is not None
    assert fake_office.starts == 0 and fake_soffice.starts == [["een.docx"]]


def test_a_crash_in_the_session_sends_the_rest_to_the_command_line(
    fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    """LibreOffice crashes on one document: the session ends, that document and the ones
    after it are converted on the command line, each alone, and every PDF is made; the
    document before it keeps its PDF from the session."""
    fake_office.crash(on="kapot")
    names = ("a/een", "a/kapot", "a/twee")
    jobs = [pdf.PdfJob(docx(name), name) for name in names]
    with pdf.office_session() as session:
        made = pdf.docxs_to_pdf(jobs, session=session)
    assert [(data is not None, found) for data, found in made] == [(True, [])] * 3
    assert fake_office.starts == 1
    assert fake_office.documents == ["een.docx", "kapot.docx"]
    assert fake_soffice.starts == [["kapot.docx"], ["twee.docx"]]


def test_a_hang_in_the_session_is_stopped_and_the_command_line_takes_over(
    fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    """The timeout (per document) ends a session that hangs; the command line then makes
    both PDFs. The timeout is 2 s, not less: the fake command line (a Python start) must
    finish within it also on a machine that is fully busy."""
    fake_office.hang(on="kapot")
    jobs = [pdf.PdfJob(docx(name), name) for name in ("a/kapot", "a/twee")]
    with pdf.office_session() as session:
        made = pdf.docxs_to_pdf(jobs, timeout=2, session=session)
    assert [(data is not None, found) for data, found in made] == [(True, [])] * 2
    assert fake_office.starts == 1 and fake_office.documents == ["kapot.docx"]
    assert fake_soffice.starts == [["kapot.docx"], ["twee.docx"]]


def test_a_hang_on_the_command_line_too_is_a_diagnostic(
    fake_office: FakeOffice, fake_soffice: FakeSoffice
) -> None:
    fake_office.hang(on="kapot")
    fake_soffice.hang()
    with pdf.office_session() as session:
        job = pdf.PdfJob(docx("x"), "a/kapot")
        ((data, found),) = pdf.docxs_to_pdf([job], timeout=0.2, session=session)
    assert data is None and [d.code for d in found] == ["io.write"]
    assert "niet klaar" in found[0].message and found[0].path == "a/kapot.pdf"


def test_without_a_uno_python_the_command_line_converts(fake_soffice: FakeSoffice) -> None:
    """The fake LibreOffice has no Python beside it and REGIOGEN_UNO_PYTHON is empty."""
    made = pdfs_with_true_contents([pdf.PdfJob(docx("Een", WITH_CONTENTS), "a/een")])
    assert made[0][1] is not None and fake_soffice.starts == [["een.docx"]] * 2


def test_the_uno_python_is_found_beside_the_program_or_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    bundled = program.parent / "python.exe"
    bundled.write_bytes(b"")
    asked: list[str] = []

    def has_uno(python: str) -> bool:
        asked.append(python)
        return python == str(bundled)

    monkeypatch.setattr(office, "_has_uno", has_uno)
    monkeypatch.delenv(office.UNO_PYTHON_VARIABLE, raising=False)
    assert office.uno_python(str(program)) == str(bundled)
    assert office.uno_python(str(program)) == str(bundled) and len(asked) == 1  # asked once
    monkeypatch.setenv(office.UNO_PYTHON_VARIABLE, "")
    assert office.uno_python(str(program)) is None  # empty: sessions off
    monkeypatch.setenv(office.UNO_PYTHON_VARIABLE, sys.executable)
    assert office.uno_python(str(program)) is None  # named, but it has no UNO
    bundled.unlink()
    monkeypatch.delenv(office.UNO_PYTHON_VARIABLE)
    office._FOUND.clear()
    assert office.uno_python(str(program)) is None  # nothing beside it, python3 without UNO
    assert str(bundled) not in asked[1:]


def test_a_python_without_uno_is_not_taken() -> None:
    assert office._has_uno(sys.executable) is False  # the test environment has no UNO
