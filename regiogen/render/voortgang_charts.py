"""Charts of the voortgang: a result's measurements, and the mijlpalen by quarter (Gantt).

Drawn with matplotlib (imported here only, when a chart is drawn) on the Agg backend, at a
fixed size and dpi, with the PNG's ``Software`` text left out: the same data give the same
bytes. Labels are Dutch; amounts and numbers use a decimal comma.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from regiogen.model.voortgang import MijlpaalStand, ResultaatStand, kwartaal, per_kwartaal

DPI = 150
#: Colours per state of a mijlpaal (colour-blind safe; the legend names them too).
KLEUREN = {
    "gehaald": "#1b7837",
    "vervallen": "#969696",
    "vertraagd": "#e08214",
    "over-tijd": "#b2182b",
    "gepland": "#2166ac",
    "zonder-datum": "#969696",
}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "regiogen",
        }
    )
    return plt


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


def _getal(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _korte_datum(day: date) -> str:
    maanden = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    return f"{maanden[day.month - 1]} {day.year}"


def _remembered(draw: Callable[..., bytes]) -> Callable[..., bytes]:
    """``draw`` remembered per arguments for the process (the last 64 charts).

    matplotlib takes 0,1–0,3 s a chart; a preview round, a rebuild after another document
    changed, or a test run draws the same charts again. The key is the arguments' ``repr``:
    the dataclasses and pydantic models they are made of show every field in it, so charts of
    different data never share a key.
    """
    drawn: dict[str, bytes] = {}

    @functools.wraps(draw)
    def remembered(*args: Any) -> bytes:
        key = repr(args)
        png = drawn.get(key)
        if png is None:
            png = draw(*args)
            if len(drawn) >= 64:
                drawn.pop(next(iter(drawn)), None)
            drawn[key] = png
        return png

    return remembered


@_remembered
def resultaat_grafiek(stand: ResultaatStand, peildatum: date) -> bytes:
    """The measurements of a result over time, with the nulmeting and the streefwaarde."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 2.6))
    days = [d for d, _ in stand.reeks]
    values = [float(v) for _, v in stand.reeks]
    ax.plot(days, values, marker="o", color="#2166ac", label="meting")
    for day, value in stand.reeks:
        ax.annotate(
            _getal(value), (day, float(value)), textcoords="offset points", xytext=(0, 6),
            ha="center", fontsize=7,
        )  # fmt: skip
    eenheid = f" {stand.nul.eenheid}" if stand.nul and stand.nul.eenheid else ""
    if stand.nul is not None:
        ax.axhline(float(stand.nul.waarde), color="#969696", linestyle="--", linewidth=1)
        ax.annotate(
            f"nulmeting {_getal(stand.nul.waarde)}{eenheid}", (0, float(stand.nul.waarde)),
            xycoords=("axes fraction", "data"), xytext=(2, 3), textcoords="offset points",
            fontsize=7, color="#636363",
        )  # fmt: skip
    if stand.streef is not None:
        ax.axhline(float(stand.streef.waarde), color="#1b7837", linestyle="-", linewidth=1)
        doel = stand.resultaat.datum
        wanneer = f" ({_korte_datum(doel)})" if doel else ""
        ax.annotate(
            f"streefwaarde {_getal(stand.streef.waarde)}{eenheid}{wanneer}",
            (0, float(stand.streef.waarde)), xycoords=("axes fraction", "data"), xytext=(2, 3),
            textcoords="offset points", fontsize=7, color="#1b7837",
        )  # fmt: skip
    ax.axvline(peildatum, color="#b2182b", linestyle=":", linewidth=1)
    lows = [*values]
    lows += [float(g.waarde) for g in (stand.nul, stand.streef) if g is not None]
    spread = (max(lows) - min(lows)) or 1.0
    ax.set_ylim(min(lows) - 0.15 * spread, max(lows) + 0.25 * spread)
    ticks = sorted(set(days))
    if all(abs((peildatum - d).days) > 60 for d in ticks):
        ticks = sorted([*ticks, peildatum])
    from datetime import timedelta

    span = [*days, peildatum]
    ax.set_xlim(min(span) - timedelta(days=45), max(span) + timedelta(days=45))
    ax.set_xticks(ticks)
    ax.set_xticklabels([_korte_datum(d) for d in ticks])
    ax.set_ylabel(stand.nul.eenheid if stand.nul and stand.nul.eenheid else "waarde")
    ax.yaxis.set_major_formatter(
        plt.FuncFormatter(lambda v, _pos: _getal(Decimal(str(round(v, 2)))))
    )
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.5)
    fig.tight_layout()
    return _png(fig)


@_remembered
def gantt_grafiek(standen: Sequence[MijlpaalStand], peildatum: date) -> bytes:
    """The mijlpalen by quarter: one row each, coloured by their state at the peildatum."""
    plt = _pyplot()
    quarters = per_kwartaal(standen)
    peil = kwartaal(peildatum)
    if peil not in quarters and quarters and quarters[0] <= peil <= quarters[-1]:
        quarters.append(peil)
    rows = [s for s in standen if s.mijlpaal.wanneer is not None]
    height = max(1.6, 0.28 * len(rows) + 0.9)
    fig, ax = plt.subplots(figsize=(6.3, height))
    index = {q: i for i, q in enumerate(quarters)}
    for y, stand in enumerate(rows):
        q = stand.kwartaal
        assert q is not None
        kleur = KLEUREN[stand.stand]
        ax.barh(y, 0.8, left=index[q] + 0.1, color=kleur, height=0.6)
        if stand.mijlpaal.verwacht is not None and stand.stand == "vertraagd":
            nieuw = kwartaal(stand.mijlpaal.verwacht.end)
            if nieuw in index:
                ax.annotate(
                    "", xy=(index[nieuw] + 0.5, y), xytext=(index[q] + 0.9, y),
                    arrowprops={"arrowstyle": "->", "color": kleur, "linewidth": 1},
                )  # fmt: skip
                ax.barh(y, 0.8, left=index[nieuw] + 0.1, color="none", edgecolor=kleur,
                        height=0.6, linestyle="--")  # fmt: skip
    labels = [f"{s.bron}: {_kort(s.mijlpaal.wat)}" for s in rows]
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xticks([i + 0.5 for i in range(len(quarters))])
    ax.set_xticklabels(kwartaal_labels(quarters), fontsize=7)
    ax.set_xlim(0, max(len(quarters), 1))
    if peil in index:
        x = index[peil] + (peildatum.month - 1) % 3 / 3 + peildatum.day / 93
        ax.axvline(x, color="#b2182b", linestyle=":", linewidth=1)
    for i in range(len(quarters) + 1):
        ax.axvline(i, color="#e0e0e0", linewidth=0.5, zorder=0)
    from matplotlib.patches import Patch

    used = [k for k in KLEUREN if any(s.stand == k for s in rows)]
    from regiogen.model.voortgang import STANDEN

    ax.legend(
        handles=[Patch(color=KLEUREN[k], label=STANDEN[k]) for k in used],
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(used) or 1,
        fontsize=7, frameon=False,
    )  # fmt: skip
    fig.tight_layout()
    return _png(fig)


def kwartaal_labels(quarters: Sequence[str]) -> list[str]:
    """Labels under the quarters ("2024-Q1" …): the quarter, and its year under the first
    quarter shown of each year, so that twelve or more quarters do not run into each other."""
    labels = []
    for i, q in enumerate(quarters):
        year, _, part = q.partition("-")
        first = i == 0 or quarters[i - 1].partition("-")[0] != year
        labels.append(f"{part}\n{year}" if first else part)
    return labels


def _kort(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
