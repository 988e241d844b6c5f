"""Traceability: knelpunt → opgave → afspraak → resultaat/mijlpaal → begrotingspost.

:func:`trace_chains` gives one :class:`Keten` row per path through the plan, so a table or
tree can show how each knelpunt of the regiobeeld ends up in afspraken, results and money,
and where the chain breaks. :func:`format_trace` writes the rows as a text tree for
``regiogen trace``. Gaps are Dutch sentences in :attr:`Keten.gaten`; an afspraak without a
begrotingspost is not a gap (not every afspraak costs SPUK money) and shows as "—".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from regiogen.model.content import Afspraak, Content, Knelpunt, Opgave
from regiogen.source.dates import format_datum
from regiogen.source.money import format_euro

GEEN = "—"


@dataclass
class Keten:
    """One chain through the plan. Absent links are None (ids/titles) or empty lists.

    * ``knelpunt_id``/``knelpunt_titel``: the knelpunt of the regiobeeld;
      ``geparkeerd`` holds its reason when it is deliberately not taken up;
    * ``opgave_id``/``opgave_titel``: the regio-opgave that takes it up;
    * ``afspraak_id``/``afspraak_titel``: the regio-afspraak under that opgave;
    * ``resultaten``: one line per result (``indicator: nulmeting → streefwaarde (datum)``);
    * ``mijlpalen``: one line per milestone (``wat (wanneer)``);
    * ``posten``: one line per begrotingspost linked to the afspraak (``P3 omschrijving: €``);
    * ``gaten``: Dutch descriptions of what breaks the chain here (empty when complete).
    """

    knelpunt_id: str | None = None
    knelpunt_titel: str | None = None
    geparkeerd: str | None = None
    opgave_id: str | None = None
    opgave_titel: str | None = None
    afspraak_id: str | None = None
    afspraak_titel: str | None = None
    resultaten: list[str] = field(default_factory=list)
    mijlpalen: list[str] = field(default_factory=list)
    posten: list[str] = field(default_factory=list)
    gaten: list[str] = field(default_factory=list)

    @property
    def post_namen(self) -> list[str]:
        """The posten by id and omschrijving, without their amounts (``P3 omschrijving``)."""
        return [line.rpartition(": ")[0] or line for line in self.posten]

    @property
    def compleet(self) -> bool:
        """True when the chain has no gaps."""
        return not self.gaten


def _resultaten(afspraak: Afspraak) -> list[str]:
    lines = []
    for r in afspraak.resultaten:
        text = r.indicator or "(indicator ontbreekt)"
        if r.nulmeting or r.streefwaarde:
            text += f": {r.nulmeting or '?'} → {r.streefwaarde or '?'}"
        if r.datum:
            text += f" ({format_datum(r.datum)})"
        lines.append(text)
    return lines


def _mijlpalen(afspraak: Afspraak) -> list[str]:
    return [
        f"{m.wat} ({m.wanneer.text if m.wanneer else 'geen moment'})" for m in afspraak.mijlpalen
    ]


def _posten(content: Content) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if content.begroting is None:
        return found
    jaren = content.begroting.jaren
    for i, post in enumerate(content.begroting.posten):
        if post.afspraak is None:
            continue
        bedragen = [b for j, b in post.bedragen.items() if not jaren or j in jaren]
        totaal = sum(bedragen, Decimal(0))
        name = f"{post.id or f'post {i + 1}'} {post.omschrijving}: {format_euro(totaal)}"
        found.setdefault(post.afspraak, []).append(name)
    return found


def _afspraak_keten(base: Keten, afspraak: Afspraak, posten: dict[str, list[str]]) -> Keten:
    keten = Keten(
        knelpunt_id=base.knelpunt_id,
        knelpunt_titel=base.knelpunt_titel,
        opgave_id=base.opgave_id,
        opgave_titel=base.opgave_titel,
        afspraak_id=afspraak.id,
        afspraak_titel=afspraak.titel,
        resultaten=_resultaten(afspraak),
        mijlpalen=_mijlpalen(afspraak),
        posten=list(posten.get(afspraak.id, [])),
        gaten=list(base.gaten),
    )
    if not afspraak.resultaten:
        keten.gaten.append(f"afspraak {afspraak.id} heeft geen resultaten")
    if not afspraak.mijlpalen:
        keten.gaten.append(f"afspraak {afspraak.id} heeft geen mijlpalen")
    return keten


def _opgave_ketens(
    base: Keten, opgave: Opgave, afspraken: list[Afspraak], posten: dict[str, list[str]]
) -> list[Keten]:
    base = Keten(
        knelpunt_id=base.knelpunt_id,
        knelpunt_titel=base.knelpunt_titel,
        opgave_id=opgave.id,
        opgave_titel=opgave.titel,
        gaten=list(base.gaten),
    )
    eigen = [a for a in afspraken if a.opgave == opgave.id]
    if not eigen:
        base.gaten.append(f"opgave {opgave.id} heeft geen afspraken")
        return [base]
    return [_afspraak_keten(base, a, posten) for a in eigen]


def trace_chains(content: Content) -> list[Keten]:
    """Every chain knelpunt → opgave → afspraak → resultaat/mijlpaal → post, gaps marked.

    Order: per knelpunt (regiobeeld order) its opgaven and their afspraken; then opgaven
    without a known knelpunt; then afspraken without a known opgave. An opgave with two
    knelpunten appears under both.
    """
    posten = _posten(content)
    knelpunten: dict[str, Knelpunt] = {k.id: k for k in content.regiobeeld.knelpunten}
    opgave_ids = {o.id for o in content.opgaven}
    rows: list[Keten] = []
    for knelpunt in content.regiobeeld.knelpunten:
        base = Keten(knelpunt_id=knelpunt.id, knelpunt_titel=knelpunt.titel)
        opgaven = [o for o in content.opgaven if knelpunt.id in o.knelpunten]
        if not opgaven:
            parked = (knelpunt.geparkeerd or "").strip()
            base.geparkeerd = parked or None
            if not parked:
                base.gaten.append(f"knelpunt {knelpunt.id} wordt in geen opgave opgepakt")
            rows.append(base)
            continue
        for opgave in opgaven:
            rows.extend(_opgave_ketens(base, opgave, content.afspraken, posten))
    for opgave in content.opgaven:
        if not any(k in knelpunten for k in opgave.knelpunten):
            base = Keten(gaten=[f"opgave {opgave.id} gaat niet terug op een knelpunt"])
            rows.extend(_opgave_ketens(base, opgave, content.afspraken, posten))
    for afspraak in content.afspraken:
        if afspraak.opgave not in opgave_ids:
            base = Keten(gaten=[f"afspraak {afspraak.id} hoort bij geen opgave"])
            rows.append(_afspraak_keten(base, afspraak, posten))
    return rows


def _name(ident: str | None, titel: str | None, what: str) -> str:
    if ident is None:
        return f"(geen {what})"
    return f"{ident} {titel}" if titel else ident


def _branch(last: bool) -> tuple[str, str]:
    """Connector for an item and the indent for what hangs below it."""
    return ("└─ ", "   ") if last else ("├─ ", "│  ")


def _afspraak_lines(keten: Keten, indent: str, shown: set[str]) -> list[str]:
    lines = [f"resultaat: {r}" for r in keten.resultaten]
    lines += [f"mijlpaal: {m}" for m in keten.mijlpalen]
    lines += [f"begroting: {p}" for p in keten.posten or [GEEN]]
    lines += [f"! {gat}" for gat in keten.gaten if gat not in shown]
    shown.update(keten.gaten)
    out = []
    for n, line in enumerate(lines):
        connector, _ = _branch(n == len(lines) - 1)
        out.append(f"{indent}{connector}{line}")
    return out


def format_trace(chains: list[Keten]) -> str:
    """The chains as a text tree: knelpunt, opgave, afspraak, then its results and money.

    Gaps are marked with ``!`` (each once per knelpunt); an afspraak without a
    begrotingspost shows ``begroting: —``.
    """
    lines: list[str] = []
    for knelpunt, group in groupby(chains, key=lambda k: (k.knelpunt_id, k.knelpunt_titel)):
        rows = list(group)
        if lines:
            lines.append("")
        lines.append(_name(*knelpunt, "knelpunt"))
        shown: set[str] = set()
        if rows[0].geparkeerd:
            lines.append(f"   geparkeerd: {rows[0].geparkeerd}")
        top = [
            g for g in rows[0].gaten if rows[0].opgave_id is None and rows[0].afspraak_id is None
        ]
        lines.extend(f"   ! {gat}" for gat in top)
        shown.update(top)
        items = [r for r in rows if r.opgave_id is not None or r.afspraak_id is not None]
        opgaven = [list(g) for _, g in groupby(items, key=lambda k: k.opgave_id)]
        for n, opgave_rows in enumerate(opgaven):
            connector, indent = _branch(n == len(opgaven) - 1)
            first = opgave_rows[0]
            lines.append(f"{connector}{_name(first.opgave_id, first.opgave_titel, 'opgave')}")
            common = [g for g in first.gaten if all(g in r.gaten for r in opgave_rows)]
            if first.afspraak_id is None or first.opgave_id is not None:
                lines.extend(f"{indent}! {gat}" for gat in common if gat not in shown)
                shown.update(common)
            if first.afspraak_id is None:
                continue
            for m, keten in enumerate(opgave_rows):
                sub, below = _branch(m == len(opgave_rows) - 1)
                name = _name(keten.afspraak_id, keten.afspraak_titel, "afspraak")
                lines.append(f"{indent}{sub}{name}")
                lines.extend(_afspraak_lines(keten, indent + below, shown))
    return "\n".join(lines) + ("\n" if lines else "")
