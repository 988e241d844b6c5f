"""Benchmark one document, Markdown → Word: regiogen against pandoc, paired and interleaved.

    pip install '.[bench]'          # pypandoc-binary: pandoc for the comparison
    python bench/bench_docx.py [--rounds 7] [--pages] [--write-readme]

On the corpus of ``gen_markdown.py`` (small ~5, medium ~30 and large ~220 pages) it runs, per
document and per round, with the order alternating per round:

* regiogen in this process, imports paid once (``regiogen.render.convert.convert_markdown``,
  what ``regiogen render`` runs), against one pandoc process (``pandoc in.md -o out.docx``);
* ``regiogen render in.md -o out.docx`` as a fresh process (Python start-up and imports
  included) against the same pandoc process.

Each pair gives a ratio pandoc / regiogen; the table shows the median of the ratios with their
range and the number of pairs, the time per 100 KB of Markdown in the process (the cost is
linear in size when that column stays level), and the peak memory (max RSS) of
``regiogen render`` and of pandoc. ``--pages`` counts the pages of regiogen's Word files with
LibreOffice. ``--write-readme`` puts the table in README.md between ``<!-- bench:docx -->``
and ``<!-- /bench:docx -->``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
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
    median,
    mib,
    millis,
    num,
    pair_ratio,
    paired,
    pandoc_path,
    pandoc_version,
    peak,
    publish,
    run,
    timed,
)

NAMES = {"small": "klein", "medium": "middel", "large": "groot"}


def in_process(src: Path, out: Path) -> Run:
    """Convert ``src`` to Word in this process (imports already paid); wall time."""
    from regiogen.render.convert import ConvertOptions, convert_markdown

    def convert() -> None:
        options = ConvertOptions(name=src.stem, base_dir=src.parent)
        outputs, _diagnostics = convert_markdown(src.read_text("utf-8"), {"docx"}, options)
        out.write_bytes(outputs["docx"])

    return timed(convert)


def pages(docx: Path, tmp: Path) -> str:
    """Pages of ``docx`` as LibreOffice lays it out, or ``?``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdfinfo"):
        return "?"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
        capture_output=True,
        check=False,
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp / f"{docx.stem}.pdf")], capture_output=True, text=True, check=False
    ).stdout
    return next((ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages")), "?")


def main() -> None:
    """Run the benchmark, print the table and optionally write it into the README."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="paren per meting (standaard 7)")
    parser.add_argument("--pages", action="store_true", help="tel pagina's met LibreOffice")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()
    pandoc = pandoc_path()
    header = machine()
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="regiogen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        subprocess.run([sys.executable, str(HERE / "gen_markdown.py"), str(corpus)], check=True)
        in_process(corpus / "small.md", tmp / "warm.docx")  # imports and caches, paid once
        for name, label in NAMES.items():
            src = corpus / f"{name}.md"
            ours = tmp / f"{name}.regiogen.docx"

            def theirs(src: Path = src, name: str = name) -> Run:
                return run(
                    [pandoc, src.name, "-o", str(tmp / f"{name}.pandoc.docx")], cwd=src.parent
                )

            warm = paired(args.rounds, lambda src=src, ours=ours: in_process(src, ours), theirs)
            fresh = paired(
                args.rounds,
                lambda src=src, name=name: run(
                    [*REGIOGEN, "render", src.name, "-o", str(tmp / f"{name}.fresh.docx")],
                    cwd=src.parent,
                ),
                theirs,
            )
            size = src.stat().st_size / 1024
            per_100kb = (median([a.wall for a, _ in warm]) or 0.0) / size * 100
            count = f", {pages(ours, tmp)} p." if args.pages else ""
            rows.append(
                f"| {label} ({num(size, 0)} KB{count}) "
                f"| {millis(median([a.wall for a, _ in warm]))} "
                f"| {millis(per_100kb)} "
                f"| {millis(median([a.wall for a, _ in fresh]))} "
                f"| {millis(median([b.wall for _, b in warm + fresh]))} "
                f"| {pair_ratio(warm)} | {pair_ratio(fresh)} "
                f"| {mib(peak([a.rss for a, _ in fresh]))} "
                f"| {mib(peak([b.rss for _, b in warm + fresh]))} |"
            )
    lines = [
        f"`python bench/bench_docx.py --rounds {args.rounds}` — Markdown → Word, één document; "
        f"{header}; {pandoc_version(pandoc)}. Tijden zijn medianen; verhouding = pandoc-tijd / "
        "regiogen-tijd per paar, mediaan van de paren (bereik, aantal paren).",
        "",
        "| document | regiogen in het proces | per 100 KB | `regiogen render` (nieuw proces) "
        "| pandoc-proces | verhouding in het proces | verhouding nieuw proces "
        "| piekgeheugen `regiogen render` | piekgeheugen pandoc |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
    ]
    publish("docx", "\n".join(lines), args.write_readme, args.readme)


if __name__ == "__main__":
    main()
