"""Diagnostics as SARIF 2.1.0, for code-scanning tools (GitHub, GitLab, editors).

:func:`to_sarif` writes one run with tool ``regiogen``: a rule per code that is used (rule
codes from the catalogue with their title and reference, other codes from
:data:`regiogen.diagnostics.CODES`) and a result per diagnostic. The output is deterministic:
sorted keys, no timestamps, no absolute paths of this machine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from regiogen.diagnostics import CODES, Diagnostic, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RULE_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(code: str, rules: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    row = rules.get(code)
    if row is not None:
        descriptor: dict[str, Any] = {
            "id": code,
            "shortDescription": {"text": row.get("title", code)},
            "properties": {key: row[key] for key in ("reference", "kinds") if row.get(key)},
        }
        level = _RULE_LEVELS.get(row.get("severity", ""))
        if level:
            descriptor["defaultConfiguration"] = {"level": level}
        if not descriptor["properties"]:
            del descriptor["properties"]
        return descriptor
    return {"id": code, "shortDescription": {"text": CODES.get(code, code)}}


def _uri(path: str) -> str:
    """A relative URI reference for a display path (forward slashes, percent-encoded)."""
    return quote(path.replace("\\", "/"), safe="/-._~")


def _result(diagnostic: Diagnostic, index: int, prefix: str = "") -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
    }
    if diagnostic.path:
        from regiogen.cli.codequality import report_path

        uri = _uri(report_path(diagnostic.path, prefix))
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if diagnostic.line is not None:
            region: dict[str, int] = {"startLine": diagnostic.line}
            if diagnostic.col is not None:
                region["startColumn"] = diagnostic.col
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    return result


def to_sarif(
    diagnostics: Sequence[Diagnostic],
    rules: list[dict[str, str]],
    tool_version: str,
    prefix: str = "",
) -> str:
    """Render diagnostics as a SARIF 2.1.0 log (JSON text ending in a newline).

    ``prefix`` is the project's folder in its repository: paths in the log are relative to
    the repository root, so code scanning places them on the right file.

    ``rules`` is :func:`regiogen.rules.rule_table` (id, severity, title, reference, kinds).
    Every code a diagnostic uses becomes a rule of the driver, sorted by id; results keep
    the order of ``diagnostics``.
    """
    by_id = {row["id"]: row for row in rules}
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {
        "name": "regiogen",
        "version": tool_version,
        "semanticVersion": tool_version,
        "rules": [_rule_descriptor(code, by_id) for code in codes],
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.code], prefix) for d in diagnostics],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
