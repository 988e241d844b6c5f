"""Benchmark the whole project build on 31 regions, side by side with pandoc.

    pip install '.[bench]'          # pypandoc-binary: pandoc for the comparison
    python bench/bench_build.py [--rounds 3] [--jobs N]

Measures, in one run and on the same machine:

* ``regiogen check`` of the 31-region project (whole process);
* a full ``regiogen build --force`` (Markdown and Word for every kind, all regions);
* a no-op rebuild (nothing changed);
* pandoc converting the same 31 regioplan Markdown files to Word, one process each, and
  all Markdown files of the build, one process each (what a pandoc-based pipeline runs);
* ``regiogen render`` of the 31 regioplannen in one process for the like-for-like writer
  comparison.

Prints a Markdown table with medians, ratios against pandoc and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_project import generate  # noqa: E402


def pandoc_path() -> str:
    """Path of the pandoc binary from pypandoc-binary (or the system's)."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            sys.exit("pandoc ontbreekt: pip install '.[bench]'")
        return found


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time of one command and its peak RSS in MB (measured by a wrapper process)."""
    wrapper = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "d = time.perf_counter() - t; "
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(d, m); sys.exit(r.returncode)",
        *cmd,
    ]
    out = subprocess.run(wrapper, capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        raise SystemExit(f"mislukt: {' '.join(cmd)}\n{out.stderr}")
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss) // 1024


def pandoc_batch(pandoc: str, files: list[Path], out: Path) -> float:
    """Run pandoc once per file, as a pandoc-based build does; total wall time."""
    start = time.perf_counter()
    for md in files:
        subprocess.run([pandoc, str(md), "-o", str(out / (md.stem + ".docx"))], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    regiogen = [sys.executable, "-m", "regiogen"]
    pandoc = pandoc_path()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp:
        root = Path(tmp) / "project31"
        generate(root)
        build = root / "build"
        results: dict[str, list[float]] = {
            k: [] for k in ("check", "build", "noop", "render31", "pandoc31", "pandoc_all")
        }
        rss: dict[str, int] = {}
        subprocess.run([*regiogen, "build", str(root), "-q"], env=env, check=False)
        regioplannen = sorted(build.glob("*/regioplan.md"))
        all_md = sorted(build.glob("*/*.md"))
        render_script = (
            "import sys; from pathlib import Path; "
            "from regiogen.render.docx import DocxOptions, render_file\n"
            "for p in sys.argv[2:]:\n"
            "    render_file(Path(p), Path(sys.argv[1]) / (Path(p).parent.name + '.docx'), "
            "DocxOptions(base_dir=Path(p).parent))\n"
        )
        for _ in range(args.rounds):
            t, m = timed([*regiogen, "check", str(root)], env)
            results["check"].append(t)
            rss["check"] = max(rss.get("check", 0), m)
            t, m = timed(
                [*regiogen, "build", str(root), "-q", "--force", "-j", str(args.jobs)], env
            )
            results["build"].append(t)
            rss["build"] = max(rss.get("build", 0), m)
            t, m = timed([*regiogen, "build", str(root), "-q"], env)
            results["noop"].append(t)
            rss["noop"] = max(rss.get("noop", 0), m)
            with tempfile.TemporaryDirectory() as out:
                t, m = timed(
                    [sys.executable, "-c", render_script, out, *map(str, regioplannen)], env
                )
                results["render31"].append(t)
                rss["render31"] = max(rss.get("render31", 0), m)
            with tempfile.TemporaryDirectory() as out:
                results["pandoc31"].append(pandoc_batch(pandoc, regioplannen, Path(out)))
            with tempfile.TemporaryDirectory() as out:
                results["pandoc_all"].append(pandoc_batch(pandoc, all_md, Path(out)))
        med = {k: statistics.median(v) for k, v in results.items()}
        size = sum(md.stat().st_size for md in regioplannen) // 1024 // len(regioplannen)
        print(
            f"31 regio's, {len(all_md)} Markdown-documenten (regioplan: 12 afspraken, "
            f"{size} KB Markdown, 17 pagina's in LibreOffice), {args.rounds} rondes, mediaan, "
            f"{os.cpu_count()} kernen, "
            f"--jobs {args.jobs}\n"
        )
        print("| meting | regiogen | pandoc | pandoc / regiogen | piekgeheugen regiogen |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(f"| check, 31 regio's | {med['check']:.2f} s | – | – | {rss['check']} MB |")
        print(
            f"| 31 regioplannen .md → .docx, één proces vs 31 pandoc-processen | "
            f"{med['render31']:.2f} s | {med['pandoc31']:.2f} s | "
            f"{med['pandoc31'] / med['render31']:.1f}× | {rss['render31']} MB |"
        )
        print(
            f"| volledige build ({len(all_md)} documenten, YAML → md + docx) vs pandoc op "
            f"dezelfde Markdown | {med['build']:.2f} s | {med['pandoc_all']:.2f} s | "
            f"{med['pandoc_all'] / med['build']:.1f}× | {rss['build']} MB |"
        )
        print(f"| no-op rebuild | {med['noop']:.2f} s | – | – | {rss['noop']} MB |")
    _ = resource  # imported for the wrapper's documentation


if __name__ == "__main__":
    main()
