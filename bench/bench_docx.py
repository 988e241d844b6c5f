"""Benchmark: regiogen's Markdown → Word writer against pandoc, on the same files.

Run ``python bench/bench_docx.py`` (needs pypandoc-binary). It generates the corpus
(``bench/gen_markdown.py``), then runs both converters paired and interleaved, and prints a
Markdown table with medians, ratios and peak memory. Timing never belongs in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


from regiogen.render.docx import DocxOptions, markdown_to_docx  # noqa: E402


def pandoc_path() -> str:
    """The pandoc binary shipped with pypandoc-binary."""
    import pypandoc  # type: ignore[import-untyped]

    return str(pypandoc.get_pandoc_path())


def run_child(cmd: list[str]) -> tuple[float, int]:
    """Run a process; return (seconds, peak RSS in MB) of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed with {proc.returncode}")
    return elapsed, usage.ru_maxrss // 1024


def ours(src: Path, out: Path) -> float:
    """Convert in this process; return seconds."""
    start = time.perf_counter()
    data, _ = markdown_to_docx(src.read_text(encoding="utf-8"), DocxOptions())
    out.write_bytes(data)
    return time.perf_counter() - start


def timed(fn: Callable[[], float], n: int) -> list[float]:
    return [fn() for _ in range(n)]


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--batch-repeat", type=int, default=2)
    args = parser.parse_args()
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_markdown.py"), str(tmp)],
                       check=True)  # fmt: skip
        ours(tmp / "small.md", tmp / "warm.docx")  # warm the reference cache and imports
        for name in ("small", "medium", "large"):
            src = tmp / f"{name}.md"
            repeat = args.repeat
            mine: list[float] = []
            theirs: list[float] = []
            fresh: list[float] = []
            for _ in range(repeat):  # paired and interleaved
                mine.append(ours(src, tmp / f"{name}.ours.docx"))
                theirs.append(run_child([pandoc, str(src), "-o", str(tmp / f"{name}.pd.docx")])[0])
                fresh.append(run_child([sys.executable, "-c", (
                    f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
                    "from regiogen.render.docx import markdown_to_docx; "
                    f"d, _ = markdown_to_docx(Path({str(src)!r}).read_text('utf-8')); "
                    f"Path({str(tmp / 'fresh.docx')!r}).write_bytes(d)")])[0])  # fmt: skip
            m, p, f = (statistics.median(x) for x in (mine, theirs, fresh))
            size = src.stat().st_size // 1024
            rows.append(
                f"| {name} ({size} KB) | {m * 1000:.0f} ms | {f * 1000:.0f} ms | "
                f"{p * 1000:.0f} ms | {p / m:.1f}× | {p / f:.1f}× |"
            )
        batch = sorted((tmp / "batch").glob("*.md"))
        mine_b: list[float] = []
        theirs_b: list[float] = []
        for _ in range(args.batch_repeat):
            mine_b.append(sum(ours(src, src.with_suffix(".docx")) for src in batch))
            theirs_b.append(
                sum(
                    run_child([pandoc, str(s), "-o", str(s.with_suffix(".pd.docx"))])[0]
                    for s in batch
                )
            )
        m, p = statistics.median(mine_b), statistics.median(theirs_b)
        rows.append(
            f"| batch of {len(batch)} × medium | {m * 1000:.0f} ms | – | {p * 1000:.0f} ms | "
            f"{p / m:.1f}× | – |"
        )
        large = tmp / "large.md"
        _, rss_ours = run_child([sys.executable, "-c", (
            f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
            "from regiogen.render.docx import markdown_to_docx; "
            f"d, _ = markdown_to_docx(Path({str(large)!r}).read_text('utf-8'))")])  # fmt: skip
        _, rss_pandoc = run_child([pandoc, str(large), "-o", str(tmp / "l.docx")])
        tracemalloc.start()
        ours(large, tmp / "large.ours.docx")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        pages = "?"
        soffice = "/usr/bin/soffice"
        if Path(soffice).exists() and os.environ.get("BENCH_PAGES") == "1":
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                            str(tmp / "large.ours.docx")], capture_output=True)  # fmt: skip
            info = subprocess.run(["pdfinfo", str(tmp / "large.ours.pdf")], capture_output=True,
                                  text=True).stdout  # fmt: skip
            pages = next((ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages")),
                         "?")  # fmt: skip
    print(f"pandoc: {version.splitlines()[0]}; Python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs\n")  # fmt: skip
    print("| document | regiogen in-process | regiogen fresh process | pandoc process | "
          "ratio in-process | ratio fresh process |")  # fmt: skip
    print("|---|--:|--:|--:|--:|--:|")
    print("\n".join(rows))
    print()
    print("| peak memory, large document | value |")
    print("|---|--:|")
    print(f"| regiogen process (max RSS) | {rss_ours} MB |")
    print(f"| regiogen Python allocations (tracemalloc peak) | {peak // (1024 * 1024)} MB |")
    print(f"| pandoc process (max RSS) | {rss_pandoc} MB |")
    if pages != "?":
        print(f"| pages of the large document (LibreOffice) | {pages} |")


if __name__ == "__main__":
    main()
