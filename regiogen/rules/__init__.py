"""Stage 3, rules: the IZA rule catalogue: every rule, in one registry, and how to run them.

Rules live in subject modules (:mod:`.regioplan`, :mod:`.roaz`, :mod:`.afspraken`, :mod:`.aanvraag`,
:mod:`.begroting`, :mod:`.transformatie`, :mod:`.plan`, :mod:`.werkagenda`,
:mod:`.businesscase`; :mod:`.meetbaar` says what "measurable" means), each collecting its rules in a
:class:`~regiogen.rules.registry.RuleSet`; :data:`RULES` gathers them here. Ids are stable,
dotted and Dutch (``iza.afspraak.trekker``) and are the diagnostic codes.

A project may switch a rule off or change its severity in ``regiogen.yaml`` (``regels:``),
always with a reason. :func:`run_rules` applies those settings and says so in the report.

May import: :mod:`regiogen.model`, :mod:`regiogen.source` and the shared modules.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from datetime import date

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.model.content import Content
from regiogen.model.project import RegelInstelling
from regiogen.rules import (
    aanvraag,
    afspraken,
    begroting,
    businesscase,
    plan,
    regioplan,
    roaz,
    transformatie,
    voortgang,
    werkagenda,
)
from regiogen.rules import gala as gala_regels
from regiogen.rules import regiobeeld as regiobeeld_regels
from regiogen.rules.registry import KINDS, Finding, Rule, RuleContext, RuleSet
from regiogen.source.load import SourceMap

__all__ = [
    "KINDS",
    "RULES",
    "Finding",
    "Rule",
    "RuleContext",
    "RuleSet",
    "rule_suggestion",
    "rule_table",
    "rules_by_id",
    "run_rules",
    "unknown_rule_settings",
]


def _collect(*sets: RuleSet) -> tuple[Rule, ...]:
    rules = tuple(rule for rule_set in sets for rule in rule_set.rules)
    ids = [r.id for r in rules]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise RuntimeError(f"rule ids registered twice: {', '.join(doubles)}")
    return rules


#: Every rule, in catalogue order (regioplan, afspraken, werkagenda, aanvraag, begroting,
#: transformatieplan, voortgang, regiobeeld, GALA).
RULES: tuple[Rule, ...] = _collect(
    regioplan.regels,
    roaz.regels,
    plan.regels,
    afspraken.regels,
    werkagenda.regels,
    aanvraag.regels,
    begroting.regels,
    transformatie.regels,
    businesscase.regels,
    voortgang.regels,
    regiobeeld_regels.regels,
    gala_regels.regels,
)


def rules_by_id() -> dict[str, Rule]:
    """The rules keyed by id."""
    return {rule.id: rule for rule in RULES}


def run_rules(
    content: Content,
    source_map: SourceMap,
    fallback_path: str,
    *,
    kinds: Sequence[str] | None = None,
    settings: Mapping[str, RegelInstelling] | None = None,
    max_opgaven: int = 5,
    max_onbesteed: int = 10,
    today: date | None = None,
    settings_path: str | None = None,
    peildatum: date | None = None,
) -> list[Diagnostic]:
    """Run the rules that apply to ``kinds`` (all when None) and return sorted diagnostics.

    ``settings`` are the ``regels:`` of ``regiogen.yaml``. A rule switched off yields one
    info diagnostic (code = the rule id) with the reason, positioned at ``settings_path``
    (default: ``fallback_path``); a changed ``ernst`` sets the severity of its diagnostics and
    adds the reason to each message. Unknown ids in ``settings`` are ignored here: see
    :func:`unknown_rule_settings`.
    """
    ctx = RuleContext(
        content=content,
        source_map=source_map,
        fallback_path=fallback_path,
        max_opgaven=max_opgaven,
        max_onbesteed=max_onbesteed,
        today=today,
        peildatum=peildatum,
    )
    settings = settings or {}
    wanted = set(kinds) if kinds is not None else None
    diagnostics: list[Diagnostic] = []
    for rule in RULES:
        if wanted is not None and not wanted.intersection(rule.kinds):
            continue
        setting = settings.get(rule.id)
        if setting is not None and setting.uit:
            diagnostics.append(
                Diagnostic(
                    settings_path or fallback_path,
                    None,
                    None,
                    Severity.INFO,
                    rule.id,
                    f"regel {rule.id} staat uit: {setting.reden}",
                )
            )
            continue
        found = rule.run(ctx)
        if setting is not None and setting.ernst is not None:
            ernst = Severity(setting.ernst)
            suffix = f" (ernst aangepast: {setting.reden})"
            found = [
                Diagnostic(d.path, d.line, d.col, ernst, d.code, d.message + suffix) for d in found
            ]
        diagnostics.extend(found)
    # Sort by position, severity, code and then message: ties must not depend on set order.
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (*d.sort_key(), d.message))


def rule_table() -> list[dict[str, str]]:
    """One row per rule (id, severity, title, reference, kinds), for ``regiogen rules``."""
    return [rule.as_row() for rule in RULES]


def unknown_rule_settings(settings: Mapping[str, object]) -> list[str]:
    """The ids under ``regels:`` in ``regiogen.yaml`` that name no rule, sorted."""
    known = rules_by_id()
    return sorted(rule_id for rule_id in settings if rule_id not in known)


def rule_suggestion(rule_id: str) -> str | None:
    """The rule id closest to a mistyped one, if any is close enough."""
    match = difflib.get_close_matches(rule_id, [r.id for r in RULES], n=1, cutoff=0.6)
    return match[0] if match else None
