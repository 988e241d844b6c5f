"""Benchmark the build of 31 regions against pandoc, paired and interleaved in one run.

    pip install '.[bench]'          # pypandoc-binary: pandoc for the comparison
    python bench/bench_build.py [--rounds 3] [--jobs 1] [--write-readme]

On a generated project of the 31 zorgkantoorregio's (``gen_project.py``) it measures, each
round running both contenders on the same input, order alternating per round:

* ``regiogen build --doc regioplan --force -j J`` (YAML → Markdown + Word, 31 regioplannen,
  one process when J is 1) against pandoc converting the 31 ``regioplan.md`` that regiogen
  wrote to Word, one pandoc process per file, J at a time;
* the same 31 Markdown files → Word only: one fresh Python process (imports included) that
  calls regiogen's own converter (``regiogen.render.convert.convert_markdown``, what
  ``regiogen render`` runs) on every file, against 31 pandoc processes one at a time;
* ``regiogen check`` of the 31 regions and a no-op rebuild (the same build with nothing
  changed), with their peak memory.

The ratio is pandoc / regiogen per pair; the table gives the median of those ratios with
their range and the number of pairs. ``--write-readme`` puts the table in README.md between
``<!-- bench:build -->`` and ``<!-- /bench:build -->``.
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
    Run,
    machine,
    mib,
    pair_ratio,
    paired,
    pandoc_path,
    pandoc_version,
    peak,
    publish,
    run,
    run_pool,
    spread,
)
from gen_project import generate  # noqa: E402

#: Converts the Markdown files named on the command line to Word with regiogen, in one process.
CONVERT_MANY = """\
import sys
from pathlib import Path
from regiogen.render.convert import ConvertOptions, convert_markdown

out = Path(sys.argv[1])
for name in sys.argv[2:]:
    src = Path(name)
    options = ConvertOptions(name=f"{src.parent.name}/{src.stem}", base_dir=src.parent)
    outputs, _diagnostics = convert_markdown(src.read_text("utf-8"), {"docx"}, options)
    (out / f"{src.parent.name}.docx").write_bytes(outputs["docx"])
"""


def row(work: str, ours: list[Run], theirs: list[Run] | None, ratio: str) -> str:
    """One line of the table."""
    pandoc = spread([r.wall for r in theirs]) if theirs else "–"
    rss_pandoc = mib(peak([r.rss for r in theirs])) if theirs else "–"
    return (
        f"| {work} | {spread([r.wall for r in ours])} | {pandoc} | {ratio} | "
        f"{mib(peak([r.rss for r in ours]))} | {rss_pandoc} |"
    )


def main() -> None:
    """Run the benchmark, print the table and optionally write it into the README."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="paren per meting (standaard 3)")
    parser.add_argument(
        "--jobs", type=int, default=1, help="processen aan beide kanten (standaard 1)"
    )
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()
    pandoc = pandoc_path()
    header = machine()
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "project31"
        generate(root)
        build = [*REGIOGEN, "build", str(root), "-q", "--doc", "regioplan", "-j", str(args.jobs)]
        run(build)  # warm-up; writes the Markdown pandoc converts
        regioplannen = sorted((root / "build").glob("*/regioplan.md"))
        assert len(regioplannen) == 31, regioplannen
        out = tmp / "pandoc"
        out.mkdir()

        def pandoc_all(jobs: int) -> Run:
            cmds = [
                ([pandoc, md.name, "-o", str(out / f"{md.parent.name}.docx")], md.parent)
                for md in regioplannen
            ]
            return run_pool(cmds, jobs)

        full = paired(args.rounds, lambda: run([*build, "--force"]), lambda: pandoc_all(args.jobs))
        mine = tmp / "regiogen"
        mine.mkdir()
        convert = [sys.executable, "-c", CONVERT_MANY, str(mine), *map(str, regioplannen)]
        docx = paired(args.rounds, lambda: run(convert), lambda: pandoc_all(1))
        check = [run([*REGIOGEN, "check", str(root)]) for _ in range(args.rounds)]
        run(build)
        noop = [run(build) for _ in range(args.rounds)]
        size = sum(md.stat().st_size for md in regioplannen) // 1024 // len(regioplannen)
        charts = len(list(regioplannen[0].parent.glob("regioplan-figuur-*.svg")))
    jobs = "één proces" if args.jobs == 1 else f"`-j {args.jobs}`"
    pool = "één tegelijk" if args.jobs == 1 else f"{args.jobs} tegelijk"
    lines = [
        f"`python bench/bench_build.py --rounds {args.rounds} --jobs {args.jobs}` — "
        f"31 regio's (regioplan: 12 afspraken, {size} KB Markdown, {charts} grafieken); {header}; "
        f"{pandoc_version(pandoc)}. Verhouding = pandoc-tijd / regiogen-tijd per paar; "
        "mediaan van de paren (bereik, aantal paren).",
        "",
        "| meting | regiogen | pandoc | pandoc / regiogen | piekgeheugen regiogen "
        "| piekgeheugen pandoc |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row(
            f"31 regioplannen, YAML → Markdown + Word in {jobs} (`regiogen build --doc "
            f"regioplan`), tegen 31 pandoc-processen ({pool}) op de Markdown van regiogen",
            [a for a, _ in full],
            [b for _, b in full],
            str(pair_ratio(full)),
        ),
        row(
            "dezelfde 31 Markdown-bestanden → Word: één nieuw regiogen-proces (imports "
            "inbegrepen) met de omzetter van `regiogen render`, tegen 31 pandoc-processen "
            "(één tegelijk)",
            [a for a, _ in docx],
            [b for _, b in docx],
            str(pair_ratio(docx)),
        ),
        row("`regiogen check`, 31 regio's", check, None, "–"),
        row("no-op rebuild (`build --doc regioplan`, niets veranderd)", noop, None, "–"),
    ]
    publish("build", "\n".join(lines), args.write_readme, args.readme)


if __name__ == "__main__":
    main()
