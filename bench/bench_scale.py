"""Benchmark of scale: the whole country in one build.

    python bench/bench_scale.py [--regios 42] [--gemeenten 342] [--jobs N] [--write-readme]

Generates (``gen_project.py``) a project of 42 regions whose 342 gemeenten each have a plan of
aanpak SPUK GALA, checks that ``regiogen check`` finds no errors in it (else the build would
stop), then times one ``regiogen build`` of everything (Markdown and Word; ``-j`` default: the
number of cores) and reports its wall and CPU time, the number of documents and the peak memory
(max RSS of the largest process, from :func:`os.wait4`; "–" on Windows). ``--write-readme``
puts the table in README.md between ``<!-- bench:scale -->`` and ``<!-- /bench:scale -->``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import ENV, README, REGIOGEN, machine, mib, num, publish, run, secs  # noqa: E402
from gen_project import generate  # noqa: E402


def main() -> None:
    """Generate, check, build once; print the table and optionally write it into the README."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regios", type=int, default=42)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()
    header = machine()
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp_name:
        root = Path(tmp_name) / "scale"
        generate(root, args.regios, args.gemeenten)
        check = subprocess.run(
            [*REGIOGEN, "check", str(root)], capture_output=True, text=True, env=ENV
        )
        if check.returncode != 0:
            sys.exit(f"regiogen check vindt fouten in de gegenereerde inhoud:\n{check.stdout}")
        checked = run([*REGIOGEN, "check", str(root)])
        built = run([*REGIOGEN, "build", str(root), "-q", "-j", str(args.jobs)])
        out = root / "build"
        gala = len(list(out.glob("*/gala-plan-van-aanpak-*.docx")))
        documents = len(list(out.glob("*/*.docx")))
        pages_md = sum(p.stat().st_size for p in out.glob("*/*.md")) / (1024 * 1024)
    lines = [
        f"`python bench/bench_scale.py --regios {args.regios} --gemeenten {args.gemeenten} "
        f"--jobs {args.jobs}` — één run; {header}. `regiogen check` vindt geen fouten in de "
        "gegenereerde inhoud (anders stopt het script).",
        "",
        "| meting | wandklok | CPU | documenten | piekgeheugen (grootste proces) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `regiogen check`, {args.regios} regio's en {args.gemeenten} gemeenten "
        f"| {secs(checked.wall)} | {secs(checked.cpu)} | – | {mib(checked.rss)} |",
        f"| `regiogen build -j {args.jobs}`: {gala} GALA-plannen van aanpak en de documenten "
        f"van {args.regios} regio's (Markdown + Word, {num(pages_md, 1)} MB Markdown) "
        f"| {secs(built.wall)} | {secs(built.cpu)} | {documents} | {mib(built.rss)} |",
    ]
    publish("scale", "\n".join(lines), args.write_readme, args.readme)


if __name__ == "__main__":
    main()
