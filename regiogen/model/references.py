"""Checks on ids: no id used twice, every reference points at something, no circles."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from regiogen.diagnostics import Diagnostic, error
from regiogen.model.content import Content, Initiatief, same_gemeentecode
from regiogen.source.load import KeyPath, SourceMap

_NEUTER = {"knelpunt", "transformatieplan", "fundament"}  # het-woorden


class _Checker:
    def __init__(
        self, source_map: SourceMap, fallback: str, assume_known: frozenset[str] = frozenset()
    ) -> None:
        self.source_map = source_map
        self.fallback = fallback
        self.assume_known = assume_known
        self.diagnostics: list[Diagnostic] = []

    def report(self, code: str, message: str, path: KeyPath) -> None:
        pos = self.source_map.value(path)
        if pos is None:
            self.diagnostics.append(error(code, message, self.fallback))
        else:
            self.diagnostics.append(error(code, message, pos.path, pos.line, pos.col))

    def unique(
        self, what: str, ids: Sequence[str | None], base: KeyPath, field: str = "id"
    ) -> set[str]:
        seen: dict[str, int] = {}
        for index, ident in enumerate(ids):
            if ident is None:
                continue
            if ident in seen:
                first = self.source_map.value((*base, seen[ident], field))
                where = f" (eerder op regel {first.line})" if first else ""
                self.report(
                    "ref.duplicate-id",
                    f"{what} '{ident}' bestaat al{where}; geef elk een eigen id",
                    (*base, index, field),
                )
            else:
                seen[ident] = index
        return set(seen)

    def refers(self, what: str, known: Iterable[str], value: str | None, path: KeyPath) -> None:
        if value is None:
            return
        known = list(known)
        if value in known or value in self.assume_known:
            return
        hint = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        suffix = (
            f"; bedoelde u '{hint[0]}'?"
            if hint
            else (
                f"; bekend zijn: {', '.join(sorted(known))}" if known and len(known) <= 12 else ""
            )
        )
        adjective = "onbekend" if what in _NEUTER else "onbekende"
        self.report("ref.unknown", f"{adjective} {what} '{value}'{suffix}", path)

    def gemeente(self, codes: list[str], value: str | None, path: KeyPath) -> None:
        if value is None or any(same_gemeentecode(value, c) for c in codes):
            return
        self.report(
            "ref.unknown",
            f"gemeentecode '{value}' staat niet bij regio.gemeenten "
            f"({', '.join(codes) or 'geen gemeenten'})",
            path,
        )


def check_references(
    content: Content,
    source_map: SourceMap,
    fallback: str,
    assume_known: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """Report duplicate ids, references to unknown ids and dependency circles.

    ``assume_known``: ids of records left out because of schema errors; a reference to one
    of them is not reported as unknown (the schema error already is).
    """
    c = _Checker(source_map, fallback, assume_known)
    partijen = c.unique("partij", [p.id for p in content.partijen], ("partijen",))
    knelpunten = c.unique(
        "knelpunt", [k.id for k in content.regiobeeld.knelpunten], ("regiobeeld", "knelpunten")
    )
    opgaven = c.unique("opgave", [o.id for o in content.opgaven], ("opgaven",))
    afspraken = c.unique("afspraak", [a.id for a in content.afspraken], ("afspraken",))
    c.unique(
        "transformatieplan", [t.id for t in content.transformatieplannen], ("transformatieplannen",)
    )
    fundamenten = c.unique("fundament", [f.id for f in content.fundamenten], ("fundamenten",))
    rollen = c.unique("rol", [r.id for r in content.rollen], ("rollen",))
    trekkers = partijen | rollen
    codes = [g.code for g in content.regio.gemeenten]
    c.unique(
        "gemeentecode",
        [g.code.removeprefix("GM") for g in content.regio.gemeenten],
        ("regio", "gemeenten"),
        "code",
    )

    c.refers("partij", partijen, content.regio.marktleider, ("regio", "marktleider"))
    for i, p in enumerate(content.partijen):
        c.gemeente(codes, p.gemeente, ("partijen", i, "gemeente"))
    for i, o in enumerate(content.opgaven):
        for j, k in enumerate(o.knelpunten):
            c.refers("knelpunt", knelpunten, k, ("opgaven", i, "knelpunten", j))
    for i, a in enumerate(content.afspraken):
        c.refers("opgave", opgaven, a.opgave, ("afspraken", i, "opgave"))
        for j, p_id in enumerate(a.partijen):
            c.refers("partij", partijen, p_id, ("afspraken", i, "partijen", j))
        c.refers("partij", partijen, a.trekker, ("afspraken", i, "trekker"))
        for j, dep in enumerate(a.afhankelijk_van):
            c.refers("afspraak", afspraken, dep, ("afspraken", i, "afhankelijk_van", j))
        _initiatieven(c, partijen, a.initiatieven, ("afspraken", i, "initiatieven"))
        for j, mijlpaal in enumerate(a.mijlpalen):
            path: KeyPath = ("afspraken", i, "mijlpalen", j, "trekker")
            c.refers("partij of rol", trekkers, mijlpaal.trekker, path)
    for i, o in enumerate(content.opgaven):
        _initiatieven(c, partijen, o.initiatieven, ("opgaven", i, "initiatieven"))
    _plan_wide(c, content, partijen, trekkers, afspraken, fundamenten)
    _cycles(c, content)
    if content.mandaatstructuur:
        m = content.mandaatstructuur
        c.gemeente(codes, m.mandaathouder, ("mandaatstructuur", "mandaathouder"))
        for j, code in enumerate(m.gemeenten):
            c.gemeente(codes, code, ("mandaatstructuur", "gemeenten", j))
    if content.begroting:
        c.unique(
            "begrotingspost", [p.id for p in content.begroting.posten], ("begroting", "posten")
        )
        for i, post in enumerate(content.begroting.posten):
            c.refers("afspraak", afspraken, post.afspraak, ("begroting", "posten", i, "afspraak"))
    if content.aanvraag:
        c.gemeente(codes, content.aanvraag.ingediend_door, ("aanvraag", "ingediend_door"))
    for i, t in enumerate(content.transformatieplannen):
        base: KeyPath = ("transformatieplannen", i)
        for j, pp in enumerate(t.partijen):
            c.refers("partij", partijen, pp.partij, (*base, "partijen", j, "partij"))
        for j, o_id in enumerate(t.opgaven):
            c.refers("opgave", opgaven, o_id, (*base, "opgaven", j))
        for j, a_id in enumerate(t.afspraken):
            c.refers("afspraak", afspraken, a_id, (*base, "afspraken", j))
        for j, p_id in enumerate(t.goedgekeurd_door):
            c.refers("partij", partijen, p_id, (*base, "goedgekeurd_door", j))
        for j, baat in enumerate(t.baten):
            c.refers("partij", partijen, baat.partij, (*base, "baten", j, "partij"))
    return c.diagnostics


def _initiatieven(
    c: _Checker, partijen: set[str], initiatieven: Sequence[Initiatief], base: KeyPath
) -> None:
    for i, initiatief in enumerate(initiatieven):
        for j, p_id in enumerate(initiatief.partijen):
            c.refers("partij", partijen, p_id, (*base, i, "partijen", j))


def _plan_wide(
    c: _Checker,
    content: Content,
    partijen: set[str],
    trekkers: set[str],
    afspraken: set[str],
    fundamenten: set[str],
) -> None:
    """References of the plan-wide parts: fundamenten, werkagenda, mijlpalen, rollen."""
    for i, f in enumerate(content.fundamenten):
        c.refers("partij of rol", trekkers, f.trekker, ("fundamenten", i, "trekker"))
        _initiatieven(c, partijen, f.initiatieven, ("fundamenten", i, "initiatieven"))
    for i, w in enumerate(content.werkagenda):
        path: KeyPath = ("werkagenda", i)
        c.refers("partij of rol", trekkers, w.trekker, (*path, "trekker"))
        c.refers("afspraak", afspraken, w.afspraak, (*path, "afspraak"))
        c.refers("fundament", fundamenten, w.fundament, (*path, "fundament"))
    for i, m in enumerate(content.mijlpalen):
        c.refers("partij of rol", trekkers, m.trekker, ("mijlpalen", i, "trekker"))
    for i, r in enumerate(content.rollen):
        for j, p_id in enumerate(r.leden):
            c.refers("partij", partijen, p_id, ("rollen", i, "leden", j))


def _cycles(c: _Checker, content: Content) -> None:
    """Report each circle in the ``afhankelijk_van`` graph once (depth-first, linear time)."""
    graph = {a.id: [d for d in a.afhankelijk_van] for a in content.afspraken}
    index = {a.id: i for i, a in enumerate(content.afspraken)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in graph:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        iters = [iter(graph[root])]
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            if nxt not in graph or state.get(nxt) == 2:
                continue
            if state.get(nxt) == 1:
                ring = path[path.index(nxt) :]
                chain = " → ".join([*ring, nxt])
                c.report(
                    "ref.cycle",
                    f"afspraken hangen in een kring van elkaar af: {chain}",
                    ("afspraken", index[ring[-1]], "afhankelijk_van"),
                )
                continue
            state[nxt] = 1
            path.append(nxt)
            iters.append(iter(graph[nxt]))
