"""What changed between two versions of a region, in the terms of the plan.

:func:`wijzigingen` compares two :class:`~regiogen.model.content.Content` values and lists the
changes a bestuurlijke tafel looks at: afspraken and opgaven added or dropped, a streefwaarde
from X to Y, a mijlpaal moved from one quarter to another or given a status, a begrotingspost
changed by an amount. Records are matched by id (afspraken, opgaven, posten), by indicator
(resultaten) and by description (mijlpalen).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from regiogen.model.content import Afspraak, Begroting, Content, Mijlpaal, Post, Resultaat
from regiogen.source.dates import format_datum, kwartaal
from regiogen.source.money import format_euro

ZERO = Decimal("0")


@dataclass(frozen=True)
class Wijziging:
    """One change: what kind, about what, from what to what, and the sentence saying so."""

    regio: str
    soort: str  # toegevoegd, vervallen, gewijzigd, verplaatst
    onderwerp: str  # afspraak A1, mijlpaal 'x' (A1), post P3, ...
    veld: str | None
    oud: str | None
    nieuw: str | None
    tekst: str

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data."""
        return asdict(self)


def _moment(m: Mijlpaal) -> str | None:
    if m.wanneer is None:
        return None
    return m.wanneer.text if m.wanneer.start == m.wanneer.end else kwartaal(m.wanneer.end)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return format_datum(value)  # type: ignore[arg-type]
    return str(value)


class _Collect:
    def __init__(self, regio: str) -> None:
        self.regio = regio
        self.found: list[Wijziging] = []

    def add(
        self,
        soort: str,
        onderwerp: str,
        tekst: str,
        veld: str | None = None,
        oud: str | None = None,
        nieuw: str | None = None,
    ) -> None:
        self.found.append(Wijziging(self.regio, soort, onderwerp, veld, oud, nieuw, tekst))

    def field(self, onderwerp: str, veld: str, oud: object, nieuw: object) -> None:
        a, b = _text(oud), _text(nieuw)
        if a == b:
            return
        self.add(
            "gewijzigd",
            onderwerp,
            f"{onderwerp}: {veld} van {a or '(leeg)'} naar {b or '(leeg)'}",
            veld,
            a,
            b,
        )


def wijzigingen(regio: str, oud: Content | None, nieuw: Content | None) -> list[Wijziging]:
    """The changes from ``oud`` to ``nieuw`` (either may be None: region added or dropped)."""
    c = _Collect(regio)
    if oud is None and nieuw is not None:
        c.add("toegevoegd", f"regio {regio}", f"regio {nieuw.regio.naam} is toegevoegd")
        return c.found
    if nieuw is None and oud is not None:
        c.add("vervallen", f"regio {regio}", f"regio {oud.regio.naam} is vervallen")
        return c.found
    assert oud is not None and nieuw is not None
    c.field("regio", "status", oud.regio.status, nieuw.regio.status)
    _records(
        c, "opgave", {o.id: o.titel for o in oud.opgaven}, {o.id: o.titel for o in nieuw.opgaven}
    )
    old_afspraken = {a.id: a for a in oud.afspraken}
    new_afspraken = {a.id: a for a in nieuw.afspraken}
    _records(
        c,
        "afspraak",
        {k: a.titel for k, a in old_afspraken.items()},
        {k: a.titel for k, a in new_afspraken.items()},
    )
    for ident, new in new_afspraken.items():
        old = old_afspraken.get(ident)
        if old is not None:
            _afspraak(c, old, new)
    _begroting(c, oud.begroting, nieuw.begroting)
    return c.found


def _records(c: _Collect, naam: str, old: dict[str, str], new: dict[str, str]) -> None:
    for ident, titel in new.items():
        if ident not in old:
            c.add("toegevoegd", f"{naam} {ident}", f"{naam} {ident} '{titel}' is toegevoegd")
        elif old[ident] != titel:
            c.field(f"{naam} {ident}", "titel", old[ident], titel)
    for ident, titel in old.items():
        if ident not in new:
            c.add("vervallen", f"{naam} {ident}", f"{naam} {ident} '{titel}' is vervallen")


def _afspraak(c: _Collect, old: Afspraak, new: Afspraak) -> None:
    onderwerp = f"afspraak {new.id}"
    c.field(onderwerp, "trekker", old.trekker, new.trekker)
    c.field(onderwerp, "opgave", old.opgave, new.opgave)
    old_r = {r.indicator or str(i): r for i, r in enumerate(old.resultaten)}
    new_r = {r.indicator or str(i): r for i, r in enumerate(new.resultaten)}
    for key, r in new_r.items():
        if key not in old_r:
            c.add(
                "toegevoegd",
                f"resultaat '{key}' ({new.id})",
                f"resultaat '{key}' van {new.id} is toegevoegd",
            )
        else:
            _resultaat(c, f"resultaat '{key}' ({new.id})", old_r[key], r)
    for key in old_r:
        if key not in new_r:
            c.add(
                "vervallen",
                f"resultaat '{key}' ({new.id})",
                f"resultaat '{key}' van {new.id} is vervallen",
            )
    old_m = {m.wat: m for m in old.mijlpalen}
    new_m = {m.wat: m for m in new.mijlpalen}
    for wat, m in new_m.items():
        onderwerp = f"mijlpaal '{wat}' ({new.id})"
        if wat not in old_m:
            c.add(
                "toegevoegd",
                onderwerp,
                f"{onderwerp} is toegevoegd ({_moment(m) or 'zonder datum'})",
            )
            continue
        _mijlpaal(c, onderwerp, old_m[wat], m)
    for wat in old_m:
        if wat not in new_m:
            onderwerp = f"mijlpaal '{wat}' ({new.id})"
            c.add("vervallen", onderwerp, f"{onderwerp} is vervallen")


def _resultaat(c: _Collect, onderwerp: str, old: Resultaat, new: Resultaat) -> None:
    c.field(onderwerp, "streefwaarde", old.streefwaarde, new.streefwaarde)
    c.field(onderwerp, "nulmeting", old.nulmeting, new.nulmeting)
    c.field(onderwerp, "datum", old.datum, new.datum)
    if len(new.metingen) > len(old.metingen):
        extra = len(new.metingen) - len(old.metingen)
        c.add("gewijzigd", onderwerp, f"{onderwerp}: {extra} nieuwe meting(en)", "metingen")


def _mijlpaal(c: _Collect, onderwerp: str, old: Mijlpaal, new: Mijlpaal) -> None:
    a, b = _moment(old), _moment(new)
    if a != b:
        c.add(
            "verplaatst",
            onderwerp,
            f"{onderwerp} is verplaatst van {a or '(geen datum)'} naar {b or '(geen datum)'}",
            "wanneer",
            a,
            b,
        )
    c.field(onderwerp, "status", old.status, new.status)
    c.field(
        onderwerp,
        "bedrag",
        old.bedrag and format_euro(old.bedrag),
        new.bedrag and format_euro(new.bedrag),
    )


def _post_key(post: Post, i: int) -> str:
    return post.id or post.omschrijving or str(i)


def _begroting(c: _Collect, old: Begroting | None, new: Begroting | None) -> None:
    if old is None or new is None:
        if old is not None or new is not None:
            c.add(
                "toegevoegd" if new else "vervallen",
                "begroting",
                "begroting is " + ("toegevoegd" if new else "vervallen"),
            )
        return
    for jaar in sorted(set(old.toegekend) | set(new.toegekend)):
        a, b = old.toegekend.get(jaar), new.toegekend.get(jaar)
        if a != b:
            c.field(
                "begroting",
                f"toegekend {jaar}",
                (a is not None and format_euro(a)) or None,
                (b is not None and format_euro(b)) or None,
            )
    old_p = {_post_key(p, i): p for i, p in enumerate(old.posten)}
    new_p = {_post_key(p, i): p for i, p in enumerate(new.posten)}
    for key, post in new_p.items():
        onderwerp = f"post {key}"
        if key not in old_p:
            totaal = sum(post.bedragen.values(), ZERO)
            c.add(
                "toegevoegd",
                onderwerp,
                f"{onderwerp} '{post.omschrijving}' is toegevoegd ({format_euro(totaal)})",
            )
            continue
        _post(c, onderwerp, old_p[key], post)
    for key, post in old_p.items():
        if key not in new_p:
            totaal = sum(post.bedragen.values(), ZERO)
            c.add(
                "vervallen",
                f"post {key}",
                f"post {key} '{post.omschrijving}' is vervallen ({format_euro(totaal)})",
            )


def _post(c: _Collect, onderwerp: str, old: Post, new: Post) -> None:
    parts = []
    delta = ZERO
    for jaar in sorted(set(old.bedragen) | set(new.bedragen)):
        a, b = old.bedragen.get(jaar, ZERO), new.bedragen.get(jaar, ZERO)
        if a != b:
            delta += b - a
            parts.append(f"{jaar}: {format_euro(a)} → {format_euro(b)}")
    if parts:
        richting = "hoger" if delta > 0 else "lager" if delta < 0 else "gelijk in totaal"
        bedrag = f"{format_euro(abs(delta))} {richting}" if delta else richting
        c.add(
            "gewijzigd",
            onderwerp,
            f"{onderwerp} '{new.omschrijving}' is {bedrag} ({'; '.join(parts)})",
            "bedragen",
            format_euro(sum(old.bedragen.values(), ZERO)),
            format_euro(sum(new.bedragen.values(), ZERO)),
        )
    c.field(onderwerp, "omschrijving", old.omschrijving, new.omschrijving)


def regels(found: list[Wijziging]) -> Iterator[str]:
    """The changes as text lines, grouped per region."""
    regio = None
    for w in found:
        if w.regio != regio:
            regio = w.regio
            yield f"# {regio}"
        yield f"- {w.tekst}"
