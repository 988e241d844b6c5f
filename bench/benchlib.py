"""Shared helpers of the benchmarks: running and timing processes, pairing, Dutch figures, README.

Every comparison in ``bench/`` is *paired and interleaved*: in each round both contenders run
on the same input, one right after the other, and the order alternates per round (A-B, B-A,
…). The figure reported is the median of the per-pair ratios, with their range (min–max) and
the number of pairs, never a ratio of two medians.

Works on any platform; peak memory (max RSS) and CPU time of a child come from
:func:`os.wait4`, which only POSIX has: on Windows those cells read "–".
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
#: The command that runs the installed regiogen (whatever version is installed in this Python).
REGIOGEN = [sys.executable, "-m", "regiogen"]
#: Fixed timestamps so that builds are reproducible (and never consult git or the clock).
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def compile_bytecode() -> None:
    """Give the installed regiogen its bytecode (``__pycache__``), as ``pip install`` does.

    An editable install run with ``PYTHONDONTWRITEBYTECODE=1`` (as in some sandboxes and CI
    images) has none, and then every regiogen process the benchmarks start compiles all its
    modules first: about 0,09 s of CPU per start that a user's installation never pays.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("regiogen")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


compile_bytecode()


@dataclass(frozen=True)
class Run:
    """One timed piece of work: wall seconds, CPU seconds and peak RSS (MiB) when known."""

    wall: float
    cpu: float | None = None
    rss: float | None = None


def pandoc_path() -> str:
    """The pandoc binary of pypandoc-binary, else ``pandoc`` on PATH; exits when neither."""
    try:
        import pypandoc  # type: ignore[import-untyped]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            sys.exit("pandoc ontbreekt: pip install '.[bench]'")
        return found


def pandoc_version(pandoc: str) -> str:
    """The first line of ``pandoc --version`` (``pandoc 3.1.11``)."""
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[0]


def run(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
) -> Run:
    """Run one process to completion; its wall time, CPU time and peak RSS.

    CPU and RSS include the descendants the process waited for (worker processes), as the
    kernel reports them to :func:`os.wait4`; without ``wait4`` (Windows) they are ``None``.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        cwd=cwd,
        env=ENV if env is None else env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    cpu: float | None = None
    rss: float | None = None
    if hasattr(os, "wait4"):
        assert proc.stderr is not None
        err = proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        # Linux reports KiB, macOS bytes.
        rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    else:  # pragma: no cover - Windows
        _out, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        tail = err.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"mislukt ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return Run(wall, cpu, rss)


def run_pool(
    cmds: Sequence[tuple[Sequence[str], Path | None]], jobs: int, env: dict[str, str] | None = None
) -> Run:
    """Run ``(command, cwd)`` pairs, ``jobs`` at a time; total wall, summed CPU, largest RSS."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(lambda c: run(c[0], cwd=c[1], env=env), cmds))
    wall = time.perf_counter() - start
    cpus = [r.cpu for r in runs]
    rsss = [r.rss for r in runs]
    cpu = None if None in cpus else sum(c for c in cpus if c is not None)
    rss = None if None in rsss else max(r for r in rsss if r is not None)
    return Run(wall, cpu, rss)


def timed(fn: Callable[[], object]) -> Run:
    """Wall time of a call in this process."""
    start = time.perf_counter()
    fn()
    return Run(time.perf_counter() - start)


def paired(
    rounds: int, first: Callable[[], Run], second: Callable[[], Run]
) -> list[tuple[Run, Run]]:
    """``rounds`` pairs ``(first, second)``, run interleaved with the order alternating."""
    pairs: list[tuple[Run, Run]] = []
    for i in range(rounds):
        if i % 2 == 0:
            a = first()
            b = second()
        else:
            b = second()
            a = first()
        pairs.append((a, b))
        print(f"  paar {i + 1}/{rounds}: {a.wall:.2f} s, {b.wall:.2f} s", file=sys.stderr)
    return pairs


@dataclass(frozen=True)
class Ratio:
    """The median of per-pair ratios, their range and the number of pairs."""

    median: float
    low: float
    high: float
    n: int

    def __str__(self) -> str:
        if self.n == 0:
            return "–"
        if self.n == 1:
            return f"{ratio(self.median)} (1 paar)"
        return f"{ratio(self.median)} ({num(self.low, 1)}–{ratio(self.high)}, {self.n} paren)"


def pair_ratio(pairs: Sequence[tuple[Run, Run]], *, cpu: bool = False) -> Ratio:
    """Per pair ``second / first`` (wall, or CPU with ``cpu``); median, min, max and count."""
    values = []
    for a, b in pairs:
        x, y = (a.cpu, b.cpu) if cpu else (a.wall, b.wall)
        if x is None or y is None or x <= 0:
            continue
        values.append(y / x)
    if not values:
        return Ratio(float("nan"), float("nan"), float("nan"), 0)
    return Ratio(statistics.median(values), min(values), max(values), len(values))


def median(values: Sequence[float | None]) -> float | None:
    """Median of the known values, or ``None``."""
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def peak(values: Sequence[float | None]) -> float | None:
    """Largest known value, or ``None``."""
    known = [v for v in values if v is not None]
    return max(known) if known else None


# Dutch notation -------------------------------------------------------------------------------


def num(value: float, decimals: int) -> str:
    """``1234.5`` → ``1.234,5`` (Dutch: comma for decimals, point for thousands)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def secs(value: float | None) -> str:
    """Seconds as ``0,78 s`` (``–`` when unknown)."""
    if value is None:
        return "–"
    return f"{num(value, 2)} s" if value < 10 else f"{num(value, 1)} s"


def millis(value: float | None) -> str:
    """Seconds shown as milliseconds: ``39 ms``."""
    return "–" if value is None else f"{num(value * 1000, 0)} ms"


def ratio(value: float) -> str:
    """``7.2`` → ``7,2×``."""
    return "–" if value != value else f"{num(value, 1)}×"


def mib(value: float | None) -> str:
    """Peak RSS as ``36 MiB`` (``–`` when the platform cannot tell)."""
    return "–" if value is None else f"{num(value, 0)} MiB"


def spread(values: Sequence[float]) -> str:
    """Median of timings with their range: ``0,78 s (0,75–0,81 s)``."""
    med = statistics.median(values)
    if len(values) == 1:
        return secs(med)
    return f"{secs(med)} ({secs(min(values))[:-2]}–{secs(max(values))})"


def machine() -> str:
    """A line describing where the figures were measured."""
    cores = os.cpu_count() or 1
    try:
        load = f", belasting vooraf {num(os.getloadavg()[0], 1)}"
    except (AttributeError, OSError):
        load = ""
    from importlib.metadata import version

    return (
        f"regiogen {version('regiogen')}, Python {platform.python_version()}, "
        f"{platform.system()} met {cores} kernen{load}"
    )


# README blocks --------------------------------------------------------------------------------


def markers(name: str) -> tuple[str, str]:
    """The comment lines that open and close block ``name`` in the README."""
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def replace_block(text: str, name: str, content: str) -> str:
    """``text`` with exactly the lines between the markers of ``name`` replaced by ``content``.

    Raises ``ValueError`` when the block is missing or appears more than once, so that a
    typo never writes figures elsewhere.
    """
    start, end = markers(name)
    pattern = re.compile(
        rf"^{re.escape(start)}[ \t]*\n.*?^{re.escape(end)}[ \t]*$", re.DOTALL | re.MULTILINE
    )
    found = pattern.findall(text)
    if len(found) != 1 or text.count(start) != 1 or text.count(end) != 1:
        raise ValueError(f"README heeft geen (of meer dan één) blok {start} … {end}")
    body = content.strip("\n")
    return pattern.sub(lambda _m: f"{start}\n{body}\n{end}", text)


def write_block(name: str, content: str, readme: Path = README) -> None:
    """Replace block ``name`` in ``readme`` (UTF-8, line endings kept as ``\\n``)."""
    text = readme.read_text("utf-8")
    readme.write_text(replace_block(text, name, content), "utf-8", newline="\n")


def publish(name: str, content: str, write: bool, readme: Path = README) -> None:
    """Print the block; with ``write`` also put it in the README."""
    print(content)
    if write:
        write_block(name, content, readme)
        print(f"\n(blok bench:{name} in {readme} bijgewerkt)")
