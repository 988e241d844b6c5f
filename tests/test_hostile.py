"""Broken and hostile input: a clear message every time, nothing lost, nothing let in.

Every case of the corpus (``tests/hostile/<case>/``) runs through the real CLI.

A case folder holds ``case.yaml`` and the files that are laid over a fresh copy of the
example project (the same relative paths: ``content/lindeland/regio.yaml``,
``templates/regioplan.md.j2``, ``regiogen.yaml``, ...). ``case.yaml`` says:

``description``
    what the case is about (one line).
``command``
    the CLI arguments; ``{project}`` and ``{repo}`` are filled in, and the project folder is
    inserted after the command name unless ``project_arg: false``.
``exit``
    the expected exit code: 1 (the content has errors), 2 (could not run), 0 (accepted).
``codes``
    diagnostic codes that must appear.
``where``
    ``path:line`` prefixes that must appear as the position of a diagnostic; a ``replace``
    entry with ``mark: true`` adds the position of its new text automatically.
``replace``
    ``[{file, old, new, count?, mark?}]``: text edits of project files (``new`` may hold YAML
    escapes such as ``\\x07`` because case.yaml is YAML).
``generate``
    inputs made at test time instead of committed: see :func:`generate`.
``subprocess``
    a heavy case: run by regiogen's entry point in a child process with an address-space
    and processor limit, one child for all heavy cases (:func:`test_heavy_hostile_cases`).
``unchanged``
    build outputs (relative to build/) that must keep the hash they had before the case
    (default: the regioplan's .md and .docx, the document every case breaks).
``forbidden``
    strings that must appear neither in the output nor in any built file.
``contains``
    ``{build-relative path: [strings]}``: text the built files must contain (for .docx: the
    text of the document's XML parts, XML-unescaped).
``usage``
    true for cases that need no diagnostic line: exit-2 cases whose message is a
    ``regiogen: ...`` line, and accepted input that gives no finding.
``no_line``
    true when the expected diagnostic has no line to give (a whole file, a folder).
``requires``
    modules that must be importable, else the case is skipped (work still in progress).
``xfail``
    the reason this case fails today (a known bug outside the tester's files); strict.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import PYTHON, made_once

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "hostile"
EXAMPLE_REGION = REPO / "content" / "lindeland"

#: ``path:line:col: severity[code]: message`` (line and column optional).
DIAGNOSTIC = re.compile(
    r"^(?P<path>\S[^:\n]*?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: "
    r"(?P<severity>error|warning|info)\[(?P<code>[a-z0-9][a-z0-9.-]*)\]: \S.*$",
    re.MULTILINE,
)
#: Output that means regiogen itself broke.
CRASH_SIGNS = ("Traceback", "interne fout")
#: Processor time (user + system) a case may use: CPU time, not the wall clock, so a loaded
#: machine does not make a case fail. Heavy cases also run under a hard RLIMIT_CPU.
MAX_CPU_SECONDS = 20.0
MEMORY_LIMIT = 1536 * 1024 * 1024
CPU_LIMIT = 60
#: Only a guard against a child that hangs without using processor time (it is not an
#: assertion on how long a case takes).
HANG_GUARD = 600
DEFAULT_UNCHANGED = ("lindeland/regioplan.md", "lindeland/regioplan.docx")


@dataclass
class Case:
    """One hostile-input case, read from ``case.yaml``."""

    name: str
    folder: Path
    description: str
    command: list[str]
    exit: int
    codes: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    replace: list[dict[str, Any]] = field(default_factory=list)
    generate: list[dict[str, Any]] = field(default_factory=list)
    subprocess: bool = False
    project_arg: bool = True
    unchanged: list[str] = field(default_factory=lambda: list(DEFAULT_UNCHANGED))
    forbidden: list[str] = field(default_factory=list)
    contains: dict[str, list[str]] = field(default_factory=dict)
    usage: bool = False
    no_line: bool = False
    requires: list[str] = field(default_factory=list)
    xfail: str | None = None


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def case_names() -> list[str]:
    """The names of all cases in the corpus."""
    return sorted(p.parent.name for p in CASES_DIR.glob("*/case.yaml"))


@functools.cache
def load_case(name: str) -> Case:
    """Read a case's ``case.yaml`` (once per process: collection asks for every case three
    times; a case is read, never changed)."""
    folder = CASES_DIR / name
    text = (folder / "case.yaml").read_text("utf-8")
    spec = yaml.load(text, Loader=_SAFE_LOADER)  # read at collection: libyaml when there
    return Case(name=name, folder=folder, **spec)


@dataclass
class Outcome:
    """What one run of the CLI did."""

    exit_code: int
    output: str
    cpu_seconds: float
    crashed: BaseException | None = None


def sha256_tree(folder: Path, *, skip: Path | None = None) -> dict[str, str]:
    """sha256 of every file under ``folder`` (symlinks by target name), keyed by relative path."""
    result: dict[str, str] = {}
    if not folder.is_dir():
        return result
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


# --- inputs made at test time -------------------------------------------------------------


def _deep(depth: int, style: str) -> str:
    if style == "flow":
        return "regio: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return "regio: " + "{a: " * depth + "b" + "}" * depth + "\n"
    if style == "compact":  # nested block sequences on one line: - - - - x
        return "regio:\n" + "- " * depth + "x\n"
    lines = [" " * i + "k:" for i in range(depth)]  # block mappings, one space deeper each
    return "\n".join(lines) + " x\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def generate(project: Path, spec: dict[str, Any]) -> None:
    """Make one input file; ``spec['path']`` is relative to the project.

    Kinds (one key besides ``path``): ``repeat`` (text repeated to ``size_mb`` or ``count``,
    between ``prefix`` and ``suffix``), ``random_bytes`` (that many bytes from ``seed``;
    ``no_nul`` drops NUL),
    ``transcode`` (re-encode the existing file, e.g. ``latin-1``), ``bom`` (prepend a UTF-8
    BOM), ``deep`` (nesting ``depth`` levels, ``style`` flow/flow-map/block), ``symlink``
    (a link to that target), ``docx_without`` (the built-in reference.docx minus one part),
    ``zip`` (a zip with these text entries), ``remove`` (delete the file or folder),
    ``mkdir`` (an empty folder), ``copy`` (a folder of the repository).
    """
    target = project / spec["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if "repeat" in spec:
        unit = str(spec["repeat"]).encode("utf-8")
        count = spec["count"] if "count" in spec else int(spec["size_mb"] * 2**20) // len(unit)
        with target.open("wb") as handle:
            handle.write(str(spec.get("prefix", "")).encode("utf-8"))
            block = unit * 4096
            for _ in range(count // 4096):
                handle.write(block)
            handle.write(unit * (count % 4096))
            handle.write(str(spec.get("suffix", "")).encode("utf-8"))
    elif "random_bytes" in spec:
        data = random.Random(spec.get("seed", 0)).randbytes(int(spec["random_bytes"]))
        if spec.get("no_nul"):
            data = data.replace(b"\x00", b"\x80")
        target.write_bytes(data)
    elif "transcode" in spec:
        target.write_bytes(target.read_text("utf-8").encode(spec["transcode"]))
    elif "bom" in spec:
        target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes())
    elif "deep" in spec:
        target.write_text(_deep(int(spec["deep"]), spec.get("style", "flow")), "utf-8")
    elif "symlink" in spec:
        if target.exists() or target.is_symlink():
            target.unlink()
        target.symlink_to(spec["symlink"])
    elif "docx_without" in spec:
        from regiogen.paths import builtin_reference_docx

        with zipfile.ZipFile(builtin_reference_docx()) as source:
            entries = {n: source.read(n) for n in source.namelist() if n != spec["docx_without"]}
        target.write_bytes(_zip(entries))
    elif "zip" in spec:
        target.write_bytes(_zip({k: str(v).encode() for k, v in spec["zip"].items()}))
    elif "remove" in spec:
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    elif "copy" in spec:
        shutil.copytree(REPO / spec["copy"], target, dirs_exist_ok=True)
    elif "mkdir" in spec:
        target.mkdir(parents=True, exist_ok=True)
    else:
        raise ValueError(f"unknown generator in {spec}")


def prepare(case: Case, project: Path) -> list[str]:
    """Lay the case over the project; return the ``path:line`` positions it marks."""
    for path in sorted(case.folder.rglob("*")):
        rel = path.relative_to(case.folder)
        if path.is_dir() or rel.as_posix() in {"case.yaml", "README.md"}:
            continue
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    marks: list[str] = []
    for edit in case.replace:
        file = project / edit["file"]
        text = file.read_text("utf-8")
        old, new = edit["old"], edit["new"]
        assert old in text, f"{case.name}: '{old}' not found in {edit['file']}"
        if edit.get("mark"):  # the line where the new text starts to differ from the old
            pairs = enumerate(zip(old, new, strict=False))
            same = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
            line = text[: text.index(old) + same].count("\n") + 1
            marks.append(f"{edit['file']}:{line}")
        file.write_text(text.replace(old, new, edit.get("count", 1)), "utf-8")
    for spec in case.generate:
        generate(project, spec)
    return marks


# --- running ------------------------------------------------------------------------------


def arguments(case: Case, project: Path) -> list[str]:
    """The CLI arguments with placeholders filled in and the project folder inserted."""
    args = [a.format(project=project, repo=REPO) for a in case.command]
    if case.project_arg:
        args.insert(1, str(project))
    return args


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(args: list[str], *, cwd: Path) -> Outcome:
    """Run regiogen with ``args`` in this process (click's runner); the heavy cases run in a
    limited child process instead (:func:`run_cli_batch`). The outcome records the
    processor time the run used."""
    from regiogen.cli.main import cli

    start = time.process_time()
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.output, time.process_time() - start, crashed)


#: Runs regiogen's entry point (as ``python -m regiogen``) once per case, each with its own
#: arguments, working folder and output file; prints each case's exit code and processor time.
_BATCH_CHILD = """
import json, os, sys, time, traceback
from regiogen.cli.main import main

results = {}
for name, args, cwd, log in json.loads(sys.argv[1]):
    os.chdir(cwd)
    sys.stdout.flush(); sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(out, 1); os.dup2(out, 2); os.close(out)
    sys.argv = ["regiogen", *args]
    start = time.process_time()
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()  # what an uncaught error prints in a process of its own
        code = 1
    finally:
        sys.stdout.flush(); sys.stderr.flush()
        os.dup2(saved[0], 1); os.dup2(saved[1], 2); os.close(saved[0]); os.close(saved[1])
    results[name] = [code, time.process_time() - start]
print(json.dumps(results))
"""


def run_cli_batch(runs: list[tuple[str, list[str], Path]]) -> dict[str, Outcome]:
    """Run regiogen for each ``(name, args, cwd)`` in one child process, under the limits of
    :func:`run_cli`'s heavy cases (the limits hold for the whole child). A child that dies
    (a crash, a limit) fails every case with what it printed."""
    plan = [(n, args, str(cwd), str(cwd / "output.txt")) for n, args, cwd in runs]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", REGIOGEN_DEBUG="")
    proc = subprocess.run(
        [*PYTHON, "-c", _BATCH_CHILD, json.dumps(plan)],
        capture_output=True,
        env=env,
        timeout=HANG_GUARD,
        preexec_fn=_limit_memory,  # the child only sets its limits, then execs
        check=False,
    )
    said = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, f"the child ended with {proc.returncode}:\n{said}"
    results = json.loads(proc.stdout.decode("utf-8").splitlines()[-1])
    return {
        name: Outcome(code, Path(log).read_bytes().decode("utf-8", "replace"), cpu)
        for (name, _, _, log), (code, cpu) in ((p, results[p[0]]) for p in plan)
    }


def diagnostics(output: str) -> list[re.Match[str]]:
    """The lines of ``output`` in the diagnostic format."""
    return list(DIAGNOSTIC.finditer(output))


def built_texts(build: Path) -> dict[str, str]:
    """Text of every built file: Markdown as is, .docx as its XML parts joined (unescaped)."""
    texts: dict[str, str] = {}
    for path in sorted(build.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(build).as_posix()
        if path.suffix in {".png", ".jpg", ".jpeg"}:
            continue  # images (the charts) are bytes, not text
        if path.suffix == ".docx":
            try:
                with zipfile.ZipFile(path) as archive:
                    parts = [
                        archive.read(n).decode("utf-8", "replace")
                        for n in archive.namelist()
                        if n.endswith(".xml") or n.endswith(".rels")
                    ]
            except zipfile.BadZipFile:
                parts = ["<kapot zip-bestand>"]
            texts[rel] = html.unescape("\n".join(parts))
        else:
            texts[rel] = path.read_bytes().decode("utf-8", "replace")
    return texts


def docx_text(data_path: Path) -> str:
    """The visible text of a .docx's body, via python-docx (paragraphs and tables)."""
    import docx

    document = docx.Document(str(data_path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def check_docx_parts(path: Path) -> None:
    """Open a .docx with python-docx and parse each of its XML parts with lxml."""
    import docx
    from lxml import etree

    docx.Document(str(path))
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, f"{path}: corrupt zip entry"
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project, built once per run (shared by the xdist workers): Markdown for
    every kind and Word for the regioplan."""

    def make(root: Path) -> None:
        shutil.copytree(EXAMPLE_REGION, root / "content" / "lindeland")
        for extra in ([], ["--doc", "regioplan", "--to", "docx"]):
            args = ["build", str(root), "--jobs", "1", "--no-git-stamp", "--to", "md", *extra]
            outcome = run_cli(args, cwd=root)
            assert outcome.crashed is None, outcome.crashed
            assert outcome.exit_code == 0, outcome.output

    return made_once(tmp_path_factory, "hostile-baseline", make)


def _param(name: str) -> Any:
    case = load_case(name)
    marks = []
    if case.xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
    return pytest.param(name, id=name, marks=marks)


@dataclass
class Prepared:
    """A case laid over a fresh copy of the baseline, before it runs."""

    case: Case
    project: Path
    marks: list[str]
    before: dict[str, str]  # sha256 of build/ before the run
    sources: dict[str, str]  # sha256 of everything outside build/


def prepared(case: Case, baseline: Path, folder: Path) -> Prepared:
    """Copy the baseline to ``folder/project`` and lay ``case`` over it."""
    for module in case.requires:
        importlib.import_module(module)  # a module the case needs must be there
    project = folder / "project"
    shutil.copytree(baseline, project, symlinks=True)
    build = project / "build"
    before = sha256_tree(build)
    marks = prepare(case, project)
    return Prepared(case, project, marks, before, sha256_tree(project, skip=build))


def _in_process_names() -> list[str]:
    return [n for n in case_names() if not load_case(n).subprocess]


def _heavy_names() -> list[str]:
    return [n for n in case_names() if load_case(n).subprocess]


@pytest.mark.parametrize("name", [_param(n) for n in _in_process_names()])
def test_hostile_case(name: str, baseline: Path, tmp_path: Path) -> None:
    """One corpus case: right exit code, positioned diagnostics, no crash, build/ intact."""
    ready = prepared(load_case(name), baseline, tmp_path)
    outcome = run_cli(arguments(ready.case, ready.project), cwd=tmp_path)
    check_outcome(ready, outcome)


def test_heavy_hostile_cases(baseline: Path, tmp_path: Path) -> None:
    """The heavy cases (``subprocess: true``), each checked as :func:`test_hostile_case`
    checks one, run one after another in one child process under the address-space and
    processor limits (one interpreter start instead of one per case)."""
    names = _heavy_names()
    assert len(names) >= 8
    ready = {n: prepared(load_case(n), baseline, tmp_path / n) for n in names}
    runs = [(n, arguments(r.case, r.project), tmp_path / n) for n, r in ready.items()]
    outcomes = run_cli_batch(runs)
    failures = {}
    for name, one in ready.items():
        try:
            check_outcome(one, outcomes[name])
        except AssertionError as exc:
            if not one.case.xfail:  # a known bug (strict, as for the other cases)
                failures[name] = str(exc)
        else:
            if one.case.xfail:
                failures[name] = f"passes, but is marked xfail: {one.case.xfail}"
    assert not failures, "\n\n".join(f"{n}: {m}" for n, m in failures.items())


def check_outcome(ready: Prepared, outcome: Outcome) -> None:
    """Everything a case asks of its run: exit code, positioned diagnostics, no crash, no
    change outside build/, build/ intact, nothing forbidden, every .docx whole."""
    case, project = ready.case, ready.project
    build = project / "build"
    marks, before, sources = ready.marks, ready.before, ready.sources
    report = f"\n--- output of {case.name} (exit {outcome.exit_code}) ---\n{outcome.output}"

    assert outcome.crashed is None, f"uncaught {outcome.crashed!r}{report}"
    for sign in CRASH_SIGNS:
        assert sign not in outcome.output, report
    assert outcome.exit_code == case.exit, report
    found = diagnostics(outcome.output)
    if not case.usage and (case.codes or case.exit != 0):
        assert found, f"no line in the diagnostic format{report}"
    codes = {m["code"] for m in found}
    for code in case.codes:
        assert code in codes, f"code {code} missing{report}"
    for where in [*case.where, *marks]:
        assert any(
            f"{m['path']}:{m['line']}" == where or m.group(0).startswith(where + ":") for m in found
        ), f"no diagnostic at {where}{report}"
    expected = [m for m in found if m["code"] in case.codes]
    for m in expected:
        assert m["path"].strip(), f"diagnostic without a file{report}"
    if expected and not case.no_line:
        assert any(m["line"] for m in expected), f"no line number given{report}"

    assert outcome.cpu_seconds < MAX_CPU_SECONDS, f"used {outcome.cpu_seconds:.1f} s CPU{report}"
    assert sha256_tree(project, skip=build) == sources, "a file outside build/ changed"
    after = sha256_tree(build)
    for rel in case.unchanged:
        assert after.get(rel) == before.get(rel), f"build/{rel} changed{report}"
    leftovers = [p.name for p in build.rglob("*.regiogen-tmp")] if build.is_dir() else []
    assert not leftovers, f"temporary files left: {leftovers}"

    texts = built_texts(build)
    for bad in case.forbidden:
        assert bad not in outcome.output, f"output contains {bad!r}{report}"
        for rel, text in texts.items():
            assert bad not in text, f"build/{rel} contains {bad!r}"
    for rel, wanted in case.contains.items():
        assert rel in texts, f"build/{rel} was not written{report}"
        for text in wanted:
            assert text in texts[rel], f"build/{rel} lacks {text!r}"
    for path in build.rglob("*.docx"):
        rel = path.relative_to(build).as_posix()
        if after.get(rel) != before.get(rel):  # the baseline's are checked once, on their own
            check_docx_parts(path)


def test_corpus_is_complete() -> None:
    """Every kind of broken input the issue names has a case, and every case is readable."""
    names = case_names()
    assert len(names) >= 40
    codes = {code for n in names for code in load_case(n).codes}
    for code in (
        "io.encoding", "io.binary", "io.too-large", "yaml.bom", "yaml.tab", "yaml.syntax",
        "yaml.alias", "yaml.too-deep", "yaml.tag", "yaml.not-mapping", "yaml.duplicate-key",
        "schema.type", "schema.value", "schema.date", "schema.money", "schema.unknown-key",
        "ref.cycle", "ref.duplicate-id", "ref.unknown", "text.control-char",
        "template.syntax", "template.undefined", "template.security", "io.not-found",
        "io.outside-project", "docx.reference",
    ):  # fmt: skip
        assert code in codes, f"no case for {code}"


def test_example_baseline_builds_the_regioplan(baseline: Path) -> None:
    """The hash checks only mean something when the example's regioplan was built; its
    Word files open and parse (a case checks only the ones it changed)."""
    assert (baseline / "build" / "lindeland" / "regioplan.md").is_file()
    assert (baseline / "build" / "lindeland" / "regioplan.docx").is_file()
    for path in (baseline / "build").rglob("*.docx"):
        check_docx_parts(path)


# --- the sandbox, directly ------------------------------------------------------------------

#: Strings that would show a template reached Python internals or the file system. (A
#: diagnostic may name the attribute it refused, such as '__globals__'; it never shows its value.)
TELL_TALES = ("root:x:0:0", "<class 'object'>", "subprocess", "<module", "Popen", "<function")
SANDBOX_CODES = {"template.security", "template.undefined", "io.not-found", "io.outside-project"}
ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ regio.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ (regio|attr('__class__')).__mro__ }}",
    "{{ '{0.__class__.__mro__}'.format(regio) }}",
    "{{ '%s'.__class__.__base__.__subclasses__() }}",
    "{{ regio.naam.__class__.__base__ }}",
    "{{ range.__globals__ }}",
    "{{ config }}{{ request }}{{ self.__dict__ }}",
    "{% set x = regio.__dict__ %}{{ x }}",
    "{{ regio.gemeenten.append(1) }}",
    "{% include '../../../etc/passwd' %}",
    "{% include '/etc/passwd' %}",
    "{% include 'builtin:../../../../etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
    "{% extends '../../../../../etc/passwd' %}",
    "{% from '/etc/passwd' import x %}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_sandbox_refuses_escape(payload: str, tmp_path: Path) -> None:
    """Each escape attempt ends in one sandbox diagnostic and leaks nothing."""
    from regiogen.render.markdown import render_template

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "aanval.md.j2").write_text(f"# Kop\n\n{payload}\n", "utf-8")
    regio = {"naam": "Lindeland", "gemeenten": ["a"]}
    result = render_template(
        "aanval.md.j2", {"regio": regio}, project_templates=templates, display_root=tmp_path
    )
    assert result.text is None, result.text
    assert result.diagnostics, "no diagnostic"
    assert result.diagnostics[0].code in SANDBOX_CODES, result.diagnostics
    for d in result.diagnostics:
        assert d.path.startswith("templates/aanval.md.j2") or d.code == "io.not-found"
        for tale in TELL_TALES:
            assert tale not in d.format()


def test_corpus_escape_cases_use_sandbox_codes_and_tell_tales() -> None:
    """Every escape case of the corpus expects a sandbox code and forbids the tell-tales."""
    escapes = [n for n in case_names() if n.startswith(("tpl-escape", "tpl-include", "tpl-ext"))]
    assert len(escapes) >= 10
    for name in escapes:
        case = load_case(name)
        assert set(case.codes) <= SANDBOX_CODES, name
        assert {"root:x:0:0", "<class 'object'>", "subprocess"} <= set(case.forbidden), name


# --- the loader's bounds without libyaml ----------------------------------------------------


#: The loader's bound in processor time, in a child process of its own (so coverage, other
#: tests and the load on the machine do not count): the bounded loader uses about 5 s of CPU
#: on the 4 000 000-line file below, an unbounded one about 215 s (measured on the 2-core
#: machine); the child's RLIMIT_CPU (CPU_LIMIT) and RLIMIT_AS end that one long before.
LOADER_MAX_CPU_SECONDS = 45.0
_LOADER_CHILD = """
import sys
import regiogen.source.yaml_compose as yaml_compose
from regiogen.source.load import load_yaml_text

yaml_compose._FAST_LOADER = None
_, _, found = load_yaml_text("extra:\\n" + "  - x\\n" * int(sys.argv[1]), "big.yaml")
print(*(f"{d.code}:{d.line}" for d in found))
"""


def test_pure_python_loader_is_bounded_in_processor_time() -> None:
    """Without libyaml a file of 4 000 000 values stops at the limit within a bounded amount
    of the child's processor time; an unbounded loader is ended by its limits and fails."""
    from regiogen.source.yaml_compose import MAX_FILE_NODES

    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))
    }  # the child runs without coverage: its processor time is the loader's own
    start = _children_cpu()
    proc = subprocess.run(
        [sys.executable, "-c", _LOADER_CHILD, "4000000"],
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG_GUARD,
        preexec_fn=_limit_memory,
        check=False,
    )
    used = _children_cpu() - start
    assert proc.returncode == 0, f"ended by {proc.returncode} after {used:.0f} s CPU{proc.stderr}"
    code, _, line = proc.stdout.strip().partition(":")
    assert code == "io.too-large" and int(line) < MAX_FILE_NODES + 10, proc.stdout
    assert used < LOADER_MAX_CPU_SECONDS, f"used {used:.1f} s CPU"


def test_pure_python_loader_stops_at_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the composer stops at the value and depth limits: it composes no more
    nodes than the limit allows and stops at the line where the limit is passed (counted, not
    timed; the value limit is lowered here so that the count is cheap)."""
    import regiogen.source.load as load
    import regiogen.source.yaml_compose as yaml_compose

    monkeypatch.setattr(yaml_compose, "_FAST_LOADER", None)
    monkeypatch.setattr(yaml_compose, "MAX_FILE_NODES", 2000)
    composed: list[int] = []
    real_compose = yaml_compose._BoundedLoader.compose_node

    def counting(self: Any, parent: Any, index: Any) -> Any:
        composed.append(1)
        return real_compose(self, parent, index)

    monkeypatch.setattr(yaml_compose._BoundedLoader, "compose_node", counting)
    _, _, found = load.load_yaml_text("extra:\n" + "  - x\n" * 100_000, "big.yaml")
    assert [d.code for d in found] == ["io.too-large"]
    assert found[0].line is not None and 1000 < found[0].line < 2000 + 10
    assert len(composed) <= 2000 + 1  # stopped there, not at 100 000
    composed.clear()
    _, _, found = load.load_yaml_text("a:\n" + "- " * 5000 + "x\n", "deep.yaml")
    assert [d.code for d in found] == ["yaml.too-deep"]
    assert len(composed) <= yaml_compose.MAX_DEPTH + 3


@pytest.mark.parametrize("fast", [True, False])
def test_control_characters_are_removed_at_their_yaml_position(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "\\x07" escape becomes a warning at the value's position and is removed from it."""
    import regiogen.source.load as load
    import regiogen.source.yaml_compose as yaml_compose

    if not fast:
        monkeypatch.setattr(yaml_compose, "_FAST_LOADER", None)
    data, _, found = load.load_yaml_text('regio:\n  naam: "A\\x07B\\x0bC\\x1fD"\n', "r.yaml")
    assert data == {"regio": {"naam": "ABCD"}}
    assert [(d.code, d.line, d.col) for d in found] == [("text.control-char", 2, 9)]
