"""Benchmark PDF against Word: what LibreOffice costs, per document and per batch.

    python bench/bench_pdf.py [--rounds 3] [--batch 6] [--write-readme]

On the generated 31-region project (``gen_project.py``):

* one region's regioplan, ``regiogen build --regio R --doc regioplan --force`` with
  ``--to pdf`` against ``--to docx``, paired and interleaved (order alternating per round);
  the ratio is PDF time / Word time per pair (how many times slower a PDF is);
* a batch: the regioplannen of ``--batch`` regions as PDF in one ``regiogen build``, with the
  number of LibreOffice starts it costs. The starts are counted by a wrapper that regiogen runs
  instead of ``soffice`` (through the ``LIBREOFFICE`` variable, which regiogen honours first);
  the wrapper is a shell script, so on Windows the count reads "–".

``--write-readme`` puts the table in README.md between ``<!-- bench:pdf -->`` and
``<!-- /bench:pdf -->``. Needs LibreOffice (``soffice``) on PATH or in ``LIBREOFFICE``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import (  # noqa: E402
    ENV,
    README,
    REGIOGEN,
    machine,
    mib,
    num,
    pair_ratio,
    paired,
    peak,
    publish,
    run,
    secs,
    spread,
)
from gen_project import generate  # noqa: E402


def real_soffice() -> str:
    """The LibreOffice program regiogen would run; exits when there is none."""
    for variable in ("LIBREOFFICE", "SOFFICE"):
        value = os.environ.get(variable, "")
        if value and Path(value).is_file():
            return value
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        sys.exit("LibreOffice (soffice) ontbreekt: PDF kan niet gemeten worden")
    return found


def counting_wrapper(folder: Path, program: str) -> tuple[Path, Path] | None:
    """A ``soffice`` that appends a line to a log per start, then runs ``program``.

    Returns ``(wrapper, log)``, or ``None`` on Windows (no shell script to run).
    """
    if os.name == "nt":
        return None
    log = folder / "soffice-starts.log"
    wrapper = folder / "soffice"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{program}" "$@"\n', "utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return wrapper, log


def starts(counted: tuple[Path, Path] | None, runs: int) -> str:
    """LibreOffice starts per run since the last call (the log is emptied), or "–"."""
    if counted is None:
        return "–"
    log = counted[1]
    lines = len(log.read_text("utf-8").splitlines()) if log.exists() else 0
    log.unlink(missing_ok=True)
    return num(lines / runs, 0 if lines % runs == 0 else 1)


def main() -> None:
    """Run the benchmark, print the table and optionally write it into the README."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="paren (standaard 3)")
    parser.add_argument("--batch", type=int, default=6, help="regio's in de reeks (standaard 6)")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()
    program = real_soffice()
    header = machine()
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "project31"
        regios = generate(root)
        counted = counting_wrapper(tmp, program)
        env = dict(ENV, LIBREOFFICE=str(counted[0])) if counted else ENV
        one = [*REGIOGEN, "build", str(root), "-q", "--force", "--doc", "regioplan"]
        one += ["--regio", regios[0]]
        run([*one, "--to", "docx", "--out", str(tmp / "warm")])
        starts(counted, 1)  # empty the log
        pairs = paired(
            args.rounds,
            lambda: run([*one, "--to", "docx", "--out", str(tmp / "docx")], env=env),
            lambda: run([*one, "--to", "pdf", "--out", str(tmp / "pdf")], env=env),
        )
        batch = [*REGIOGEN, "build", str(root), "-q", "--force", "--doc", "regioplan"]
        for regio in regios[: args.batch]:
            batch += ["--regio", regio]
        single = starts(counted, args.rounds)
        batch_run = run([*batch, "--to", "pdf", "--out", str(tmp / "batch")], env=env)
        pdfs = len(list((tmp / "batch").glob("*/*.pdf")))
        in_batch = starts(counted, 1)
    slower = pair_ratio(pairs)
    lines = [
        f"`python bench/bench_pdf.py --rounds {args.rounds} --batch {args.batch}` — "
        f"{header}. Verhouding = PDF-tijd / Word-tijd per paar (hoeveel keer trager), mediaan "
        "van de paren (bereik, aantal paren); LibreOffice-starts geteld met een "
        "`soffice`-wrapper.",
        "",
        "| meting | tijd | verhouding | LibreOffice-starts | piekgeheugen (grootste proces) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| één regioplan als Word (`build --regio … --doc regioplan --to docx`) "
        f"| {spread([a.wall for a, _ in pairs])} | – | – "
        f"| {mib(peak([a.rss for a, _ in pairs]))} |",
        f"| hetzelfde regioplan als PDF (`--to pdf`) | {spread([b.wall for _, b in pairs])} "
        f"| PDF {slower} trager | {single} per run "
        f"| {mib(peak([b.rss for _, b in pairs]))} |",
        f"| reeks: {pdfs} regioplannen als PDF in één `regiogen build` | "
        f"{secs(batch_run.wall)} ({num(batch_run.wall / max(pdfs, 1), 1)} s per PDF) | – "
        f"| {in_batch} | {mib(batch_run.rss)} |",
    ]
    publish("pdf", "\n".join(lines), args.write_readme, args.readme)


if __name__ == "__main__":
    main()
