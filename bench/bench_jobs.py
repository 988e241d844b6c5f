"""Benchmark ``regiogen build --jobs 2`` against ``--jobs 1`` on 31 regions, paired.

    python bench/bench_jobs.py [--rounds 2] [--jobs 2] [--write-readme]

On the generated 31-region project (``gen_project.py``) each round runs a full
``regiogen build --force`` (every document kind, Markdown and Word) once with ``-j 1`` and
once with ``-j N`` (default 2), the order alternating per round. Per pair it takes the wall
time of ``-j 1`` / ``-j N`` (how much faster) and the CPU time of ``-j N`` / ``-j 1`` (how
much more CPU the workers cost; CPU comes from :func:`os.wait4`, so "–" on Windows). The table
gives the medians of those per-pair ratios with their range. ``--write-readme`` puts it in
README.md between ``<!-- bench:jobs -->`` and ``<!-- /bench:jobs -->``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import (  # noqa: E402
    README,
    REGIOGEN,
    machine,
    median,
    mib,
    pair_ratio,
    paired,
    peak,
    publish,
    run,
    secs,
    spread,
)
from gen_project import generate  # noqa: E402


def main() -> None:
    """Run the benchmark, print the table and optionally write it into the README."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="paren (standaard 2)")
    parser.add_argument("--jobs", type=int, default=2, help="processen tegen 1 (standaard 2)")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()
    header = machine()
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp_name:
        root = Path(tmp_name) / "project31"
        generate(root)
        build = [*REGIOGEN, "build", str(root), "-q", "--force"]
        # Warm-up: file cache, bytecode, and every output written once, so that no pair
        # pays for the first writes (780 files with fsync) on one side only.
        run([*build, "-j", "1"])
        pairs = paired(
            args.rounds,
            lambda: run([*build, "-j", str(args.jobs)]),
            lambda: run([*build, "-j", "1"]),
        )
        documents = len(list((root / "build").glob("*/*.docx")))
    many = [a for a, _ in pairs]
    one = [b for _, b in pairs]
    faster = pair_ratio(pairs)
    cpu = pair_ratio([(b, a) for a, b in pairs], cpu=True)
    more_cpu = "–" if cpu.n == 0 else str(cpu)
    lines = [
        f"`python bench/bench_jobs.py --rounds {args.rounds} --jobs {args.jobs}` — volledige "
        f"build van 31 regio's (`build --force`, alle soorten, {documents} Word-documenten "
        f"met hun Markdown); {header}. Per paar: wandkloktijd `-j 1` / `-j {args.jobs}` en "
        f"CPU-tijd `-j {args.jobs}` / `-j 1`; mediaan van de paren (bereik, aantal paren).",
        "",
        f"| meting | `-j 1` | `-j {args.jobs}` | `-j {args.jobs}` sneller (wandklok) "
        f"| CPU `-j 1` | CPU `-j {args.jobs}` | CPU `-j {args.jobs}` / `-j 1` "
        f"| piekgeheugen `-j 1` | piekgeheugen `-j {args.jobs}` (grootste proces) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| 31 regio's, volledige build | {spread([r.wall for r in one])} "
        f"| {spread([r.wall for r in many])} | {faster} "
        f"| {secs(median([r.cpu for r in one]))} | {secs(median([r.cpu for r in many]))} "
        f"| {more_cpu} | {mib(peak([r.rss for r in one]))} "
        f"| {mib(peak([r.rss for r in many]))} |",
    ]
    publish("jobs", "\n".join(lines), args.write_readme, args.readme)


if __name__ == "__main__":
    main()
