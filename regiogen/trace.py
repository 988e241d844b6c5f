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

from regiogen.model.content import Afspraak, Content, Knelpunt, Opgave
from regiogen.money import format_euro

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
            text += f" ({r.datum.isoformat()})"
        lines.append(text)
    return lines


def _mijlpalen(afspraak: Afspraak) -> list[str]:
    return [f"{m.wat} ({m.wanneer.text if m.wanneer else 'geen moment'})" for m in afspraak.mijlpalen]


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


def _afspraak_keten(
    base: Keten, afspraak: Afspraak, posten: dict[str, list[str]]
) -> Keten:
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


def format_trace(chains: list[Keten]) -> str:
    """The chains as a text tree: knelpunt, opgave, afspraak, then its results and money.

    Gaps are marked with ``!``; an afspraak without a begrotingspost shows ``begroting: —``.
    """
    lines: list[str] = []
    last_knelpunt: tuple[str | None, str | None] | None = None
    last_opgave: tuple[str | None, str | None] | None = None
    for keten in chains:
        knelpunt = (keten.knelpunt_id, keten.knelpunt_titel)
        opgave = (keten.opgave_id, keten.opgave_titel)
        if knelpunt != last_knelpunt:
            if lines:
                lines.append("")
            lines.append(_name(*knelpunt, "knelpunt"))
            last_knelpunt, last_opgave = knelpunt, None
            if keten.geparkeerd:
                lines.append(f"  geparkeerd: {keten.geparkeerd}")
        if keten.opgave_id is not None and opgave != last_opgave:
            lines.append(f"  └─ {_name(*opgave, 'opgave')}")
            last_opgave = opgave
        if keten.afspraak_id is not None:
            lines.append(f"     └─ {_name(keten.afspraak_id, keten.afspraak_titel, 'afspraak')}")
            lines.extend(f"          resultaat: {r}" for r in keten.resultaten)
            lines.extend(f"          mijlpaal: {m}" for m in keten.mijlpalen)
            lines.extend(f"          begroting: {p}" for p in keten.posten or [GEEN])
        lines.extend(f"  ! {gat}" for gat in keten.gaten)
    return "\n".join(lines) + ("\n" if lines else "")
