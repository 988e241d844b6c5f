"""The rule registry: what a rule is, what it sees, and how its findings become diagnostics.

A rule is a function from a :class:`RuleContext` to :class:`Finding` objects. A finding names
the key path of the YAML that causes it (``("afspraken", 2, "trekker")``) and a Dutch
message; the registry turns it into a :class:`~regiogen.diagnostics.Diagnostic` with the
rule's id as code, the rule's severity (unless the finding overrides it), and the position of
that key path in the sources. A finding about a field that is absent points at the nearest
record that is present; a finding about something no file holds points at the region folder.

Rules are collected per subject module with a :class:`RuleSet` and gathered in
:mod:`regiogen.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.model.content import Content
from regiogen.model.project import REGION_KINDS
from regiogen.source.load import KeyPath, Position, SourceMap

#: Document kinds a rule can apply to (the region document kinds).
KINDS: tuple[str, ...] = REGION_KINDS


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: where (a key path), what (Dutch), and optionally how bad.

    ``at_key`` points the diagnostic at the key instead of the value (useful for a list or
    table as a whole, whose value starts on the next line).
    """

    path: KeyPath
    message: str
    severity: Severity | None = None
    at_key: bool = False


@dataclass
class RuleContext:
    """What a rule may look at.

    ``today`` is the reference date for time-relative checks when the plan has no date of its
    own (``regio.datum``); rules never read the wall clock. ``peildatum`` is the date the
    voortgang is judged at (``--peildatum``); without it the rules that need one say nothing.
    """

    content: Content
    source_map: SourceMap
    fallback_path: str
    max_opgaven: int = 5
    max_onbesteed: int = 10
    today: date | None = None
    peildatum: date | None = None

    @property
    def plandatum(self) -> date | None:
        """The date time-relative checks compare with: the plan's date, else ``today``."""
        return self.content.regio.datum or self.today

    def position(self, path: KeyPath, *, at_key: bool = False) -> Position | None:
        """Position of ``path`` (its key when ``at_key``), or of the nearest present ancestor.

        The root of the region (``()``) is not a useful place: it is the start of whichever
        file came last. When only the root is left, there is no position.
        """
        if at_key and path in self.source_map.keys:
            return self.source_map.keys[path]
        current = path
        while current:
            found = self.source_map.values.get(current)
            if found is not None:
                return found
            current = current[:-1]
        return None

    def diagnostic(
        self, code: str, severity: Severity, message: str, path: KeyPath, *, at_key: bool = False
    ) -> Diagnostic:
        """A diagnostic positioned at ``path`` (or at the region folder when unknown)."""
        pos = self.position(path, at_key=at_key)
        if pos is None:
            return Diagnostic(self.fallback_path, None, None, severity, code, message)
        return Diagnostic(pos.path, pos.line, pos.col, severity, code, message)


Check = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One IZA rule: stable dotted id, default severity, Dutch title, source, kinds, check.

    ``reference`` names the public source a user can look up: "IZA 2022 §3.2 p.44–45",
    "NZa 8-2-2024", "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)", "Regeling SPUK
    transformatiemiddelen (Stcrt. 2024, 17398) art. 3", "Beoordelingskader voorwaarde 1",
    "Addendum transformatiemiddelen", "handreiking §1.2"; never an internal number.
    """

    id: str
    severity: Severity
    title: str
    reference: str
    kinds: tuple[str, ...]
    check: Check

    def run(self, ctx: RuleContext) -> list[Diagnostic]:
        """Run the check and turn its findings into diagnostics."""
        return [
            ctx.diagnostic(self.id, f.severity or self.severity, f.message, f.path, at_key=f.at_key)
            for f in self.check(ctx)
        ]

    def as_row(self) -> dict[str, str]:
        """The rule as a table row: id, severity, title, reference, kinds."""
        return {
            "id": self.id,
            "severity": self.severity.value,
            "title": self.title,
            "reference": self.reference,
            "kinds": ", ".join(self.kinds),
        }


@dataclass
class RuleSet:
    """Collects the rules of one subject module with the :meth:`rule` decorator."""

    rules: list[Rule] = field(default_factory=list)

    def rule(
        self,
        rule_id: str,
        severity: Severity,
        title: str,
        reference: str,
        kinds: tuple[str, ...],
    ) -> Callable[[Check], Check]:
        """Register the decorated check function as a rule."""
        unknown = [k for k in kinds if k not in KINDS]
        if unknown or not kinds:
            raise ValueError(f"rule {rule_id}: unknown or no kinds {unknown}")

        def register(check: Check) -> Check:
            self.rules.append(Rule(rule_id, severity, title, reference, kinds, check))
            return check

        return register


def missing(value: object) -> bool:
    """True for an absent value: None, or text that is only whitespace, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return not value
    return False


def label(ident: str, titel: str | None = None) -> str:
    """How a record is named in messages: ``A1 'Mentale gezondheid in de wijk'``."""
    return f"{ident} '{titel}'" if titel else ident
