"""Rules on the werkagenda as the NZa judged it: mijlpalen for the coming months *and* years.

Sources: the NZa's judgement of 8 February 2024 ("op het gebied van de werkagenda liggen nog
veel ontwikkelpunten"; mijlpalen for the coming months and years), IZA 2022 §3.2 p.44–45 (the
afspraken are translated into a werkagenda; plan period three years) and the handreiking §1.2.

Every dated item counts: mijlpalen of afspraken and fundamenten, results with a date, plan-wide
mijlpalen and the items of ``werkagenda:``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from regiogen.diagnostics import Severity
from regiogen.rules.meetbaar import is_procesmijlpaal
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label
from regiogen.source.dates import format_datum
from regiogen.source.load import KeyPath

regels = RuleSet()

PLAN_AGENDA = ("regioplan", "werkagenda")
#: An IZA regioplan covers three years.
LOOPTIJD = 3


@dataclass(frozen=True)
class Punt:
    """A dated item of the werkagenda, where it is, and what it is about."""

    path: KeyPath
    start: date
    end: date
    wat: str
    afspraak: str | None = None
    resultaat: bool = False


def punten(ctx: RuleContext) -> list[Punt]:
    """Every dated item of the plan."""
    c = ctx.content
    found: list[Punt] = []
    for i, a in enumerate(c.afspraken):
        for j, m in enumerate(a.mijlpalen):
            if m.wanneer is not None:
                path: KeyPath = ("afspraken", i, "mijlpalen", j, "wanneer")
                found.append(Punt(path, m.wanneer.start, m.wanneer.end, m.wat, a.id))
        for j, r in enumerate(a.resultaten):
            if r.datum is not None:
                path = ("afspraken", i, "resultaten", j, "datum")
                found.append(Punt(path, r.datum, r.datum, r.indicator or "", a.id, True))
    for i, f in enumerate(c.fundamenten):
        for j, m in enumerate(f.mijlpalen):
            if m.wanneer is not None:
                path = ("fundamenten", i, "mijlpalen", j, "wanneer")
                found.append(Punt(path, m.wanneer.start, m.wanneer.end, m.wat))
    for j, m in enumerate(c.mijlpalen):
        if m.wanneer is not None:
            found.append(Punt(("mijlpalen", j, "wanneer"), m.wanneer.start, m.wanneer.end, m.wat))
    for j, w in enumerate(c.werkagenda):
        if w.wanneer is not None:
            found.append(
                Punt(
                    ("werkagenda", j, "wanneer"), w.wanneer.start, w.wanneer.end, w.wat, w.afspraak
                )
            )
    return found


def periode(ctx: RuleContext) -> tuple[int, int] | None:
    """The plan period in years: ``regio.periode``, else three years after the plan date."""
    regio = ctx.content.regio
    if regio.periode is not None:
        return regio.periode.van, regio.periode.tot
    plandatum = ctx.plandatum
    if plandatum is None:
        return None
    start = plandatum.year + 1 if plandatum.month >= 10 else plandatum.year
    return start, start + LOOPTIJD - 1


def _has_agenda(ctx: RuleContext) -> bool:
    c = ctx.content
    return bool(c.afspraken or c.mijlpalen or c.werkagenda or c.fundamenten)


@regels.rule(
    "iza.werkagenda.looptijd",
    Severity.WARNING,
    "De mijlpalen lopen door tot in het laatste jaar van het plan",
    "NZa 8-2-2024; IZA 2022 §3.2 p.44–45",
    PLAN_AGENDA,
)
def looptijd(ctx: RuleContext) -> Iterator[Finding]:
    """The latest mijlpaal lies in the last year of the plan period (months *and* years)."""
    jaren = periode(ctx)
    items = punten(ctx)
    if jaren is None or not items or not _has_agenda(ctx):
        return
    last = max(items, key=lambda p: p.end)
    if last.end.year < jaren[1]:
        yield Finding(
            last.path,
            f"de werkagenda loopt tot {format_datum(last.end)} ('{last.wat}'), maar het plan "
            f"loopt van {jaren[0]} tot en met {jaren[1]}; de NZa vraagt mijlpalen voor de "
            "komende maanden én jaren (plan ook de latere jaren, of zet 'regio.periode')",
        )


@regels.rule(
    "iza.werkagenda.na-plandatum",
    Severity.WARNING,
    "Mijlpalen liggen na de datum van het plan",
    "NZa 8-2-2024",
    PLAN_AGENDA,
)
def na_plandatum(ctx: RuleContext) -> Iterator[Finding]:
    """A mijlpaal due before the plan's own date is history, not agenda."""
    plandatum = ctx.plandatum
    if plandatum is None:
        return
    for p in punten(ctx):
        if p.end < plandatum and not p.resultaat:  # results: iza.afspraak.resultaat-meetbaar
            yield Finding(
                p.path,
                f"mijlpaal '{p.wat}' ({format_datum(p.end)}) ligt vóór de datum van het plan "
                f"({format_datum(plandatum)}); een werkagenda plant wat nog moet gebeuren",
            )


@regels.rule(
    "iza.werkagenda.volgende-stap",
    Severity.WARNING,
    "Elke afspraak heeft een volgende stap binnen een jaar na de datum van het plan",
    "NZa 8-2-2024; handreiking §1.2",
    PLAN_AGENDA,
)
def volgende_stap(ctx: RuleContext) -> Iterator[Finding]:
    """Each afspraak with mijlpalen has one due within a year of the plan date."""
    plandatum = ctx.plandatum
    if plandatum is None:
        return
    binnen = plandatum + timedelta(days=366)
    per_afspraak: dict[str, list[Punt]] = {}
    for p in punten(ctx):
        if p.afspraak is not None:
            per_afspraak.setdefault(p.afspraak, []).append(p)
    for i, a in enumerate(ctx.content.afspraken):
        items = per_afspraak.get(a.id, [])
        if not a.mijlpalen or not items:
            continue  # iza.afspraak.mijlpalen reports an afspraak without mijlpalen
        if not any(plandatum <= p.end and p.start <= binnen for p in items):
            first = min((p for p in items if p.end >= plandatum), key=lambda p: p.end, default=None)
            when = f"; de eerste is pas {format_datum(first.start)}" if first else ""
            yield Finding(
                ("afspraken", i, "mijlpalen"),
                f"afspraak {label(a.id, a.titel)} heeft geen mijlpaal in het eerste jaar na de "
                f"datum van het plan ({format_datum(plandatum)}){when}; noem de volgende stap",
                at_key=True,
            )


@regels.rule(
    "iza.werkagenda.alleen-plan",
    Severity.WARNING,
    "De werkagenda is meer dan het verder maken van het plan",
    "NZa 8-2-2024",
    PLAN_AGENDA,
)
def alleen_plan(ctx: RuleContext) -> Iterator[Finding]:
    """A werkagenda whose every item is about making the plan, agenda or organisation."""
    items = punten(ctx)
    if not items or not _has_agenda(ctx):
        return
    if all(not p.resultaat and is_procesmijlpaal(p.wat) for p in items):
        first = min(items, key=lambda p: p.end)
        yield Finding(
            first.path[:2],
            f"alle {len(items)} mijlpalen gaan over het verder maken van het plan (werkgroepen, "
            "agenda, uitwerking); de NZa vraagt een werkagenda met mijlpalen van de uitvoering: "
            "wat is wanneer operationeel, wie doet wat",
        )
