"""Shared test helpers: a fresh copy of the example project in a temporary folder."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, Protocol

import pytest
from fake_soffice import FakeSoffice
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parent.parent
#: A child Python that imports the regiogen this process runs: ``-P`` keeps the working folder
#: (the repository, where the tests run) off ``sys.path``, where ``python -m`` and
#: ``python -c`` would find the source tree instead of the installed package (as in CI).
PYTHON = (sys.executable, "-P")
#: ``regiogen`` in a child process (see :data:`PYTHON`).
REGIOGEN = (*PYTHON, "-m", "regiogen")
EXAMPLE_REGION = REPO / "content" / "lindeland"
HANDREIKING = REPO / "content" / "handreiking"
TESTS = Path(__file__).resolve().parent

# The property tests draw the same examples every run ("vast"), so a run is red or green for
# the code, never for the draw; REGIOGEN_HYPOTHESIS=verkennen draws new ones each run, to look
# for inputs nobody thought of (a crash found that way gets a test of its own).
hypothesis_settings.register_profile("vast", derandomize=True, database=None)
hypothesis_settings.register_profile("verkennen", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("REGIOGEN_HYPOTHESIS", "vast"))


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Generator[None, object, object]:
    """Collect with pytest's cache of rewritten test modules on, and the whole suite's
    modules shared out between the two xdist workers.

    Rewriting the asserts of the test modules is about half of collecting (5.5 s of a
    worker's processor time; 2.3 s with the cache), and ``PYTHONDONTWRITEBYTECODE`` (set on
    the CI machine) turns that cache off, so both workers rewrote every module. Now the second
    worker imports the modules from the last to the first while the first worker goes
    through them in order: each rewrites about half and reads the other half from the cache.
    """
    write = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        if os.environ.get("PYTEST_XDIST_WORKER") == "gw1" and _whole_suite(session):
            for path in sorted(TESTS.glob("test_*.py"), reverse=True):
                try:
                    importlib.import_module(path.stem)
                except Exception:  # collection imports it again and reports the error
                    sys.modules.pop(path.stem, None)
        return (yield)
    finally:
        sys.dont_write_bytecode = write


def _whole_suite(session: pytest.Session) -> bool:
    """True when pytest runs the whole folder (no file or test named on the command line)."""
    return all(Path(arg).resolve() in (TESTS, REPO) for arg in session.config.args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the example region Lindeland and no settings file."""
    return example_project(tmp_path / "project")


@pytest.fixture(scope="session")
def example_content() -> Any:
    """The example region's content as the build validates it (shared: do not change it)."""
    from regiogen.model.validate import validate_content
    from regiogen.source.load import load_region

    loaded = load_region(EXAMPLE_REGION, REPO)
    result, diagnostics = validate_content(loaded.data, loaded.source_map, "lindeland")
    assert result is not None, diagnostics
    return result


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSoffice:
    """LibreOffice replaced, for this test, by a fake that logs its starts (see
    :mod:`fake_soffice`): for tests that count starts or make LibreOffice fail."""
    folder = tmp_path / "fake-soffice"
    folder.mkdir()
    return FakeSoffice(folder, monkeypatch)


class FakeOffice:
    """A LibreOffice session (:mod:`regiogen.render.office`) served by
    :mod:`fake_uno_worker`, with the fake command line of :class:`FakeSoffice` behind it."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from regiogen.render import office

        self.log = folder / "fake-uno.log"
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("FAKE_UNO_LOG", str(self.log))
        monkeypatch.setattr(office, "uno_python", lambda program: sys.executable)
        monkeypatch.setattr(office, "_WORKER", TESTS / "fake_uno_worker.py")

    @property
    def lines(self) -> list[str]:
        return self.log.read_text("utf-8").splitlines() if self.log.is_file() else []

    @property
    def starts(self) -> int:
        """How often the session was started."""
        return self.lines.count("start")

    @property
    def documents(self) -> list[str]:
        """The file names of the documents the sessions were given, in order."""
        return [line for line in self.lines if line != "start"]

    def hang(self, on: str) -> None:
        """Never answer for a document whose file name contains ``on``."""
        self.monkeypatch.setenv("FAKE_UNO_HANG_ON", on)

    def crash(self, on: str) -> None:
        """End without an answer for a document whose file name contains ``on``."""
        self.monkeypatch.setenv("FAKE_UNO_CRASH_ON", on)


@pytest.fixture
def fake_office(
    fake_soffice: FakeSoffice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> FakeOffice:
    """A faked LibreOffice session, with the fake command line behind it for documents the
    session could not convert (see :class:`FakeOffice`)."""
    return FakeOffice(fake_soffice.log.parent, monkeypatch)


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once per test run, shared by every xdist worker.

    The first worker to claim ``name`` makes it; the others wait until it is done (a state,
    not a time). Tests must not change the folder: copy it (``shutil.copytree``) first.
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    folder, done = base / name, base / f"{name}.done"
    try:
        os.close(os.open(base / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        while not done.exists():
            time.sleep(0.05)  # another worker is making it
        assert done.read_text("utf-8") == "ok", f"{name} could not be made by another worker"
        return folder
    try:
        make(folder)
    except BaseException:
        done.write_text("failed", "utf-8")
        raise
    done.write_text("ok", "utf-8")
    return folder


@pytest.fixture
def example_word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``build/`` of the whole example (Lindeland and the handreiking) built to Markdown and
    Word, once per run and shared by the workers: read only. ``build.log`` next to it holds
    what the build said."""

    def make(folder: Path) -> None:
        shutil.copytree(REPO / "content", folder / "content")
        output = cli_build(folder, "--to", "md", "--to", "docx", "-j", "1", "--no-git-stamp")
        (folder / "build.log").write_text(output, "utf-8")

    return made_once(tmp_path_factory, "example-word", make) / "build"


#: The documents of the shared PDF build (:func:`example_pdfs`): portrait with a long
#: contents, a short contents, and landscape.
PDF_KINDS = ("regioplan", "spuk-iza-bijlage", "werkagenda")


@pytest.fixture
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``build/lindeland`` of the example built to Word and PDF with the real LibreOffice
    (the documents :data:`PDF_KINDS`), once per run and shared by the workers: read only."""

    def make(folder: Path) -> None:
        shutil.copytree(REPO / "content", folder / "content")
        args = ["--to", "docx", "--to", "pdf", "--jobs", "1"]
        with counting_libreoffice_starts() as starts:
            cli_build(folder, *args, *(f"--doc={kind}" for kind in PDF_KINDS))
        (folder / "libreoffice-starts.txt").write_text("\n".join(starts), "utf-8")

    return made_once(tmp_path_factory, "example-pdfs", make) / "build" / "lindeland"


@functools.cache
def uno_bridge_installed() -> bool:
    """Whether a Python with LibreOffice's UNO bridge is installed, asked here on its own
    (``import uno`` by ``python3`` on PATH, ``/usr/bin/python3``, or the Python next to
    ``soffice``), not through regiogen's lookup: a broken lookup then fails the session tests
    instead of turning them off. CI installs the bridge (``python3-uno``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    candidates = [shutil.which("python3"), "/usr/bin/python3"]
    if soffice:
        program = Path(soffice).resolve().parent
        candidates += [str(program / "python"), str(program / "python.exe")]
    for python in dict.fromkeys(c for c in candidates if c and Path(c).is_file()):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, env=env, timeout=60, check=False
        )
        if done.returncode == 0:
            return True
    return False


#: A test of the LibreOffice session (:mod:`regiogen.render.office`): needs the UNO bridge,
#: like LibreOffice itself an installed program (in CI a skip fails).
needs_uno_bridge = pytest.mark.skipif(
    "not __import__('conftest').uno_bridge_installed()",
    reason="LibreOffice's UNO bridge (python3-uno) is not installed",
)


@contextlib.contextmanager
def counting_libreoffice_starts() -> Generator[list[str], None, None]:
    """Count how LibreOffice is started in this process: ``command line`` per run of
    ``soffice --convert-to``, ``session`` per UNO session that came up."""
    from regiogen.render import office, pdf

    starts: list[str] = []
    real_run, real_start = pdf.run_soffice, office.OfficeSession.start

    def run(*args: Any, **kwargs: Any) -> str | None:
        starts.append("command line")
        return real_run(*args, **kwargs)

    def start(self: office.OfficeSession) -> bool:
        running = self.alive
        started = real_start(self)
        if started and not running:
            starts.append("session")
        return started

    pdf.run_soffice = run  # type: ignore[assignment]
    office.OfficeSession.start = start  # type: ignore[method-assign]
    try:
        yield starts
    finally:
        pdf.run_soffice = real_run
        office.OfficeSession.start = real_start  # type: ignore[method-assign]


def example_project(
    root: Path, regions: tuple[str, ...] = ("lindeland",), *, handreiking: bool = False
) -> Path:
    """Lay out a project at ``root``: the example region under each name in ``regions``."""
    for region in regions:
        shutil.copytree(EXAMPLE_REGION, root / "content" / region)
    if handreiking:
        shutil.copytree(HANDREIKING, root / "content" / "handreiking")
    return root


def cli_build(root: Path, *args: str) -> str:
    """``regiogen build root *args`` in this process (click's CliRunner); it must succeed.
    Returns what it said."""
    from click.testing import CliRunner

    from regiogen.cli.main import cli

    result = CliRunner().invoke(cli, ["build", str(root), *args])
    assert result.exit_code == 0 and result.exception is None, result.output
    return result.output


#: The arguments of the shared builds most tests start from: Markdown only, and the formats
#: of the settings (Markdown and Word); without a git stamp (a copy has no history).
MARKDOWN_BUILD = ("--to", "md", "-j", "1", "--no-git-stamp")
FULL_BUILD = ("-j", "1", "--no-git-stamp")

#: A shared build of two regions (the example twice), with two workers (the only in-process
#: build through the worker pool).
TWO_REGIONS = ("lindeland", "tweede")
TWO_REGIONS_ARGS = ("--to", "md", "-j", "2")


class Built(Protocol):
    """Copies a built example project to the test's ``tmp_path / "project"``."""

    def __call__(
        self,
        *args: str,
        regions: tuple[str, ...] = ("lindeland",),
        handreiking: bool = False,
        build: Callable[[Path], object] | None = None,
        name: str = "",
    ) -> Path: ...


@pytest.fixture
def example_built(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Built:
    """The example project as ``regiogen build <project> *args`` left it, in a fresh folder.

    Each variant (regions, handreiking, arguments) is built once per test run and shared by the
    xdist workers (:func:`made_once`); every test gets its own copy, so a test that starts from
    a built project does not pay for the build. The copy is up to date: a build with the same
    arguments renders nothing. ``build`` replaces the CLI build (``name`` then tells variants
    apart), for tests that build through the Python API.
    """

    def copy(
        *args: str,
        regions: tuple[str, ...] = ("lindeland",),
        handreiking: bool = False,
        build: Callable[[Path], object] | None = None,
        name: str = "",
    ) -> Path:
        variant = repr((regions, handreiking, args, name)).encode()
        label = "built-" + hashlib.sha256(variant).hexdigest()[:12]

        def make(folder: Path) -> None:
            example_project(folder, regions, handreiking=handreiking)
            if build is not None:
                build(folder)
            else:
                cli_build(folder, *args)

        shared = made_once(tmp_path_factory, label, make)
        root = tmp_path / "project"
        shutil.copytree(shared, root, symlinks=True)
        return root

    return copy


#: Words in a skip reason that name the platform: the only skips CI accepts.
PLATFORM_WORDS = ("Windows", "POSIX", "platform")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """In CI a skipped test is a failed test, unless it skips for another platform.

    A test that skips when LibreOffice, chromium or git is missing, or when the thing it waits
    for does not happen, would hide a broken feature; CI installs every tool the suite uses.
    """
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if any(word in reason for word in PLATFORM_WORDS):
        return
    report.outcome = "failed"
    report.longrepr = f"overgeslagen in CI, en dat mag niet: {reason}"


#: The PDFs of :func:`real_pdfs`.
RealPdfs = dict[str, bytes]


@pytest.fixture
def real_pdfs(real_pdf_folder: Path) -> RealPdfs:
    """The PDFs of :func:`real_pdf_folder` by name, and ``session-starts``: what the session
    cost (where the UNO bridge is)."""
    made = {path.stem: path.read_bytes() for path in real_pdf_folder.glob("*.pdf")}
    starts = real_pdf_folder.parent / "real-pdfs-session-starts.txt"
    if starts.is_file():
        made["session-starts"] = starts.read_bytes()
    return made


@pytest.fixture
def real_pdf_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents converted by the real LibreOffice in one batch, as ``a/plan`` and
    ``b/plan`` (``first``, ``second``: the second is numbered in the batch's folder), and
    the second on its own (``alone``); where the UNO bridge is, the same in one session
    (``session-first``, ``session-second``, and the second again as ``session-again``) with a
    plain PDF, not PDF/A, among them (``plain``). The batch also converts what other modules
    look at as LibreOffice lays it out: a document in a client's house style
    (``client-header``, :mod:`test_docx_headers`) and the werkagenda with tracked changes
    (``werkagenda-wijzigingen``, :mod:`test_voortgang`). Made once per run (three starts:
    the command line twice, one session), shared by the workers: the folder of
    ``<name>.pdf`` files, read only.
    """
    from test_docx_headers import client_header_sample
    from test_pdf import _docx
    from test_voortgang import diffed_once

    from regiogen.render import pdf

    def make(folder: Path) -> None:
        docs = (_docx("Een"), _docx("Twee"))
        others = {
            "client-header": client_header_sample(tmp_path_factory.mktemp("client-header")),
            "werkagenda-wijzigingen": (
                diffed_once(tmp_path_factory) / "werkagenda-wijzigingen.docx"
            ).read_bytes(),
        }
        jobs = [pdf.PdfJob(docs[0], "a/plan"), pdf.PdfJob(docs[1], "b/plan")]
        jobs += [pdf.PdfJob(data, f"{name}/{name}") for name, data in others.items()]
        batch = pdf.docxs_to_pdf(jobs)
        made = dict(zip(("first", "second", *others), batch, strict=True))
        made["alone"] = pdf.docx_to_pdf(docs[1], name="b/plan")
        if uno_bridge_installed():
            jobs = [pdf.PdfJob(docs[0], "a/plan"), pdf.PdfJob(docs[1], "b/plan")]
            jobs.append(pdf.PdfJob(docs[1], "c/plan"))
            jobs.append(pdf.PdfJob(_docx("Plat"), "d/plat", pdfa=False))
            with counting_libreoffice_starts() as starts, pdf.office_session() as session:
                in_session = pdf.docxs_to_pdf(jobs, session=session)  # first before second
            (folder.parent / "real-pdfs-session-starts.txt").write_text(" ".join(starts))
            names = ("session-first", "session-second", "session-again", "plain")
            made.update(zip(names, in_session, strict=True))
        else:
            made["plain"] = pdf.docx_to_pdf(_docx("Plat"), name="d/plat", pdfa=False)
        folder.mkdir()
        for name, (data, found) in made.items():
            assert data is not None and found == [], found
            (folder / f"{name}.pdf").write_bytes(data)

    return made_once(tmp_path_factory, "real-pdfs", make)


@functools.cache
def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (``pdftotext -layout``), read once per file and
    worker: poppler takes ~60 ms a page for the example's PDFs."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")
